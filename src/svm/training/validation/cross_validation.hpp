// Internal: the K-fold cross-validation loop behind the public cross_validation_predictions
// (evaluation.hpp) and the SVR probability fit of train(). The fold models come from the caller's
// trainer (train() in both), so that this unit and train.cpp do not depend on each other.
#pragma once

#include <functional>
#include <vector>

#include "rbfsvm/svm/train.hpp"

namespace rbfsvm::detail {

using FoldTrainer = std::function<Model(const Dataset& data, const TrainOptions& options)>;

// Predictions for every point from `folds` models, each trained by `train` without that
// point's fold (folds of cross_validation_folds, stratified for classification), each on its
// points' options.sample_weights. Folds run in parallel: C-SVC and epsilon-SVR on the fast path
// over one kernel matrix shared by all folds when the budget holds it (shared_kernel_cv.hpp; the
// same models to the solver's tolerance), otherwise each trained by `train` with an equal share
// of the kernel budget. Throws InvalidArgument unless
// 2 <= folds <= number of points; rethrows the first exception a fold throws.
std::vector<double> cross_validation_predictions(const Dataset& data, const TrainOptions& options,
                                                 int folds, const FoldTrainer& train);

}  // namespace rbfsvm::detail
