#include "solver/working_set.hpp"

#include <algorithm>

#include "solver/pass_splitter.hpp"
#include "solver/smo_solver.hpp"
#include "solver/wss_loops.hpp"

namespace rbfsvm {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

// rho from the KKT conditions: the average over free variables, else the middle of the interval
// the bounded ones allow (Chang & Lin 2011, §4.1.5). Over all variables (which_class 0, the
// plain solver's y_t G_t) or over one class's G_t (the nu solver).
double rho_for_class(const SolverView& state, int which_class) {
  double upper = infinity, lower = -infinity, sum_free = 0;
  Index n_free = 0;
  const double* G = state.G;
  const signed char* y = state.y;
  for (Index t = 0; t < state.active; ++t) {
    if (which_class != 0 && y[t] != which_class) continue;
    const double value = which_class == 0 ? y[t] * G[t] : G[t];
    // Direction in which the bound limits rho: the plain solver works on y_t G_t.
    const bool positive = which_class == 0 ? y[t] == +1 : true;
    if (state.is_upper(t)) {
      if (positive) lower = std::max(lower, value);
      else upper = std::min(upper, value);
    } else if (state.is_lower(t)) {
      if (positive) upper = std::min(upper, value);
      else lower = std::max(lower, value);
    } else {
      ++n_free;
      sum_free += value;
    }
  }
  return n_free > 0 ? sum_free / static_cast<double>(n_free) : (upper + lower) / 2;
}

}  // namespace

// WSS2 (Fan, Chen & Lin 2005, §3): i maximizes -y_t G_t over I_up; j minimizes the second-order
// decrease -b_ij^2 / a_ij over t in I_low with -y_t G_t < -y_i G_i. Two SIMD passes
// (wss_loops.hpp), each keeping the last variable attaining its extreme: the one the sequential
// rule (>= and <= over increasing t, as LIBSVM) keeps.
WorkingSet PlainRules::select(const SolverView& state, ColumnSource& Q, double eps,
                              const detail::ViolationMaxima* known) {
  const Index active = state.active;
  double* minus_yG = state.scratch;
  // Halves (PassSplitter) merge as the sequential pass would: the later half wins ties.
  detail::ViolationMaxima halves[2] = {{-infinity, -infinity, -1}, {-infinity, -infinity, -1}};
  if (!known) {
    state.splitter->run(active, [&](Index begin, Index end, int half) {
      halves[half] = detail::violation_maxima(state.G + begin, state.sign + begin,
                                              state.up_mask + begin, state.low_mask + begin,
                                              end - begin, minus_yG + begin, state.avx2);
      if (halves[half].i >= 0) halves[half].i += begin;
    });
  }
  const detail::ViolationMaxima maxima = known ? *known : detail::merge_halves(halves[0], halves[1]);
  const double G_max = maxima.up;
  WorkingSet set;
  set.gap = maxima.up + maxima.low;
  const Index i = maxima.i;
  if (i == -1) return set;
  Q.prepare(i);
  const float* Q_i = Q.column(i);
  detail::SmallestDecrease decreases[2] = {{infinity, -1}, {infinity, -1}};
  state.splitter->run(active, [&](Index begin, Index end, int half) {
    decreases[half] = detail::second_order_decrease(
        minus_yG + begin, state.sign + begin, state.low_mask + begin, state.QD + begin,
        Q_i + begin, state.QD[i], 2.0 * state.sign[i], G_max, tau, end - begin, state.avx2);
    if (decreases[half].j >= 0) decreases[half].j += begin;
  });
  const Index j = detail::merge_halves(decreases[0], decreases[1]).j;
  if (set.gap < eps || j == -1) return set;
  set.i = i;
  set.j = j;
  set.found = true;
  return set;
}

// The nu solver's WSS2: both variables come from the same class, so both equalities hold
// (Chang & Lin 2011, §4.2; LIBSVM's Solver_NU).
WorkingSet NuRules::select(const SolverView& state, ColumnSource& Q, double eps) {
  const double* G = state.G;
  const signed char* y = state.y;
  const double* QD = state.QD;
  double G_maxp = -infinity, G_maxp2 = -infinity, G_maxn = -infinity, G_maxn2 = -infinity;
  Index ip = -1, in = -1;
  for (Index t = 0; t < state.active; ++t) {
    if (y[t] == +1) {
      if (!state.is_upper(t) && -G[t] >= G_maxp) { G_maxp = -G[t]; ip = t; }
    } else {
      if (!state.is_lower(t) && G[t] >= G_maxn) { G_maxn = G[t]; in = t; }
    }
  }
  if (ip != -1) Q.prepare(ip);
  if (in != -1) Q.prepare(in);
  const float* Q_ip = ip != -1 ? Q.column(ip) : nullptr;
  const float* Q_in = in != -1 ? Q.column(in) : nullptr;
  Index j = -1;
  double best_decrease = infinity;
  for (Index t = 0; t < state.active; ++t) {
    double b = 0, a = 0;
    if (y[t] == +1) {
      if (state.is_lower(t)) continue;
      G_maxp2 = std::max(G_maxp2, G[t]);
      b = G_maxp + G[t];
      if (b <= 0) continue;
      a = QD[ip] + QD[t] - 2.0 * Q_ip[t];
    } else {
      if (state.is_upper(t)) continue;
      G_maxn2 = std::max(G_maxn2, -G[t]);
      b = G_maxn - G[t];
      if (b <= 0) continue;
      a = QD[in] + QD[t] - 2.0 * Q_in[t];
    }
    const double decrease = -(b * b) / curvature(a);
    if (decrease <= best_decrease) { best_decrease = decrease; j = t; }
  }
  WorkingSet set;
  set.gap = std::max(G_maxp + G_maxp2, G_maxn + G_maxn2);
  if (set.gap < eps || j == -1) return set;
  set.i = y[j] == +1 ? ip : in;
  set.j = j;
  set.found = true;
  return set;
}

// Shrinking (Joachims 1999; LIBSVM's rule, Chang & Lin 2011 §5.1): a bounded variable whose
// gradient says it would move further out of the box than the extremes of the violations is
// removed from the active set.
ShrinkThresholds PlainRules::shrink_thresholds(const SolverView& state) {
  double G_max1 = -infinity;  // max { -y_t G_t : t in I_up }
  double G_max2 = -infinity;  // max {  y_t G_t : t in I_low }
  const double* G = state.G;
  for (Index t = 0; t < state.active; ++t) {
    if (state.y[t] == +1) {
      if (!state.is_upper(t)) G_max1 = std::max(G_max1, -G[t]);
      if (!state.is_lower(t)) G_max2 = std::max(G_max2, G[t]);
    } else {
      if (!state.is_upper(t)) G_max2 = std::max(G_max2, -G[t]);
      if (!state.is_lower(t)) G_max1 = std::max(G_max1, G[t]);
    }
  }
  return {{G_max1, G_max2, -infinity, -infinity}, G_max1 + G_max2};
}

bool PlainRules::be_shrunk(const SolverView& state, const ShrinkThresholds& thresholds, Index t) {
  const double G_max1 = thresholds.G_max[0], G_max2 = thresholds.G_max[1];
  const double G_t = state.G[t];
  if (state.is_upper(t)) return state.y[t] == +1 ? -G_t > G_max1 : -G_t > G_max2;
  if (state.is_lower(t)) return state.y[t] == +1 ? G_t > G_max2 : G_t > G_max1;
  return false;
}

// The same per class (LIBSVM's Solver_NU::do_shrinking).
ShrinkThresholds NuRules::shrink_thresholds(const SolverView& state) {
  double G_max1 = -infinity;  // max { -G_t : y_t = +1, t in I_up }
  double G_max2 = -infinity;  // max {  G_t : y_t = +1, t in I_low }
  double G_max3 = -infinity;  // max { -G_t : y_t = -1, t in I_up }
  double G_max4 = -infinity;  // max {  G_t : y_t = -1, t in I_low }
  const double* G = state.G;
  for (Index t = 0; t < state.active; ++t) {
    if (!state.is_upper(t)) {
      if (state.y[t] == +1) G_max1 = std::max(G_max1, -G[t]);
      else G_max4 = std::max(G_max4, -G[t]);
    }
    if (!state.is_lower(t)) {
      if (state.y[t] == +1) G_max2 = std::max(G_max2, G[t]);
      else G_max3 = std::max(G_max3, G[t]);
    }
  }
  return {{G_max1, G_max2, G_max3, G_max4}, std::max(G_max1 + G_max2, G_max3 + G_max4)};
}

bool NuRules::be_shrunk(const SolverView& state, const ShrinkThresholds& thresholds, Index t) {
  const double* G_max = thresholds.G_max;
  const double G_t = state.G[t];
  if (state.is_upper(t)) return state.y[t] == +1 ? -G_t > G_max[0] : -G_t > G_max[3];
  if (state.is_lower(t)) return state.y[t] == +1 ? G_t > G_max[1] : G_t > G_max[2];
  return false;
}

void PlainRules::compute_rho(const SolverView& state, SmoResult& result) {
  result.rho = rho_for_class(state, 0);
}

// One r per class; rho = (r1 - r2) / 2 and r = (r1 + r2) / 2 (Chang & Lin 2011, §4.2.4).
void NuRules::compute_rho(const SolverView& state, SmoResult& result) {
  const double r1 = rho_for_class(state, +1);
  const double r2 = rho_for_class(state, -1);
  result.r = (r1 + r2) / 2;
  result.rho = (r1 - r2) / 2;
}

}  // namespace rbfsvm
