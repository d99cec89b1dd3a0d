#include "plot/decision/decision_field.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "plot/colormap.hpp"
#include "plot/decision/decision_drawing.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/svm/model.hpp"

namespace rbfsvm::detail {
namespace {

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

}  // namespace

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

ShadeBands shade_bands(const Model& model, const RowMatrix<double>& grid) {
  ShadeBands out;
  const RowMatrix<double> values = model.decision_values(grid);
  out.f.assign(values.data(), values.data() + values.rows());
  double highest = 0, lowest = 0;
  for (const double value : out.f) {
    highest = std::max(highest, value);
    lowest = std::min(lowest, value);
  }
  if (!std::isfinite(highest) || !std::isfinite(lowest)) {
    throw InvalidArgument(
        "write_decision_boundary_png: the decision function is not finite on the grid");
  }
  if (highest - lowest < 1e-3) highest = lowest + 1e-3;
  const double common_step = nice_step(std::max(highest, -lowest), 6.0);
  // A side's band count and step: the common step, unless that gives it fewer than 3 bands.
  const auto side = [&](double extent) {
    if (extent <= 0) return std::pair<int, double>{0, common_step};
    const int bands = static_cast<int>(std::ceil(extent / common_step - 1e-9));
    if (bands >= 3) return std::pair<int, double>{bands, common_step};
    const double step = nice_step(extent, 4.0);
    return std::pair<int, double>{
        std::max(static_cast<int>(std::ceil(extent / step - 1e-9)), 2), step};
  };
  const auto [negative_bands, negative_step] = side(-lowest);
  const auto [positive_bands, positive_step] = side(highest);
  for (int k = negative_bands; k >= 1; --k) {
    out.levels.push_back(-k * negative_step);
    for (const PLINT channel : diverging_colour(0.5 - 0.5 * k / negative_bands)) {
      out.band_colours.push_back(channel);
    }
  }
  out.levels.push_back(0.0);
  for (int k = 1; k <= positive_bands; ++k) {
    out.levels.push_back(k * positive_step);
    for (const PLINT channel : diverging_colour(0.5 + 0.5 * k / positive_bands)) {
      out.band_colours.push_back(channel);
    }
  }
  // The outer levels cover every value, whatever the rounding in bands * step.
  out.levels.front() = std::min(out.levels.front(), lowest);
  out.levels.back() = std::max(out.levels.back(), highest);
  if (out.levels.size() - 1 > static_cast<std::size_t>(kMaxBands)) {
    throw Error("write_decision_boundary_png: " + std::to_string(out.levels.size() - 1) +
                " shade bands, more than the " + std::to_string(kMaxBands) +
                " the colour map holds (a bug)");
  }
  const TickFormat ticks = value_ticks(out.levels.front(), out.levels.back(), 6.0);
  out.value_ticks = ticks;
  for (const double level : out.levels) out.colorbar_levels.push_back(level / ticks.scale);
  out.widest_label = widest_label(tick_labels(out.levels.front(), out.levels.back(), ticks));
  return out;
}

std::vector<std::vector<double>> class_regions(const Model& model, const RowMatrix<double>& grid,
                                               int n) {
  std::vector<std::vector<double>> regions;
  const std::vector<double> predicted = model.predict(grid);
  for (const double label : model.data().labels) {
    std::vector<double> indicator(predicted.size(), 0.0);
    for (std::size_t p = 0; p < predicted.size(); ++p) {
      if (predicted[p] == label) indicator[p] = 1.0;
    }
    smooth(indicator, n);
    regions.push_back(std::move(indicator));
  }
  return regions;
}

}  // namespace rbfsvm::detail
