// Measuring a model: accuracy, regression errors, and K-fold cross-validation.
#pragma once

#include <vector>

#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/svm/train.hpp"

namespace rbfsvm {

// Fraction of equal entries. Throws InvalidArgument when the sizes differ or are 0.
double accuracy(const std::vector<double>& truth, const std::vector<double>& predicted);

struct RegressionMetrics {
  double mean_squared_error = 0;
  // Squared Pearson correlation of truth and prediction, as LIBSVM's svm-predict prints it.
  double squared_correlation = 0;
};
RegressionMetrics regression_metrics(const std::vector<double>& truth,
                                     const std::vector<double>& predicted);

// Predictions for every point from K models, each trained without that point's fold. Folds are
// stratified by class for classification (each class spread round-robin over the folds after a
// shuffle) and plain shuffled blocks for regression; the shuffle is fixed by options.seed.
// Throws InvalidArgument unless 2 <= folds <= number of points.
std::vector<double> cross_validation_predictions(const Dataset& data, const TrainOptions& options,
                                                 int folds);

}  // namespace rbfsvm
