// Internal: multiclass classification as k (k - 1) / 2 binary problems, class i as +1 against
// class j as -1 (Knerr et al. 1990; LIBSVM's svm_train).
#pragma once

#include "rbfsvm/svm/train.hpp"

namespace rbfsvm::detail {

// The model of a C-SVC or nu-SVC (options.svm_type) on `data` (already scaled). Fills
// report->subproblems, one per pair, when given. Throws InvalidArgument for a single class, a
// class weight of an absent label, or a nu infeasible for some pair.
ModelData one_vs_one(const Dataset& data, const TrainOptions& options, TrainReport* report);

}  // namespace rbfsvm::detail
