#include "solver/active_set.hpp"

#include <algorithm>
#include <cmath>

namespace rbfsvm {
namespace {

// The inverse P of the bordered matrix B = [0 y_F^T; y_F Q_FF] over the free variables: slot 0
// is lambda's, slot k the free variable F[k - 1]'s. A variable joins by bordering (with b its
// new column of B and c = Q_tt, the Schur complement s = c - b^T P b and
//   P' = [P + P b b^T P / s, -P b / s; -b^T P / s, 1 / s])
// and leaves by its reverse (P' = P - P e_k e_k^T P / P_kk without row and column k).
class BorderedInverse {
 public:
  explicit BorderedInverse(Index capacity)
      : P_(capacity + 1, capacity + 1), work_(capacity + 1), column_(capacity + 1) {}

  Index size() const { return size_; }

  // B over one free variable t: [0 y_t; y_t Q_tt], whose inverse is [-Q_tt y_t; y_t 0].
  void start(const Eigen::MatrixXd& Q, const std::vector<signed char>& y, Index t) {
    size_ = 2;
    P_(0, 0) = -Q(t, t);
    P_(0, 1) = P_(1, 0) = y[static_cast<std::size_t>(t)];
    P_(1, 1) = 0;
  }

  // Borders with variable t, F's first size() - 1 entries being the free variables already in.
  // False when t's column is (numerically) a combination of theirs: the step would be undefined.
  bool add(const Eigen::MatrixXd& Q, const std::vector<signed char>& y, const std::vector<Index>& F,
           Index t) {
    const Index m = size_;
    if (m >= P_.rows()) return false;
    auto b = column_.head(m);
    b(0) = y[static_cast<std::size_t>(t)];
    for (Index k = 1; k < m; ++k) b(k) = Q(F[static_cast<std::size_t>(k - 1)], t);
    auto u = work_.head(m);
    u.noalias() = P_.topLeftCorner(m, m).selfadjointView<Eigen::Lower>() * b;
    const double schur = Q(t, t) - b.dot(u);
    if (!(schur > 1e-10 * std::max(1.0, Q(t, t)))) return false;
    P_.topLeftCorner(m, m).selfadjointView<Eigen::Lower>().rankUpdate(u, 1 / schur);
    P_.row(m).head(m) = -u.transpose() / schur;
    P_(m, m) = 1 / schur;
    size_ = m + 1;
    return true;
  }

  // Removes slot k (>= 1); the last slot takes its place (F must be changed the same way).
  // False when the remaining matrix is (numerically) singular.
  bool remove(Index k) {
    const Index m = size_;
    const double pivot = P_(k, k);
    if (!(std::abs(pivot) > 1e-300)) return false;
    auto u = work_.head(m);
    for (Index r = 0; r < m; ++r) u(r) = r >= k ? P_(r, k) : P_(k, r);
    P_.topLeftCorner(m, m).selfadjointView<Eigen::Lower>().rankUpdate(u, -1 / pivot);
    const Index last = m - 1;
    if (k != last) {  // move the last slot into k (lower triangle only)
      for (Index r = 0; r < k; ++r) P_(k, r) = P_(last, r);
      for (Index r = k + 1; r < last; ++r) P_(r, k) = P_(last, r);
      P_(k, k) = P_(last, last);
    }
    size_ = last;
    return true;
  }

  // P r.
  void solve(const Eigen::VectorXd& r, Eigen::VectorXd& out) const {
    out.noalias() = P_.topLeftCorner(size_, size_).selfadjointView<Eigen::Lower>() * r.head(size_);
  }

 private:
  Eigen::MatrixXd P_;  // lower triangle used
  Eigen::VectorXd work_, column_;
  Index size_ = 0;
};

enum class Side : signed char { lower, free, upper };

// With no variable free, lambda may be any value that leaves every multiplier g_t + y_t lambda
// with its right sign (>= 0 at the lower bound, <= 0 at the upper): each fixed variable bounds
// it by -y_t g_t, from below where it is at the lower bound with y_t = +1 or at the upper with
// y_t = -1, from above otherwise. The middle of that interval, or of the gap when it is empty
// (the variables at its ends are then the worst; LIBSVM's rho with no free variable is the same
// middle).
double least_violating_multiplier(const Eigen::VectorXd& g, const std::vector<signed char>& y,
                                  const std::vector<Side>& side) {
  double low = -INFINITY, high = INFINITY;
  for (std::size_t t = 0; t < side.size(); ++t) {
    const double bound = -y[t] * g(static_cast<Index>(t));
    if ((side[t] == Side::lower) == (y[t] > 0)) {
      low = std::max(low, bound);
    } else {
      high = std::min(high, bound);
    }
  }
  if (std::isinf(low)) return std::isinf(high) ? 0 : high;
  return std::isinf(high) ? low : (low + high) / 2;
}

}  // namespace

ActiveSetResult refine_by_active_set(const Eigen::MatrixXd& Q, const std::vector<double>& p,
                                     const std::vector<signed char>& y,
                                     const std::vector<double>& upper_bound,
                                     std::vector<double> alpha, double tolerance,
                                     const ActiveSetLimits& limits) {
  const auto n = static_cast<Index>(alpha.size());
  const std::int64_t max_steps = limits.max_steps > 0 ? limits.max_steps : 2 * n + 20;
  const double max_work =
      limits.max_work > 0 ? limits.max_work : 64 * static_cast<double>(n) * static_cast<double>(n);
  double work = 0;
  const auto at = [](Index t) { return static_cast<std::size_t>(t); };
  std::vector<Side> side(at(n));
  std::vector<Index> F;
  Eigen::VectorXd h = Eigen::VectorXd::Zero(n);  // Q_:,U C_U
  double s = 0;                                  // y_F^T a_F, kept by the equality
  for (Index t = 0; t < n; ++t) {
    double& a = alpha[at(t)];
    if (a <= 0) {
      a = 0;
      side[at(t)] = Side::lower;
    } else if (a >= upper_bound[at(t)]) {
      a = upper_bound[at(t)];
      side[at(t)] = Side::upper;
      h += a * Q.col(t);
    } else {
      side[at(t)] = Side::free;
      F.push_back(t);
      s += y[at(t)] * a;
    }
  }
  // g = Q a + p and f = 1/2 a^T (g + p) at the current point.
  Eigen::VectorXd g(n);
  const auto objective = [&] {
    g = h;
    for (Index t : F) g += alpha[at(t)] * Q.col(t);
    double f = 0;
    for (Index t = 0; t < n; ++t) {
      g(t) += p[at(t)];
      f += alpha[at(t)] * (g(t) + p[at(t)]) / 2;
    }
    return f;
  };
  ActiveSetResult result;
  double best = objective();
  result.alpha = alpha;
  const Index capacity = std::min(limits.max_free, n);
  if (static_cast<Index>(F.size()) > capacity) return result;
  BorderedInverse inverse(capacity);
  if (!F.empty()) inverse.start(Q, y, F[0]);
  for (std::size_t k = 1; k < F.size(); ++k) {
    if (!inverse.add(Q, y, F, F[k])) return result;
  }
  Eigen::VectorXd rhs(capacity + 1), z;
  Index released = -1;  // the variable freed last, which the next step must move inward
  while (result.steps < max_steps && work <= max_work) {
    ++result.steps;
    const auto m = static_cast<Index>(F.size());
    work += static_cast<double>(m + 1) * static_cast<double>(m + 1);
    double lambda = 0;
    if (m > 0) {
      // The equality-constrained minimizer over the free variables, then a step toward it.
      rhs(0) = s;
      for (Index k = 0; k < m; ++k) rhs(k + 1) = -(p[at(F[at(k)])] + h(F[at(k)]));
      inverse.solve(rhs, z);
      lambda = z(0);
      double step = 1;
      Index blocking = -1;
      for (Index k = 0; k < m; ++k) {
        const Index t = F[at(k)];
        const double a = alpha[at(t)], d = z(k + 1) - a;
        const double room = d < 0 ? a / -d : d > 0 ? (upper_bound[at(t)] - a) / d : step;
        if (room < step) {
          step = room;
          blocking = k;
        }
      }
      if (blocking >= 0 && F[at(blocking)] == released && step <= 0) break;  // would cycle
      released = -1;
      for (Index k = 0; k < m; ++k) {
        const Index t = F[at(k)];
        const double moved = alpha[at(t)] + step * (z(k + 1) - alpha[at(t)]);
        alpha[at(t)] = std::clamp(moved, 0.0, upper_bound[at(t)]);
      }
      if (blocking >= 0) {  // fix the blocking variable at its bound
        const Index t = F[at(blocking)];
        const bool to_upper = z(blocking + 1) > alpha[at(t)] || alpha[at(t)] >= upper_bound[at(t)];
        alpha[at(t)] = to_upper ? upper_bound[at(t)] : 0;
        side[at(t)] = to_upper ? Side::upper : Side::lower;
        s -= y[at(t)] * alpha[at(t)];
        if (to_upper) h += alpha[at(t)] * Q.col(t);
        if (m > 1 && !inverse.remove(blocking + 1)) break;
        F[at(blocking)] = F.back();
        F.pop_back();
        continue;
      }
    }
    // At the minimizer over F: stop unless the point still improves; free the fixed variable
    // whose multiplier g_t + y_t lambda has the wrong sign by the most (a free one's is zero).
    const double f = objective();
    if (!(f <= best + 1e-12 * std::abs(best))) break;
    best = f;
    result.alpha = alpha;
    if (m == 0) lambda = least_violating_multiplier(g, y, side);
    Index worst = -1;
    double violation = tolerance;
    for (Index t = 0; t < n; ++t) {
      const double multiplier = g(t) + y[at(t)] * lambda;
      const double wrong = side[at(t)] == Side::lower   ? -multiplier
                           : side[at(t)] == Side::upper ? multiplier
                                                        : std::abs(multiplier);
      if (wrong > violation) {
        violation = wrong;
        worst = t;
      }
    }
    if (worst < 0) {
      result.optimal = true;
      return result;
    }
    // A free variable's multiplier is zero but for the inverse's rounding, which has grown past
    // the tolerance: stop here rather than go on from inexact steps.
    if (side[at(worst)] == Side::free) break;
    if (m == 0) {
      inverse.start(Q, y, worst);
    } else if (m >= capacity || !inverse.add(Q, y, F, worst)) {
      break;
    }
    if (side[at(worst)] == Side::upper) {
      h -= alpha[at(worst)] * Q.col(worst);
      s += y[at(worst)] * alpha[at(worst)];
    }
    side[at(worst)] = Side::free;
    F.push_back(worst);
    released = worst;
  }
  if (objective() < best) result.alpha = alpha;
  return result;
}

}  // namespace rbfsvm
