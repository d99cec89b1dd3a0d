// Checks that an rbfsvm model is LIBSVM's solution of the same problem (Catch2 assertions).
#pragma once

#include "rbfsvm/dataset.hpp"
#include "rbfsvm/train.hpp"

namespace rbfsvm::test {

struct Agreement {
  double objective_relative = 1e-6;  // per binary subproblem
  double rho = 1e-5;
  double decision_values = 1e-5;
  double sv_alpha = 1e-5;  // an SV only one side has must have |alpha| <= this * C
};

// Trains both on `train`, then compares objectives, support vectors, rho, decision values and
// predictions on `held_out`.
void expect_same_as_libsvm(const Dataset& train, const RowMatrix<double>& held_out,
                           const TrainOptions& options, const Agreement& agreement = {});

}  // namespace rbfsvm::test
