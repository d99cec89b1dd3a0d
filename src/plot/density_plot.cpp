// Line plots: a sample's histogram with density curves on top (write_density_plot_png).
#include <plplot.h>

#include <algorithm>
#include <cmath>
#include <string>
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
  detail::check_image_size("write_density_plot_png", options.width, options.height);
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
  const detail::Legend* legend;  // entry 0 the histogram, then one per curve
};

void draw_density(const DensityDrawing& d) {
  pladv(0);
  const PLINT grey[3] = {235, 235, 235};
  plscmap0n(kColourCount);
  plscol0(kGridLine, grey[0], grey[1], grey[2]);
  plscol0(kBarFill, 204, 220, 237);  // a light steel blue
  plscol0(kBarEdge, 255, 255, 255);
  detail::set_character_size(d.font_mm);
  const double line_width = detail::line_width_for(d.font_mm);
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
  detail::draw_axis_labels(d.x_label, d.y_label, d.y_label_distance, d.title, d.font_mm);

  d.legend->draw(PL_POSITION_TOP | PL_POSITION_RIGHT, 0.02, 0.03, 0.07, kGridLine);
}

// The plotted area: x over the histogram and every curve, y from 0 (or below, for a negative
// curve) to the highest bar or curve point, padded.
struct DataRange {
  double x_low, x_high, y_low, y_high;
};

DataRange data_range(const Histogram& histogram, const std::vector<Curve>& curves) {
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
  return {x_low, x_high, y_low, y_high};
}

// The histogram's bars as closed outlines (5 corners each) and the curves, in world units:
// values divided by each axis's scale.
struct WorldLines {
  std::vector<double> bar_x, bar_y;
  std::vector<std::vector<double>> curve_x, curve_y;
  std::vector<const double*> curve_x_data, curve_y_data;
  std::vector<PLINT> curve_points;
};

WorldLines world_lines(const Histogram& histogram, const std::vector<Curve>& curves,
                       double x_scale, double y_scale) {
  WorldLines lines;
  for (std::size_t k = 0; k < histogram.heights.size(); ++k) {
    const double left = histogram.edges[k] / x_scale;
    const double right = histogram.edges[k + 1] / x_scale;
    const double top = histogram.heights[k] / y_scale;
    for (const double x : {left, left, right, right, left}) lines.bar_x.push_back(x);
    for (const double y : {0.0, top, top, 0.0, 0.0}) lines.bar_y.push_back(y);
  }
  for (const Curve& curve : curves) {
    lines.curve_x.emplace_back();
    lines.curve_y.emplace_back();
    for (const double x : curve.x) lines.curve_x.back().push_back(x / x_scale);
    for (const double y : curve.y) lines.curve_y.back().push_back(y / y_scale);
    lines.curve_points.push_back(static_cast<PLINT>(curve.x.size()));
  }
  for (std::size_t c = 0; c < curves.size(); ++c) {
    lines.curve_x_data.push_back(lines.curve_x[c].data());
    lines.curve_y_data.push_back(lines.curve_y[c].data());
  }
  return lines;
}

}  // namespace

void write_density_plot_png(const Eigen::Ref<const Eigen::VectorXd>& sample,
                            const std::vector<Curve>& curves, const std::string& path,
                            const DensityPlotOptions& options) {
  validate(sample, curves, options);
  const Histogram histogram = density_histogram(sample, options.bins);
  const DataRange range = data_range(histogram, curves);
  const double width = options.width, height = options.height;
  const DensityLayout layout = density_layout(width, height, !options.title.empty(), range.x_low,
                                              range.x_high, range.y_low, range.y_high);
  const TickFormat& x_ticks = layout.x_ticks;
  const TickFormat& y_ticks = layout.y_ticks;
  const double font = layout.font;
  const WorldLines lines = world_lines(histogram, curves, x_ticks.scale, y_ticks.scale);

  detail::Legend legend;
  legend.add_colour_box(kBarFill, options.sample_label);
  const double line_width = std::max(1.0, font / 14.0);
  for (std::size_t c = 0; c < curves.size(); ++c) {
    legend.add_line(detail::kFirstSeries + static_cast<PLINT>(c), 2.2 * line_width,
                    curves[c].label);
  }

  const std::string title = detail::plplot_text(options.title);
  const std::string x_label = detail::plplot_text(options.x_label);
  const std::string y_label = detail::plplot_text(options.y_label);
  const DensityDrawing drawing{font / detail::kPixelsPerMm,
                               {layout.left / width, 1.0 - layout.right / width,
                                layout.bottom / height, 1.0 - layout.top / height},
                               {range.x_low / x_ticks.scale, range.x_high / x_ticks.scale,
                                range.y_low / y_ticks.scale, range.y_high / y_ticks.scale},
                               layout.y_label_distance,
                               x_ticks,
                               y_ticks,
                               lines.bar_x.data(),
                               lines.bar_y.data(),
                               static_cast<PLINT>(histogram.heights.size()),
                               lines.curve_x_data.data(),
                               lines.curve_y_data.data(),
                               lines.curve_points.data(),
                               static_cast<PLINT>(curves.size()),
                               title.c_str(),
                               x_label.c_str(),
                               y_label.c_str(),
                               &legend};

  write_file_atomically(path, [&](const std::string& temp) {
    detail::PlplotStream stream(temp, path, options.width, options.height);
    stream.draw([&] { draw_density(drawing); });
    stream.finish();
  });
}

}  // namespace rbfsvm
