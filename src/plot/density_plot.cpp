// Line plots: a sample's histogram with density curves on top (write_density_plot_png).
#include <plplot.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "plot/axes.hpp"
#include "plot/plplot_stream.hpp"
#include "rbfsvm/core/atomic_file.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/plot/plot.hpp"

namespace rbfsvm {
namespace {

using detail::format_value;
using detail::TickFormat;

constexpr std::size_t kMaxCurves = 10;  // one per tab10 colour
constexpr int kMaxBins = 1000;
constexpr int kMaxAutomaticBins = 200;

// Colours added to the stream's colour map 0 (detail::PlplotColor stops at 12).
constexpr PLINT kGridLine = 13;
constexpr PLINT kBarFill = 14;
constexpr PLINT kBarEdge = 15;
constexpr PLINT kColourCount = 16;

[[noreturn]] void refuse(const std::string& message) {
  throw InvalidArgument("write_density_plot_png: " + message);
}

void validate(const Eigen::Ref<const Eigen::VectorXd>& sample, const std::vector<Curve>& curves,
              const DensityPlotOptions& options) {
  if (sample.size() == 0) refuse("the sample is empty");
  for (Eigen::Index i = 0; i < sample.size(); ++i) {
    if (!std::isfinite(sample(i))) {
      refuse("sample value " + format_value(sample(i)) + " at " + std::to_string(i) +
             " is not finite");
    }
  }
  if (curves.size() > kMaxCurves) {
    refuse(std::to_string(curves.size()) + " curves, more than the " + std::to_string(kMaxCurves) +
           " that have colours of their own");
  }
  for (std::size_t c = 0; c < curves.size(); ++c) {
    const Curve& curve = curves[c];
    const std::string name = "curve " + std::to_string(c) + " ('" + curve.label + "')";
    if (curve.x.size() != curve.y.size()) {
      refuse(name + " has " + std::to_string(curve.x.size()) + " x values but " +
             std::to_string(curve.y.size()) + " y values");
    }
    if (curve.x.size() < 2) {
      refuse(name + " has " + std::to_string(curve.x.size()) + " points; at least 2 are needed");
    }
    for (std::size_t k = 0; k < curve.x.size(); ++k) {
      if (!std::isfinite(curve.x[k]) || !std::isfinite(curve.y[k])) {
        refuse(name + " point " + std::to_string(k) + " (" + format_value(curve.x[k]) + ", " +
               format_value(curve.y[k]) + ") is not finite");
      }
    }
  }
  if (options.bins < 0 || options.bins > kMaxBins) {
    refuse("bins " + std::to_string(options.bins) + " is outside 0.." + std::to_string(kMaxBins) +
           " (0 chooses automatically)");
  }
  const auto check_size = [](const char* name, int pixels) {
    if (pixels < detail::kMinPixels || pixels > detail::kMaxPixels) {
      refuse(std::string(name) + " " + std::to_string(pixels) + " is outside " +
             std::to_string(detail::kMinPixels) + ".." + std::to_string(detail::kMaxPixels) +
             " pixels");
    }
  };
  check_size("width", options.width);
  check_size("height", options.height);
}

// numpy.percentile's default (linear interpolation between order statistics) of sorted values.
double percentile(const std::vector<double>& sorted, double percent) {
  const double position = percent / 100.0 * static_cast<double>(sorted.size() - 1);
  const std::size_t below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double fraction = position - static_cast<double>(below);
  return sorted[below] + fraction * (sorted[above] - sorted[below]);
}

// A histogram normalized to area 1: heights[k] = counts[k] / (n * width) over
// [edges[k], edges[k + 1]), the last bin closed (numpy.histogram's convention).
struct Histogram {
  std::vector<double> edges;
  std::vector<double> heights;
};

Histogram density_histogram(const Eigen::Ref<const Eigen::VectorXd>& sample, int requested_bins) {
  std::vector<double> sorted(sample.data(), sample.data() + sample.size());
  std::sort(sorted.begin(), sorted.end());
  const double n = static_cast<double>(sorted.size());
  double low = sorted.front();
  double high = sorted.back();
  if (!(high - low > 1e-12 * std::max(std::abs(low), std::abs(high)))) {
    // One value (numpy widens the range by 0.5 each way; so do we, or by 5% when larger).
    const double half = std::max(0.5, 0.05 * std::abs(low));
    low -= half;
    high += half;
  }
  const double range = high - low;
  if (!std::isfinite(range)) {
    refuse("the sample spans " + format_value(low) + " to " + format_value(high) +
           ", a range that overflows a double");
  }
  int bins = requested_bins;
  if (bins == 0) {
    // numpy's "auto": the narrower of Freedman-Diaconis and Sturges.
    const double sturges = range / (std::log2(n) + 1.0);
    const double iqr = percentile(sorted, 75.0) - percentile(sorted, 25.0);
    const double freedman_diaconis = 2.0 * iqr / std::cbrt(n);
    const double width = freedman_diaconis > 0 ? std::min(freedman_diaconis, sturges) : sturges;
    bins = static_cast<int>(std::min(std::ceil(range / width), double{kMaxAutomaticBins}));
    bins = std::max(bins, 1);
  }
  Histogram histogram;
  std::vector<double> counts(static_cast<std::size_t>(bins), 0.0);
  for (const double value : sorted) {
    const double position = (value - low) / range * bins;
    const int bin = std::clamp(static_cast<int>(std::floor(position)), 0, bins - 1);
    counts[static_cast<std::size_t>(bin)] += 1;
  }
  const double width = range / bins;
  for (int k = 0; k <= bins; ++k) histogram.edges.push_back(low + range * k / bins);
  for (const double count : counts) histogram.heights.push_back(count / (n * width));
  return histogram;
}

// Ticks over [low, high] about `most` intervals apart, or fewer when their labels would not fit
// in `room` character heights along the axis; extent(label) is the room one label needs.
template <class Extent>
TickFormat fitting_ticks(double low, double high, double most, double room, Extent extent) {
  TickFormat format{};
  for (const double intervals : {most, 0.75 * most, 0.5 * most, 0.35 * most, 0.25 * most}) {
    format = detail::value_ticks(low, high, std::max(intervals, 1.0));
    double needed = 0;
    for (const std::string& label : detail::tick_labels(low, high, format)) needed += extent(label);
    if (needed <= room) break;
  }
  return format;
}

// Sizes in pixels: the font follows the image size (smaller if the margins would crowd out the
// plot); margins hold tick labels, axis labels and the title, at distances in character heights
// as PLplot places text.
struct DensityLayout {
  double font;
  double left, right, top, bottom;
  double y_label_distance;  // from the left edge of the plot, character heights
  TickFormat x_ticks, y_ticks;
};

DensityLayout density_layout(double width, double height, bool has_title, double x_low,
                             double x_high, double y_low, double y_high) {
  DensityLayout layout{};
  layout.y_ticks = detail::value_ticks(y_low, y_high, 5.0);
  const auto place = [&](double font) {
    const double widest = detail::widest_label(detail::tick_labels(y_low, y_high, layout.y_ticks));
    layout.font = font;
    layout.y_label_distance = 1.0 + widest + 1.3;
    layout.left = font * (layout.y_label_distance + 0.5 + 0.8);
    layout.right = font * 2.0;
    layout.top = has_title ? font * (1.25 * 2.0 + 0.8) : font * 1.2;
    layout.bottom = font * (2.3 + 1.0 + 1.2 + 0.7);
  };
  double font = std::clamp(std::min(width, height) / 50.0, 6.0, 48.0);
  for (;;) {
    place(font);
    const bool fits = width - layout.left - layout.right >= 0.5 * width &&
                      height - layout.top - layout.bottom >= 0.5 * height;
    if (fits || font <= 2.0) break;
    font *= 0.85;
  }
  // Fewer ticks where labels would collide: x labels side by side with a gap of 1.5, y labels
  // (4/3 of a character height tall, see label_width) with a gap of 0.7.
  const double plot_height = (height - layout.top - layout.bottom) / font;
  layout.y_ticks = fitting_ticks(y_low, y_high, 5.0, plot_height,
                                 [](const std::string&) { return 4.0 / 3.0 + 0.7; });
  place(font);
  const double plot_width = (width - layout.left - layout.right) / font;
  layout.x_ticks = fitting_ticks(x_low, x_high, 8.0, plot_width, [](const std::string& label) {
    return detail::label_width(label) + 1.5;
  });
  return layout;
}

// Where everything goes, prepared before drawing (nothing with a destructor may be created
// while PLplot draws).
struct DensityDrawing {
  double font_mm;
  double viewport[4];       // normalized page units
  double window[4];         // world units: xmin, xmax, ymin, ymax
  double y_label_distance;  // from the left edge, character heights
  TickFormat x_ticks, y_ticks;
  const double* bar_x;  // 5 corners per bar (closed outline), world units
  const double* bar_y;
  PLINT bars;
  const double* const* curve_x;  // world units
  const double* const* curve_y;
  const PLINT* curve_points;
  PLINT curves;
  const char* title;  // empty for none
  const char* x_label;
  const char* y_label;
  // The legend: entry 0 the histogram, then one per curve.
  PLINT legend_entries;
  const PLINT* legend_options;
  const PLINT* legend_text_colours;
  const char* const* legend_text;
  const PLINT* legend_box_colours;
  const PLINT* legend_box_patterns;
  const PLFLT* legend_box_scales;
  const PLFLT* legend_box_line_widths;
  const PLINT* legend_line_colours;
  const PLINT* legend_line_styles;
  const PLFLT* legend_line_widths;
  const PLINT* legend_symbol_colours;
  const PLFLT* legend_symbol_scales;
  const PLINT* legend_symbol_numbers;
  const char* const* legend_symbols;
};

void draw_density(const DensityDrawing& d) {
  pladv(0);
  const PLINT grey[3] = {235, 235, 235};
  plscmap0n(kColourCount);
  plscol0(kGridLine, grey[0], grey[1], grey[2]);
  plscol0(kBarFill, 204, 220, 237);  // a light steel blue
  plscol0(kBarEdge, 255, 255, 255);
  plschr(d.font_mm, 1.0);
  plsmaj(0.35 * d.font_mm, 1.0);
  plsmin(0.175 * d.font_mm, 1.0);
  const double line_width = std::max(1.0, d.font_mm * detail::kPixelsPerMm / 14.0);
  plwidth(line_width);
  plvpor(d.viewport[0], d.viewport[1], d.viewport[2], d.viewport[3]);
  plwind(d.window[0], d.window[1], d.window[2], d.window[3]);

  plcol0(kGridLine);
  plbox("", 0.0, 0, "g", d.y_ticks.step / d.y_ticks.scale, 0);

  for (PLINT b = 0; b < d.bars; ++b) {
    plcol0(kBarFill);
    plfill(4, d.bar_x + 5 * b, d.bar_y + 5 * b);
    plcol0(kBarEdge);
    plline(5, d.bar_x + 5 * b, d.bar_y + 5 * b);
  }

  plwidth(2.2 * line_width);
  for (PLINT c = 0; c < d.curves; ++c) {
    plcol0(detail::kFirstSeries + c);
    plline(d.curve_points[c], d.curve_x[c], d.curve_y[c]);
  }
  plwidth(line_width);

  plcol0(detail::kForeground);
  plbox("bc", 0.0, 0, "bc", 0.0, 0);
  plslabelfunc(detail::label_tick, const_cast<TickFormat*>(&d.x_ticks));
  plbox("binto", d.x_ticks.step / d.x_ticks.scale, 0, "", 0.0, 0);
  plslabelfunc(detail::label_tick, const_cast<TickFormat*>(&d.y_ticks));
  plbox("", 0.0, 0, "binvto", d.y_ticks.step / d.y_ticks.scale, 0);
  plslabelfunc(nullptr, nullptr);
  plmtex("b", 3.6, 0.5, 0.5, d.x_label);
  plmtex("l", d.y_label_distance, 0.5, 0.5, d.y_label);
  if (d.title[0] != '\0') {
    plschr(d.font_mm, 1.25);
    plmtex("t", 1.3, 0.5, 0.5, d.title);
    plschr(d.font_mm, 1.0);
  }

  PLFLT legend_width = 0, legend_height = 0;
  pllegend(&legend_width, &legend_height, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
           PL_POSITION_TOP | PL_POSITION_RIGHT | PL_POSITION_INSIDE | PL_POSITION_VIEWPORT, 0.02,
           0.03, 0.07, detail::kBackground, kGridLine, 1, 0, 0, d.legend_entries, d.legend_options,
           1.0, 0.9, 2.0, 0.0, d.legend_text_colours, d.legend_text, d.legend_box_colours,
           d.legend_box_patterns, d.legend_box_scales, d.legend_box_line_widths,
           d.legend_line_colours, d.legend_line_styles, d.legend_line_widths,
           d.legend_symbol_colours, d.legend_symbol_scales, d.legend_symbol_numbers,
           d.legend_symbols);
}

}  // namespace

void write_density_plot_png(const Eigen::Ref<const Eigen::VectorXd>& sample,
                            const std::vector<Curve>& curves, const std::string& path,
                            const DensityPlotOptions& options) {
  validate(sample, curves, options);
  const Histogram histogram = density_histogram(sample, options.bins);

  // Data ranges: x over the histogram and every curve, y from 0 (or below, for a negative
  // curve) to the highest bar or curve point.
  double x_low = histogram.edges.front(), x_high = histogram.edges.back();
  double y_low = 0.0;
  double y_high = *std::max_element(histogram.heights.begin(), histogram.heights.end());
  for (const Curve& curve : curves) {
    x_low = std::min(x_low, *std::min_element(curve.x.begin(), curve.x.end()));
    x_high = std::max(x_high, *std::max_element(curve.x.begin(), curve.x.end()));
    y_low = std::min(y_low, *std::min_element(curve.y.begin(), curve.y.end()));
    y_high = std::max(y_high, *std::max_element(curve.y.begin(), curve.y.end()));
  }
  const double x_pad = 0.02 * (x_high - x_low);
  const double y_pad = 0.08 * (y_high - y_low);
  if (!std::isfinite(x_high - x_low + 2 * x_pad) || !std::isfinite(y_high - y_low + 2 * y_pad) ||
      !(y_high > y_low)) {
    refuse("the data span x " + format_value(x_low) + " to " + format_value(x_high) + ", y " +
           format_value(y_low) + " to " + format_value(y_high) + ", which cannot be drawn");
  }
  x_low -= x_pad;
  x_high += x_pad;
  if (y_low < 0) y_low -= y_pad;
  y_high += y_pad;
  const double width = options.width, height = options.height;
  const DensityLayout layout =
      density_layout(width, height, !options.title.empty(), x_low, x_high, y_low, y_high);
  const TickFormat& x_ticks = layout.x_ticks;
  const TickFormat& y_ticks = layout.y_ticks;
  const double font = layout.font;

  // Bars as closed outlines in world units (values divided by each axis's scale).
  std::vector<double> bar_x, bar_y;
  for (std::size_t k = 0; k < histogram.heights.size(); ++k) {
    const double left = histogram.edges[k] / x_ticks.scale;
    const double right = histogram.edges[k + 1] / x_ticks.scale;
    const double top = histogram.heights[k] / y_ticks.scale;
    for (const double x : {left, left, right, right, left}) bar_x.push_back(x);
    for (const double y : {0.0, top, top, 0.0, 0.0}) bar_y.push_back(y);
  }
  std::vector<std::vector<double>> scaled_x, scaled_y;
  std::vector<const double*> curve_x, curve_y;
  std::vector<PLINT> curve_points;
  for (const Curve& curve : curves) {
    scaled_x.emplace_back();
    scaled_y.emplace_back();
    for (const double x : curve.x) scaled_x.back().push_back(x / x_ticks.scale);
    for (const double y : curve.y) scaled_y.back().push_back(y / y_ticks.scale);
    curve_points.push_back(static_cast<PLINT>(curve.x.size()));
  }
  for (std::size_t c = 0; c < curves.size(); ++c) {
    curve_x.push_back(scaled_x[c].data());
    curve_y.push_back(scaled_y[c].data());
  }

  // The legend's arrays, entry 0 for the histogram.
  const std::size_t entries = curves.size() + 1;
  std::vector<std::string> legend_strings{detail::plplot_text(options.sample_label)};
  for (const Curve& curve : curves) legend_strings.push_back(detail::plplot_text(curve.label));
  std::vector<const char*> legend_text;
  for (const std::string& text : legend_strings) legend_text.push_back(text.c_str());
  std::vector<PLINT> legend_options(entries, PL_LEGEND_LINE);
  std::vector<PLINT> text_colours(entries, detail::kForeground);
  legend_options[0] = PL_LEGEND_COLOR_BOX;
  std::vector<PLINT> box_colours(entries, kBarFill), box_patterns(entries, 0);
  std::vector<PLFLT> box_scales(entries, 0.8), box_line_widths(entries, 1.0);
  std::vector<PLINT> line_colours(entries, detail::kForeground), line_styles(entries, 1);
  std::vector<PLFLT> line_widths(entries, 1.0);
  std::vector<PLINT> symbol_colours(entries, detail::kForeground), symbol_numbers(entries, 0);
  std::vector<PLFLT> symbol_scales(entries, 1.0);
  std::vector<const char*> symbols(entries, "");

  const double line_width = std::max(1.0, font / 14.0);
  for (std::size_t c = 1; c < entries; ++c) {
    line_colours[c] = detail::kFirstSeries + static_cast<PLINT>(c - 1);
    line_widths[c] = 2.2 * line_width;
  }

  const std::string title = detail::plplot_text(options.title);
  const std::string x_label = detail::plplot_text(options.x_label);
  const std::string y_label = detail::plplot_text(options.y_label);
  const DensityDrawing drawing{font / detail::kPixelsPerMm,
                               {layout.left / width, 1.0 - layout.right / width,
                                layout.bottom / height, 1.0 - layout.top / height},
                               {x_low / x_ticks.scale, x_high / x_ticks.scale,
                                y_low / y_ticks.scale, y_high / y_ticks.scale},
                               layout.y_label_distance,
                               x_ticks,
                               y_ticks,
                               bar_x.data(),
                               bar_y.data(),
                               static_cast<PLINT>(histogram.heights.size()),
                               curve_x.data(),
                               curve_y.data(),
                               curve_points.data(),
                               static_cast<PLINT>(curves.size()),
                               title.c_str(),
                               x_label.c_str(),
                               y_label.c_str(),
                               static_cast<PLINT>(entries),
                               legend_options.data(),
                               text_colours.data(),
                               legend_text.data(),
                               box_colours.data(),
                               box_patterns.data(),
                               box_scales.data(),
                               box_line_widths.data(),
                               line_colours.data(),
                               line_styles.data(),
                               line_widths.data(),
                               symbol_colours.data(),
                               symbol_scales.data(),
                               symbol_numbers.data(),
                               symbols.data()};

  write_file_atomically(path, [&](const std::string& temp) {
    detail::PlplotStream stream(temp, path, options.width, options.height);
    stream.draw([&] { draw_density(drawing); });
    stream.finish();
  });
}

}  // namespace rbfsvm
