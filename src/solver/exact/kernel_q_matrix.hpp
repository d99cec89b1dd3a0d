// Q_ij = s_i s_j K(x_i, x_j) over the points of X, with signs s (the labels y for C-SVC and
// nu-SVC; all +1 for one-class). Columns come from a KernelCache; each missing entry is one
// double dot product (LIBSVM's arithmetic), the column threaded over fixed chunks of points.
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
  Index size() const override { return X_.rows(); }

  const KernelCache& cache() const { return cache_; }

 private:
  // K(x_i, x_j): one dot product, or a lookup for a precomputed kernel (column 0 of a row holds
  // its serial number, column s the kernel value with training point s).
  double kernel_value(Index i, Index j) const;

  Kernel kernel_;
  RowMatrix<double> X_;
  Vector<double> norms_;
  std::vector<signed char> signs_;
  std::vector<double> diagonal_;
  KernelCache cache_;
  int n_threads_;
};

}  // namespace rbfsvm
