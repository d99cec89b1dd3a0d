#include "rbfsvm/gram.hpp"

#include <algorithm>
#include <string>

#include "rbfsvm/error.hpp"
#include "threads.hpp"

namespace rbfsvm {
namespace {

// Tile shape: a row block of X against a column block of Y. 128 x 512 floats (256 KiB) stay in
// L2 between the GEMM that writes a tile and the element-wise pass that transforms it.
constexpr Eigen::Index tile_rows = 128;
constexpr Eigen::Index tile_cols = 512;

template <typename Scalar>
void check_shapes(const Kernel& kernel, Eigen::Index x_cols, Eigen::Index y_cols) {
  kernel.validate();
  if (kernel.type == KernelType::precomputed) {
    throw InvalidArgument("the Gram builder cannot evaluate a precomputed kernel");
  }
  if (x_cols != y_cols) {
    throw InvalidArgument("point sets differ in dimension: " + std::to_string(x_cols) + " vs " +
                          std::to_string(y_cols) + " features");
  }
}

// Turns a block of inner products <x_i, y_j> into kernel values in place.
template <typename Scalar, typename Block, typename XNorms, typename YNorms>
void dots_to_kernel(const Kernel& kernel, Block&& block, const XNorms& x_norms,
                    const YNorms& y_norms) {
  const Scalar gamma = static_cast<Scalar>(kernel.gamma);
  const Scalar coef0 = static_cast<Scalar>(kernel.coef0);
  auto values = block.array();
  switch (kernel.type) {
    case KernelType::linear:
    case KernelType::precomputed:
      return;
    case KernelType::rbf:
      // ||x - y||^2 = |x|^2 + |y|^2 - 2<x, y>, clamped at 0 against round-off.
      for (Eigen::Index r = 0; r < values.rows(); ++r) {
        auto row = values.row(r);
        row = (((Scalar(2) * row - x_norms(r)) - y_norms.transpose().array()).min(Scalar(0)) *
               gamma)
                  .exp();
      }
      return;
    case KernelType::polynomial:
      values = (gamma * values + coef0).unaryExpr(
          [&](Scalar v) { return static_cast<Scalar>(Kernel::power(v, kernel.degree)); });
      return;
    case KernelType::sigmoid:
      values = (gamma * values + coef0).tanh();
      return;
  }
}

// out = K(A, B) for one tile; A is r x d, B is c x d.
template <typename Scalar, typename ABlock, typename BBlock, typename ANorms, typename BNorms,
          typename Out>
void kernel_tile(const Kernel& kernel, const ABlock& A, const ANorms& a_norms, const BBlock& B,
                 const BNorms& b_norms, Out&& out) {
  out.noalias() = A * B.transpose();
  dots_to_kernel<Scalar>(kernel, out, a_norms, b_norms);
}

Eigen::Index count_tiles(Eigen::Index extent, Eigen::Index tile) {
  return (extent + tile - 1) / tile;
}

}  // namespace

template <typename Scalar>
Vector<Scalar> squared_norms(const Eigen::Ref<const RowMatrix<Scalar>>& X) {
  return X.rowwise().squaredNorm();
}

template <typename Scalar>
RowMatrix<Scalar> gram(const Kernel& kernel, const Eigen::Ref<const RowMatrix<Scalar>>& X,
                       const Eigen::Ref<const RowMatrix<Scalar>>& Y, ThreadOptions threads) {
  check_shapes<Scalar>(kernel, X.cols(), Y.cols());
  const Vector<Scalar> x_norms = squared_norms<Scalar>(X);
  const Vector<Scalar> y_norms = squared_norms<Scalar>(Y);
  RowMatrix<Scalar> K(X.rows(), Y.rows());
  const Eigen::Index row_tiles = count_tiles(X.rows(), tile_rows);
  const Eigen::Index col_tiles = count_tiles(Y.rows(), tile_cols);
  detail::parallel_for(row_tiles * col_tiles, threads.n_threads, [&](Eigen::Index t) {
    const Eigen::Index r0 = (t / col_tiles) * tile_rows;
    const Eigen::Index c0 = (t % col_tiles) * tile_cols;
    const Eigen::Index r = std::min(tile_rows, X.rows() - r0);
    const Eigen::Index c = std::min(tile_cols, Y.rows() - c0);
    kernel_tile<Scalar>(kernel, X.middleRows(r0, r), x_norms.segment(r0, r), Y.middleRows(c0, c),
                        y_norms.segment(c0, c), K.block(r0, c0, r, c));
  });
  return K;
}

template <typename Scalar>
RowMatrix<Scalar> gram(const Kernel& kernel, const Eigen::Ref<const RowMatrix<Scalar>>& X,
                       ThreadOptions threads) {
  check_shapes<Scalar>(kernel, X.cols(), X.cols());
  const Vector<Scalar> norms = squared_norms<Scalar>(X);
  const Eigen::Index n = X.rows();
  RowMatrix<Scalar> K(n, n);
  // Square tiles on and above the diagonal; the tiles below are their transposes.
  constexpr Eigen::Index tile = 256;
  const Eigen::Index tiles = count_tiles(n, tile);
  std::vector<std::pair<Eigen::Index, Eigen::Index>> upper;
  for (Eigen::Index i = 0; i < tiles; ++i) {
    for (Eigen::Index j = i; j < tiles; ++j) upper.emplace_back(i, j);
  }
  detail::parallel_for(static_cast<Eigen::Index>(upper.size()), threads.n_threads,
                       [&](Eigen::Index t) {
    const Eigen::Index r0 = upper[t].first * tile;
    const Eigen::Index c0 = upper[t].second * tile;
    const Eigen::Index r = std::min(tile, n - r0);
    const Eigen::Index c = std::min(tile, n - c0);
    auto block = K.block(r0, c0, r, c);
    kernel_tile<Scalar>(kernel, X.middleRows(r0, r), norms.segment(r0, r), X.middleRows(c0, c),
                        norms.segment(c0, c), block);
    if (r0 == c0) {
      // Diagonal tile: make it exactly symmetric (GEMM need not be) by copying the upper half.
      // The RBF diagonal is exactly exp(0) = 1; the expanded distance would only add round-off.
      for (Eigen::Index i = 0; i < r; ++i) {
        for (Eigen::Index j = 0; j < i; ++j) block(i, j) = block(j, i);
        if (kernel.type == KernelType::rbf) block(i, i) = Scalar(1);
      }
    } else {
      K.block(c0, r0, c, r) = block.transpose();
    }
  });
  return K;
}

template <typename Scalar>
void gram_rows(const Kernel& kernel, const Eigen::Ref<const RowMatrix<Scalar>>& X,
               const Eigen::Ref<const Vector<Scalar>>& x_norms,
               const std::vector<Eigen::Index>& rows,
               const Eigen::Ref<const RowMatrix<Scalar>>& Y,
               const Eigen::Ref<const Vector<Scalar>>& y_norms, Eigen::Ref<RowMatrix<Scalar>> out,
               ThreadOptions threads) {
  check_shapes<Scalar>(kernel, X.cols(), Y.cols());
  const Eigen::Index q = static_cast<Eigen::Index>(rows.size());
  if (out.rows() != q || out.cols() != Y.rows()) {
    throw InvalidArgument("gram_rows: output is " + std::to_string(out.rows()) + " x " +
                          std::to_string(out.cols()) + ", expected " + std::to_string(q) + " x " +
                          std::to_string(Y.rows()));
  }
  RowMatrix<Scalar> selected(q, X.cols());
  Vector<Scalar> selected_norms(q);
  for (Eigen::Index k = 0; k < q; ++k) {
    if (rows[k] < 0 || rows[k] >= X.rows()) {
      throw InvalidArgument("gram_rows: row index " + std::to_string(rows[k]) + " out of range");
    }
    selected.row(k) = X.row(rows[k]);
    selected_norms(k) = x_norms(rows[k]);
  }
  const Eigen::Index col_tiles = count_tiles(Y.rows(), tile_cols);
  detail::parallel_for(col_tiles, threads.n_threads, [&](Eigen::Index t) {
    const Eigen::Index c0 = t * tile_cols;
    const Eigen::Index c = std::min(tile_cols, Y.rows() - c0);
    kernel_tile<Scalar>(kernel, selected, selected_norms, Y.middleRows(c0, c),
                        y_norms.segment(c0, c), out.middleCols(c0, c));
  });
}

#define RBFSVM_INSTANTIATE_GRAM(Scalar)                                                         \
  template Vector<Scalar> squared_norms<Scalar>(const Eigen::Ref<const RowMatrix<Scalar>>&);    \
  template RowMatrix<Scalar> gram<Scalar>(const Kernel&, const Eigen::Ref<const RowMatrix<Scalar>>&, \
                                          const Eigen::Ref<const RowMatrix<Scalar>>&,            \
                                          ThreadOptions);                                        \
  template RowMatrix<Scalar> gram<Scalar>(const Kernel&, const Eigen::Ref<const RowMatrix<Scalar>>&, \
                                          ThreadOptions);                                        \
  template void gram_rows<Scalar>(                                                              \
      const Kernel&, const Eigen::Ref<const RowMatrix<Scalar>>&,                                \
      const Eigen::Ref<const Vector<Scalar>>&, const std::vector<Eigen::Index>&,                \
      const Eigen::Ref<const RowMatrix<Scalar>>&, const Eigen::Ref<const Vector<Scalar>>&,      \
      Eigen::Ref<RowMatrix<Scalar>>, ThreadOptions);

RBFSVM_INSTANTIATE_GRAM(float)
RBFSVM_INSTANTIATE_GRAM(double)
#undef RBFSVM_INSTANTIATE_GRAM

}  // namespace rbfsvm
