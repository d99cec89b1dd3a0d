// Internal: the passes over the active variables that the SMO solver makes every iteration: the
// two of the working-set selection (WSS2, Fan, Chen & Lin, JMLR 6, 2005) and the gradient update;
// and the column sums that build a gradient from a starting alpha.
// Baseline versions here (SSE2 loops two doubles at a time, scalar for other targets); AVX2
// versions, four doubles at a time, in wss_loops.cpp, chosen at run time (simd.hpp). All compute
// exactly the values of the sequential formulas (the same operations in the same order, element by
// element), so which variables are selected does not depend on the version.
#pragma once

#include <algorithm>
#include <cstring>
#include <functional>
#include <limits>

#include <Eigen/Core>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace rbfsvm::detail {

struct ViolationMaxima {
  double up;         // m(alpha) = max over I_up of -y_t G_t
  double low;        // -M(alpha) = max over I_low of y_t G_t
  Eigen::Index i;    // the last t in I_up attaining `up` (-1 when I_up is empty)
};

// The smallest second-order decrease and the last t attaining it.
struct SmallestDecrease {
  double value;      // +infinity when no t qualifies
  Eigen::Index j;
};

// Folds per-lane extremes (`lanes` values, with the last index attaining each in `at`, -1 for
// none) into (best, index): a value better than best wins, an equal one with a larger index too,
// so the result is the last index attaining the extreme, as in a sequential loop.
template <typename Better>
inline void merge_lanes(const double* values, const double* at, int lanes, Better better,
                        double& best, Eigen::Index& index) {
  for (int k = 0; k < lanes; ++k) {
    const auto at_k = static_cast<Eigen::Index>(at[k]);
    if (at_k >= 0 && (better(values[k], best) || (values[k] == best && at_k > index))) {
      best = values[k];
      index = at_k;
    }
  }
}

// The result over [0, n) from those over [0, m) and [m, n) (the second's index already counted
// from 0): the same rule as the lanes', so the later part wins a tie, as in a sequential loop.
inline ViolationMaxima merge_halves(const ViolationMaxima& first, const ViolationMaxima& second) {
  ViolationMaxima merged = first;
  const double value = second.up, at = static_cast<double>(second.i);
  merge_lanes(&value, &at, 1, std::greater<>(), merged.up, merged.i);
  merged.low = std::max(first.low, second.low);
  return merged;
}

inline SmallestDecrease merge_halves(const SmallestDecrease& first, const SmallestDecrease& second) {
  SmallestDecrease merged = first;
  const double value = second.value, at = static_cast<double>(second.j);
  merge_lanes(&value, &at, 1, std::less<>(), merged.value, merged.j);
  return merged;
}

// The sequential loops over t in [begin, n), continuing from the running results: the scalar
// remainder of every SIMD version, and the whole loop without SIMD.
inline void violation_maxima_tail(const double* G, const double* sign, const double* up,
                                  const double* low, Eigen::Index begin, Eigen::Index n,
                                  double* minus_yG, ViolationMaxima& result) {
  for (Eigen::Index t = begin; t < n; ++t) {
    const double value = -sign[t] * G[t];
    minus_yG[t] = value;
    if (up[t] > 0.0 && value >= result.up) {
      result.up = value;
      result.i = t;
    }
    if (low[t] > 0.0 && -value > result.low) result.low = -value;
  }
}

inline void second_order_decrease_tail(const double* minus_yG, const double* sign,
                                       const double* low, const double* QD, const float* Q_i,
                                       double QD_i, double two_y_i, double G_max, double tau,
                                       Eigen::Index begin, Eigen::Index n,
                                       SmallestDecrease& result) {
  for (Eigen::Index t = begin; t < n; ++t) {
    const double b = G_max - minus_yG[t];
    if (!(low[t] > 0.0 && b > 0.0)) continue;
    const double a = (QD_i + QD[t]) - (two_y_i * sign[t]) * static_cast<double>(Q_i[t]);
    const double value = -(b * b) / (a > 0.0 ? a : tau);
    if (value <= result.value) {
      result.value = value;
      result.j = t;
    }
  }
}

// Writes minus_yG[t] = -y_t G_t and returns the maxima over I_up and I_low, where the masks
// hold 1 for members (else 0), and the last member of I_up attaining its maximum: the variable
// LIBSVM's sequential rule (>= over increasing t) keeps. Each SIMD lane keeps its own maximum and
// the last index attaining it; lanes are merged by value, then by the larger index.
inline ViolationMaxima violation_maxima_baseline(const double* G, const double* sign,
                                                 const double* up, const double* low,
                                                 Eigen::Index n, double* minus_yG) {
  constexpr double lowest = -std::numeric_limits<double>::infinity();
  ViolationMaxima result{lowest, lowest, -1};
  Eigen::Index t = 0;
#if defined(__SSE2__)
  const __m128d zero = _mm_setzero_pd(), negative_infinity = _mm_set1_pd(lowest);
  const __m128d sign_bit = _mm_set1_pd(-0.0), two = _mm_set1_pd(2.0);
  __m128d up_max = negative_infinity, low_max = negative_infinity;
  __m128d up_at = _mm_set1_pd(-1.0), position = _mm_set_pd(1.0, 0.0);
  for (; t + 2 <= n; t += 2) {
    const __m128d value = _mm_mul_pd(_mm_xor_pd(_mm_loadu_pd(sign + t), sign_bit), _mm_loadu_pd(G + t));
    _mm_storeu_pd(minus_yG + t, value);
    const __m128d in_up = _mm_cmpgt_pd(_mm_loadu_pd(up + t), zero);
    const __m128d in_low = _mm_cmpgt_pd(_mm_loadu_pd(low + t), zero);
    const __m128d take = _mm_and_pd(in_up, _mm_cmpge_pd(value, up_max));
    up_max = _mm_or_pd(_mm_and_pd(take, value), _mm_andnot_pd(take, up_max));
    up_at = _mm_or_pd(_mm_and_pd(take, position), _mm_andnot_pd(take, up_at));
    position = _mm_add_pd(position, two);
    const __m128d negated = _mm_xor_pd(value, sign_bit);
    low_max = _mm_max_pd(low_max, _mm_or_pd(_mm_and_pd(in_low, negated),
                                            _mm_andnot_pd(in_low, negative_infinity)));
  }
  double lanes[2], at[2];
  _mm_storeu_pd(lanes, up_max);
  _mm_storeu_pd(at, up_at);
  merge_lanes(lanes, at, 2, std::greater<>(), result.up, result.i);
  _mm_storeu_pd(lanes, low_max);
  result.low = lanes[0] > lanes[1] ? lanes[0] : lanes[1];
#endif
  violation_maxima_tail(G, sign, up, low, t, n, minus_yG, result);
  return result;
}

// WSS2's second-order decrease for every t in I_low with b = G_max - minus_yG[t] > 0:
//   -b^2 / a,  a = (QD_i + QD[t]) - (2 y_i y_t) Q_i[t]  (tau when a <= 0),
// and the smallest of them with the last t attaining it (LIBSVM's <= over increasing t).
inline SmallestDecrease second_order_decrease_baseline(const double* minus_yG, const double* sign,
                                                       const double* low, const double* QD,
                                                       const float* Q_i, double QD_i,
                                                       double two_y_i, double G_max, double tau,
                                                       Eigen::Index n) {
  constexpr double infinity = std::numeric_limits<double>::infinity();
  SmallestDecrease result{infinity, -1};
  Eigen::Index t = 0;
#if defined(__SSE2__)
  const __m128d zero = _mm_setzero_pd(), positive_infinity = _mm_set1_pd(infinity);
  const __m128d sign_bit = _mm_set1_pd(-0.0), tau_v = _mm_set1_pd(tau), two = _mm_set1_pd(2.0);
  const __m128d G_max_v = _mm_set1_pd(G_max), QD_i_v = _mm_set1_pd(QD_i), two_y_i_v = _mm_set1_pd(two_y_i);
  __m128d smallest = positive_infinity, smallest_at = _mm_set1_pd(-1.0);
  __m128d position = _mm_set_pd(1.0, 0.0);
  for (; t + 2 <= n; t += 2) {
    const __m128d b = _mm_sub_pd(G_max_v, _mm_loadu_pd(minus_yG + t));
    // Two floats, copied as 8 bytes (memcpy: no alignment requirement, one load once compiled).
    double two_floats;
    std::memcpy(&two_floats, Q_i + t, sizeof two_floats);
    const __m128d q = _mm_cvtps_pd(_mm_castpd_ps(_mm_set_sd(two_floats)));
    const __m128d a = _mm_sub_pd(_mm_add_pd(QD_i_v, _mm_loadu_pd(QD + t)),
                                 _mm_mul_pd(_mm_mul_pd(two_y_i_v, _mm_loadu_pd(sign + t)), q));
    const __m128d positive = _mm_cmpgt_pd(a, zero);
    const __m128d curvature = _mm_or_pd(_mm_and_pd(positive, a), _mm_andnot_pd(positive, tau_v));
    const __m128d value = _mm_div_pd(_mm_xor_pd(_mm_mul_pd(b, b), sign_bit), curvature);
    const __m128d candidate = _mm_and_pd(_mm_cmpgt_pd(_mm_loadu_pd(low + t), zero), _mm_cmpgt_pd(b, zero));
    const __m128d take = _mm_and_pd(candidate, _mm_cmple_pd(value, smallest));
    smallest = _mm_or_pd(_mm_and_pd(take, value), _mm_andnot_pd(take, smallest));
    smallest_at = _mm_or_pd(_mm_and_pd(take, position), _mm_andnot_pd(take, smallest_at));
    position = _mm_add_pd(position, two);
  }
  double lanes[2], at[2];
  _mm_storeu_pd(lanes, smallest);
  _mm_storeu_pd(at, smallest_at);
  merge_lanes(lanes, at, 2, std::less<>(), result.value, result.j);
#endif
  second_order_decrease_tail(minus_yG, sign, low, QD, Q_i, QD_i, two_y_i, G_max, tau, t, n,
                             result);
  return result;
}

// G[t] += Q_i[t] d_i + Q_j[t] d_j for t < n: the gradient after a step in (alpha_i, alpha_j).
inline void update_gradient_baseline(double* G, const float* Q_i, const float* Q_j, double d_i,
                                     double d_j, Eigen::Index n) {
  for (Eigen::Index t = 0; t < n; ++t) G[t] += Q_i[t] * d_i + Q_j[t] * d_j;
}

// sum[t] += coefficient * column[t] for t < n: one column's share of a gradient (the starting
// gradient's, G_bar's, a reconstruction's).
inline void add_scaled_column_baseline(double* sum, double coefficient, const float* column,
                                       Eigen::Index n) {
  for (Eigen::Index t = 0; t < n; ++t) sum[t] += coefficient * column[t];
}

// update_gradient_baseline, then violation_maxima_baseline over the updated G: the next
// iteration's first selection pass made while the gradient is in registers (the masks must
// already hold the step's new bounds). The same values, element for element, as the two calls.
inline ViolationMaxima update_gradient_and_maxima_baseline(double* G, const float* Q_i,
                                                           const float* Q_j, double d_i, double d_j,
                                                           const double* sign, const double* up,
                                                           const double* low, Eigen::Index n,
                                                           double* minus_yG) {
  update_gradient_baseline(G, Q_i, Q_j, d_i, d_j, n);
  return violation_maxima_baseline(G, sign, up, low, n, minus_yG);
}

// The same, AVX2 (wss_loops.cpp); call only where the CPU has AVX2 (simd.hpp).
ViolationMaxima violation_maxima_avx2(const double* G, const double* sign, const double* up,
                                      const double* low, Eigen::Index n, double* minus_yG);
SmallestDecrease second_order_decrease_avx2(const double* minus_yG, const double* sign,
                                            const double* low, const double* QD, const float* Q_i,
                                            double QD_i, double two_y_i, double G_max, double tau,
                                            Eigen::Index n);
void update_gradient_avx2(double* G, const float* Q_i, const float* Q_j, double d_i, double d_j,
                          Eigen::Index n);
ViolationMaxima update_gradient_and_maxima_avx2(double* G, const float* Q_i, const float* Q_j,
                                                double d_i, double d_j, const double* sign,
                                                const double* up, const double* low,
                                                Eigen::Index n, double* minus_yG);
void add_scaled_column_avx2(double* sum, double coefficient, const float* column, Eigen::Index n);

// The AVX2 version when `avx2` (a training's resolved SIMD setting, simd.hpp), else the baseline.
ViolationMaxima violation_maxima(const double* G, const double* sign, const double* up,
                                 const double* low, Eigen::Index n, double* minus_yG, bool avx2);
SmallestDecrease second_order_decrease(const double* minus_yG, const double* sign,
                                       const double* low, const double* QD, const float* Q_i,
                                       double QD_i, double two_y_i, double G_max, double tau,
                                       Eigen::Index n, bool avx2);
void update_gradient(double* G, const float* Q_i, const float* Q_j, double d_i, double d_j,
                     Eigen::Index n, bool avx2);
ViolationMaxima update_gradient_and_maxima(double* G, const float* Q_i, const float* Q_j,
                                           double d_i, double d_j, const double* sign,
                                           const double* up, const double* low, Eigen::Index n,
                                           double* minus_yG, bool avx2);
void add_scaled_column(double* sum, double coefficient, const float* column, Eigen::Index n,
                       bool avx2);

}  // namespace rbfsvm::detail
