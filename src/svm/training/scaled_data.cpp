#include "svm/training/scaled_data.hpp"

#include "rbfsvm/core/error.hpp"

namespace rbfsvm::detail {

ScalingKind scaling_for(ScalingKind kind, const Dataset& data) {
  if (!data.is_sparse()) return kind;
  if (kind == ScalingKind::z_score) {
    throw InvalidArgument(
        "z-score scaling would give every zero of the sparse data a value (a dense n x d "
        "result): use --scale (max-abs on sparse data, which keeps zeros), or --storage dense");
  }
  return ScalingKind::max_abs;
}

Dataset scaled_copy(const Dataset& data, const Scaling& scaling) {
  if (data.is_sparse()) return with_points(data, scaling.apply(*data.sparse));
  RowMatrix<double> X = data.X;
  scaling.apply(X);
  return with_points(data, std::move(X));
}

Dataset with_points(const Dataset& data, PointSet points) {
  Dataset out;
  out.labels = data.labels;
  out.class_names = data.class_names;
  out.feature_names = data.feature_names;
  out.source = data.source;
  out.set_points(std::move(points));
  return out;
}

}  // namespace rbfsvm::detail
