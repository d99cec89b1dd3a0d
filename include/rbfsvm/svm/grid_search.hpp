// Choosing C and gamma (or sigma) by cross-validation over a logarithmic grid, as LIBSVM's
// grid.py does: log2 C from -5 to 15 step 2 and log2 gamma from 3 to -15 step -2 by default.
#pragma once

#include <functional>
#include <vector>

#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/svm/train.hpp"

namespace rbfsvm {

// begin, end, step of an exponent range (inclusive), as grid.py's -log2c / -log2g.
struct Log2Range {
  double begin, end, step;
  std::vector<double> values() const;  // throws InvalidArgument for step 0 or the wrong sign
};

struct GridPoint {
  double C = 0, gamma = 0;
  // Cross-validation result: accuracy in [0, 1] for classification, else mean squared error.
  double score = 0;
};

struct GridSearchOptions {
  Log2Range log2_C{-5, 15, 2};
  Log2Range log2_gamma{3, -15, -2};
  int folds = 5;
  // Grid points run in parallel, each single-threaded; 0 uses every core.
  int n_threads = 0;
  // After the coarse grid, search a grid 4 times finer over one coarse step around the best.
  bool refine = false;
  // C-SVC and epsilon-SVR on the fast path: one kernel matrix per gamma, computed once and shared
  // by every fold and C (when the memory budget holds it), each fold's solves along increasing C
  // warm-started from the previous C's solution (alpha seeding). Both give the same optima to the
  // solver's tolerance; either can be switched off to measure what it brings (the grid
  // benchmark). Other types, probability models and per-fold scaling train every fold on its
  // own, as do the Cs of a grid without kernel sharing (warm starts need the shared matrix).
  bool share_kernel = true;
  bool warm_start = true;
  // Called after each grid point with (points done, points in all, the best so far).
  std::function<void(std::size_t, std::size_t, const GridPoint&)> progress;
};

struct GridSearchResult {
  std::vector<GridPoint> points;  // every point evaluated, coarse grid first
  GridPoint best;
  bool higher_is_better = true;   // false for regression (MSE)
  // Each data point's cross-validation fold (0 .. folds - 1), the same for every grid point: the
  // test_fold of scikit-learn's PredefinedSplit, to reproduce the folds elsewhere.
  std::vector<int> test_fold;
};

// The best of `points` by grid_search's rule: the best score (highest, or lowest when
// !higher_is_better), ties to the smaller C, then the smaller gamma (the smoother model). For
// combining the points of a grid searched in parts (svm_grid's MPI ranks). Throws
// InvalidArgument for no points.
GridPoint best_point(const std::vector<GridPoint>& points, bool higher_is_better);

// Cross-validates `base` (its svm_type, kernel type and other options) at every (C, gamma) of
// the grid. Ties go to the smaller C, then the smaller gamma (the smoother model). Results do not
// depend on the thread count. Throws InvalidArgument for a non-RBF kernel or bad ranges.
GridSearchResult grid_search(const Dataset& data, const TrainOptions& base,
                             const GridSearchOptions& options);

// The same search over given values of C and gamma (any positive, finite values, not only
// powers of two), points gamma-major (for each gamma, every C): options.folds, n_threads,
// share_kernel, warm_start and progress apply, its ranges and refine do not. Throws
// InvalidArgument as grid_search does, and for an empty list or a value that is not > 0.
GridSearchResult grid_search(const Dataset& data, const TrainOptions& base,
                             const std::vector<double>& Cs, const std::vector<double>& gammas,
                             const GridSearchOptions& options);

// The grid that `refine` searches after the coarse one: one coarse step either side of `best`
// at a quarter of the step (9 x 9 points), as `options` with those ranges and refine off. For
// searching a grid in parts (svm_grid's MPI ranks).
GridSearchOptions refined_grid(const GridSearchOptions& options, const GridPoint& best);

}  // namespace rbfsvm
