#include "rbfsvm/svm/grid_search.hpp"

#include <cmath>
#include <mutex>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/svm/evaluation.hpp"
#include "core/parallel.hpp"
#include "core/threads.hpp"

namespace rbfsvm {
namespace {

bool is_regression(SvmType type) {
  return type == SvmType::epsilon_svr || type == SvmType::nu_svr;
}

// Whether a beats b: a better score, else the smoother model (smaller C, then smaller gamma).
bool better(const GridPoint& a, const GridPoint& b, bool higher_is_better) {
  if (a.score != b.score) return higher_is_better ? a.score > b.score : a.score < b.score;
  if (a.C != b.C) return a.C < b.C;
  return a.gamma < b.gamma;
}

void evaluate(const Dataset& data, const TrainOptions& base, const GridSearchOptions& options,
              std::vector<GridPoint>& points, std::size_t done_before, std::size_t total,
              GridPoint& best, bool higher_is_better) {
  detail::FirstException failure;
  std::mutex progress_mutex;
  std::size_t done = done_before;
  // Points run in parallel, each with an equal share of the kernel budget. The share divides by
  // the machine's thread count, not the one asked for, so a point's models (whose batches of
  // kernel rows depend on their budget) do not change with --threads.
  const int machine_threads = detail::resolve_threads(0);
  const int workers = std::min(detail::resolve_threads(options.n_threads), machine_threads);
  const double point_budget_mb =
      kernel_budget_mb(data, base) /
      static_cast<double>(std::min<Index>(machine_threads, static_cast<Index>(points.size())));
  detail::parallel_for(static_cast<Index>(points.size()), workers, [&](Index p) {
    failure.capture([&] {
      GridPoint& point = points[static_cast<std::size_t>(p)];
      TrainOptions trial = base;
      trial.C = point.C;
      trial.kernel.gamma = point.gamma;
      trial.n_threads = 1;
      trial.cache_mb = point_budget_mb;
      trial.progress = nullptr;
      const std::vector<double> predicted = cross_validation_predictions(data, trial, options.folds);
      point.score = higher_is_better ? accuracy(data.labels, predicted)
                                     : regression_metrics(data.labels, predicted).mean_squared_error;
      std::lock_guard<std::mutex> lock(progress_mutex);
      ++done;
      if (options.progress) {
        // The best so far, for display only; the result below is chosen after all points.
        GridPoint shown = best;
        if (done == 1 || better(point, shown, higher_is_better)) shown = point;
        best = shown;
        options.progress(done, total, shown);
      }
    });
  });
  failure.rethrow();
}

std::vector<GridPoint> grid(const std::vector<double>& log2_C, const std::vector<double>& log2_gamma) {
  std::vector<GridPoint> points;
  for (double g : log2_gamma)
    for (double c : log2_C) points.push_back({std::exp2(c), std::exp2(g), 0.0});
  return points;
}

}  // namespace

GridPoint best_point(const std::vector<GridPoint>& points, bool higher_is_better) {
  if (points.empty()) throw InvalidArgument("best_point: no grid points");
  GridPoint best = points.front();
  for (const GridPoint& point : points) {
    if (better(point, best, higher_is_better)) best = point;
  }
  return best;
}

std::vector<double> Log2Range::values() const {
  if (!std::isfinite(begin) || !std::isfinite(end) || !std::isfinite(step) || step == 0 ||
      (end - begin) * step < 0) {
    throw InvalidArgument("a log2 range needs a step that leads from " + std::to_string(begin) +
                          " to " + std::to_string(end) + ", got step " + std::to_string(step));
  }
  std::vector<double> values;
  const double count = std::floor((end - begin) / step + 1e-9);
  if (count > 1000) throw InvalidArgument("a log2 range may hold at most 1000 values");
  for (int k = 0; k <= static_cast<int>(count); ++k) values.push_back(begin + k * step);
  return values;
}

GridSearchResult grid_search(const Dataset& data, const TrainOptions& base,
                             const GridSearchOptions& options) {
  if (base.kernel.type != KernelType::rbf) {
    throw InvalidArgument("grid search tunes C and gamma of the rbf kernel");
  }
  if (options.folds < 2) throw InvalidArgument("grid search needs at least 2 folds");
  GridSearchResult result;
  result.higher_is_better = !is_regression(base.svm_type);
  const std::vector<double> log2_C = options.log2_C.values();
  const std::vector<double> log2_gamma = options.log2_gamma.values();
  std::vector<GridPoint> coarse = grid(log2_C, log2_gamma);
  std::vector<GridPoint> fine;
  std::size_t total = coarse.size();
  if (options.refine) total += 81;  // a 9 x 9 refinement
  GridPoint shown;
  evaluate(data, base, options, coarse, 0, total, shown, result.higher_is_better);
  result.best = best_point(coarse, result.higher_is_better);
  result.points = coarse;
  if (options.refine) {
    const GridSearchOptions around = refined_grid(options, result.best);
    fine = grid(around.log2_C.values(), around.log2_gamma.values());
    evaluate(data, base, options, fine, coarse.size(), total, shown, result.higher_is_better);
    result.points.insert(result.points.end(), fine.begin(), fine.end());
    result.best = best_point(result.points, result.higher_is_better);
  }
  return result;
}

GridSearchOptions refined_grid(const GridSearchOptions& options, const GridPoint& best) {
  // One coarse step either side of the best, at a quarter of the step: 9 x 9 points.
  const double step_C = std::fabs(options.log2_C.step), step_gamma = std::fabs(options.log2_gamma.step);
  GridSearchOptions around = options;
  around.log2_C = {std::log2(best.C) - step_C, std::log2(best.C) + step_C, step_C / 4};
  around.log2_gamma = {std::log2(best.gamma) - step_gamma, std::log2(best.gamma) + step_gamma,
                       step_gamma / 4};
  around.refine = false;
  return around;
}

}  // namespace rbfsvm
