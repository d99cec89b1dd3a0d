#include "svm/training/probability_fit.hpp"

#include <algorithm>
#include <memory>

#include "kernel/kernel_values.hpp"
#include "svm/training/validation/folds.hpp"
#include "svm/training/formulations.hpp"
#include "svm/training/sample_weights.hpp"
#include "svm/training/validation/shared_kernel_cv.hpp"
#include "solver/stored/kernel_row_store.hpp"

namespace rbfsvm::detail {

PlattSigmoid platt_sigmoid_by_cross_validation(PointsRef X, const std::vector<signed char>& y,
                                               const std::vector<double>& w, double C_positive,
                                               double C_negative, const TrainOptions& options,
                                               std::size_t cache, int threads, unsigned seed) {
  constexpr int folds = 5;
  const FoldSplit split = shuffled_blocks(X.rows(), folds, seed);
  // On the fast path, when the budget holds it, one kernel matrix of the problem's points serves
  // every fold's solve and its held-out decision values (shared_kernel_cv.hpp's saving): one
  // Gram build instead of five of four fifths of it.
  std::shared_ptr<KernelRowStore> store;
  if (use_row_store(options) && shared_kernel_bytes(X.rows()) <= cache) {
    store = std::make_shared<KernelRowStore>(options.kernel, X, cache, threads, tuning_of(options));
    if (!store->compute_all()) store = nullptr;
  }
  std::vector<double> decision(static_cast<std::size_t>(X.rows()), 0.0), labels(y.begin(), y.end());
  for (int fold = 0; fold < folds; ++fold) {
    const std::vector<Index> test_rows = split.test_points(fold);
    if (test_rows.empty()) continue;
    const std::vector<Index> train_rows = split.training_points(fold);
    std::vector<signed char> y_train;
    for (Index row : train_rows) y_train.push_back(y[static_cast<std::size_t>(row)]);
    const bool has_positive = std::count(y_train.begin(), y_train.end(), 1) > 0;
    const bool has_negative = std::count(y_train.begin(), y_train.end(), -1) > 0;
    if (!(has_positive && has_negative)) {
      for (Index row : test_rows) decision[row] = has_positive ? 1.0 : has_negative ? -1.0 : 0.0;
      continue;
    }
    if (store) {
      SharedRows shared{store, train_rows, nullptr};
      const BinarySolution solution = solve_binary(X, y_train, weights_of(w, train_rows), C_positive,
                                                   C_negative, options, 0, threads, &shared);
      for (Index row : test_rows) {
        const float* k = store->complete_row(row);
        double sum = 0;
        for (std::size_t t = 0; t < train_rows.size(); ++t) {
          sum += solution.coefficients[t] * static_cast<double>(k[train_rows[t]]);
        }
        decision[static_cast<std::size_t>(row)] = sum - solution.report.rho;
      }
      continue;
    }
    const PointSet X_train = select_rows(X, train_rows);
    const BinarySolution solution = solve_binary(X_train.ref(), y_train, weights_of(w, train_rows),
                                                 C_positive, C_negative, options, cache, threads);
    const Eigen::Map<const Eigen::VectorXd> coefficients(
        solution.coefficients.data(), static_cast<Index>(solution.coefficients.size()));
    const Eigen::VectorXd values =
        kernel_values(options.kernel, select_rows(X, test_rows).ref(), X_train.ref(),
                      ThreadOptions{threads}) *
        coefficients;
    for (std::size_t r = 0; r < test_rows.size(); ++r) {
      decision[test_rows[r]] = values(static_cast<Index>(r)) - solution.report.rho;
    }
  }
  return fit_platt_sigmoid(decision, labels);
}

double svr_laplace_scale(const Dataset& data, const TrainOptions& options,
                         const FoldTrainer& train) {
  TrainOptions fold_options = options;
  fold_options.probability = false;
  fold_options.scaling.reset();
  const std::vector<double> predicted = cross_validation_predictions(data, fold_options, 5, train);
  std::vector<double> residuals(predicted.size());
  for (std::size_t i = 0; i < predicted.size(); ++i) residuals[i] = data.labels[i] - predicted[i];
  return fit_laplace_scale(residuals);
}

std::vector<double> one_class_marks(const ModelData& model, PointsRef X,
                                    int threads) {
  const Model fitted(model);
  const RowMatrix<double> values = X.is_sparse()
                                       ? fitted.decision_values(X.sparse(), ThreadOptions{threads})
                                       : fitted.decision_values(X.dense(), ThreadOptions{threads});
  return one_class_density_marks(std::vector<double>(values.data(), values.data() + values.size()));
}

}  // namespace rbfsvm::detail
