// Internal: the products behind the model-selection engine's decision values (shared_kernel_cv.cpp),
// P = B A with B a band of a fold's test-by-training kernel block (row-major) and A one class's
// coefficients at every C (column-major). Eigen is built for baseline x86-64 (one binary for every
// CPU), so its products use SSE2; these were a fifth of a letter grid. Here A is packed once into
// panels of 8 columns and each band of B runs over them 4 rows at a time, the 4 x 8 sums held in
// AVX2 registers (core/simd.hpp); the baseline version runs a row at a time with the same sums.
// Every entry is the sum over k of B(r, k) A(k, j), accumulated in increasing k from zero, a
// multiply then an add (no FMA), so both versions give the same bits and a grid's scores do not
// depend on the machine.
#pragma once

#include <vector>

#include "rbfsvm/core/types.hpp"

namespace rbfsvm::detail {

// A matrix packed for multiply_packed: panels of 8 columns, k-major within a panel, the last
// panel padded with zeros.
class PackedColumns {
 public:
  static constexpr Index panel_width = 8;
  explicit PackedColumns(const Eigen::Ref<const Eigen::MatrixXd>& A);
  Index rows() const { return rows_; }
  Index cols() const { return cols_; }
  const double* panel(Index p) const { return values_.data() + p * rows_ * panel_width; }

 private:
  Index rows_, cols_;
  std::vector<double> values_;
};

// P(r, j) = sum_k B(r, k) A(k, j) for r < rows, j < A.cols(): B has A.rows() columns and row
// stride ldb, P row stride ldp.
void multiply_packed(const double* B, Index ldb, Index rows, const PackedColumns& A, double* P,
                     Index ldp, bool avx2);

}  // namespace rbfsvm::detail
