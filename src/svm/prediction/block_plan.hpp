// Internal: how prediction cuts a test set into blocks so that its memory stays bounded
// whatever the test set's size: a block of test points meets a block of support vectors, and
// only that block's kernel values (and the block's own copies of its points) exist at a time.
#pragma once

#include <cstddef>

#include "rbfsvm/core/types.hpp"
#include "rbfsvm/svm/model.hpp"
#include "svm/prediction/test_points.hpp"

namespace rbfsvm::detail {

// The most one block may take: its kernel values (rows x support vectors, double), its copies
// of its points (scaled, widened or converted) and its decision values.
inline constexpr std::size_t prediction_block_budget = std::size_t{64} << 20;
// The most a copy of the support vectors made once per prediction may take (widened to the
// test set's width, or dense from sparse); where it would take more, the points meet sparse.
inline constexpr std::size_t prediction_sv_copy_budget = std::size_t{128} << 20;

// How test points and support vectors meet in the kernel: both dense (a GEMM per tile, the
// Gram builder), both sparse (LIBSVM's per-entry dot), or LIBSVM's precomputed kernel rows.
enum class Meeting { dense, sparse, precomputed };

struct BlockShape {
  Index rows = 0;        // test points per block
  Index sv_columns = 0;  // support vectors per kernel block
};

struct BlockPlan {
  Meeting meeting = Meeting::dense;
  // Columns both sides are read at: the wider of the test points and the support vectors
  // (the narrower is zero-padded: LIBSVM's sparse vectors lack what they do not store).
  Index width = 0;
  BlockShape shape;
  // What each block row takes beyond its kernel values: copies of its point and its values.
  std::size_t row_copy_bytes = 0;
  std::size_t block_bytes() const {
    return static_cast<std::size_t>(shape.rows) *
           (static_cast<std::size_t>(shape.sv_columns) * sizeof(double) + row_copy_bytes);
  }
};

// The largest block within prediction_block_budget for `n_sv` support vectors and
// `row_copy_bytes` per row, at most `n_points` rows (and at least one). Tile-aligned (the dense
// meeting): rows a multiple of gram_tile_rows and, when even gram_tile_rows rows against every
// support vector would overflow the budget, support vectors in blocks of a multiple of
// gram_tile_cols, so that each block is made of the very tiles of the whole product.
BlockShape prediction_block_shape(Index n_points, Index n_sv, std::size_t row_copy_bytes,
                                  bool tile_aligned);

// The plan for predicting X with `model`. `forced` (tests) replaces the shape when its rows are
// positive; only the dense meeting splits the support vectors. A dense meeting needs rows a
// multiple of gram_tile_rows and sv_columns a multiple of gram_tile_cols (or all of them) for
// its values to match the whole product's bit for bit.
BlockPlan plan_prediction(const Model& model, const TestPoints& X, BlockShape forced = {});

}  // namespace rbfsvm::detail
