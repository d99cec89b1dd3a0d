// Checks that an rbfsvm model is LIBSVM's solution of the same problem (Catch2 assertions).
#pragma once

#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/svm/train.hpp"

namespace rbfsvm::test {

// C-SVC (or `type`) with an RBF kernel and LIBSVM's tolerance tightened to 1e-6, so that both
// solvers stop close to the optimum and agree to about 1e-6.
TrainOptions tight(SvmType type, double gamma);

// Tolerances of the exact path (KernelEvaluation::exact: LIBSVM's arithmetic).
struct Agreement {
  double objective_relative = 1e-6;  // per binary subproblem
  double rho = 1e-5;
  double decision_values = 1e-5;
  double sv_alpha = 1e-5;  // an SV only one side has must have |alpha| <= this * C
  double prediction_mismatches = 0;  // share of held-out points whose predictions may differ
  // When false, only the support-vector counts are compared (within sv_count_relative): with
  // duplicate points the optimum is not unique, and rounding picks among the optimal alphas.
  bool same_sv_indices = true;
  double sv_count_relative = 0.02;
};

// The fast path's tolerances: its kernel values are float GEMM results (about 1e-6 relative),
// so the optimum it reaches agrees to about 1e-6..1e-4 with the exact one, and a held-out point
// lying on the decision boundary may fall on the other side.
Agreement fast_path_agreement(const Agreement& exact);

// Trains LIBSVM and rbfsvm on `train`, rbfsvm once with exact and once with fast kernel
// evaluation (whatever options.kernel_evaluation says), then compares objectives, support
// vectors, rho, decision values and predictions on `held_out`: the exact path within
// `agreement`, the fast one within fast_path_agreement(agreement).
void expect_same_as_libsvm(const Dataset& train, PointsRef held_out,
                           const TrainOptions& options, const Agreement& agreement = {});

}  // namespace rbfsvm::test
