// Internal: kernel rows from dense points by the float GEMM Gram builder (gram_engine.hpp): the
// points in float, centred for RBF, and transposed for single rows (one sequential pass per
// feature). Values agree with the exact path to about 1e-6 relative; a value may differ in its
// last bits depending on which rows were computed together.
#pragma once

#include <memory>

#include "solver/stored/points/kernel_point_source.hpp"

namespace rbfsvm {
namespace detail {
class PassSplitter;
}

class DensePointSource : public KernelPointSource {
 public:
  DensePointSource(const Kernel& kernel, const RowMatrix<double>& points, int n_threads,
                   const detail::EngineTuning& tuning);
  ~DensePointSource() override;

  std::vector<double> diagonal() const override { return diagonal_; }
  void row(Index p, float* out) override;
  void rows(const std::vector<Index>& points, float* out, int threads) const override;
  RowMatrix<float> all(int threads) const override;
  void block(Index a_first, Index a_count, Index b_first, Index b_count, float* out,
             Index ld) const override;
  RestrictedColumns columns(const std::vector<std::int32_t>& points) const override;
  void restricted(const std::vector<Index>& rows, const RestrictedColumns& columns, float* out,
                  int threads) const override;
  void use_tuning(const detail::EngineTuning& tuning) override;
  std::size_t bytes() const override;

 private:
  Kernel kernel_;
  RowMatrix<float> X_;             // the points, centred for RBF (distances are translation invariant)
  RowMatrix<float> X_transposed_;  // X_^T, for single rows (gram_row_transposed)
  Vector<float> norms_;
  std::vector<double> diagonal_;
  int n_threads_;
  detail::EngineTuning tuning_;
  std::unique_ptr<detail::PassSplitter> splitter_;  // single rows in two halves
};

}  // namespace rbfsvm
