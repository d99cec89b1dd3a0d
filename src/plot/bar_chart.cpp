// Bar charts: grouped bars, one group per category and one bar per series
// (write_bar_chart_png).
#include <plplot.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "plot/axes.hpp"
#include "plot/frame.hpp"
#include "plot/legend.hpp"
#include "plot/plplot_stream.hpp"
#include "rbfsvm/core/atomic_file.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/plot/plot.hpp"

namespace rbfsvm {
namespace {

using detail::format_value;
using detail::TickFormat;

constexpr std::size_t kMaxSeries = 10;  // one per tab10 colour
constexpr std::size_t kMaxCategories = 100;
constexpr double kGroupWidth = 0.8;  // of each category's unit of width, the rest is a gap

// Colours added to the stream's colour map 0 (detail::PlplotColor stops at 12).
constexpr PLINT kGridLine = 13;
constexpr PLINT kColourCount = 14;

[[noreturn]] void refuse(const std::string& message) {
  throw InvalidArgument("write_bar_chart_png: " + message);
}

void validate(const std::vector<std::string>& categories, const std::vector<BarSeries>& series,
              const BarChartOptions& options) {
  if (categories.empty()) refuse("there are no categories");
  if (categories.size() > kMaxCategories) {
    refuse(std::to_string(categories.size()) + " categories, more than " +
           std::to_string(kMaxCategories));
  }
  if (series.empty()) refuse("there are no series");
  if (series.size() > kMaxSeries) {
    refuse(std::to_string(series.size()) + " series, more than the " + std::to_string(kMaxSeries) +
           " that have colours of their own");
  }
  bool any_value = false;
  for (std::size_t s = 0; s < series.size(); ++s) {
    const std::string name = "series " + std::to_string(s) + " ('" + series[s].label + "')";
    if (series[s].values.size() != categories.size()) {
      refuse(name + " has " + std::to_string(series[s].values.size()) + " values for " +
             std::to_string(categories.size()) + " categories");
    }
    for (std::size_t k = 0; k < categories.size(); ++k) {
      const double value = series[s].values[k];
      if (std::isinf(value)) {
        refuse(name + " value " + format_value(value) + " for '" + categories[k] + "' is infinite");
      }
      any_value = any_value || std::isfinite(value);
    }
  }
  if (!any_value) refuse("every value is NaN: there is no bar to draw");
  if (std::isinf(options.reference_line)) refuse("the reference line is infinite");
  detail::check_image_size("write_bar_chart_png", options.width, options.height);
}

// The value printed above a bar: 3 significant digits, locale-independent enough for numbers
// of this size (snprintf's %g prints no thousands separators).
std::string value_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", value);
  return text;
}

// Sizes in pixels, as density_layout in density_plot.cpp places them.
struct BarLayout {
  double font;
  double left, right, top, bottom;
  double y_label_distance;  // from the left edge of the plot, character heights
  TickFormat y_ticks;
};

BarLayout bar_layout(double width, double height, bool has_title, double y_low, double y_high) {
  BarLayout layout{};
  layout.y_ticks = detail::value_ticks(y_low, y_high, 5.0);
  const double widest = detail::widest_label(detail::tick_labels(y_low, y_high, layout.y_ticks));
  double font = std::clamp(std::min(width, height) / 50.0, 6.0, 48.0);
  for (;;) {
    layout.font = font;
    layout.y_label_distance = 1.0 + widest + 1.3;
    layout.left = font * (layout.y_label_distance + 0.5 + 0.8);
    layout.right = font * 2.0;
    layout.top = has_title ? font * (1.25 * 2.0 + 0.8) : font * 1.2;
    layout.bottom = font * (2.3 + 1.0 + 1.2 + 0.7);
    const bool fits = width - layout.left - layout.right >= 0.5 * width &&
                      height - layout.top - layout.bottom >= 0.5 * height;
    if (fits || font <= 2.0) break;
    font *= 0.85;
  }
  return layout;
}

// Where everything goes, prepared before drawing (nothing with a destructor may be created
// while PLplot draws).
struct BarDrawing {
  double font_mm;
  double viewport[4];  // normalized page units
  double window[4];    // world units: xmin, xmax, ymin, ymax
  double y_label_distance;
  TickFormat y_ticks;
  const double* bar_x;  // 5 corners per bar (closed outline), world units
  const double* bar_y;
  const PLINT* bar_colours;
  PLINT bars;
  const double* value_x;  // where each bar's value is printed, world units
  const double* value_y;
  const char* const* value_text;  // null when values are not shown
  PLINT categories;
  const char* const* category_text;
  bool has_reference;
  double reference_x[2];
  double reference_y[2];
  const char* title;  // empty for none
  const char* x_label;
  const char* y_label;
  const detail::Legend* legend;  // null: no legend
};

void draw_bars(const BarDrawing& d) {
  pladv(0);
  plscmap0n(kColourCount);
  plscol0(kGridLine, 235, 235, 235);
  detail::set_character_size(d.font_mm);
  const double line_width = detail::line_width_for(d.font_mm);
  plwidth(line_width);
  plvpor(d.viewport[0], d.viewport[1], d.viewport[2], d.viewport[3]);
  plwind(d.window[0], d.window[1], d.window[2], d.window[3]);

  plcol0(kGridLine);
  plbox("", 0.0, 0, "g", d.y_ticks.step / d.y_ticks.scale, 0);

  for (PLINT b = 0; b < d.bars; ++b) {
    plcol0(d.bar_colours[b]);
    plfill(4, d.bar_x + 5 * b, d.bar_y + 5 * b);
  }
  // The zero line, then the reference line dashed over the bars.
  plcol0(detail::kForeground);
  const PLFLT zero_x[2] = {d.window[0], d.window[1]};
  const PLFLT zero_y[2] = {0.0, 0.0};
  plline(2, zero_x, zero_y);
  if (d.has_reference) {
    pllsty(2);
    plline(2, d.reference_x, d.reference_y);
    pllsty(1);
  }
  if (d.value_text != nullptr) {
    plschr(d.font_mm, 0.8);
    for (PLINT b = 0; b < d.bars; ++b)
      plptex(d.value_x[b], d.value_y[b], 1.0, 0.0, 0.5, d.value_text[b]);
    plschr(d.font_mm, 1.0);
  }

  plcol0(detail::kForeground);
  plbox("bc", 0.0, 0, "bc", 0.0, 0);
  plslabelfunc(detail::label_tick, const_cast<TickFormat*>(&d.y_ticks));
  plbox("", 0.0, 0, "binvto", d.y_ticks.step / d.y_ticks.scale, 0);
  plslabelfunc(nullptr, nullptr);
  for (PLINT k = 0; k < d.categories; ++k) {
    plmtex("b", 1.5, (k + 0.5) / d.categories, 0.5, d.category_text[k]);
  }
  detail::draw_axis_labels(d.x_label, d.y_label, d.y_label_distance, d.title, d.font_mm);

  if (d.legend != nullptr) {
    d.legend->draw(PL_POSITION_TOP | PL_POSITION_LEFT, 0.02, 0.03, 0.05, kGridLine);
  }
}

// The y range: 0, every value and the reference line, with room above for the value labels
// and, with several series, for the legend at the upper left.
std::pair<double, double> value_range(const std::vector<BarSeries>& series,
                                      const BarChartOptions& options) {
  double y_low = 0.0, y_high = 0.0;
  for (const BarSeries& s : series) {
    for (const double value : s.values) {
      if (std::isnan(value)) continue;
      y_low = std::min(y_low, value);
      y_high = std::max(y_high, value);
    }
  }
  if (std::isfinite(options.reference_line)) {
    y_low = std::min(y_low, options.reference_line);
    y_high = std::max(y_high, options.reference_line);
  }
  if (!(y_high > y_low)) y_high = 1.0;  // every value 0
  const double span = y_high - y_low;
  const double head_room = series.size() > 1 ? 0.25 : 0.1;
  if (y_low < 0) y_low -= 0.1 * span;
  y_high += head_room * span;
  if (!std::isfinite(span) || !std::isfinite(y_high - y_low)) {
    refuse("the values span " + format_value(y_low) + " to " + format_value(y_high) +
           ", a range that overflows a double");
  }
  return {y_low, y_high};
}

// The bars as closed outlines in world units (category k spans [k, k + 1] across, values are
// divided by `scale`), and where their values are printed.
struct Bars {
  std::vector<double> x, y;  // 5 corners each
  std::vector<PLINT> colours;
  std::vector<double> value_x, value_y;
  std::vector<std::string> values;
  std::vector<const char*> value_text;  // into values
};

Bars bar_outlines(std::size_t categories, const std::vector<BarSeries>& series, double y_low,
                  double y_high, double scale) {
  Bars bars;
  const double bar_width = kGroupWidth / static_cast<double>(series.size());
  const double label_gap = 0.02 * (y_high - y_low) / scale;
  for (std::size_t k = 0; k < categories; ++k) {
    for (std::size_t s = 0; s < series.size(); ++s) {
      const double value = series[s].values[k];
      if (std::isnan(value)) continue;
      const double left =
          static_cast<double>(k) + 0.5 * (1.0 - kGroupWidth) + static_cast<double>(s) * bar_width;
      const double right = left + bar_width;
      const double top = value / scale;
      for (const double x : {left, left, right, right, left}) bars.x.push_back(x);
      for (const double y : {0.0, top, top, 0.0, 0.0}) bars.y.push_back(y);
      bars.colours.push_back(detail::kFirstSeries + static_cast<PLINT>(s));
      bars.value_x.push_back(0.5 * (left + right));
      // Above a positive bar; below a negative one (the text's baseline is at value_y).
      bars.value_y.push_back(value >= 0 ? top + label_gap
                                        : top - label_gap - 0.04 * (y_high - y_low) / scale);
      bars.values.push_back(value_text(value));
    }
  }
  for (const std::string& text : bars.values) bars.value_text.push_back(text.c_str());
  return bars;
}

}  // namespace

void write_bar_chart_png(const std::vector<std::string>& categories,
                         const std::vector<BarSeries>& series, const std::string& path,
                         const BarChartOptions& options) {
  validate(categories, series, options);
  const auto [y_low, y_high] = value_range(series, options);
  const double width = options.width, height = options.height;
  const BarLayout layout = bar_layout(width, height, !options.title.empty(), y_low, y_high);
  const double scale = layout.y_ticks.scale;
  const Bars bars = bar_outlines(categories.size(), series, y_low, y_high, scale);

  std::vector<std::string> category_strings;
  for (const std::string& name : categories) category_strings.push_back(detail::plplot_text(name));
  std::vector<const char*> category_pointers;
  for (const std::string& text : category_strings) category_pointers.push_back(text.c_str());
  // A colour box per series; none for a single series.
  detail::Legend legend;
  for (std::size_t s = 0; s < series.size(); ++s) {
    legend.add_colour_box(detail::kFirstSeries + static_cast<PLINT>(s), series[s].label);
  }

  const std::string title = detail::plplot_text(options.title);
  const std::string x_label = detail::plplot_text(options.x_label);
  const std::string y_label = detail::plplot_text(options.y_label);
  const double x_high = static_cast<double>(categories.size());
  const bool has_reference = std::isfinite(options.reference_line);
  const double reference = has_reference ? options.reference_line / scale : 0.0;
  const BarDrawing drawing{layout.font / detail::kPixelsPerMm,
                           {layout.left / width, 1.0 - layout.right / width, layout.bottom / height,
                            1.0 - layout.top / height},
                           {0.0, x_high, y_low / scale, y_high / scale},
                           layout.y_label_distance,
                           layout.y_ticks,
                           bars.x.data(),
                           bars.y.data(),
                           bars.colours.data(),
                           static_cast<PLINT>(bars.colours.size()),
                           bars.value_x.data(),
                           bars.value_y.data(),
                           options.show_values ? bars.value_text.data() : nullptr,
                           static_cast<PLINT>(categories.size()),
                           category_pointers.data(),
                           has_reference,
                           {0.0, x_high},
                           {reference, reference},
                           title.c_str(),
                           x_label.c_str(),
                           y_label.c_str(),
                           series.size() > 1 ? &legend : nullptr};

  write_file_atomically(path, [&](const std::string& temp) {
    detail::PlplotStream stream(temp, path, options.width, options.height);
    stream.draw([&] { draw_bars(drawing); });
    stream.finish();
  });
}

}  // namespace rbfsvm
