#include "svm/training/scaled_data.hpp"

namespace rbfsvm::detail {

ScalingKind scaling_for(ScalingKind kind, const Dataset& data) {
  return data.is_sparse() && kind == ScalingKind::min_max ? ScalingKind::max_abs : kind;
}

Dataset scaled_copy(const Dataset& data, const Scaling& scaling) {
  Dataset scaled;
  scaled.labels = data.labels;
  scaled.class_names = data.class_names;
  scaled.feature_names = data.feature_names;
  scaled.source = data.source;
  if (data.is_sparse()) {
    scaled.sparse = scaling.apply(*data.sparse);
  } else {
    scaled.X = data.X;
    scaling.apply(scaled.X);
  }
  return scaled;
}

}  // namespace rbfsvm::detail
