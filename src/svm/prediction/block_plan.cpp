#include "svm/prediction/block_plan.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "kernel/gram_engine.hpp"

namespace rbfsvm::detail {
namespace {

// A sparse row of `entries` stored values: index and value each, its offset and squared norm.
std::size_t sparse_row_bytes(double entries) {
  return static_cast<std::size_t>(std::ceil(entries)) * (sizeof(double) + sizeof(std::int32_t)) +
         sizeof(std::int64_t) + sizeof(double);
}

std::size_t dense_row_bytes(Index cols) { return static_cast<std::size_t>(cols) * sizeof(double); }

Meeting choose_meeting(const ModelData& m, const TestPoints& X, Index width) {
  if (m.kernel.type == KernelType::precomputed) return Meeting::precomputed;
  const PointsRef svs = m.support_vectors.ref();
  if (X.is_sparse() && svs.is_sparse()) return Meeting::sparse;
  // Otherwise dense, the faster (tiled GEMM), unless the support vectors would need a dense copy
  // (widened, or from sparse) larger than its budget.
  const bool sv_copy_needed = svs.is_sparse() || svs.cols() != width;
  const std::size_t sv_copy = static_cast<std::size_t>(svs.rows()) * dense_row_bytes(width);
  // A dense block has at least one Gram tile of rows, each as wide as the wider side.
  const bool tile_fits = static_cast<std::size_t>(gram_tile_rows) * dense_row_bytes(width) <=
                         prediction_block_budget;
  if (!tile_fits && X.is_sparse() == svs.is_sparse()) return Meeting::dense;  // nothing to convert
  if (!tile_fits) return Meeting::sparse;
  return !sv_copy_needed || sv_copy <= prediction_sv_copy_budget ? Meeting::dense : Meeting::sparse;
}

// The copies block_points (decision_stream.cpp) makes of one row for `meeting`.
std::size_t row_copy_bytes(const ModelData& m, const TestPoints& X, Meeting meeting, Index width) {
  const bool scaled = m.scaling.has_value();
  const double entries = X.entries_per_row();
  // A scaling that maps some zeros to non-zeros fills the sparse rows in.
  const double scaled_entries =
      scaled && !m.scaling->preserves_zeros() ? static_cast<double>(width) : entries;
  switch (meeting) {
    case Meeting::dense:
      if (X.is_sparse()) {
        return sparse_row_bytes(entries) + (scaled ? sparse_row_bytes(scaled_entries) : 0) +
               dense_row_bytes(width);
      }
      return (scaled ? dense_row_bytes(X.cols()) : 0) +
             (X.cols() < width ? dense_row_bytes(width) : 0);
    case Meeting::sparse:
      return sparse_row_bytes(entries) + (scaled ? sparse_row_bytes(scaled_entries) : 0);
    case Meeting::precomputed:
      return (X.is_sparse() ? sparse_row_bytes(entries) + dense_row_bytes(X.cols()) : 0) +
             (scaled ? dense_row_bytes(X.cols()) : 0);
  }
  return 0;
}

}  // namespace

BlockShape prediction_block_shape(Index n_points, Index n_sv, std::size_t row_copy_bytes,
                                  bool tile_aligned) {
  const std::size_t row_bytes = static_cast<std::size_t>(n_sv) * sizeof(double) + row_copy_bytes;
  BlockShape shape{static_cast<Index>(prediction_block_budget / std::max<std::size_t>(row_bytes, 1)),
                   n_sv};
  if (tile_aligned && shape.rows >= gram_tile_rows) {
    shape.rows -= shape.rows % gram_tile_rows;
  } else if (tile_aligned) {
    // gram_tile_rows rows against fewer support vectors at a time.
    shape.rows = gram_tile_rows;
    const std::size_t per_row = prediction_block_budget / gram_tile_rows;
    const Index fit = per_row > row_copy_bytes
                          ? static_cast<Index>((per_row - row_copy_bytes) / sizeof(double))
                          : 0;
    shape.sv_columns = std::min(n_sv, std::max(gram_tile_cols, fit - fit % gram_tile_cols));
  }
  shape.rows = std::max<Index>(1, std::min(shape.rows, n_points));
  return shape;
}

BlockPlan plan_prediction(const Model& model, const TestPoints& X, BlockShape forced) {
  const ModelData& m = model.data();
  BlockPlan plan;
  plan.width = std::max(X.cols(), m.support_vectors.cols());
  plan.meeting = choose_meeting(m, X, plan.width);
  const Index n_values = is_classification(m.svm_type)
                             ? static_cast<Index>(m.n_classes) * (m.n_classes - 1) / 2
                             : 1;
  plan.row_copy_bytes = row_copy_bytes(m, X, plan.meeting, plan.width) + dense_row_bytes(n_values);
  const Index n_sv = m.support_vectors.rows();
  if (forced.rows > 0) {
    // Only the dense meeting splits the support vectors.
    const bool split = plan.meeting == Meeting::dense && forced.sv_columns > 0;
    plan.shape = {forced.rows, split ? std::min(forced.sv_columns, n_sv) : n_sv};
  } else {
    plan.shape = prediction_block_shape(X.rows(), n_sv, plan.row_copy_bytes,
                                        plan.meeting == Meeting::dense);
  }
  return plan;
}

}  // namespace rbfsvm::detail
