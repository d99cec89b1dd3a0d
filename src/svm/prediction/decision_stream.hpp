// Internal: decision values of test points computed a block at a time (block_plan.hpp), so
// prediction holds one block's kernel values, never the whole n_test x n_SV matrix.
#pragma once

#include <functional>

#include "rbfsvm/core/types.hpp"
#include "rbfsvm/svm/model.hpp"
#include "svm/prediction/block_plan.hpp"
#include "svm/prediction/test_points.hpp"

namespace rbfsvm::detail {

// Called once per block, in order of the points: `values` holds the decision values (one row
// per point, as Model::decision_values) of points first, first + 1, ...
using DecisionBlockSink = std::function<void(Index first, const RowMatrix<double>& values)>;

// The decision values of X, block by block as `plan` says. The model's scaling is applied to
// each block. Every value is summed over the support vectors one term at a time in their
// order, as LIBSVM's svm_predict_values, and the kernel values come from whole Gram tiles (or
// per entry, sparse): the values are the same bit for bit for any thread count and any plan
// within plan_prediction's rules. Throws InvalidArgument for a point or support vector whose
// squared norm overflows double, and for a precomputed-kernel serial number without a column.
void stream_decision_values(const Model& model, const TestPoints& X, const BlockPlan& plan,
                            ThreadOptions threads, const DecisionBlockSink& sink);

}  // namespace rbfsvm::detail
