// A primal active-set method for the SMO dual (smo_solver.hpp's problem with the one equality,
//   min 1/2 a^T Q a + p^T a,  y^T a = Delta,  0 <= a_t <= C_t),
// used to carry a warm start most of the way to the optimum before SMO takes over.
//
// The method (Nocedal & Wright, "Numerical Optimization", 2nd ed., Algorithm 16.3; for SVMs
// K. Scheinberg, "An efficient implementation of an active set method for SVMs", JMLR 7, 2006)
// keeps each variable either fixed at a bound or free. With the fixed ones held, the free ones F
// and the multiplier lambda of the equality solve the equality-constrained problem
//   [Q_FF  y_F] [a_F   ]   [-(p_F + Q_F,U C_U)]
//   [y_F^T  0 ] [lambda] = [Delta - y_U^T C_U ]          (U: the variables at their upper bound)
// and the point moves toward that solution until a free variable meets a bound (it is then
// fixed there) or reaches it; there, a fixed variable whose multiplier g_t + y_t lambda
// (g = Q a + p) has the wrong sign by more than the tolerance is freed, the worst first, and the
// optimum is reached when none has. The inverse of the bordered matrix is kept and changed by
// one row and column per step (bordering and its reverse, the Schur complement), so a step costs
// O(|F|^2) rather than a factorization.
//
// SMO needs many iterations where Q is ill-conditioned and the optimum has many free variables
// (a small gamma with a large C: a near hard margin), and its working pairs creep toward the
// optimum; an active-set method instead needs about one step per variable that changes side,
// which along a C path, from the previous C's solution, is a few dozen. Its result is a feasible
// point, never worse than the start, that SMO then checks and finishes: the optimum and the
// stopping rule stay SMO's.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "rbfsvm/core/types.hpp"

namespace rbfsvm {

// Where the steps stop, their result then being the best point reached (never worse than the
// start). A step costs about |F|^2 multiply-adds, an SMO iteration about n: max_work bounds the
// sum of |F|^2 over the steps, so that a problem the method suits badly costs a bounded multiple
// of n^2 before SMO takes over.
struct ActiveSetLimits {
  Index max_free = 1024;       // more free variables than this
  std::int64_t max_steps = 0;  // 0: 2 n + 20
  double max_work = 0;         // 0: 64 n^2
};

struct ActiveSetResult {
  std::vector<double> alpha;  // feasible, with f(alpha) <= f(start)
  std::int64_t steps = 0;
  bool optimal = false;  // no multiplier has the wrong sign by more than the tolerance
};

// `Q` is the problem's n x n matrix (symmetric), `alpha` a feasible point. `tolerance` bounds
// each multiplier's wrong-signed part at the end; SMO's m(alpha) - M(alpha) is then at most
// twice it (plus rounding).
ActiveSetResult refine_by_active_set(const Eigen::MatrixXd& Q, const std::vector<double>& p,
                                     const std::vector<signed char>& y,
                                     const std::vector<double>& upper_bound,
                                     std::vector<double> alpha, double tolerance,
                                     const ActiveSetLimits& limits = {});

}  // namespace rbfsvm
