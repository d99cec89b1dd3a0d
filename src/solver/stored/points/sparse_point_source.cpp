#include "solver/stored/points/sparse_point_source.hpp"

#include <algorithm>

#include "core/threads.hpp"
#include "kernel/sparse_gram_engine.hpp"

namespace rbfsvm {

using detail::RowSelection;

SparsePointSource::SparsePointSource(const Kernel& kernel, const SparseRows& points,
                                     int n_threads)
    : kernel_(kernel), X_(points), n_threads_(n_threads) {}

std::vector<double> SparsePointSource::diagonal() const {
  const Vector<double>& norms = X_.squared_norms();
  std::vector<double> out(static_cast<std::size_t>(X_.rows()));
  for (Index p = 0; p < X_.rows(); ++p) out[p] = kernel_.from_dot(norms(p), norms(p), norms(p));
  return out;
}

void SparsePointSource::row(Index p, float* out) {
  detail::sparse_kernel_block<float>(kernel_, X_, RowSelection::range(p, 1), X_,
                                     RowSelection::range(0, X_.rows()), out, X_.rows(),
                                     n_threads_);
}

void SparsePointSource::rows(const std::vector<Index>& points, float* out, int threads) const {
  detail::sparse_kernel_block<float>(kernel_, X_, RowSelection::of(points), X_,
                                     RowSelection::range(0, X_.rows()), out, X_.rows(), threads);
}

RowMatrix<float> SparsePointSource::all(int threads) const {
  // The upper triangle, a band of rows at a time against the points from the band on; the
  // values are exactly symmetric (the same products summed in the same order), so the lower
  // triangle is a copy.
  const Index n = X_.rows();
  constexpr Index band = 256;
  RowMatrix<float> K(n, n);
  for (Index r0 = 0; r0 < n; r0 += band) {
    detail::sparse_kernel_block<float>(kernel_, X_, RowSelection::range(r0, std::min(band, n - r0)),
                                       X_, RowSelection::range(r0, n - r0), K.data() + r0 * n + r0,
                                       n, threads);
  }
  const Index bands = (n + band - 1) / band;
  detail::parallel_for(bands, threads, [&](Index b) {
    const Index r0 = b * band, rows = std::min(band, n - r0);
    for (Index c0 = 0; c0 < r0; c0 += band) {
      K.block(r0, c0, rows, band) = K.block(c0, r0, band, rows).transpose();
    }
    for (Index i = 1; i < rows; ++i) {
      for (Index j = 0; j < i; ++j) K(r0 + i, r0 + j) = K(r0 + j, r0 + i);
    }
  });
  return K;
}

void SparsePointSource::block(Index a_first, Index a_count, Index b_first, Index b_count,
                              float* out, Index ld) const {
  detail::sparse_kernel_block<float>(kernel_, X_, RowSelection::range(a_first, a_count), X_,
                                     RowSelection::range(b_first, b_count), out, ld, 1);
}

RestrictedColumns SparsePointSource::columns(const std::vector<std::int32_t>& points) const {
  RestrictedColumns out;
  out.ids.assign(points.begin(), points.end());
  return out;
}

void SparsePointSource::restricted(const std::vector<Index>& rows,
                                   const RestrictedColumns& columns, float* out,
                                   int threads) const {
  detail::sparse_kernel_block<float>(kernel_, X_, RowSelection::of(rows), X_,
                                     RowSelection::of(columns.ids), out, columns.size(), threads);
}

}  // namespace rbfsvm
