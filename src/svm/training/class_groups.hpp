// Internal: the classes of a classification training set, numbered in the options'
// ClassOrder, with the rows grouped by class; the per-class C and the one-vs-one pairs. Shared
// by one-vs-one training and cross-validation over a shared kernel.
#pragma once

#include <utility>
#include <vector>

#include "rbfsvm/svm/train.hpp"

namespace rbfsvm::detail {

// The classes in the options' ClassOrder, the training rows grouped by class.
struct ClassGroups {
  std::vector<double> labels;
  std::vector<Index> count, start;
  std::vector<Index> order;  // training rows grouped by class, in original order within a class
  std::vector<double> weight;  // each class's total sample weight (its count when unweighted)
};

// The classes of `labels` in `class_order` and the rows grouped by class (weight: the counts).
ClassGroups group_classes(const std::vector<double>& labels, ClassOrder class_order);

// W_c = sum of the sample weights of class c, summed in row order.
std::vector<double> class_weight_totals(const ClassGroups& groups, const std::vector<double>& w);

// C of each class, times its weight (LIBSVM's -wLABEL). Throws InvalidArgument for a weight
// given to a label the set does not have.
std::vector<double> weighted_C(const ClassGroups& groups, const TrainOptions& options);

// The pairs (i, j), i < j, in LIBSVM's order; throws InvalidArgument when nu-SVC's nu is
// infeasible for a pair.
std::vector<std::pair<int, int>> class_pairs(const ClassGroups& groups,
                                             const TrainOptions& options);

}  // namespace rbfsvm::detail
