// Internal: kernel rows from sparse points by the sparse engine (kernel/sparse_gram_engine.hpp),
// over a copy of the CSR rows (never a dense one). Each value is LIBSVM's Kernel::dot and
// kernel in double, rounded once to float: it depends only on the two points, never on which
// rows are computed together or on the thread count.
#pragma once

#include "solver/stored/points/kernel_point_source.hpp"

namespace rbfsvm {

class SparsePointSource : public KernelPointSource {
 public:
  SparsePointSource(const Kernel& kernel, const SparseRows& points, int n_threads);

  std::vector<double> diagonal() const override;
  void row(Index p, float* out) override;
  void rows(const std::vector<Index>& points, float* out, int threads) const override;
  RowMatrix<float> all(int threads) const override;
  void block(Index a_first, Index a_count, Index b_first, Index b_count, float* out,
             Index ld) const override;
  RestrictedColumns columns(const std::vector<std::int32_t>& points) const override;
  void restricted(const std::vector<Index>& rows, const RestrictedColumns& columns, float* out,
                  int threads) const override;
  void use_tuning(const detail::EngineTuning&) override {}  // no SIMD choice to follow
  std::size_t bytes() const override { return X_.bytes(); }

 private:
  Kernel kernel_;
  SparseRows X_;
  int n_threads_;
};

}  // namespace rbfsvm
