// Internal: axis ticks, tick labels and text widths shared by the plots (heatmap.cpp,
// density_plot.cpp, bar_chart.cpp and the decision-boundary picture in decision/). Defined in
// axes.cpp.
#pragma once

#include <plplot.h>

#include <cstddef>
#include <string>
#include <vector>

namespace rbfsvm::detail {

// Image sizes every plot accepts, in pixels.
constexpr int kMinPixels = 16;
constexpr int kMaxPixels = 10000;

// The shortest text that reads back as `value`, in any locale.
std::string format_value(double value);

// A round spacing (1, 2 or 5 times a power of ten) giving about `intervals` steps over `range`.
double nice_step(double range, double intervals);

// How the tick labels of one axis are printed. PLplot hands each tick value to label_tick
// through plslabelfunc with a pointer to one of these, so it is plain data.
struct TickFormat {
  double step;      // between ticks; values within step * 1e-6 of zero print as "0"
  double scale;     // PLplot's coordinates times scale are the values to print
  bool scientific;  // "1.5e6" rather than "1500000.0"
  int precision;    // digits after the decimal point
};

// Writes the label for `value` into text[0..size), locale-independently (std::to_chars).
void format_tick(double value, const TickFormat& format, char* text, std::size_t size);

// plslabelfunc's callback; `format` points to a TickFormat.
void label_tick(PLINT axis, PLFLT value, char* text, PLINT size, PLPointer format);

// The labels of the multiples of format.step within [low, high], as PLplot will print them.
std::vector<std::string> tick_labels(double low, double high, const TickFormat& format);

// Ticks about `intervals` apart over [low, high] (low < high, both finite), with enough digits
// to tell them apart: fixed-point unless scientific notation is clearly shorter. PLplot is to
// see the values divided by the format's scale, a power of two near their magnitude (exactly,
// so positions do not move): its arithmetic overflows near 1e308 and loses precision near
// 1e-300.
TickFormat value_ticks(double low, double high, double intervals = 6.0);

// The width of a numeric label in DejaVu Sans (fontconfig's usual "sans") in units of PLplot's
// character height, for layouts (PLplot's plstrl() is not exported by the shared library).
double label_width(const std::string& label);
double widest_label(const std::vector<std::string>& labels);

}  // namespace rbfsvm::detail
