#include "rbfsvm/svm/grid_search.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <numeric>
#include <string>
#include <utility>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/core/format.hpp"
#include "rbfsvm/svm/evaluation.hpp"
#include "core/parallel.hpp"
#include "core/threads.hpp"
#include "svm/training/validation/folds.hpp"
#include "svm/training/validation/shared_kernel_cv.hpp"

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

// Reports each finished point to options.progress with the best so far (for display only; the
// result is chosen after all points).
class ProgressReporter {
 public:
  ProgressReporter(const GridSearchOptions& options, std::size_t done, std::size_t total,
                   GridPoint& shown, bool higher_is_better)
      : options_(options), done_(done), total_(total), shown_(shown),
        higher_is_better_(higher_is_better) {}
  void finished(const GridPoint& point) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++done_;
    if (!options_.progress) return;
    if (done_ == 1 || better(point, shown_, higher_is_better_)) shown_ = point;
    options_.progress(done_, total_, shown_);
  }

 private:
  const GridSearchOptions& options_;
  std::size_t done_, total_;
  GridPoint& shown_;
  bool higher_is_better_;
  std::mutex mutex_;
};

double score_of(const Dataset& data, const std::vector<double>& predicted, bool higher_is_better) {
  return higher_is_better ? accuracy(data.labels, predicted)
                          : regression_metrics(data.labels, predicted).mean_squared_error;
}

// Every point cross-validated on its own: each fold trained from scratch (the types and options
// the shared engine does not cover, and share_kernel off).
void evaluate_independently(const Dataset& data, const TrainOptions& base,
                            const GridSearchOptions& options, std::vector<GridPoint>& points,
                            ProgressReporter& reporter, bool higher_is_better) {
  detail::FirstException failure;
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
      point.score = score_of(data, cross_validation_predictions(data, trial, options.folds),
                             higher_is_better);
      reporter.finished(point);
    });
  });
  failure.rethrow();
}

// The shared engine (svm/training/validation/shared_kernel_cv.hpp): per gamma one kernel matrix,
// computed once and read by every fold and every C; per (gamma, fold) one task that runs the
// whole C path in increasing C, warm-starting each solve from the previous one. As many gammas
// as the budget holds matrices for run at once, all of them when it can: the threads then take
// tasks until none is left, rather than waiting for the slowest task of each gamma. Each task's
// results depend on nothing but its gamma and fold, so the table is the same for any thread
// count and any schedule. Returns false, having done nothing, when the budget does not hold one
// matrix.
bool evaluate_shared(const Dataset& data, const TrainOptions& base,
                     const GridSearchOptions& options, const std::vector<double>& Cs,
                     const std::vector<double>& gammas, std::vector<GridPoint>& points,
                     ProgressReporter& reporter, bool higher_is_better) {
  const int workers = detail::resolve_threads(options.n_threads);
  const std::size_t fit = detail::matrices_that_fit(data, base, options.folds, workers, Cs.size());
  if (fit < 1) return false;
  const std::size_t matrix = detail::shared_kernel_bytes(static_cast<Index>(data.n_samples()));
  const std::size_t folds = static_cast<std::size_t>(options.folds);
  const std::size_t at_once = std::min(fit, gammas.size());
  const detail::FoldSplit split = detail::cross_validation_folds(
      data.labels, is_classification(base.svm_type), options.folds, base.seed);
  // The C path in increasing C, the order alpha seeding follows.
  std::vector<std::size_t> by_C(Cs.size());
  std::iota(by_C.begin(), by_C.end(), std::size_t{0});
  std::sort(by_C.begin(), by_C.end(), [&](std::size_t a, std::size_t b) { return Cs[a] < Cs[b]; });
  std::vector<double> path;
  for (std::size_t c : by_C) path.push_back(Cs[c]);
  std::vector<std::vector<float>> local_buffers(static_cast<std::size_t>(workers));
  for (std::size_t first = 0; first < gammas.size(); first += at_once) {
    const std::size_t count = std::min(at_once, gammas.size() - first);
    std::vector<TrainOptions> trials(count, base);
    std::vector<detail::FoldKernel> kernels;
    for (std::size_t g = 0; g < count; ++g) {
      trials[g].kernel.gamma = gammas[first + g];
      trials[g].progress = nullptr;
      kernels.push_back(detail::fold_kernel(data, trials[g], split, matrix + matrix / 8, workers));
      if (!kernels.back().store) throw InvalidArgument("grid search: the kernel matrix did not fit");
    }
    // predictions[g][c][i]: point i's prediction at gamma g and the c-th C of the path.
    std::vector<std::vector<std::vector<double>>> predictions(
        count, std::vector<std::vector<double>>(path.size(), std::vector<double>(data.n_samples())));
    detail::FirstException failure;
    detail::parallel_for_workers(static_cast<Index>(count * folds), workers, [&](Index task, int worker) {
      failure.capture([&] {
        const std::size_t g = static_cast<std::size_t>(task) / folds;
        const int fold = static_cast<int>(static_cast<std::size_t>(task) % folds);
        const auto fold_predictions = detail::fold_predictions_along_C(
            data, trials[g], path, split, fold, kernels[g], options.warm_start,
            local_buffers[static_cast<std::size_t>(worker)]);
        const std::vector<Index> test = split.test_points(fold);
        for (std::size_t c = 0; c < path.size(); ++c) {
          for (std::size_t k = 0; k < test.size(); ++k) {
            predictions[g][c][static_cast<std::size_t>(test[k])] = fold_predictions[c][k];
          }
        }
      });
    });
    failure.rethrow();
    for (std::size_t g = 0; g < count; ++g) {
      for (std::size_t c = 0; c < path.size(); ++c) {
        GridPoint& point = points[(first + g) * Cs.size() + by_C[c]];
        point.score = score_of(data, predictions[g][c], higher_is_better);
        reporter.finished(point);
      }
    }
  }
  return true;
}

// The points, gamma-major (for each gamma, every C), cross-validated.
void evaluate(const Dataset& data, const TrainOptions& base, const GridSearchOptions& options,
              const std::vector<double>& Cs, const std::vector<double>& gammas,
              std::vector<GridPoint>& points, ProgressReporter& reporter, bool higher_is_better) {
  if (options.share_kernel && detail::shares_kernel(data, base)) {
    TrainOptions probe = base;
    probe.C = Cs.front();
    probe.kernel.gamma = gammas.front();
    detail::check_shared_input(data, probe);
    if (options.folds > static_cast<int>(data.n_samples())) {
      throw InvalidArgument("the number of folds must be between 2 and the number of points (" +
                            std::to_string(data.n_samples()) + "), got " +
                            std::to_string(options.folds));
    }
    if (evaluate_shared(data, base, options, Cs, gammas, points, reporter, higher_is_better)) return;
  }
  evaluate_independently(data, base, options, points, reporter, higher_is_better);
}

std::vector<double> powers_of_two(const std::vector<double>& exponents) {
  std::vector<double> values;
  for (double e : exponents) values.push_back(std::exp2(e));
  return values;
}

// Gamma-major, as grid.py lists them: for each gamma, every C.
std::vector<GridPoint> grid(const std::vector<double>& Cs, const std::vector<double>& gammas) {
  std::vector<GridPoint> points;
  for (double g : gammas)
    for (double c : Cs) points.push_back({c, g, 0.0});
  return points;
}

void check_search(const TrainOptions& base, const GridSearchOptions& options) {
  if (base.kernel.type != KernelType::rbf) {
    throw InvalidArgument("grid search tunes C and gamma of the rbf kernel");
  }
  if (options.folds < 2) throw InvalidArgument("grid search needs at least 2 folds");
}

// The result's settings known before the search: its direction and the folds (those of
// cross_validation_predictions and of the shared engine alike).
GridSearchResult start_result(const Dataset& data, const TrainOptions& base,
                              const GridSearchOptions& options) {
  GridSearchResult result;
  result.higher_is_better = !is_regression(base.svm_type);
  result.test_fold = detail::cross_validation_folds(data.labels, is_classification(base.svm_type),
                                                    options.folds, base.seed)
                         .fold;
  return result;
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
  check_search(base, options);
  GridSearchResult result = start_result(data, base, options);
  const std::vector<double> Cs = powers_of_two(options.log2_C.values());
  const std::vector<double> gammas = powers_of_two(options.log2_gamma.values());
  std::vector<GridPoint> coarse = grid(Cs, gammas);
  std::size_t total = coarse.size();
  if (options.refine) total += 81;  // a 9 x 9 refinement
  GridPoint shown;
  ProgressReporter reporter(options, 0, total, shown, result.higher_is_better);
  evaluate(data, base, options, Cs, gammas, coarse, reporter, result.higher_is_better);
  result.best = best_point(coarse, result.higher_is_better);
  result.points = coarse;
  if (options.refine) {
    const GridSearchOptions around = refined_grid(options, result.best);
    const std::vector<double> fine_Cs = powers_of_two(around.log2_C.values());
    const std::vector<double> fine_gammas = powers_of_two(around.log2_gamma.values());
    std::vector<GridPoint> fine = grid(fine_Cs, fine_gammas);
    evaluate(data, base, options, fine_Cs, fine_gammas, fine, reporter, result.higher_is_better);
    result.points.insert(result.points.end(), fine.begin(), fine.end());
    result.best = best_point(result.points, result.higher_is_better);
  }
  return result;
}

GridSearchResult grid_search(const Dataset& data, const TrainOptions& base,
                             const std::vector<double>& Cs, const std::vector<double>& gammas,
                             const GridSearchOptions& options) {
  check_search(base, options);
  for (const auto& [name, values] : {std::pair{"C", &Cs}, {"gamma", &gammas}}) {
    if (values->empty()) throw InvalidArgument(std::string("grid search: no values of ") + name);
    for (double value : *values) {
      if (!(value > 0 && std::isfinite(value))) {
        throw InvalidArgument(std::string("grid search: every ") + name +
                              " must be a finite number > 0, got " + six_digits(value));
      }
    }
  }
  GridSearchResult result = start_result(data, base, options);
  result.points = grid(Cs, gammas);
  GridPoint shown;
  ProgressReporter reporter(options, 0, result.points.size(), shown, result.higher_is_better);
  evaluate(data, base, options, Cs, gammas, result.points, reporter, result.higher_is_better);
  result.best = best_point(result.points, result.higher_is_better);
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
