// Internal: the points the row store (kernel_row_store.hpp) computes kernel rows from. The store
// keeps the rows (slots, the whole matrix, diagonal blocks) and decides what to compute; a point
// source computes it: DensePointSource with the float GEMM Gram builder, SparsePointSource with
// the sparse engine. Every block is K over the n training points; out has row stride `ld`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "rbfsvm/core/types.hpp"
#include "rbfsvm/data/points.hpp"
#include "rbfsvm/kernel/kernel.hpp"
#include "solver/engine_tuning.hpp"

namespace rbfsvm {

// Some of the points, prepared as the columns of kernel rows restricted to them: copies of the
// points (dense) or only their numbers (sparse, which reads the rows where they are).
struct RestrictedColumns {
  std::vector<Index> ids;
  RowMatrix<float> points;
  Vector<float> norms;
  Index size() const { return static_cast<Index>(ids.size()); }
};

class KernelPointSource {
 public:
  virtual ~KernelPointSource() = default;

  // K(x_p, x_p) for every point, from the points as given (double).
  virtual std::vector<double> diagonal() const = 0;
  // Row p (n values), on the source's threads.
  virtual void row(Index p, float* out) = 0;
  // Rows `points` (points.size() x n, row stride n); `threads` at most.
  virtual void rows(const std::vector<Index>& points, float* out, int threads) const = 0;
  // The whole matrix (n x n), symmetric.
  virtual RowMatrix<float> all(int threads) const = 0;
  // K(x_a, x_b) for a in [a_first, a_first + a_count), b in [b_first, b_first + b_count), on
  // the calling thread; symmetric (with an exact unit RBF diagonal) when the ranges are equal.
  virtual void block(Index a_first, Index a_count, Index b_first, Index b_count, float* out,
                     Index ld) const = 0;
  virtual RestrictedColumns columns(const std::vector<std::int32_t>& points) const = 0;
  // Rows `rows` restricted to `columns` (rows.size() x columns.size(), row stride its size).
  virtual void restricted(const std::vector<Index>& rows, const RestrictedColumns& columns,
                          float* out, int threads) const = 0;
  virtual void use_tuning(const detail::EngineTuning& tuning) = 0;
  // Memory held beyond the caller's points, in bytes.
  virtual std::size_t bytes() const = 0;
};

// The source for `points`: sparse for sparse points, dense otherwise. Keeps what it needs (the
// points may go out of scope).
std::unique_ptr<KernelPointSource> make_point_source(const Kernel& kernel, PointsRef points,
                                                     int n_threads,
                                                     const detail::EngineTuning& tuning);

}  // namespace rbfsvm
