#include "solver/exact/kernel_q_matrix.hpp"

#include <algorithm>
#include <numeric>
#include <utility>

#include "core/threads.hpp"
#include "rbfsvm/core/error.hpp"
#include "kernel/kernel_values.hpp"
#include "kernel/sparse_gram_engine.hpp"

namespace rbfsvm {
namespace {

// Kernel entries of one column are computed in chunks of this many points; the boundaries depend
// only on the request, never on the thread count.
constexpr Index chunk_points = 4096;

}  // namespace

KernelQMatrix::KernelQMatrix(const Kernel& kernel, PointsRef X,
                             std::vector<signed char> signs, std::size_t cache_bytes,
                             int n_threads)
    : kernel_(kernel),
      n_(X.rows()),
      X_(X.is_sparse() ? RowMatrix<double>() : X.dense()),
      sparse_(X.is_sparse() ? &X.sparse() : nullptr),
      norms_(sparse_ ? sparse_->squared_norms() : Vector<double>(X_.rowwise().squaredNorm())),
      signs_(std::move(signs)),
      diagonal_(static_cast<std::size_t>(n_)),
      cache_(n_, cache_bytes),
      n_threads_(n_threads) {
  if (sparse_) {
    if (kernel_.type == KernelType::precomputed)
      throw InvalidArgument("a precomputed kernel needs its rows stored dense");
    order_.resize(static_cast<std::size_t>(n_));
    std::iota(order_.begin(), order_.end(), Index{0});
    sparse_values_.resize(static_cast<std::size_t>(n_));
  }
  if (signs_.empty()) signs_.assign(static_cast<std::size_t>(n_), 1);
  for (Index i = 0; i < n_; ++i) {
    if (kernel_.type == KernelType::precomputed) {
      detail::precomputed_column(X_(i, 0), X_.cols());  // every serial has its column
      diagonal_[i] = kernel_value(i, i);
    } else {
      // K(x, x): exactly 1 for RBF; from the norms for the others.
      diagonal_[i] = kernel_.from_dot(norms_(i), norms_(i), norms_(i));
    }
  }
}

double KernelQMatrix::kernel_value(Index i, Index j) const {
  if (kernel_.type == KernelType::precomputed) return X_(i, static_cast<Index>(X_(j, 0)));
  return kernel_.from_dot(X_.row(j).dot(X_.row(i)), norms_(i), norms_(j));
}

const float* KernelQMatrix::column(Index i, Index length) {
  Index filled = 0;
  float* values = cache_.get(i, length, &filled);
  if (filled >= length) return values;
  if (sparse_) {
    sparse_column(i, filled, length, values);
    return values;
  }
  const Index count = length - filled;
  const Index chunks = (count + chunk_points - 1) / chunk_points;
  const double sign_i = signs_[i];
  // One dot product per entry (not a matrix-vector product over a block): each value then
  // depends only on the two points, never on which entries happen to be computed together, so
  // cache size and thread count cannot change the solution.
  detail::parallel_for(chunks, chunks > 1 ? n_threads_ : 1, [&](Index c) {
    const Index begin = filled + c * chunk_points;
    const Index end = std::min(begin + chunk_points, length);
    for (Index j = begin; j < end; ++j) {
      values[j] = static_cast<float>(sign_i * signs_[j] * kernel_value(i, j));
    }
  });
  return values;
}

void KernelQMatrix::sparse_column(Index i, Index begin, Index end, float* values) {
  // Row order_[i] of K against the points at positions [begin, end), threaded over fixed tiles
  // by the engine; each value depends only on the two points.
  detail::sparse_kernel_block<double>(kernel_, *sparse_, detail::RowSelection::range(order_[i], 1),
                                      *sparse_,
                                      detail::RowSelection{0, end - begin, order_.data() + begin},
                                      sparse_values_.data(), end - begin, n_threads_);
  const double sign_i = signs_[i];
  for (Index j = begin; j < end; ++j) {
    values[j] = static_cast<float>(sign_i * signs_[j] * sparse_values_[j - begin]);
  }
}

void KernelQMatrix::swap_index(Index i, Index j) {
  cache_.swap_index(i, j);
  if (sparse_) {
    std::swap(order_[i], order_[j]);
  } else {
    X_.row(i).swap(X_.row(j));
  }
  std::swap(norms_(i), norms_(j));
  std::swap(signs_[i], signs_[j]);
  std::swap(diagonal_[i], diagonal_[j]);
}

}  // namespace rbfsvm
