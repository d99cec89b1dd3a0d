#include "rbfsvm/svm/evaluation.hpp"

#include <string>

#include "rbfsvm/core/error.hpp"
#include "svm/training/validation/cross_validation.hpp"

namespace rbfsvm {
namespace {

void check_sizes(const std::vector<double>& truth, const std::vector<double>& predicted) {
  if (truth.size() != predicted.size() || truth.empty()) {
    throw InvalidArgument("cannot compare " + std::to_string(truth.size()) + " labels with " +
                          std::to_string(predicted.size()) + " predictions");
  }
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
  return detail::cross_validation_predictions(
      data, options, folds, [](const Dataset& part, const TrainOptions& fold_options) {
        return train(part, fold_options);
      });
}

}  // namespace rbfsvm
