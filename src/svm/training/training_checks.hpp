// Internal: what train() refuses in its input before any work, in one place, so that the
// cross-validation engine (validation/shared_kernel_cv.hpp), which calls the solvers directly,
// refuses the same with the same messages.
#pragma once

#include "rbfsvm/svm/train.hpp"

namespace rbfsvm::detail {

// The options (TrainOptions::validate), the data (points and labels agree in number, finite
// values, integer class labels) and the sample weights. Throws InvalidArgument.
void check_training_input(const Dataset& data, const TrainOptions& options);

}  // namespace rbfsvm::detail
