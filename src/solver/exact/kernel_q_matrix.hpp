// Q_ij = s_i s_j K(x_i, x_j) over the points of X, with signs s (the labels y for C-SVC and
// nu-SVC; all +1 for one-class). Columns come from a KernelCache; each missing entry is one
// double dot product (LIBSVM's arithmetic), the column threaded over fixed chunks of points.
// Sparse points stay where they are (the caller's SparseRows must outlive the matrix): a
// permutation stands for the reordered rows, and a column is one row of the sparse engine
// (kernel/sparse_gram_engine.hpp), whose sums are LIBSVM's sparse Kernel::dot, bit for bit.
#pragma once

#include <cstddef>
#include <vector>

#include "rbfsvm/data/points.hpp"
#include "rbfsvm/kernel/gram.hpp"
#include "rbfsvm/kernel/kernel.hpp"
#include "solver/exact/kernel_cache.hpp"
#include "solver/q_matrix.hpp"

namespace rbfsvm {

class KernelQMatrix : public QMatrix {
 public:
  KernelQMatrix(const Kernel& kernel, PointsRef X, std::vector<signed char> signs,
                std::size_t cache_bytes, int n_threads);

  const float* column(Index i, Index length) override;
  const std::vector<double>& diagonal() const override { return diagonal_; }
  void swap_index(Index i, Index j) override;
  Index size() const override { return n_; }

  const KernelCache& cache() const { return cache_; }

 private:
  // K(x_i, x_j): one dot product, or a lookup for a precomputed kernel (column 0 of a row holds
  // its serial number, column s the kernel value with training point s).
  double kernel_value(Index i, Index j) const;

  void sparse_column(Index i, Index begin, Index end, float* values);

  Kernel kernel_;
  Index n_;
  RowMatrix<double> X_;                 // dense points, reordered by swap_index
  const SparseRows* sparse_ = nullptr;  // or sparse points, in their own order
  std::vector<Index> order_;            // sparse: the point at each position
  std::vector<double> sparse_values_;   // sparse: one column's kernel values
  Vector<double> norms_;
  std::vector<signed char> signs_;
  std::vector<double> diagonal_;
  KernelCache cache_;
  int n_threads_;
};

}  // namespace rbfsvm
