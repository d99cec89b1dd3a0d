// The SMO loop, step for step Algorithm 1 of Fan, Chen & Lin (JMLR 6, 2005) with LIBSVM's
// shrinking and gradient reconstruction (Chang & Lin 2011, §4-5).
//
// Glossary (paper notation):
//   alpha   the dual variables;  G = Q alpha + p  the gradient of f;
//   I_up    = { t : alpha_t < C_t, y_t = +1  or  alpha_t > 0, y_t = -1 }
//   I_low   = { t : alpha_t < C_t, y_t = -1  or  alpha_t > 0, y_t = +1 }
//   m(alpha) = max_{t in I_up} -y_t G_t,   M(alpha) = min_{t in I_low} -y_t G_t;
//   alpha is optimal within eps when m(alpha) - M(alpha) <= eps (Keerthi et al. 2001).
//   G_bar_t = sum_{s : alpha_s = C_s} C_s Q_ts, kept so that the gradient of shrunk variables can
//   be rebuilt from the free variables alone.
//   tau     a small positive number replacing a non-positive curvature a_ij (Fan et al. §3.3).
#include "solver/smo_solver.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "rbfsvm/core/error.hpp"
#include "solver/engine_tuning.hpp"
#include "solver/pass_splitter.hpp"
#include "solver/working_set.hpp"
#include "solver/wss_loops.hpp"

namespace rbfsvm {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

// Rules: PlainRules or NuRules (working_set.hpp), chosen once per solve.
template <typename Rules>
class SmoSolver final : private ColumnSource {
 public:
  SmoSolver(QMatrix& Q, SmoProblem problem, const SmoOptions& options,
            const detail::EngineTuning& tuning)
      : Q_(Q),
        options_(options),
        n_(static_cast<Index>(problem.y.size())),
        alpha_(std::move(problem.alpha)),
        p_(std::move(problem.p)),
        y_(std::move(problem.y)),
        C_(std::move(problem.upper_bound)),
        QD_(Q.diagonal()),
        active_size_(n_),
        splitter_(options.n_threads, tuning.splitting),
        avx2_(tuning.avx2) {
    status_.resize(static_cast<std::size_t>(n_));
    up_mask_.resize(static_cast<std::size_t>(n_));
    low_mask_.resize(static_cast<std::size_t>(n_));
    sign_.resize(static_cast<std::size_t>(n_));
    scratch_.resize(static_cast<std::size_t>(n_));
    for (Index t = 0; t < n_; ++t) sign_[t] = y_[t];
    active_set_.resize(static_cast<std::size_t>(n_));
    for (Index t = 0; t < n_; ++t) {
      update_status(t);
      active_set_[t] = t;
    }
  }

  SmoResult run() {
    initialize_gradient();
    const std::int64_t max_iterations =
        options_.max_iterations > 0 ? options_.max_iterations
                                    : std::max<std::int64_t>(10000000, 100 * std::int64_t{n_});
    std::int64_t iterations = 0;
    Index counter = std::min<Index>(n_, 1000) + 1;
    bool converged = false;
    while (iterations < max_iterations) {
      if (--counter == 0) {
        counter = std::min<Index>(n_, 1000);
        if (options_.shrinking) shrink();
        if (options_.progress) options_.progress({iterations, last_gap_, active_size_});
        if (options_.should_stop && options_.should_stop()) break;
      }
      Index i = -1, j = -1;
      if (!select_working_set(i, j)) {
        // Optimal on the active set: rebuild the full gradient and check all variables.
        reconstruct_gradient();
        active_size_ = n_;
        if (!select_working_set(i, j)) {
          converged = true;
          break;
        }
        counter = 1;  // shrink again at the next iteration
      }
      ++iterations;
      take_step(i, j);
    }
    if (!converged && active_size_ < n_) {
      reconstruct_gradient();
      active_size_ = n_;
    }
    SmoResult result;
    Rules::compute_rho(view(), result);
    result.objective = objective();
    result.iterations = iterations;
    result.converged = converged;
    result.gap = converged ? last_gap_ : current_gap();
    result.alpha.assign(static_cast<std::size_t>(n_), 0.0);
    for (Index t = 0; t < n_; ++t) result.alpha[active_set_[t]] = alpha_[t];
    return result;
  }

 private:
  bool is_upper(Index t) const { return status_[t] == Bound::upper; }
  bool is_lower(Index t) const { return status_[t] == Bound::lower; }
  bool is_free(Index t) const { return status_[t] == Bound::free; }

  void update_status(Index t) {
    status_[t] = alpha_[t] >= C_[t] ? Bound::upper : alpha_[t] <= 0 ? Bound::lower : Bound::free;
    up_mask_[t] = in_up(t) ? 1.0 : 0.0;
    low_mask_[t] = in_low(t) ? 1.0 : 0.0;
  }

  // G = p + Q alpha and G_bar = sum over bounded alpha_s = C_s of C_s Q_s, from scratch.
  void initialize_gradient() {
    G_.assign(p_.begin(), p_.end());
    G_bar_.assign(static_cast<std::size_t>(n_), 0.0);
    G_bar_pending_.assign(static_cast<std::size_t>(n_), 0.0);
    std::vector<Index> nonzero;
    for (Index s = 0; s < n_; ++s) {
      if (!is_lower(s)) nonzero.push_back(s);
    }
    for_each_column(nonzero, n_, [&](Index s, const float* Q_s) {
      detail::add_scaled_column(G_.data(), alpha_[s], Q_s, n_, avx2_);
      if (is_upper(s)) detail::add_scaled_column(G_bar_.data(), C_[s], Q_s, n_, avx2_);
    });
  }

  // f(s, Q_s) for each listed variable, asking a batched Q for the columns a batch at a time.
  template <typename F>
  void for_each_column(const std::vector<Index>& variables, Index length, F f) {
    const std::size_t batch = static_cast<std::size_t>(std::max<Index>(1, Q_.batch_size()));
    for (std::size_t begin = 0; begin < variables.size(); begin += batch) {
      const std::size_t end = std::min(variables.size(), begin + batch);
      if (batch > 1) {
        Q_.prefetch(std::vector<Index>(variables.begin() + static_cast<std::ptrdiff_t>(begin),
                                       variables.begin() + static_cast<std::ptrdiff_t>(end)));
      }
      for (std::size_t k = begin; k < end; ++k) f(variables[k], Q_.column(variables[k], length));
    }
  }

  bool in_up(Index t) const { return y_[t] == +1 ? !is_upper(t) : !is_lower(t); }
  bool in_low(Index t) const { return y_[t] == +1 ? !is_lower(t) : !is_upper(t); }

  // Makes column t cheap to read (a batched Q computes it with the columns it expects next).
  void ensure_column(Index t) {
    Q_.prepare_column(t, {active_size_, G_.data(), y_.data(), up_mask_.data(), low_mask_.data()});
  }

  // The two-variable subproblem in (alpha_i, alpha_j), solved analytically and clipped to the
  // box (Chang & Lin 2011, §4.1.2), then the gradient update G += Q_i d_i + Q_j d_j.
  void take_step(Index i, Index j) {
    ensure_column(i);
    ensure_column(j);
    const float* Q_i = Q_.column(i, active_size_);
    const float* Q_j = Q_.column(j, active_size_);
    const double C_i = C_[i], C_j = C_[j];
    const double old_alpha_i = alpha_[i], old_alpha_j = alpha_[j];
    if (y_[i] != y_[j]) {
      // alpha_i - alpha_j stays constant.
      const double a = curvature(QD_[i] + QD_[j] + 2.0 * Q_i[j]);
      const double delta = (-G_[i] - G_[j]) / a;
      const double diff = alpha_[i] - alpha_[j];
      alpha_[i] += delta;
      alpha_[j] += delta;
      if (diff > 0) {
        if (alpha_[j] < 0) { alpha_[j] = 0; alpha_[i] = diff; }
      } else {
        if (alpha_[i] < 0) { alpha_[i] = 0; alpha_[j] = -diff; }
      }
      if (diff > C_i - C_j) {
        if (alpha_[i] > C_i) { alpha_[i] = C_i; alpha_[j] = C_i - diff; }
      } else {
        if (alpha_[j] > C_j) { alpha_[j] = C_j; alpha_[i] = C_j + diff; }
      }
    } else {
      // alpha_i + alpha_j stays constant.
      const double a = curvature(QD_[i] + QD_[j] - 2.0 * Q_i[j]);
      const double delta = (G_[i] - G_[j]) / a;
      const double sum = alpha_[i] + alpha_[j];
      alpha_[i] -= delta;
      alpha_[j] += delta;
      if (sum > C_i) {
        if (alpha_[i] > C_i) { alpha_[i] = C_i; alpha_[j] = sum - C_i; }
      } else {
        if (alpha_[j] < 0) { alpha_[j] = 0; alpha_[i] = sum; }
      }
      if (sum > C_j) {
        if (alpha_[j] > C_j) { alpha_[j] = C_j; alpha_[i] = sum - C_j; }
      } else {
        if (alpha_[i] < 0) { alpha_[i] = 0; alpha_[j] = sum; }
      }
    }
    const double delta_i = alpha_[i] - old_alpha_i;
    const double delta_j = alpha_[j] - old_alpha_j;
    const bool i_was_upper = is_upper(i), j_was_upper = is_upper(j);
    update_status(i);
    update_status(j);
    if constexpr (Rules::takes_known_maxima) {
      // With the next selection's first pass (the masks are the new ones).
      detail::ViolationMaxima halves[2] = {{-infinity, -infinity, -1}, {-infinity, -infinity, -1}};
      splitter_.run(active_size_, [&](Index begin, Index end, int half) {
        halves[half] = detail::update_gradient_and_maxima(
            G_.data() + begin, Q_i + begin, Q_j + begin, delta_i, delta_j, sign_.data() + begin,
            up_mask_.data() + begin, low_mask_.data() + begin, end - begin, scratch_.data() + begin,
            avx2_);
        if (halves[half].i >= 0) halves[half].i += begin;
      });
      known_maxima_ = detail::merge_halves(halves[0], halves[1]);
      maxima_known_ = true;
    } else {
      splitter_.run(active_size_, [&](Index begin, Index end, int) {
        detail::update_gradient(G_.data() + begin, Q_i + begin, Q_j + begin, delta_i, delta_j,
                                end - begin, avx2_);
      });
    }
    update_g_bar(i, C_i, i_was_upper);
    update_g_bar(j, C_j, j_was_upper);
  }

  // Keeps G_bar in step when variable t has entered or left its upper bound.
  void update_g_bar(Index t, double C_t, bool was_upper) {
    if (was_upper == is_upper(t)) return;
    const double sign = was_upper ? -1.0 : 1.0;
    if (options_.deferred_bound_gradient) {
      // +C_t then -C_t cancel exactly: a variable back where it was adds nothing.
      G_bar_pending_[t] += sign * C_t;
      return;
    }
    ensure_column(t);
    const float* Q_t = Q_.column(t, n_);
    for (Index s = 0; s < n_; ++s) G_bar_[s] += sign * C_t * Q_t[s];
  }

  // Applies the deferred G_bar changes (SmoOptions::deferred_bound_gradient): one pass per
  // variable whose net change since the last call is not zero.
  void apply_deferred_g_bar() {
    std::vector<Index> changed;
    for (Index s = 0; s < n_; ++s) {
      if (G_bar_pending_[s] != 0.0) changed.push_back(s);
    }
    std::vector<double> coefficients;
    for (Index s : changed) coefficients.push_back(G_bar_pending_[s]);
    Q_.add_columns(changed, coefficients, 0, n_, G_bar_.data());
    std::fill(G_bar_pending_.begin(), G_bar_pending_.end(), 0.0);
  }

  // The rules' choice; last_gap_ keeps the gap it saw.
  bool select_working_set(Index& out_i, Index& out_j) {
    WorkingSet set;
    if constexpr (Rules::takes_known_maxima) {
      set = Rules::select(view(), *this, options_.eps, maxima_known_ ? &known_maxima_ : nullptr);
      maxima_known_ = false;
    } else {
      set = Rules::select(view(), *this, options_.eps);
    }
    last_gap_ = set.gap;
    if (!set.found) return false;
    out_i = set.i;
    out_j = set.j;
    return true;
  }

  SolverView view() {
    return {active_size_,     G_.data(),        y_.data(),    status_.data(),
            QD_.data(),       up_mask_.data(),  low_mask_.data(), sign_.data(),
            scratch_.data(),  &splitter_,       avx2_};
  }

  // ColumnSource, for the rules.
  void prepare(Index t) override { ensure_column(t); }
  const float* column(Index t) override { return Q_.column(t, active_size_); }

  // m(alpha) - M(alpha) over the active set (for the result when the iteration cap was hit).
  double current_gap() {
    Index i = -1, j = -1;
    select_working_set(i, j);
    return last_gap_;
  }

  // Shrinking (Joachims 1999; Chang & Lin 2011 §5.1): the rules say which bounded variables
  // would move further out of the box; they leave the active set.
  void shrink() {
    maxima_known_ = false;
    const ShrinkThresholds thresholds = Rules::shrink_thresholds(view());
    unshrink_when_close(thresholds.gap);
    const SolverView state = view();
    compact_active_set([&](Index t) { return Rules::be_shrunk(state, thresholds, t); });
  }

  // Once near the optimum (gap <= 10 eps) bring every variable back, once, so that the final
  // iterations see the true gradient (LIBSVM's "unshrink").
  void unshrink_when_close(double gap) {
    if (!unshrunk_ && gap <= options_.eps * 10) {
      unshrunk_ = true;
      reconstruct_gradient();
      active_size_ = n_;
    }
  }

  // Moves the variables to shrink to the end of the active range.
  template <typename ShouldShrink>
  void compact_active_set(ShouldShrink should_shrink) {
    for (Index t = 0; t < active_size_; ++t) {
      if (!should_shrink(t)) continue;
      --active_size_;
      while (active_size_ > t) {
        if (!should_shrink(active_size_)) {
          swap_index(t, active_size_);
          break;
        }
        --active_size_;
      }
    }
  }

  void swap_index(Index s, Index t) {
    Q_.swap_index(s, t);
    std::swap(y_[s], y_[t]);
    std::swap(G_[s], G_[t]);
    std::swap(status_[s], status_[t]);
    std::swap(up_mask_[s], up_mask_[t]);
    std::swap(low_mask_[s], low_mask_[t]);
    std::swap(sign_[s], sign_[t]);
    std::swap(alpha_[s], alpha_[t]);
    std::swap(p_[s], p_[t]);
    std::swap(active_set_[s], active_set_[t]);
    std::swap(G_bar_[s], G_bar_[t]);
    std::swap(G_bar_pending_[s], G_bar_pending_[t]);
    std::swap(C_[s], C_[t]);
  }

  // Rebuilds G for the shrunk variables: G_t = G_bar_t + p_t + sum over free s of alpha_s Q_ts,
  // reading whichever of the two orientations touches fewer kernel entries.
  void reconstruct_gradient() {
    maxima_known_ = false;
    if (active_size_ == n_) return;
    if (options_.deferred_bound_gradient) apply_deferred_g_bar();
    for (Index t = active_size_; t < n_; ++t) G_[t] = G_bar_[t] + p_[t];
    Index n_free = 0;
    for (Index s = 0; s < active_size_; ++s) n_free += is_free(s) ? 1 : 0;
    std::vector<Index> columns;
    if (n_free * n_ > 2 * active_size_ * (n_ - active_size_)) {
      for (Index t = active_size_; t < n_; ++t) columns.push_back(t);
      for_each_column(columns, active_size_, [&](Index t, const float* Q_t) {
        for (Index s = 0; s < active_size_; ++s) {
          if (is_free(s)) G_[t] += alpha_[s] * Q_t[s];
        }
      });
    } else {
      std::vector<double> coefficients;
      for (Index s = 0; s < active_size_; ++s) {
        if (is_free(s)) {
          columns.push_back(s);
          coefficients.push_back(alpha_[s]);
        }
      }
      Q_.add_columns(columns, coefficients, active_size_, n_, G_.data());
    }
  }

  // f(alpha) = 1/2 alpha^T Q alpha + p^T alpha = 1/2 sum_t alpha_t (G_t + p_t).
  double objective() const {
    double value = 0;
    for (Index t = 0; t < n_; ++t) value += alpha_[t] * (G_[t] + p_[t]);
    return value / 2;
  }

  QMatrix& Q_;
  const SmoOptions& options_;
  Index n_;
  std::vector<double> alpha_, p_;
  std::vector<signed char> y_;
  std::vector<double> C_;
  const std::vector<double>& QD_;
  std::vector<double> G_, G_bar_;
  std::vector<double> G_bar_pending_;  // per variable, the change of C_t not yet in G_bar
  std::vector<Bound> status_;
  // Per variable, for loops without branches: 1 when in I_up / I_low (else 0), y_t as a double,
  // and room for one value per variable.
  std::vector<double> up_mask_, low_mask_, sign_, scratch_;
  std::vector<Index> active_set_;
  Index active_size_;
  detail::PassSplitter splitter_;  // long passes in two halves (pass_splitter.hpp)
  bool avx2_;                      // the SIMD loops (core/simd.hpp)
  bool unshrunk_ = false;
  double last_gap_ = infinity;
  // The maxima of -y_t G_t the latest step's gradient update found (with -y_t G_t in scratch_),
  // for the next selection while neither the gradient nor the active set has changed since.
  detail::ViolationMaxima known_maxima_{-infinity, -infinity, -1};
  bool maxima_known_ = false;
};

void check_problem(const QMatrix& Q, const SmoProblem& problem) {
  const std::size_t n = problem.y.size();
  if (problem.p.size() != n || problem.upper_bound.size() != n || problem.alpha.size() != n ||
      static_cast<std::size_t>(Q.size()) != n) {
    throw InvalidArgument("solve_smo: p, y, upper_bound, alpha and Q must have the same size");
  }
  for (std::size_t t = 0; t < n; ++t) {
    if (problem.y[t] != 1 && problem.y[t] != -1) {
      throw InvalidArgument("solve_smo: y[" + std::to_string(t) + "] must be +1 or -1");
    }
    if (!(problem.upper_bound[t] > 0) || !std::isfinite(problem.upper_bound[t])) {
      throw InvalidArgument("solve_smo: upper bound C[" + std::to_string(t) +
                            "] must be finite and > 0");
    }
    if (!(problem.alpha[t] >= 0 && problem.alpha[t] <= problem.upper_bound[t])) {
      throw InvalidArgument("solve_smo: starting alpha[" + std::to_string(t) +
                            "] is outside [0, C]");
    }
  }
}

}  // namespace

SmoResult solve_smo(QMatrix& Q, SmoProblem problem, const SmoOptions& options) {
  check_problem(Q, problem);
  if (!(options.eps > 0) || !std::isfinite(options.eps)) {
    throw InvalidArgument("solve_smo: eps must be finite and > 0");
  }
  if (problem.y.empty()) return {};
  const auto tuning = detail::EngineTuning::of(options.simd, options.pass_splitting);
  Q.use_tuning(tuning);
  if (options.nu_variant) return SmoSolver<NuRules>(Q, std::move(problem), options, tuning).run();
  return SmoSolver<PlainRules>(Q, std::move(problem), options, tuning).run();
}

}  // namespace rbfsvm
