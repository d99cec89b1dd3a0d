#include "svm/training/validation/decision_products.hpp"

#include <algorithm>

#include "core/simd.hpp"

#if RBFSVM_HAVE_AVX2_DISPATCH
#include <immintrin.h>
#endif

namespace rbfsvm::detail {
namespace {

constexpr Index width = PackedColumns::panel_width;

// One row of P against one panel: acc(j) = sum_k B(k) panel(k, j), k increasing.
void panel_product(const double* B, Index K, const double* panel, double* P, Index columns) {
  double acc[width] = {};
  for (Index k = 0; k < K; ++k) {
    for (Index j = 0; j < width; ++j) acc[j] += B[k] * panel[k * width + j];
  }
  for (Index j = 0; j < columns; ++j) P[j] = acc[j];
}

void product_baseline(const double* B, Index ldb, Index rows, const PackedColumns& A, double* P,
                      Index ldp) {
  for (Index first = 0; first < A.cols(); first += width) {
    const Index columns = std::min(width, A.cols() - first);
    for (Index r = 0; r < rows; ++r) {
      panel_product(B + r * ldb, A.rows(), A.panel(first / width), P + r * ldp + first, columns);
    }
  }
}

#if RBFSVM_HAVE_AVX2_DISPATCH

// panel_product's operations for R rows, the R x 8 sums in 2R registers.
template <int R>
RBFSVM_TARGET_AVX2 void panel_product_avx2(const double* B, Index ldb, Index K, const double* panel,
                                           double* P, Index ldp, Index columns) {
  __m256d acc[R][2];
  for (int r = 0; r < R; ++r) acc[r][0] = acc[r][1] = _mm256_setzero_pd();
  for (Index k = 0; k < K; ++k) {
    const __m256d a0 = _mm256_loadu_pd(panel + k * width);
    const __m256d a1 = _mm256_loadu_pd(panel + k * width + 4);
    for (int r = 0; r < R; ++r) {
      const __m256d b = _mm256_broadcast_sd(B + r * ldb + k);
      acc[r][0] = _mm256_add_pd(acc[r][0], _mm256_mul_pd(b, a0));
      acc[r][1] = _mm256_add_pd(acc[r][1], _mm256_mul_pd(b, a1));
    }
  }
  for (int r = 0; r < R; ++r) {
    double sums[width];
    _mm256_storeu_pd(sums, acc[r][0]);
    _mm256_storeu_pd(sums + 4, acc[r][1]);
    for (Index j = 0; j < columns; ++j) P[r * ldp + j] = sums[j];
  }
}

RBFSVM_TARGET_AVX2 void product_avx2(const double* B, Index ldb, Index rows, const PackedColumns& A,
                                     double* P, Index ldp) {
  for (Index first = 0; first < A.cols(); first += width) {
    const double* panel = A.panel(first / width);
    const Index columns = std::min(width, A.cols() - first);
    Index r = 0;
    for (; r + 4 <= rows; r += 4) {
      panel_product_avx2<4>(B + r * ldb, ldb, A.rows(), panel, P + r * ldp + first, ldp, columns);
    }
    for (; r < rows; ++r) {
      panel_product_avx2<1>(B + r * ldb, ldb, A.rows(), panel, P + r * ldp + first, ldp, columns);
    }
  }
}

#else

void product_avx2(const double* B, Index ldb, Index rows, const PackedColumns& A, double* P,
                  Index ldp) {
  product_baseline(B, ldb, rows, A, P, ldp);
}

#endif

}  // namespace

PackedColumns::PackedColumns(const Eigen::Ref<const Eigen::MatrixXd>& A)
    : rows_(A.rows()), cols_(A.cols()) {
  const Index panels = (cols_ + width - 1) / width;
  values_.assign(static_cast<std::size_t>(panels * rows_ * width), 0.0);
  for (Index j = 0; j < cols_; ++j) {
    double* panel = values_.data() + (j / width) * rows_ * width;
    for (Index k = 0; k < rows_; ++k) panel[k * width + j % width] = A(k, j);
  }
}

void multiply_packed(const double* B, Index ldb, Index rows, const PackedColumns& A, double* P,
                     Index ldp, bool avx2) {
  if (avx2) {
    product_avx2(B, ldb, rows, A, P, ldp);
  } else {
    product_baseline(B, ldb, rows, A, P, ldp);
  }
}

}  // namespace rbfsvm::detail
