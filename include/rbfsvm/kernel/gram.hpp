// The Gram builder: kernel matrices K(X, Y)[i, j] = K(x_i, y_j) for row-major point sets.
//
// For the RBF kernel every block is computed as
//   K = exp(-gamma * max(0, |x|^2 1^T + 1 |y|^2^T - 2 X Y^T))
// so the work is one GEMM (Eigen) per block plus a vectorized element-wise pass. Blocks have a
// fixed shape that does not depend on the thread count, each is computed by one thread, and
// Eigen's own threading is off inside the library: results are bit-identical for any number of
// threads. Linear, polynomial and sigmoid kernels use the same blocks.
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <vector>

#include "rbfsvm/core/types.hpp"
#include "rbfsvm/data/sparse_rows.hpp"
#include "rbfsvm/kernel/kernel.hpp"

namespace rbfsvm {

// |x_i|^2 for every row.
template <typename Scalar>
Vector<Scalar> squared_norms(const Eigen::Ref<const RowMatrix<Scalar>>& X);

// K(X, Y): X is n x d, Y is m x d; returns n x m. Throws InvalidArgument when the column
// counts differ, the kernel is precomputed or its parameters are invalid.
template <typename Scalar>
RowMatrix<Scalar> gram(const Kernel& kernel, const Eigen::Ref<const RowMatrix<Scalar>>& X,
                       const Eigen::Ref<const RowMatrix<Scalar>>& Y, ThreadOptions threads = {});

// K(X, X), symmetric by construction (the lower triangle is a copy of the upper).
template <typename Scalar>
RowMatrix<Scalar> gram(const Kernel& kernel, const Eigen::Ref<const RowMatrix<Scalar>>& X,
                       ThreadOptions threads = {});

// The same two matrices written into `out` (X.rows() x Y.rows(), or X.rows() x X.rows(); any
// row stride, so a block of a larger matrix will do) instead of a new matrix: the same values,
// bit for bit.
template <typename Scalar>
void gram_into(const Kernel& kernel, const Eigen::Ref<const RowMatrix<Scalar>>& X,
               const Eigen::Ref<const RowMatrix<Scalar>>& Y, Eigen::Ref<RowMatrix<Scalar>> out,
               ThreadOptions threads = {});
template <typename Scalar>
void gram_into(const Kernel& kernel, const Eigen::Ref<const RowMatrix<Scalar>>& X,
               Eigen::Ref<RowMatrix<Scalar>> out, ThreadOptions threads = {});

// Rows `rows` of K(X, Y) into `out` (rows.size() x Y.rows()): the batched kernel rows the SMO
// solver asks for. x_norms and y_norms are squared_norms(X) and squared_norms(Y) (only read by
// the RBF kernel).
template <typename Scalar>
void gram_rows(const Kernel& kernel, const Eigen::Ref<const RowMatrix<Scalar>>& X,
               const Eigen::Ref<const Vector<Scalar>>& x_norms, const std::vector<Eigen::Index>& rows,
               const Eigen::Ref<const RowMatrix<Scalar>>& Y,
               const Eigen::Ref<const Vector<Scalar>>& y_norms, Eigen::Ref<RowMatrix<Scalar>> out,
               ThreadOptions threads = {});

// One row K(x, Y) into `out` (m values), from Y stored transposed: Yt = Y^T is d x m, one
// feature per row, and y_norms = squared_norms(Y). The inner products are then one pass per
// feature over m contiguous values (a column-major matrix-vector product): Y is read once,
// sequentially, which for a single row of a large Y is about 1.5x faster than m short dot
// products over its rows (docs/performance.md). On the calling thread.
template <typename Scalar>
void gram_row_transposed(const Kernel& kernel, const Eigen::Ref<const Vector<Scalar>>& x,
                         Scalar x_norm, const Eigen::Ref<const RowMatrix<Scalar>>& Yt,
                         const Eigen::Ref<const Vector<Scalar>>& y_norms, Scalar* out);

// K(X, Y) for sparse points (X: n rows, Y: m rows; the column counts may differ, missing
// columns being zero as in LIBSVM's sparse vectors); returns n x m in double. Each inner
// product is summed in double over the common non-zeros in index order, as LIBSVM's
// Kernel::dot, and norms come from SparseRows::squared_norms: the values are LIBSVM's, bit for
// bit, for any thread count. Throws InvalidArgument for a precomputed kernel or invalid
// parameters.
RowMatrix<double> gram(const Kernel& kernel, const SparseRows& X, const SparseRows& Y,
                       ThreadOptions threads = {});
RowMatrix<double> gram(const Kernel& kernel, const SparseRows& X, ThreadOptions threads = {});

}  // namespace rbfsvm
