// Internal: the probability models train() fits beside the decision functions (-b 1): Platt's
// sigmoid per binary problem, the Laplace scale of SVR residuals, the one-class density marks.
// The functions that turn them into probabilities are public (rbfsvm/svm/probability.hpp).
#pragma once

#include <cstddef>
#include <vector>

#include "rbfsvm/svm/probability.hpp"
#include "svm/training/validation/cross_validation.hpp"

namespace rbfsvm::detail {

// Platt's sigmoid for one binary problem (points X, labels y = +-1, sample weights w as
// solve_binary takes them), fitted to decision values from 5-fold cross-validation on its points
// (LIBSVM's svm_binary_svc_probability; folds of shuffled_blocks(seed); each fold's points keep
// their weights, as in scikit-learn's). A training fold holding a single class predicts that
// class (+-1).
PlattSigmoid platt_sigmoid_by_cross_validation(PointsRef X, const std::vector<signed char>& y,
                                               const std::vector<double>& w, double C_positive,
                                               double C_negative, const TrainOptions& options,
                                               std::size_t cache, int threads, unsigned seed);

// The Laplace scale of 5-fold cross-validated residuals of a regression (LIBSVM's
// svm_svr_probability), the folds' models trained by `train`. `data` is already scaled: the
// folds train without scaling or probabilities.
double svr_laplace_scale(const Dataset& data, const TrainOptions& options,
                         const FoldTrainer& train);

// A one-class model's density marks from the training points' own decision values (LIBSVM 3.3x).
std::vector<double> one_class_marks(const ModelData& model, PointsRef X,
                                    int threads);

}  // namespace rbfsvm::detail
