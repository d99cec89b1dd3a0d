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

// Whether the engine applies: C-SVC or epsilon-SVR on the fast path (float kernel rows), without
// a probability model, scaling fitted per fold, a time limit or a storage other than the data's.
// Other types and options cross-validate by training each fold on its own.
bool shares_kernel(const Dataset& data, const TrainOptions& options);

// What train() would refuse in every fold, refused once (the engine calls the solvers directly):
// train()'s input checks and the kernel's range over the points.
void check_shared_input(const Dataset& data, const TrainOptions& options);

// The bytes a complete kernel matrix of n points takes.
std::size_t shared_kernel_bytes(Index n);

// One gamma's kernel matrix for cross-validation: K over the data's points reordered so that each
// fold's points are contiguous rows and, within a fold, each class's (classification), in data
// order within. A fold's training set, and each of its one-vs-one pairs, is then a few runs of
// rows, which a solve's copy of Q takes as blocks rather than gathering them entry by entry, and
// its test points are one run.
struct FoldKernel {
  std::shared_ptr<KernelRowStore> store;  // null when the budget did not hold it
  std::vector<Index> row_of;              // row_of[i]: the matrix row of the data's point i
};

// The complete FoldKernel of options.kernel for `split`, built on `threads` threads (the values
// do not depend on their number), or one with a null store when `budget_bytes` does not hold it.
FoldKernel fold_kernel(const Dataset& data, const TrainOptions& options, const FoldSplit& split,
                       std::size_t budget_bytes, int threads);

// The bytes one fold's solve along a path of n_C Cs takes beside the shared matrix: its copy of
// a problem's Q, its held-out points' kernel values against its training points, a pair's Q in
// double for the active-set steps, and the coefficients the decision values are computed from
// (`classes`: 1 for regression).
std::size_t fold_task_bytes(Index n, int folds, std::size_t classes, std::size_t n_C);

// How many kernel matrices of the data the kernel budget (kernel_budget_mb) holds beside
// `workers` folds' working memory (fold_task_bytes) along paths of n_C Cs.
std::size_t matrices_that_fit(const Dataset& data, const TrainOptions& options, int folds,
                              int workers, std::size_t n_C);

// Predictions for fold f's test points (split.test_points(f) order) of the models trained on
// the fold's other points with C = Cs[c], one vector per C, every solve over `kernel` (from
// fold_kernel for the same split) on the calling thread. With `warm_start`, the solve at Cs[c]
// starts from the one at Cs[c - 1] when Cs[c] >= Cs[c - 1] (from zero otherwise), and is skipped
// when that solution has no alpha at its bound (it is then the optimum at Cs[c] too): Cs in
// increasing order make the path the seeding is meant for. `local_buffer` holds the solves'
// copies of Q: one per thread, lent to task after task, so that they reuse its pages instead of
// having fresh ones cleared for each. A classifier's decision values at every C come from one
// product per class, over its coefficients at all the Cs at once; `decision_bytes` bounds that
// memory (the path is then taken in stretches), which only very many classes reach. Throws
// InvalidArgument as train() does for the fold's training set.
inline constexpr std::size_t default_decision_bytes = std::size_t{128} << 20;
std::vector<std::vector<double>> fold_predictions_along_C(
    const Dataset& data, const TrainOptions& options, const std::vector<double>& Cs,
    const FoldSplit& split, int fold, const FoldKernel& kernel, bool warm_start,
    std::vector<float>& local_buffer, std::size_t decision_bytes = default_decision_bytes);

}  // namespace rbfsvm::detail
