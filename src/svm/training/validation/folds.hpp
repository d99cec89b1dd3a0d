// Internal: k-fold splits, with LIBSVM's two rules (svm_binary_svc_probability's for the Platt
// fit, svm_cross_validation's for cross-validation), drawn from std::mt19937 rather than rand().
#pragma once

#include <vector>

#include "rbfsvm/core/types.hpp"

namespace rbfsvm::detail {

// Every point's fold, and the order in which a fold lists its points.
struct FoldSplit {
  int n_folds = 0;
  std::vector<int> fold;     // fold[i] of point i
  std::vector<Index> order;  // every point once

  // The points of fold f, and the others, each in `order`.
  std::vector<Index> test_points(int f) const;
  std::vector<Index> training_points(int f) const;
};

// svm_binary_svc_probability's rule: the n points shuffled by std::mt19937(seed), fold f the
// positions [f n / folds, (f + 1) n / folds) of the shuffle (empty when n < folds), points
// listed in the shuffled order.
FoldSplit shuffled_blocks(Index n, int folds, unsigned seed);

// svm_cross_validation's rules, points listed in their own order, one std::mt19937(seed):
//  - stratified (classification): the classes in increasing label order, each shuffled and
//    dealt round-robin over the folds, the deal carrying on from one class to the next;
//  - otherwise (regression, one-class): the points shuffled, position k of the shuffle in fold
//    k folds / n.
FoldSplit cross_validation_folds(const std::vector<double>& labels, bool stratified, int folds,
                                 unsigned seed);

}  // namespace rbfsvm::detail
