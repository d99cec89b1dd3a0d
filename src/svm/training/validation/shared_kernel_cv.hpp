// Internal: cross-validation over one kernel matrix shared by every fold and every C, with warm
// starts along C: the model-selection engine behind grid_search and cross_validation_predictions.
//
// For one gamma, each fold's training problem (and each of its one-vs-one pairs) is a
// sub-matrix of the same K(X, X): the matrix is computed once, as one symmetric Gram build, and
// every solve reads its Q from it (as the one-vs-one pairs of one training do); the held-out
// points' decision values read the same matrix. Along an increasing C path each solve starts
// from the previous C's solution scaled by C_new / C_old (alpha seeding: D. DeCoste and
// K. Wagstaff, "Alpha seeding for support vector machines", KDD 2000; LIBSVM's FAQ on warm
// starts), which keeps y^T alpha = 0 and the box, so only the gradient is rebuilt. The solver
// then stops at the same optimum, to its tolerance, as from alpha = 0.
#pragma once

#include <memory>
#include <vector>

#include "rbfsvm/svm/train.hpp"
#include "solver/stored/kernel_row_store.hpp"
#include "svm/training/validation/folds.hpp"

namespace rbfsvm::detail {

// Whether the options can use the shared engine: C-SVC or epsilon-SVR on the fast path (float
// kernel rows), without a probability model or scaling fitted per fold. Other types, and the
// exact path, cross-validate by training each fold on its own.
bool shares_kernel(const TrainOptions& options);

// The bytes a complete kernel matrix of n points takes.
std::size_t shared_kernel_bytes(Index n);

// The complete kernel matrix of options.kernel over the data's points, built on `threads`
// threads (the values do not depend on their number), or null when `budget_bytes` does not
// hold it.
std::shared_ptr<KernelRowStore> shared_kernel(const Dataset& data, const TrainOptions& options,
                                              std::size_t budget_bytes, int threads);

// Predictions for fold f's test points (split.test_points(f) order) of the models trained on
// the fold's other points with C = Cs[c], one vector per C, every solve over `kernel` (from
// shared_kernel) on the calling thread. With `warm_start`, the solve at Cs[c] starts from the
// one at Cs[c - 1] (Cs in increasing order makes the path the seeding is meant for; any order
// gives the same optima). Throws InvalidArgument as train() does for the fold's training set.
std::vector<std::vector<double>> fold_predictions_along_C(
    const Dataset& data, const TrainOptions& options, const std::vector<double>& Cs,
    const FoldSplit& split, int fold, const std::shared_ptr<KernelRowStore>& kernel,
    bool warm_start);

}  // namespace rbfsvm::detail
