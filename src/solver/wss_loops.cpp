#include "solver/wss_loops.hpp"

#include <limits>

#include "core/simd.hpp"

#if RBFSVM_HAVE_AVX2_DISPATCH
#include <immintrin.h>
#endif

namespace rbfsvm::detail {

#if RBFSVM_HAVE_AVX2_DISPATCH

// Element for element the operations of violation_maxima_baseline, four lanes instead of two;
// lanes merge as there (by value, then by the larger index).
RBFSVM_TARGET_AVX2 ViolationMaxima violation_maxima_avx2(const double* G, const double* sign,
                                                         const double* up, const double* low,
                                                         Eigen::Index n, double* minus_yG) {
  constexpr double lowest = -std::numeric_limits<double>::infinity();
  const __m256d zero = _mm256_setzero_pd(), negative_infinity = _mm256_set1_pd(lowest);
  const __m256d sign_bit = _mm256_set1_pd(-0.0), four = _mm256_set1_pd(4.0);
  __m256d up_max = negative_infinity, low_max = negative_infinity;
  __m256d up_at = _mm256_set1_pd(-1.0), position = _mm256_set_pd(3.0, 2.0, 1.0, 0.0);
  Eigen::Index t = 0;
  for (; t + 4 <= n; t += 4) {
    const __m256d value =
        _mm256_mul_pd(_mm256_xor_pd(_mm256_loadu_pd(sign + t), sign_bit), _mm256_loadu_pd(G + t));
    _mm256_storeu_pd(minus_yG + t, value);
    const __m256d in_up = _mm256_cmp_pd(_mm256_loadu_pd(up + t), zero, _CMP_GT_OQ);
    const __m256d in_low = _mm256_cmp_pd(_mm256_loadu_pd(low + t), zero, _CMP_GT_OQ);
    const __m256d take = _mm256_and_pd(in_up, _mm256_cmp_pd(value, up_max, _CMP_GE_OQ));
    up_max = _mm256_blendv_pd(up_max, value, take);
    up_at = _mm256_blendv_pd(up_at, position, take);
    position = _mm256_add_pd(position, four);
    const __m256d negated = _mm256_xor_pd(value, sign_bit);
    low_max = _mm256_max_pd(low_max, _mm256_blendv_pd(negative_infinity, negated, in_low));
  }
  double lanes[4], at[4];
  ViolationMaxima result{lowest, lowest, -1};
  _mm256_storeu_pd(lanes, up_max);
  _mm256_storeu_pd(at, up_at);
  merge_lanes(lanes, at, 4, std::greater<>(), result.up, result.i);
  _mm256_storeu_pd(lanes, low_max);
  for (double lane : lanes) result.low = lane > result.low ? lane : result.low;
  violation_maxima_tail(G, sign, up, low, t, n, minus_yG, result);
  return result;
}

RBFSVM_TARGET_AVX2 SmallestDecrease second_order_decrease_avx2(
    const double* minus_yG, const double* sign, const double* low, const double* QD,
    const float* Q_i, double QD_i, double two_y_i, double G_max, double tau, Eigen::Index n) {
  constexpr double infinity = std::numeric_limits<double>::infinity();
  const __m256d zero = _mm256_setzero_pd(), positive_infinity = _mm256_set1_pd(infinity);
  const __m256d sign_bit = _mm256_set1_pd(-0.0), tau_v = _mm256_set1_pd(tau);
  const __m256d G_max_v = _mm256_set1_pd(G_max), QD_i_v = _mm256_set1_pd(QD_i);
  const __m256d two_y_i_v = _mm256_set1_pd(two_y_i), four = _mm256_set1_pd(4.0);
  __m256d smallest = positive_infinity, smallest_at = _mm256_set1_pd(-1.0);
  __m256d position = _mm256_set_pd(3.0, 2.0, 1.0, 0.0);
  Eigen::Index t = 0;
  for (; t + 4 <= n; t += 4) {
    const __m256d b = _mm256_sub_pd(G_max_v, _mm256_loadu_pd(minus_yG + t));
    const __m256d q = _mm256_cvtps_pd(_mm_loadu_ps(Q_i + t));
    const __m256d a =
        _mm256_sub_pd(_mm256_add_pd(QD_i_v, _mm256_loadu_pd(QD + t)),
                      _mm256_mul_pd(_mm256_mul_pd(two_y_i_v, _mm256_loadu_pd(sign + t)), q));
    const __m256d curvature = _mm256_blendv_pd(tau_v, a, _mm256_cmp_pd(a, zero, _CMP_GT_OQ));
    const __m256d value = _mm256_div_pd(_mm256_xor_pd(_mm256_mul_pd(b, b), sign_bit), curvature);
    const __m256d candidate = _mm256_and_pd(_mm256_cmp_pd(_mm256_loadu_pd(low + t), zero, _CMP_GT_OQ),
                                            _mm256_cmp_pd(b, zero, _CMP_GT_OQ));
    const __m256d take = _mm256_and_pd(candidate, _mm256_cmp_pd(value, smallest, _CMP_LE_OQ));
    smallest = _mm256_blendv_pd(smallest, value, take);
    smallest_at = _mm256_blendv_pd(smallest_at, position, take);
    position = _mm256_add_pd(position, four);
  }
  double lanes[4], at[4];
  _mm256_storeu_pd(lanes, smallest);
  _mm256_storeu_pd(at, smallest_at);
  SmallestDecrease result{infinity, -1};
  merge_lanes(lanes, at, 4, std::less<>(), result.value, result.j);
  second_order_decrease_tail(minus_yG, sign, low, QD, Q_i, QD_i, two_y_i, G_max, tau, t, n,
                             result);
  return result;
}

// The baseline loop, vectorized by the compiler four doubles wide (no FMA: see simd.hpp).
RBFSVM_TARGET_AVX2 void update_gradient_avx2(double* G, const float* Q_i, const float* Q_j,
                                             double d_i, double d_j, Eigen::Index n) {
  for (Eigen::Index t = 0; t < n; ++t) G[t] += Q_i[t] * d_i + Q_j[t] * d_j;
}

#else

ViolationMaxima violation_maxima_avx2(const double* G, const double* sign, const double* up,
                                      const double* low, Eigen::Index n, double* minus_yG) {
  return violation_maxima_baseline(G, sign, up, low, n, minus_yG);
}
SmallestDecrease second_order_decrease_avx2(const double* minus_yG, const double* sign,
                                            const double* low, const double* QD, const float* Q_i,
                                            double QD_i, double two_y_i, double G_max, double tau,
                                            Eigen::Index n) {
  return second_order_decrease_baseline(minus_yG, sign, low, QD, Q_i, QD_i, two_y_i, G_max, tau, n);
}
void update_gradient_avx2(double* G, const float* Q_i, const float* Q_j, double d_i, double d_j,
                          Eigen::Index n) {
  update_gradient_baseline(G, Q_i, Q_j, d_i, d_j, n);
}

#endif

ViolationMaxima violation_maxima(const double* G, const double* sign, const double* up,
                                 const double* low, Eigen::Index n, double* minus_yG, bool avx2) {
  return avx2 ? violation_maxima_avx2(G, sign, up, low, n, minus_yG)
                        : violation_maxima_baseline(G, sign, up, low, n, minus_yG);
}

SmallestDecrease second_order_decrease(const double* minus_yG, const double* sign,
                                       const double* low, const double* QD, const float* Q_i,
                                       double QD_i, double two_y_i, double G_max, double tau,
                                       Eigen::Index n, bool avx2) {
  return avx2 ? second_order_decrease_avx2(minus_yG, sign, low, QD, Q_i, QD_i, two_y_i,
                                                     G_max, tau, n)
                        : second_order_decrease_baseline(minus_yG, sign, low, QD, Q_i, QD_i,
                                                         two_y_i, G_max, tau, n);
}

void update_gradient(double* G, const float* Q_i, const float* Q_j, double d_i, double d_j,
                     Eigen::Index n, bool avx2) {
  if (avx2) {
    update_gradient_avx2(G, Q_i, Q_j, d_i, d_j, n);
  } else {
    update_gradient_baseline(G, Q_i, Q_j, d_i, d_j, n);
  }
}

}  // namespace rbfsvm::detail
