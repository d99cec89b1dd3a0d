#include "rbfsvm/svm/evaluation.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <map>
#include <mutex>
#include <numeric>
#include <random>
#include <string>

#include "rbfsvm/core/error.hpp"
#include "core/threads.hpp"

namespace rbfsvm {
namespace {

void check_sizes(const std::vector<double>& truth, const std::vector<double>& predicted) {
  if (truth.size() != predicted.size() || truth.empty()) {
    throw InvalidArgument("cannot compare " + std::to_string(truth.size()) + " labels with " +
                          std::to_string(predicted.size()) + " predictions");
  }
}

// fold[i] for every point.
std::vector<int> assign_folds(const Dataset& data, const TrainOptions& options, int folds) {
  const std::size_t n = data.n_samples();
  std::mt19937 engine(options.seed);
  std::vector<int> fold(n);
  if (is_classification(options.svm_type)) {
    std::map<double, std::vector<std::size_t>> by_class;
    for (std::size_t i = 0; i < n; ++i) by_class[data.labels[i]].push_back(i);
    int next = 0;
    for (auto& [label, members] : by_class) {
      std::shuffle(members.begin(), members.end(), engine);
      for (std::size_t member : members) {
        fold[member] = next;
        next = (next + 1) % folds;
      }
    }
  } else {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::shuffle(order.begin(), order.end(), engine);
    for (std::size_t k = 0; k < n; ++k) {
      fold[order[k]] = static_cast<int>(k * static_cast<std::size_t>(folds) / n);
    }
  }
  return fold;
}

Dataset subset(const Dataset& data, const std::vector<Index>& rows) {
  Dataset part;
  part.X.resize(static_cast<Index>(rows.size()), data.X.cols());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    part.X.row(static_cast<Index>(k)) = data.X.row(rows[k]);
    part.labels.push_back(data.labels[rows[k]]);
  }
  part.class_names = data.class_names;
  part.source = data.source;
  return part;
}

}  // namespace

double accuracy(const std::vector<double>& truth, const std::vector<double>& predicted) {
  check_sizes(truth, predicted);
  std::size_t correct = 0;
  for (std::size_t i = 0; i < truth.size(); ++i) correct += truth[i] == predicted[i] ? 1 : 0;
  return static_cast<double>(correct) / static_cast<double>(truth.size());
}

RegressionMetrics regression_metrics(const std::vector<double>& truth,
                                     const std::vector<double>& predicted) {
  check_sizes(truth, predicted);
  const double n = static_cast<double>(truth.size());
  double error = 0, sum_t = 0, sum_p = 0, sum_tt = 0, sum_pp = 0, sum_tp = 0;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    const double t = truth[i], p = predicted[i];
    error += (p - t) * (p - t);
    sum_t += t;
    sum_p += p;
    sum_tt += t * t;
    sum_pp += p * p;
    sum_tp += t * p;
  }
  RegressionMetrics metrics;
  metrics.mean_squared_error = error / n;
  const double numerator = n * sum_tp - sum_t * sum_p;
  const double denominator = (n * sum_tt - sum_t * sum_t) * (n * sum_pp - sum_p * sum_p);
  metrics.squared_correlation = denominator > 0 ? numerator * numerator / denominator : 0.0;
  return metrics;
}

std::vector<double> cross_validation_predictions(const Dataset& data, const TrainOptions& options,
                                                 int folds) {
  if (folds < 2 || static_cast<std::size_t>(folds) > data.n_samples()) {
    throw InvalidArgument("the number of folds must be between 2 and the number of points (" +
                          std::to_string(data.n_samples()) + "), got " + std::to_string(folds));
  }
  const std::vector<int> fold = assign_folds(data, options, folds);
  std::vector<double> predictions(data.n_samples());
  // Folds train in parallel, one thread and an equal share of the kernel budget each. The share
  // is 1/folds whatever the thread count, so a fold's model does not depend on how many run at
  // once.
  const int workers = std::min(detail::resolve_threads(options.n_threads), folds);
  TrainOptions fold_options = options;
  fold_options.progress = nullptr;
  fold_options.cache_mb = kernel_budget_mb(data, options) / folds;
  if (workers > 1) fold_options.n_threads = 1;
  std::exception_ptr failure;
  std::mutex failure_mutex;
  detail::parallel_for(folds, workers, [&](Index f) {
    try {
      std::vector<Index> train_rows, test_rows;
      for (std::size_t i = 0; i < data.n_samples(); ++i) {
        (fold[i] == f ? test_rows : train_rows).push_back(static_cast<Index>(i));
      }
      const Model model = train(subset(data, train_rows), fold_options);
      const std::vector<double> predicted =
          model.predict(subset(data, test_rows).X, ThreadOptions{fold_options.n_threads});
      for (std::size_t k = 0; k < test_rows.size(); ++k) predictions[test_rows[k]] = predicted[k];
    } catch (...) {
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  });
  if (failure) std::rethrow_exception(failure);
  return predictions;
}

}  // namespace rbfsvm
