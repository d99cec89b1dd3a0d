// The decision function of a classifier in the plane (write_decision_boundary_png and
// write_decision_boundaries_png): everything a picture needs is computed here, as plain data
// (plot_decision.hpp), and drawn by plot_decision_draw.cpp.
#include <plplot.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "plot/axes.hpp"
#include "plot/colormap.hpp"
#include "plot/decision_drawing.hpp"
#include "plot/image_size.hpp"
#include "plot/plplot_stream.hpp"
#include "rbfsvm/core/atomic_file.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/svm/model.hpp"
#include "rbfsvm/plot/decision_plot.hpp"
#include "rbfsvm/plot/plot.hpp"

namespace rbfsvm {
namespace {

using detail::DecisionDrawing;
using detail::format_value;
using detail::kClassFill;
using detail::LegendLine;
using detail::Polylines;
using detail::TickFormat;

constexpr std::size_t kMaxPanels = 16;  // write_decision_boundaries_png
constexpr int kMinResolution = 10;
constexpr int kMaxResolution = 2000;
constexpr int kCirclePoints = 32;  // vertices of a drawn circle
constexpr double kMarkerRadius = 0.36;  // character heights
// A support vector's ring: this times the marker radius, plus a pixel.
constexpr double kRingRadius = 1.75;

// Colours of the classes, in the model's class order: blue and red first, the ends of the
// diverging map of a two-class picture; then matplotlib's tab10 order for the rest.
constexpr std::array<std::array<PLINT, 3>, detail::kMaxClasses> kClassColours{
    {{33, 102, 172},
     {202, 32, 38},
     {44, 160, 44},
     {255, 127, 14},
     {148, 103, 189},
     {140, 86, 75},
     {227, 119, 194},
     {127, 127, 127},
     {188, 189, 34},
     {23, 190, 207}}};
// A class region's tint: this much of the class colour on white.
constexpr double kTint = 0.3;

[[noreturn]] void refuse(const std::string& message,
                         const char* function = "write_decision_boundary_png") {
  throw InvalidArgument(std::string(function) + ": " + message);
}

enum class Kind { two_classes, several_classes, one_class };

Kind kind_of(const Model& model) {
  if (model.svm_type() == SvmType::one_class) return Kind::one_class;
  if (!is_classification(model.svm_type())) {
    refuse("the model is " + to_string(model.svm_type()) +
           ", a regression model; a decision boundary needs a classifier (c_svc, nu_svc or "
           "one_class)");
  }
  return model.n_classes() == 2 ? Kind::two_classes : Kind::several_classes;
}

void validate(const Model& model, const Eigen::Ref<const RowMatrix<double>>& X,
              const std::vector<double>& labels, const DecisionPlotOptions& options) {
  kind_of(model);
  if (model.kernel().type == KernelType::precomputed) {
    refuse("the model has a precomputed kernel, which cannot be evaluated at new points");
  }
  const ModelData& data = model.data();
  const bool two_dimensional =
      data.n_features > 0 ? data.n_features == 2 : data.support_vectors.cols() <= 2;
  if (!two_dimensional) {
    refuse("the model was trained on " + std::to_string(model.dimension()) +
           " features; only a 2-feature model can be drawn in the plane");
  }
  if (X.cols() != 2) {
    refuse("the points have " + std::to_string(X.cols()) +
           " columns; a decision boundary is drawn for 2-D points only");
  }
  if (X.rows() == 0) refuse("there are no points");
  if (static_cast<Index>(labels.size()) != X.rows()) {
    refuse(std::to_string(labels.size()) + " labels for " + std::to_string(X.rows()) + " points");
  }
  for (Index i = 0; i < X.rows(); ++i) {
    if (!std::isfinite(X(i, 0)) || !std::isfinite(X(i, 1))) {
      refuse("point " + std::to_string(i) + " (" + format_value(X(i, 0)) + ", " +
             format_value(X(i, 1)) + ") is not finite");
    }
    if (!std::isfinite(labels[static_cast<std::size_t>(i)])) {
      refuse("label " + format_value(labels[static_cast<std::size_t>(i)]) + " of point " +
             std::to_string(i) + " is not finite");
    }
  }
  detail::check_image_size("write_decision_boundary_png", options.width, options.height);
  if (options.resolution < kMinResolution || options.resolution > kMaxResolution) {
    refuse("resolution " + std::to_string(options.resolution) + " is outside " +
           std::to_string(kMinResolution) + ".." + std::to_string(kMaxResolution));
  }
  if (!(options.padding >= 0 && options.padding <= 10)) {
    refuse("padding " + format_value(options.padding) + " is outside 0..10");
  }
}

// The distinct labels: the model's classes first, in its order, then any other label of the
// points in order of first appearance.
std::vector<double> class_list(const Model& model, const std::vector<double>& labels) {
  std::vector<double> classes = model.data().labels;
  for (const double label : labels) {
    if (std::find(classes.begin(), classes.end(), label) == classes.end()) {
      classes.push_back(label);
    }
  }
  if (classes.size() > detail::kMaxClasses) {
    refuse(std::to_string(classes.size()) + " distinct labels; at most " +
           std::to_string(detail::kMaxClasses) + " can have colours of their own");
  }
  return classes;
}

std::string class_name(double label, const std::vector<std::string>& names) {
  if (label >= 0 && label == std::floor(label) && label < static_cast<double>(names.size())) {
    return names[static_cast<std::size_t>(label)];
  }
  return "class " + format_value(label);
}

// The support vectors in the units of the points: the model keeps them scaled when it was
// trained with scaling, so the scaling is undone (a feature constant in training, which every
// scaling maps to 0, goes back to its one value).
RowMatrix<double> support_vectors_in_data_units(const ModelData& data) {
  RowMatrix<double> points = RowMatrix<double>::Zero(data.support_vectors.rows(), 2);
  const Index width = std::min<Index>(2, data.support_vectors.cols());
  points.leftCols(width) = data.support_vectors.leftCols(width);
  if (!data.scaling) return points;
  const Scaling& scaling = *data.scaling;
  const Index fitted = std::min<Index>(2, static_cast<Index>(scaling.first.size()));
  for (Index f = 0; f < fitted; ++f) {
    const double first = scaling.first[static_cast<std::size_t>(f)];
    const double second = scaling.second[static_cast<std::size_t>(f)];
    for (Index i = 0; i < points.rows(); ++i) {
      double& value = points(i, f);
      if (scaling.kind == ScalingKind::z_score) {
        value = second > 0 ? first + second * value : first;
      } else {
        value = second == first ? first
                                : first + (value - scaling.lower) * (second - first) /
                                              (scaling.upper - scaling.lower);
      }
    }
  }
  return points;
}

// [low, high] of one axis: the data, widened when it has (almost) no extent, then padded.
std::pair<double, double> axis_range(double low, double high, double padding, const char* axis) {
  const double magnitude = std::max(std::abs(low), std::abs(high));
  if (!(high - low > 1e-9 * magnitude) || !(high - low > 1e-300)) {
    const double half = std::max(0.5, 0.05 * magnitude);
    low -= half;
    high += half;
  } else {
    const double pad = padding * (high - low);
    low -= pad;
    high += pad;
  }
  if (!std::isfinite(high - low)) {
    refuse(std::string("the points span ") + axis + " " + format_value(low) + " to " +
           format_value(high) + ", a range that overflows a double");
  }
  return {low, high};
}

// An estimate of the width of `text` in character heights as pango sets it (DejaVu Sans at
// 96 dpi; see detail::label_width), for laying out the legend.
double text_width(const std::string& text) {
  double width = 0;
  for (std::size_t k = 0; k < text.size(); ++k) {
    const unsigned char c = static_cast<unsigned char>(text[k]);
    if ((c & 0xC0) == 0x80) continue;  // a UTF-8 continuation byte
    if (c >= '0' && c <= '9') {
      width += 0.636;
    } else if (std::string_view("ijl.,:;'|!").find(static_cast<char>(c)) !=
               std::string_view::npos) {
      width += 0.28;
    } else if (std::string_view("frt()[] -").find(static_cast<char>(c)) !=
               std::string_view::npos) {
      width += 0.38;
    } else if (c == 'm' || c == 'w' || c == 'M' || c == 'W') {
      width += 0.95;
    } else if (c >= 'A' && c <= 'Z') {
      width += 0.72;
    } else {
      width += 0.6;  // other lower-case letters, and any other character
    }
  }
  return 4.0 / 3.0 * width;
}

// Marker shapes, one per class (cycling), as unit outlines around (0, 0).
enum class Shape { circle, square, triangle_up, diamond, triangle_down };
constexpr std::array<Shape, 5> kShapes{Shape::circle, Shape::square, Shape::triangle_up,
                                       Shape::diamond, Shape::triangle_down};

// Vertices of a marker of radius r pixels centred at (0, 0), y up, closed (last = first).
std::vector<std::array<double, 2>> marker_outline(Shape shape, double r) {
  std::vector<std::array<double, 2>> points;
  const double pi = std::acos(-1.0);
  const auto polygon = [&](int sides, double radius, double start_angle) {
    for (int k = 0; k <= sides; ++k) {
      const double angle = start_angle + 2 * pi * k / sides;
      points.push_back({radius * std::cos(angle), radius * std::sin(angle)});
    }
  };
  switch (shape) {
    case Shape::circle:
      polygon(kCirclePoints, r, 0.0);
      break;
    case Shape::square:  // the same area as the circle
      polygon(4, r * std::sqrt(pi / 2), pi / 4);
      break;
    case Shape::triangle_up:
      polygon(3, r * 1.35, pi / 2);
      break;
    case Shape::diamond:
      polygon(4, r * 1.3, 0.0);
      break;
    case Shape::triangle_down:
      polygon(3, r * 1.35, -pi / 2);
      break;
  }
  return points;
}

// Smooths an n x n grid (row-major) in place with the binomial filter (1 4 6 4 1) / 16 along
// each axis, a Gaussian of sigma 1 cell; the border value is repeated beyond the edges.
void smooth(std::vector<double>& values, int n) {
  constexpr double kTaps[5] = {1.0 / 16, 4.0 / 16, 6.0 / 16, 4.0 / 16, 1.0 / 16};
  std::vector<double> out(values.size());
  for (const int axis : {0, 1}) {
    for (int i = 0; i < n; ++i) {
      for (int j = 0; j < n; ++j) {
        double sum = 0;
        for (int t = -2; t <= 2; ++t) {
          const int k = std::clamp((axis == 0 ? i : j) + t, 0, n - 1);
          const std::size_t at = axis == 0 ? static_cast<std::size_t>(k) * n + j
                                           : static_cast<std::size_t>(i) * n + k;
          sum += kTaps[t + 2] * values[at];
        }
        out[static_cast<std::size_t>(i) * n + j] = sum;
      }
    }
    values.swap(out);
  }
}

// The plotted area in data units.
struct Range {
  double x_low, x_high, y_low, y_high;
};

// The points and the support vectors, padded.
Range plotted_range(const Eigen::Ref<const RowMatrix<double>>& X,
                    const RowMatrix<double>& support_vectors, double padding) {
  double x_low = X.col(0).minCoeff(), x_high = X.col(0).maxCoeff();
  double y_low = X.col(1).minCoeff(), y_high = X.col(1).maxCoeff();
  if (support_vectors.rows() > 0) {
    x_low = std::min(x_low, support_vectors.col(0).minCoeff());
    x_high = std::max(x_high, support_vectors.col(0).maxCoeff());
    y_low = std::min(y_low, support_vectors.col(1).minCoeff());
    y_high = std::max(y_high, support_vectors.col(1).maxCoeff());
  }
  Range range{};
  std::tie(range.x_low, range.x_high) = axis_range(x_low, x_high, padding, "x");
  std::tie(range.y_low, range.y_high) = axis_range(y_low, y_high, padding, "y");
  return range;
}

// Layout, in pixels from the top left of the image.
struct Layout {
  double font;  // character height
  double left, right, top, bottom;  // the plot area's edges
  double y_label_distance;          // from the plot's left edge, character heights
  TickFormat x_ticks, y_ticks;
};

// Sized like the density plot's: the font follows the image size; a colorbar on the right for
// f, a legend of `legend_rows` rows below the x label.
Layout decision_layout(double width, double height, bool has_title, bool has_colorbar,
                       double widest_value_label, int legend_rows, const Range& range) {
  Layout layout{};
  layout.x_ticks = detail::value_ticks(range.x_low, range.x_high, 6.0);
  layout.y_ticks = detail::value_ticks(range.y_low, range.y_high, 6.0);
  double font = std::clamp(std::min(width, height) / 50.0, 6.0, 48.0);
  for (;;) {
    const double widest_y =
        detail::widest_label(detail::tick_labels(range.y_low, range.y_high, layout.y_ticks));
    layout.font = font;
    layout.y_label_distance = 1.0 + widest_y + 1.3;
    const double left = font * (layout.y_label_distance + 0.5 + 0.8);
    const double right = has_colorbar
                             ? font * (1.2 + 1.1 + 1.0 + widest_value_label + 1.0 + 1.3 + 0.8)
                             : font * 1.5;
    const double top = has_title ? font * (1.25 * 2.0 + 0.8) : font * 1.2;
    const double bottom = font * (2.3 + 1.0 + 1.2 + 0.6 + 1.8 * legend_rows + 0.4);
    layout.left = left;
    layout.right = width - right;
    layout.top = top;
    layout.bottom = height - bottom;
    const bool fits = layout.right - layout.left >= 0.45 * width &&
                      layout.bottom - layout.top >= 0.45 * height;
    if (fits || font <= 2.0) break;
    font *= 0.85;
  }
  // Tiny images: the margins give up room until the plot has a fifth of each side.
  const auto keep_fifth = [](double& low, double& high, double size) {
    if (high - low >= 0.2 * size) return;
    const double shrink = 0.8 * size / (low + size - high);
    low *= shrink;
    high = size - (size - high) * shrink;
  };
  keep_fifth(layout.left, layout.right, width);
  keep_fifth(layout.top, layout.bottom, height);
  return layout;
}

// Widens one axis of `range` so that a data unit is as long across the plot as up it.
Range with_equal_aspect(Range range, double plot_width, double plot_height) {
  const double per_pixel_x = (range.x_high - range.x_low) / plot_width;
  const double per_pixel_y = (range.y_high - range.y_low) / plot_height;
  if (per_pixel_x > per_pixel_y) {
    const double half = 0.5 * per_pixel_x * plot_height;
    const double centre = range.y_low + (range.y_high - range.y_low) / 2;
    range.y_low = centre - half;
    range.y_high = centre + half;
  } else {
    const double half = 0.5 * per_pixel_y * plot_width;
    const double centre = range.x_low + (range.x_high - range.x_low) / 2;
    range.x_low = centre - half;
    range.x_high = centre + half;
  }
  return range;
}

// One legend entry: a marker (its shape and fill colour), a ring, or a line (solid or dashed).
struct LegendEntry {
  enum class Sample { marker, ring, line, dashed_line } sample;
  Shape shape;
  PLINT colour;
  std::string text;
};

std::vector<LegendEntry> legend_entries(Kind kind, const std::vector<double>& classes,
                                        bool show_svs, const std::vector<std::string>& names) {
  std::vector<LegendEntry> entries;
  for (std::size_t c = 0; c < classes.size(); ++c) {
    entries.push_back({LegendEntry::Sample::marker, kShapes[c % kShapes.size()],
                       kClassFill + static_cast<PLINT>(c), class_name(classes[c], names)});
  }
  if (show_svs) entries.push_back({LegendEntry::Sample::ring, Shape::circle, 0, "support vector"});
  if (kind == Kind::several_classes) {
    entries.push_back({LegendEntry::Sample::line, Shape::circle, 0, "class border"});
  } else {
    entries.push_back({LegendEntry::Sample::line, Shape::circle, 0, "boundary f = 0"});
    if (kind == Kind::two_classes) {
      entries.push_back({LegendEntry::Sample::dashed_line, Shape::circle, 0, "margins f = ±1"});
    }
  }
  return entries;
}

// An entry's width in pixels: its sample, its text, the gap to the next entry.
constexpr double kLegendGap = 1.4;  // character heights
double entry_width(const LegendEntry& entry, double font) {
  return font * (2.6 + text_width(entry.text) + kLegendGap);
}

// The entries in rows: side by side, a new row when the next would pass `room` pixels.
std::vector<std::vector<std::size_t>> legend_rows(const std::vector<LegendEntry>& entries,
                                                  double font, double room) {
  std::vector<std::vector<std::size_t>> rows(1);
  double used = 0;
  for (std::size_t e = 0; e < entries.size(); ++e) {
    const double width = entry_width(entries[e], font);
    if (used > 0 && used + width > room) {
      rows.emplace_back();
      used = 0;
    }
    rows.back().push_back(e);
    used += width;
  }
  return rows;
}

// A picture's drawing and the storage its pointers point into (held by unique_ptr: the drawing
// points at members).
struct Prepared {
  DecisionDrawing drawing{};
  std::vector<PLINT> extra_colours;
  std::vector<double> grid_x, grid_y;  // world units
  std::vector<double> f, levels, colorbar_levels;
  std::vector<PLINT> band_colours;
  std::vector<std::vector<double>> regions;
  std::vector<const double*> f_columns;
  std::vector<std::vector<const double*>> region_column_lists;
  std::vector<const double* const*> region_columns;
  Polylines markers, rings, legend_markers, legend_rings;
  std::vector<LegendLine> legend_lines;
  std::vector<double> legend_text_x, legend_text_y;
  std::vector<std::string> strings;  // title, labels, legend text: plplot_text'ed
  std::vector<const char*> legend_text;
};

// The grid's points, x outer and y inner: point i n + j is (xs[i], ys[j]).
RowMatrix<double> grid_points(const std::vector<double>& xs, const std::vector<double>& ys) {
  const Index n = static_cast<Index>(xs.size());
  RowMatrix<double> grid(n * n, 2);
  for (Index i = 0; i < n; ++i) {
    for (Index j = 0; j < n; ++j) {
      grid(i * n + j, 0) = xs[static_cast<std::size_t>(i)];
      grid(i * n + j, 1) = ys[static_cast<std::size_t>(j)];
    }
  }
  return grid;
}

// Two classes or one class: f on the grid, shaded in bands a round step apart on each side of
// 0 (so that 0, and +-1 when the step divides 1, fall on band edges). Each side has its own
// half of the colour map (as matplotlib's TwoSlopeNorm): the bands darken from white at f = 0 to
// the full colour at the largest |f| on that side, so a side that f barely reaches, as inside
// a one-class boundary, still shows its colour. Returns the widest colorbar label.
double shade_bands(const Model& model, const RowMatrix<double>& grid, Prepared& out) {
  const RowMatrix<double> values = model.decision_values(grid);
  out.f.assign(values.data(), values.data() + values.rows());
  double highest = 0, lowest = 0;
  for (const double value : out.f) {
    highest = std::max(highest, value);
    lowest = std::min(lowest, value);
  }
  if (!std::isfinite(highest) || !std::isfinite(lowest)) {
    refuse("the decision function is not finite on the grid");
  }
  if (highest - lowest < 1e-3) highest = lowest + 1e-3;
  const double common_step = detail::nice_step(std::max(highest, -lowest), 6.0);
  // A side's band count and step: the common step, unless that gives it fewer than 3 bands.
  const auto side = [&](double extent) {
    if (extent <= 0) return std::pair<int, double>{0, common_step};
    const int bands = static_cast<int>(std::ceil(extent / common_step - 1e-9));
    if (bands >= 3) return std::pair<int, double>{bands, common_step};
    const double step = detail::nice_step(extent, 4.0);
    return std::pair<int, double>{
        std::max(static_cast<int>(std::ceil(extent / step - 1e-9)), 2), step};
  };
  const auto [negative_bands, negative_step] = side(-lowest);
  const auto [positive_bands, positive_step] = side(highest);
  for (int k = negative_bands; k >= 1; --k) {
    out.levels.push_back(-k * negative_step);
    for (const PLINT channel : detail::diverging_colour(0.5 - 0.5 * k / negative_bands)) {
      out.band_colours.push_back(channel);
    }
  }
  out.levels.push_back(0.0);
  for (int k = 1; k <= positive_bands; ++k) {
    out.levels.push_back(k * positive_step);
    for (const PLINT channel : detail::diverging_colour(0.5 + 0.5 * k / positive_bands)) {
      out.band_colours.push_back(channel);
    }
  }
  // The outer levels cover every value, whatever the rounding in bands * step.
  out.levels.front() = std::min(out.levels.front(), lowest);
  out.levels.back() = std::max(out.levels.back(), highest);
  if (out.levels.size() - 1 > static_cast<std::size_t>(detail::kMaxBands)) {
    throw Error("write_decision_boundary_png: " + std::to_string(out.levels.size() - 1) +
                " shade bands, more than the " + std::to_string(detail::kMaxBands) +
                " the colour map holds (a bug)");
  }
  const TickFormat ticks = detail::value_ticks(out.levels.front(), out.levels.back(), 6.0);
  out.drawing.value_ticks = ticks;
  for (const double level : out.levels) out.colorbar_levels.push_back(level / ticks.scale);
  return detail::widest_label(detail::tick_labels(out.levels.front(), out.levels.back(), ticks));
}

// Several classes: each class's region as an indicator (1 where it is predicted), smoothed
// over about a grid cell so that its 1/2 contour, the class border, is a smooth curve rather
// than a staircase along the grid.
void class_regions(const Model& model, const RowMatrix<double>& grid, int n, Prepared& out) {
  const std::vector<double> predicted = model.predict(grid);
  for (const double label : model.data().labels) {
    std::vector<double> indicator(predicted.size(), 0.0);
    for (std::size_t p = 0; p < predicted.size(); ++p) {
      if (predicted[p] == label) indicator[p] = 1.0;
    }
    smooth(indicator, n);
    out.regions.push_back(std::move(indicator));
  }
}

// Appends a marker outline centred at (x, y) (world units), `scale_x` and `scale_y` world units
// a pixel.
void add_outline(Polylines& lines, const std::vector<std::array<double, 2>>& outline, double x,
                 double y, double scale_x, double scale_y, PLINT colour) {
  for (const auto& [dx, dy] : outline) {
    lines.x.push_back(x + dx * scale_x);
    lines.y.push_back(y + dy * scale_y);
  }
  lines.count.push_back(static_cast<PLINT>(outline.size()));
  lines.colour.push_back(colour);
}

// The legend's samples and text, in rows below the x label, centred under the plot.
void place_legend(const std::vector<LegendEntry>& entries,
                  const std::vector<std::vector<std::size_t>>& rows, const Layout& layout,
                  double width, double height, double page_left, double page_width,
                  Prepared& out) {
  const double font = layout.font;
  const double row_height = 1.8 * font;
  const double top = layout.bottom + font * (2.3 + 1.0 + 1.2 + 0.6);
  const double legend_height = row_height * static_cast<double>(rows.size());
  const double left = font * 0.5;
  const double room = width - font;
  if (top + legend_height > height || room <= 0) return;  // a tiny picture: no legend
  const double centre = (layout.left + layout.right) / 2 - left;
  const double marker_radius = kMarkerRadius * font;
  out.legend_text_x.assign(entries.size(), 0.0);
  out.legend_text_y.assign(entries.size(), 0.0);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    double row_width = -font * kLegendGap;
    for (const std::size_t e : rows[r]) row_width += entry_width(entries[e], font);
    double x = std::clamp(centre - row_width / 2, 0.0, std::max(0.0, room - row_width));
    const double y = legend_height - row_height * (static_cast<double>(r) + 0.5);
    for (const std::size_t e : rows[r]) {
      const LegendEntry& entry = entries[e];
      switch (entry.sample) {
        case LegendEntry::Sample::marker:
          add_outline(out.legend_markers, marker_outline(entry.shape, marker_radius),
                      x + 1.1 * font, y, 1.0, 1.0, entry.colour);
          break;
        case LegendEntry::Sample::ring:
          add_outline(out.legend_rings,
                      marker_outline(Shape::circle, kRingRadius * marker_radius + 1.0),
                      x + 1.1 * font, y, 1.0, 1.0, detail::kForeground);
          break;
        case LegendEntry::Sample::line:
        case LegendEntry::Sample::dashed_line:
          out.legend_lines.push_back({{x, x + 2.2 * font},
                                      {y, y},
                                      entry.sample == LegendEntry::Sample::dashed_line});
          break;
      }
      out.legend_text_x[e] = x + 2.6 * font;
      out.legend_text_y[e] = y;  // plptex centres text vertically on its reference point
      x += entry_width(entry, font);
    }
  }
  DecisionDrawing& d = out.drawing;
  d.legend_entries = static_cast<PLINT>(entries.size());
  d.legend_viewport[0] = (page_left + left) / page_width;
  d.legend_viewport[1] = (page_left + left + room) / page_width;
  d.legend_viewport[2] = 1.0 - (top + legend_height) / height;
  d.legend_viewport[3] = 1.0 - top / height;
  d.legend_size[0] = room;
  d.legend_size[1] = legend_height;
}

// Computes everything one picture of `width` x `height` pixels needs (validated before), to be
// drawn with its left edge `page_left` pixels into a page `page_width` pixels wide.
std::unique_ptr<Prepared> prepare(const Model& model, const Eigen::Ref<const RowMatrix<double>>& X,
                                  const std::vector<double>& labels,
                                  const DecisionPlotOptions& options, double width, double height,
                                  double page_left, double page_width) {
  auto prepared = std::make_unique<Prepared>();
  Prepared& out = *prepared;
  DecisionDrawing& d = out.drawing;
  const Kind kind = kind_of(model);
  const std::vector<double> classes = class_list(model, labels);
  const RowMatrix<double> support_vectors =
      options.show_support_vectors ? support_vectors_in_data_units(model.data())
                                   : RowMatrix<double>(0, 2);
  const bool show_svs = support_vectors.rows() > 0;
  const std::vector<LegendEntry> entries =
      legend_entries(kind, classes, show_svs, options.class_names);
  const bool has_colorbar = kind != Kind::several_classes;
  const bool has_title = !options.title.empty();

  // The layout, first with a guess at the colour scale's labels (they depend on f, which
  // depends on the range, which depends on the layout when the aspect is kept).
  Range range = plotted_range(X, support_vectors, options.padding);
  Layout layout = decision_layout(width, height, has_title, has_colorbar, 3.0, 1, range);
  const std::vector<std::vector<std::size_t>> rows =
      legend_rows(entries, layout.font, width - layout.font);
  const int n_rows = static_cast<int>(rows.size());
  layout = decision_layout(width, height, has_title, has_colorbar, 3.0, n_rows, range);
  if (options.equal_aspect) {
    range = with_equal_aspect(range, layout.right - layout.left, layout.bottom - layout.top);
  }

  const int n = options.resolution;
  std::vector<double> xs, ys;
  for (int i = 0; i < n; ++i) {
    xs.push_back(range.x_low + (range.x_high - range.x_low) * i / (n - 1));
    ys.push_back(range.y_low + (range.y_high - range.y_low) * i / (n - 1));
  }
  const RowMatrix<double> grid = grid_points(xs, ys);
  if (has_colorbar) {
    const double widest = shade_bands(model, grid, out);
    layout = decision_layout(width, height, has_title, true, widest, n_rows, range);
  } else {
    class_regions(model, grid, n, out);
  }
  if (options.equal_aspect) {
    // The colour scale's labels may have narrowed the plot since the range was widened to fit
    // it: shrink the plot about its centre so that a data unit stays as long across as up.
    const double per_pixel_x = (range.x_high - range.x_low) / (layout.right - layout.left);
    const double per_pixel_y = (range.y_high - range.y_low) / (layout.bottom - layout.top);
    if (per_pixel_x > per_pixel_y) {
      const double excess = (layout.bottom - layout.top) - (range.y_high - range.y_low) / per_pixel_x;
      layout.top += excess / 2;
      layout.bottom -= excess / 2;
    } else {
      const double excess = (layout.right - layout.left) - (range.x_high - range.x_low) / per_pixel_y;
      layout.left += excess / 2;
      layout.right -= excess / 2;
    }
  }

  // World units are the values divided by each axis's tick scale (see plot_axes.hpp).
  const double x_scale = layout.x_ticks.scale, y_scale = layout.y_ticks.scale;
  for (const double x : xs) out.grid_x.push_back(x / x_scale);
  for (const double y : ys) out.grid_y.push_back(y / y_scale);
  const double plot_width = layout.right - layout.left;
  const double plot_height = layout.bottom - layout.top;
  const double world_x = (range.x_high - range.x_low) / x_scale / plot_width;  // a pixel
  const double world_y = (range.y_high - range.y_low) / y_scale / plot_height;

  // Markers, smaller when there are many points; rings round the support vectors.
  const double font = layout.font;
  const double crowding = std::clamp(std::sqrt(400.0 / static_cast<double>(X.rows())), 0.45, 1.0);
  const double radius = std::max(2.0, kMarkerRadius * font * crowding);
  for (Index i = 0; i < X.rows(); ++i) {
    const std::size_t c = static_cast<std::size_t>(
        std::find(classes.begin(), classes.end(), labels[static_cast<std::size_t>(i)]) -
        classes.begin());
    add_outline(out.markers, marker_outline(kShapes[c % kShapes.size()], radius),
                X(i, 0) / x_scale, X(i, 1) / y_scale, world_x, world_y,
                kClassFill + static_cast<PLINT>(c));
  }
  const auto ring = marker_outline(Shape::circle, kRingRadius * radius + 1.0);
  for (Index s = 0; s < support_vectors.rows(); ++s) {
    add_outline(out.rings, ring, support_vectors(s, 0) / x_scale, support_vectors(s, 1) / y_scale,
                world_x, world_y, detail::kForeground);
  }
  place_legend(entries, rows, layout, width, height, page_left, page_width, out);

  // Colours: the classes, their tints, the marker edge.
  for (const auto& rgb : kClassColours) {
    out.extra_colours.insert(out.extra_colours.end(), rgb.begin(), rgb.end());
  }
  for (const auto& rgb : kClassColours) {
    for (const PLINT channel : rgb) {
      out.extra_colours.push_back(
          static_cast<PLINT>(std::lround(kTint * channel + (1 - kTint) * 255)));
    }
  }
  out.extra_colours.insert(out.extra_colours.end(), {25, 25, 25});

  // plshades / plcont read a[i][j] at (grid_x[i], grid_y[j]): column i is f[i n .. i n + n).
  const auto columns_of = [n](const std::vector<double>& values) {
    std::vector<const double*> columns;
    for (int i = 0; i < n; ++i) columns.push_back(values.data() + static_cast<std::size_t>(i) * n);
    return columns;
  };
  if (has_colorbar) out.f_columns = columns_of(out.f);
  for (const std::vector<double>& region : out.regions) {
    out.region_column_lists.push_back(columns_of(region));
  }
  for (const auto& columns : out.region_column_lists) out.region_columns.push_back(columns.data());

  out.strings = {detail::plplot_text(options.title), detail::plplot_text(options.x_label),
                 detail::plplot_text(options.y_label),
                 kind == Kind::one_class ? "f(x)  (inside where f > 0)" : "decision value f(x)"};
  for (const LegendEntry& entry : entries) out.strings.push_back(detail::plplot_text(entry.text));
  for (std::size_t e = 0; e < entries.size(); ++e) {
    out.legend_text.push_back(out.strings[4 + e].c_str());
  }

  d.extra_colours = out.extra_colours.data();
  d.font_mm = font / detail::kPixelsPerMm;
  d.line_width = std::max(1.0, font / 14.0);
  d.ring_width = std::max(1.0, font / 9.0);
  d.viewport[0] = (page_left + layout.left) / page_width;
  d.viewport[1] = (page_left + layout.right) / page_width;
  d.viewport[2] = 1.0 - layout.bottom / height;
  d.viewport[3] = 1.0 - layout.top / height;
  d.window[0] = range.x_low / x_scale;
  d.window[1] = range.x_high / x_scale;
  d.window[2] = range.y_low / y_scale;
  d.window[3] = range.y_high / y_scale;
  d.x_ticks = layout.x_ticks;
  d.y_ticks = layout.y_ticks;
  d.y_label_distance = layout.y_label_distance;
  d.title = out.strings[0].c_str();
  d.x_label = out.strings[1].c_str();
  d.y_label = out.strings[2].c_str();
  d.n_grid = n;
  d.grid_x = out.grid_x.data();
  d.grid_y = out.grid_y.data();
  d.f_columns = has_colorbar ? out.f_columns.data() : nullptr;
  d.levels = out.levels.data();
  d.n_levels = static_cast<PLINT>(out.levels.size());
  d.band_colours = out.band_colours.data();
  d.margins = kind == Kind::two_classes;
  d.colorbar_levels = out.colorbar_levels.data();
  d.colorbar_offset = 1.2 * font / plot_width;
  d.colorbar_width = 1.1 * font / plot_width;
  d.colorbar_label = out.strings[3].c_str();
  d.region_columns = out.region_columns.data();
  d.n_regions = static_cast<PLINT>(out.region_columns.size());
  d.markers = &out.markers;
  d.rings = &out.rings;
  d.legend_markers = &out.legend_markers;
  d.legend_rings = &out.legend_rings;
  d.legend_lines = out.legend_lines.data();
  d.n_legend_lines = static_cast<PLINT>(out.legend_lines.size());
  d.legend_text_x = out.legend_text_x.data();
  d.legend_text_y = out.legend_text_y.data();
  d.legend_text = out.legend_text.data();
  return prepared;
}

}  // namespace

void write_decision_boundary_png(const Model& model, const Eigen::Ref<const RowMatrix<double>>& X,
                                 const std::vector<double>& labels, const std::string& path,
                                 const DecisionPlotOptions& options) {
  validate(model, X, labels, options);
  const std::unique_ptr<Prepared> prepared =
      prepare(model, X, labels, options, options.width, options.height, 0.0, options.width);
  const DecisionDrawing& drawing = prepared->drawing;
  write_file_atomically(path, [&](const std::string& temp) {
    detail::PlplotStream stream(temp, path, options.width, options.height);
    stream.draw([&] {
      pladv(0);
      detail::draw_decision(drawing);
    });
    stream.finish();
  });
}

void write_decision_boundaries_png(const std::vector<Model>& models,
                                   const std::vector<std::string>& titles,
                                   const Eigen::Ref<const RowMatrix<double>>& X,
                                   const std::vector<double>& labels, const std::string& path,
                                   const DecisionPlotOptions& options) {
  const char* function = "write_decision_boundaries_png";
  if (models.empty()) refuse("no models to draw", function);
  if (models.size() > kMaxPanels) {
    refuse(std::to_string(models.size()) + " models, more than the " +
               std::to_string(kMaxPanels) + " panels one picture holds",
           function);
  }
  if (!titles.empty() && titles.size() != models.size()) {
    refuse(std::to_string(titles.size()) + " titles for " + std::to_string(models.size()) +
               " models",
           function);
  }
  for (const Model& model : models) validate(model, X, labels, options);
  // Side by side: each panel a share of the width, laid out as a picture of its own.
  const double panel_width = static_cast<double>(options.width) / static_cast<double>(models.size());
  std::vector<std::unique_ptr<Prepared>> panels;
  for (std::size_t k = 0; k < models.size(); ++k) {
    DecisionPlotOptions panel = options;
    if (!titles.empty()) panel.title = titles[k];
    panels.push_back(prepare(models[k], X, labels, panel, panel_width, options.height,
                             panel_width * static_cast<double>(k), options.width));
  }
  std::vector<const DecisionDrawing*> drawings;
  for (const auto& prepared : panels) drawings.push_back(&prepared->drawing);
  write_file_atomically(path, [&](const std::string& temp) {
    detail::PlplotStream stream(temp, path, options.width, options.height);
    stream.draw([&] {
      pladv(0);
      for (const DecisionDrawing* drawing : drawings) detail::draw_decision(*drawing);
    });
    stream.finish();
  });
}

}  // namespace rbfsvm
