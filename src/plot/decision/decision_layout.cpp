#include "plot/decision/decision_layout.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>
#include <utility>

#include "rbfsvm/core/error.hpp"

namespace rbfsvm::detail {
namespace {

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
    throw InvalidArgument(std::string("write_decision_boundary_png: the points span ") + axis + " " + format_value(low) + " to " +
           format_value(high) + ", a range that overflows a double");
  }
  return {low, high};
}

}  // namespace

PlotRange plotted_range(const Eigen::Ref<const RowMatrix<double>>& X,
                        const RowMatrix<double>& support_vectors, double padding) {
  double x_low = X.col(0).minCoeff(), x_high = X.col(0).maxCoeff();
  double y_low = X.col(1).minCoeff(), y_high = X.col(1).maxCoeff();
  if (support_vectors.rows() > 0) {
    x_low = std::min(x_low, support_vectors.col(0).minCoeff());
    x_high = std::max(x_high, support_vectors.col(0).maxCoeff());
    y_low = std::min(y_low, support_vectors.col(1).minCoeff());
    y_high = std::max(y_high, support_vectors.col(1).maxCoeff());
  }
  PlotRange range{};
  std::tie(range.x_low, range.x_high) = axis_range(x_low, x_high, padding, "x");
  std::tie(range.y_low, range.y_high) = axis_range(y_low, y_high, padding, "y");
  return range;
}

DecisionLayout decision_layout(double width, double height, bool has_title, bool has_colorbar,
                               double widest_value_label, int legend_rows, const PlotRange& range) {
  DecisionLayout layout{};
  layout.x_ticks = value_ticks(range.x_low, range.x_high, 6.0);
  layout.y_ticks = value_ticks(range.y_low, range.y_high, 6.0);
  double font = std::clamp(std::min(width, height) / 50.0, 6.0, 48.0);
  for (;;) {
    const double widest_y =
        widest_label(tick_labels(range.y_low, range.y_high, layout.y_ticks));
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

PlotRange with_equal_aspect(PlotRange range, double plot_width, double plot_height) {
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

void shrink_to_equal_aspect(const PlotRange& range, DecisionLayout& layout) {
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

}  // namespace rbfsvm::detail
