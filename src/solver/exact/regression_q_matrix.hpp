// epsilon-SVR and nu-SVR: 2n variables over n points, variable t standing for point t mod n
// with sign +1 for t < n and -1 after, Q_st = sign_s sign_t K(x_[s], x_[t]) (LIBSVM's SVR_Q).
// The cache holds full kernel rows of the n points; columns are assembled from them.
// Only the exact path uses it: the stored-rows path gives SVR's variables to StoredQMatrix as
// points that repeat.
#pragma once

#include <cstddef>
#include <vector>

#include "rbfsvm/data/points.hpp"
#include "rbfsvm/kernel/gram.hpp"
#include "rbfsvm/kernel/kernel.hpp"
#include "solver/exact/kernel_q_matrix.hpp"
#include "solver/q_matrix.hpp"

namespace rbfsvm {

class RegressionQMatrix : public QMatrix {
 public:
  RegressionQMatrix(const Kernel& kernel, PointsRef X, std::size_t cache_bytes,
                    int n_threads);

  const float* column(Index i, Index length) override;
  const std::vector<double>& diagonal() const override { return diagonal_; }
  void swap_index(Index i, Index j) override;
  Index size() const override { return static_cast<Index>(signs_.size()); }

 private:
  KernelQMatrix kernel_rows_;            // unsigned K over the n points, never reordered
  std::vector<signed char> signs_;       // per variable
  std::vector<Index> point_;             // per variable: which point
  std::vector<double> diagonal_;
  std::vector<float> buffers_[2];        // the two most recent columns (Q_i and Q_j)
  int next_buffer_ = 0;
};

}  // namespace rbfsvm
