// The gamma of the kernel, as a front end lets the user choose it: a value, a Gaussian width
// sigma, scikit-learn's 'scale' rule or LIBSVM's default.
#pragma once

#include <optional>
#include <string>

#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/data/scaling.hpp"

namespace rbfsvm {

// What the user gave: at most one of sigma and gamma (svm_train's --sigma and -g/--gamma).
struct GammaChoice {
  std::optional<double> sigma;  // the RBF width: gamma = 1 / (2 sigma^2)
  // A number ("0.5", "1e-3"), "scale" for scikit-learn's rule, or empty for LIBSVM's default.
  std::string gamma;

  // Throws InvalidArgument "give --sigma or --gamma, not both ..." when both are given.
  void check_exclusive() const;
};

// The gamma a training run uses, for data `training_data` that is scaled by `scaling` (when
// set) before the kernel sees it:
//   sigma given:       gamma = 1 / (2 sigma^2)
//   gamma "scale":     gamma = 1 / (n_features * Var(X')), X' the scaled training data, the
//                      variance over all its entries (scikit-learn's gamma='scale')
//   gamma a number:    that number (checked later by Kernel::validate)
//   neither:           gamma = 1 / n_features (LIBSVM's default, unaffected by scaling)
// Throws InvalidArgument when both are given (check_exclusive) or when gamma is neither empty,
// "scale" nor a whole number ("--gamma expects a number or 'scale', got '...'").
double resolve_gamma(const GammaChoice& choice, const Dataset& training_data,
                     const std::optional<ScalingKind>& scaling);

}  // namespace rbfsvm
