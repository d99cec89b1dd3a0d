// Internal: the training data as the kernel sees it, after the scaling TrainOptions asks for.
#pragma once

#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/data/scaling.hpp"

namespace rbfsvm::detail {

// The scaling fitted for `kind` on this data: min-max to [-1, 1] would turn every zero of a
// sparse set into a stored value (svm-scale's warning case), so sparse data gets the
// zero-preserving max-abs scaling instead, and z-score (which fills every entry) is refused with
// an InvalidArgument; dense data gets what was asked.
ScalingKind scaling_for(ScalingKind kind, const Dataset& data);

// A copy of the data with its points scaled, stored the same way.
Dataset scaled_copy(const Dataset& data, const Scaling& scaling);

// The data's labels and names with other points (as many).
Dataset with_points(const Dataset& data, PointSet points);

}  // namespace rbfsvm::detail
