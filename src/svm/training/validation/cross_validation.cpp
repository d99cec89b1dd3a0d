#include "svm/training/validation/cross_validation.hpp"

#include <algorithm>
#include <string>

#include "rbfsvm/core/error.hpp"
#include "core/parallel.hpp"
#include "core/threads.hpp"
#include "svm/training/validation/folds.hpp"
#include "svm/training/sample_weights.hpp"
#include "svm/training/validation/shared_kernel_cv.hpp"

namespace rbfsvm::detail {
namespace {

// The folds over one kernel matrix of all the points (shared_kernel_cv.hpp), computed once
// instead of each fold computing most of it again: C-SVC and epsilon-SVR on the fast path, when
// the budget holds the matrix and each fold's working memory. Returns false, having done
// nothing, otherwise.
bool predict_over_shared_kernel(const Dataset& data, const TrainOptions& options,
                                const FoldSplit& split, std::vector<double>& predictions) {
  if (!shares_kernel(data, options)) return false;
  const int threads = resolve_threads(options.n_threads);
  const int workers = std::min(threads, split.n_folds);
  if (matrices_that_fit(data, options, split.n_folds, workers, 1) < 1) return false;
  const std::size_t matrix = shared_kernel_bytes(static_cast<Index>(data.n_samples()));
  check_shared_input(data, options);
  TrainOptions quiet = options;  // the folds' solvers run at once: no progress lines
  quiet.progress = nullptr;
  const FoldKernel kernel = fold_kernel(data, quiet, split, matrix + matrix / 8, threads);
  if (!kernel.store) return false;
  FirstException failure;
  std::vector<std::vector<float>> local_buffers(static_cast<std::size_t>(workers));
  parallel_for_workers(split.n_folds, workers, [&](Index f, int worker) {
    failure.capture([&] {
      const int fold = static_cast<int>(f);
      const std::vector<double> predicted =
          fold_predictions_along_C(data, quiet, {quiet.C}, split, fold, kernel, false,
                                   local_buffers[static_cast<std::size_t>(worker)])
              .front();
      const std::vector<Index> test_rows = split.test_points(fold);
      for (std::size_t k = 0; k < test_rows.size(); ++k) predictions[test_rows[k]] = predicted[k];
    });
  });
  failure.rethrow();
  return true;
}

}  // namespace

std::vector<double> cross_validation_predictions(const Dataset& data, const TrainOptions& options,
                                                 int folds, const FoldTrainer& train) {
  if (folds < 2 || static_cast<std::size_t>(folds) > data.n_samples()) {
    throw InvalidArgument("the number of folds must be between 2 and the number of points (" +
                          std::to_string(data.n_samples()) + "), got " + std::to_string(folds));
  }
  check_sample_weights(data, options);
  const FoldSplit split =
      cross_validation_folds(data.labels, is_classification(options.svm_type), folds, options.seed);
  std::vector<double> predictions(data.n_samples());
  if (predict_over_shared_kernel(data, options, split, predictions)) return predictions;
  // Folds train in parallel, one thread and an equal share of the kernel budget each. The share
  // is 1/folds whatever the thread count, so a fold's model does not depend on how many run at
  // once.
  const int workers = std::min(resolve_threads(options.n_threads), folds);
  TrainOptions fold_options = options;
  fold_options.progress = nullptr;
  fold_options.cache_mb = kernel_budget_mb(data, options) / folds;
  if (workers > 1) fold_options.n_threads = 1;
  FirstException failure;
  parallel_for(folds, workers, [&](Index f) {
    failure.capture([&] {
      const std::vector<Index> test_rows = split.test_points(static_cast<int>(f));
      const std::vector<Index> train_rows = split.training_points(static_cast<int>(f));
      TrainOptions weighted = fold_options;
      weighted.sample_weights = weights_of(options.sample_weights, train_rows);
      const Model model = train(select_rows(data, train_rows), weighted);
      const Dataset test = select_rows(data, test_rows);
      const ThreadOptions threads{fold_options.n_threads};
      const std::vector<double> predicted = model.predict(test, threads);
      for (std::size_t k = 0; k < test_rows.size(); ++k) predictions[test_rows[k]] = predicted[k];
    });
  });
  failure.rethrow();
  return predictions;
}

}  // namespace rbfsvm::detail
