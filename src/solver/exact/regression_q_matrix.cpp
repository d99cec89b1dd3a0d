#include "solver/exact/regression_q_matrix.hpp"

#include <utility>

namespace rbfsvm {

RegressionQMatrix::RegressionQMatrix(const Kernel& kernel, PointsRef X,
                                     std::size_t cache_bytes, int n_threads)
    : kernel_rows_(kernel, std::move(X), {}, cache_bytes, n_threads) {
  const Index n = kernel_rows_.size();
  signs_.resize(static_cast<std::size_t>(2 * n));
  point_.resize(signs_.size());
  diagonal_.resize(signs_.size());
  for (Index t = 0; t < n; ++t) {
    signs_[t] = 1;
    signs_[t + n] = -1;
    point_[t] = t;
    point_[t + n] = t;
    diagonal_[t] = diagonal_[t + n] = kernel_rows_.diagonal()[t];
  }
  for (auto& buffer : buffers_) buffer.resize(signs_.size());
}

const float* RegressionQMatrix::column(Index i, Index length) {
  const float* row = kernel_rows_.column(point_[i], kernel_rows_.size());
  std::vector<float>& out = buffers_[next_buffer_];
  next_buffer_ = 1 - next_buffer_;
  const float sign_i = signs_[i];
  for (Index j = 0; j < length; ++j) out[j] = sign_i * signs_[j] * row[point_[j]];
  return out.data();
}

void RegressionQMatrix::swap_index(Index i, Index j) {
  std::swap(signs_[i], signs_[j]);
  std::swap(point_[i], point_[j]);
  std::swap(diagonal_[i], diagonal_[j]);
}

}  // namespace rbfsvm
