#include "solver/wss_loops.hpp"

#include <limits>

#include "core/simd.hpp"

#if RBFSVM_HAVE_AVX2_DISPATCH
#include <immintrin.h>
#endif

namespace rbfsvm::detail {

#if RBFSVM_HAVE_AVX2_DISPATCH

namespace {

// The lanes of violation_maxima_avx2: each keeps its maxima over I_up and I_low and the last
// index attaining the first; merged as in the baseline (by value, then by the larger index).
class MaximaLanes {
 public:
  RBFSVM_TARGET_AVX2 MaximaLanes()
      : up_max_(_mm256_set1_pd(lowest)),
        low_max_(_mm256_set1_pd(lowest)),
        up_at_(_mm256_set1_pd(-1.0)),
        position_(_mm256_set_pd(3.0, 2.0, 1.0, 0.0)) {}
  // The four variables from t on, with -y G already computed.
  RBFSVM_TARGET_AVX2 void add(__m256d value, const double* up, const double* low, Eigen::Index t,
                              double* minus_yG) {
    const __m256d zero = _mm256_setzero_pd(), sign_bit = _mm256_set1_pd(-0.0);
    _mm256_storeu_pd(minus_yG + t, value);
    const __m256d in_up = _mm256_cmp_pd(_mm256_loadu_pd(up + t), zero, _CMP_GT_OQ);
    const __m256d in_low = _mm256_cmp_pd(_mm256_loadu_pd(low + t), zero, _CMP_GT_OQ);
    const __m256d take = _mm256_and_pd(in_up, _mm256_cmp_pd(value, up_max_, _CMP_GE_OQ));
    up_max_ = _mm256_blendv_pd(up_max_, value, take);
    up_at_ = _mm256_blendv_pd(up_at_, position_, take);
    position_ = _mm256_add_pd(position_, _mm256_set1_pd(4.0));
    const __m256d negated = _mm256_xor_pd(value, sign_bit);
    low_max_ = _mm256_max_pd(low_max_, _mm256_blendv_pd(_mm256_set1_pd(lowest), negated, in_low));
  }
  RBFSVM_TARGET_AVX2 ViolationMaxima merged() const {
    double lanes[4], at[4];
    ViolationMaxima result{lowest, lowest, -1};
    _mm256_storeu_pd(lanes, up_max_);
    _mm256_storeu_pd(at, up_at_);
    merge_lanes(lanes, at, 4, std::greater<>(), result.up, result.i);
    _mm256_storeu_pd(lanes, low_max_);
    for (double lane : lanes) result.low = lane > result.low ? lane : result.low;
    return result;
  }

 private:
  static constexpr double lowest = -std::numeric_limits<double>::infinity();
  __m256d up_max_, low_max_, up_at_, position_;
};

// -y_t G_t for the four variables from t on.
RBFSVM_TARGET_AVX2 inline __m256d minus_yG_of(const double* sign, __m256d G) {
  return _mm256_mul_pd(_mm256_xor_pd(_mm256_loadu_pd(sign), _mm256_set1_pd(-0.0)), G);
}

}  // namespace

// Element for element the operations of violation_maxima_baseline, four lanes instead of two.
RBFSVM_TARGET_AVX2 ViolationMaxima violation_maxima_avx2(const double* G, const double* sign,
                                                         const double* up, const double* low,
                                                         Eigen::Index n, double* minus_yG) {
  MaximaLanes lanes;
  Eigen::Index t = 0;
  for (; t + 4 <= n; t += 4) lanes.add(minus_yG_of(sign + t, _mm256_loadu_pd(G + t)), up, low, t, minus_yG);
  ViolationMaxima result = lanes.merged();
  violation_maxima_tail(G, sign, up, low, t, n, minus_yG, result);
  return result;
}

// Element for element update_gradient_avx2's operations, G + (Q_i d_i + Q_j d_j) in double, then
// violation_maxima_avx2's on the result.
RBFSVM_TARGET_AVX2 ViolationMaxima update_gradient_and_maxima_avx2(
    double* G, const float* Q_i, const float* Q_j, double d_i, double d_j, const double* sign,
    const double* up, const double* low, Eigen::Index n, double* minus_yG) {
  const __m256d d_i_v = _mm256_set1_pd(d_i), d_j_v = _mm256_set1_pd(d_j);
  MaximaLanes lanes;
  Eigen::Index t = 0;
  for (; t + 4 <= n; t += 4) {
    const __m256d step = _mm256_add_pd(_mm256_mul_pd(_mm256_cvtps_pd(_mm_loadu_ps(Q_i + t)), d_i_v),
                                       _mm256_mul_pd(_mm256_cvtps_pd(_mm_loadu_ps(Q_j + t)), d_j_v));
    const __m256d updated = _mm256_add_pd(_mm256_loadu_pd(G + t), step);
    _mm256_storeu_pd(G + t, updated);
    lanes.add(minus_yG_of(sign + t, updated), up, low, t, minus_yG);
  }
  ViolationMaxima result = lanes.merged();
  update_gradient_baseline(G + t, Q_i + t, Q_j + t, d_i, d_j, n - t);
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

// The baseline loop, vectorized by the compiler four doubles wide (no FMA: see simd.hpp).
RBFSVM_TARGET_AVX2 void add_scaled_column_avx2(double* sum, double coefficient, const float* column,
                                               Eigen::Index n) {
  for (Eigen::Index t = 0; t < n; ++t) sum[t] += coefficient * column[t];
}

#else

void add_scaled_column_avx2(double* sum, double coefficient, const float* column, Eigen::Index n) {
  add_scaled_column_baseline(sum, coefficient, column, n);
}

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
ViolationMaxima update_gradient_and_maxima_avx2(double* G, const float* Q_i, const float* Q_j,
                                                double d_i, double d_j, const double* sign,
                                                const double* up, const double* low,
                                                Eigen::Index n, double* minus_yG) {
  return update_gradient_and_maxima_baseline(G, Q_i, Q_j, d_i, d_j, sign, up, low, n, minus_yG);
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

ViolationMaxima update_gradient_and_maxima(double* G, const float* Q_i, const float* Q_j,
                                           double d_i, double d_j, const double* sign,
                                           const double* up, const double* low, Eigen::Index n,
                                           double* minus_yG, bool avx2) {
  return avx2 ? update_gradient_and_maxima_avx2(G, Q_i, Q_j, d_i, d_j, sign, up, low, n, minus_yG)
              : update_gradient_and_maxima_baseline(G, Q_i, Q_j, d_i, d_j, sign, up, low, n,
                                                    minus_yG);
}

void add_scaled_column(double* sum, double coefficient, const float* column, Eigen::Index n,
                       bool avx2) {
  if (avx2) {
    add_scaled_column_avx2(sum, coefficient, column, n);
  } else {
    add_scaled_column_baseline(sum, coefficient, column, n);
  }
}

}  // namespace rbfsvm::detail
