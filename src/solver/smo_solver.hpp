// Sequential minimal optimization for the dual quadratic problem that every SVM type reduces to
// (Chang & Lin, "LIBSVM: a library for support vector machines", ACM TIST 2:27, 2011, §4):
//
//   min_alpha  f(alpha) = 1/2 alpha^T Q alpha + p^T alpha
//   subject to y^T alpha = Delta,  0 <= alpha_t <= C_t,   y_t in {+1, -1}.
//
// The plain solver keeps the one equality; the nu solver (nu-SVC, nu-SVR) handles the second
// equality e^T alpha = const of the nu formulations by selecting both variables from the same
// class (LIBSVM's Solver_NU).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "rbfsvm/core/tuning.hpp"
#include "rbfsvm/solver/progress.hpp"
#include "solver/q_matrix.hpp"

namespace rbfsvm {

struct SmoProblem {
  std::vector<double> p;            // linear term
  std::vector<signed char> y;       // +1 / -1
  std::vector<double> upper_bound;  // C_t
  std::vector<double> alpha;        // a feasible starting point
};

struct SmoOptions {
  double eps = 1e-3;         // stopping tolerance on m(alpha) - M(alpha) (LIBSVM's -e)
  bool shrinking = true;     // LIBSVM's -h
  bool nu_variant = false;   // two equality constraints (nu-SVC, nu-SVR)
  // G_bar (the gradient's share from variables at their upper bound, kept for rebuilding the
  // gradient of shrunk variables) updated only when a shrunk gradient is rebuilt, by each
  // variable's net change since the last rebuild, instead of a pass over all n variables at every
  // bound change as LIBSVM does. The same optimum with different rounding; variables that enter
  // and leave the bound between rebuilds cost nothing. The fast kernel path sets it.
  bool deferred_bound_gradient = false;
  // Threads for the passes over the variables (0: OpenMP's default): with two or more, long
  // passes are split in two halves while the second thread keeps up (src/solver/pass_splitter.hpp);
  // the result is the same for any value.
  int n_threads = 1;
  // Which SIMD loops run and when passes are split (rbfsvm/core/tuning.hpp): for the solver and,
  // through QMatrix::use_tuning, its Q supply. Never changes the result.
  Simd simd = Simd::automatic;
  PassSplitting pass_splitting;
  // 0 chooses LIBSVM's cap, max(10^7, 100 n).
  std::int64_t max_iterations = 0;
  // Called every 1000 iterations or so; may be empty.
  std::function<void(const SmoProgress&)> progress;
  // Checked as often as progress: returning true stops the solver early with converged = false
  // (a time limit, an interrupt). May be empty.
  std::function<bool()> should_stop;
};

struct SmoResult {
  std::vector<double> alpha;
  double rho = 0;        // the bias term: decision f(x) = sum y_i alpha_i K(x_i, x) - rho
  double r = 0;          // nu solver only: (r1 + r2) / 2, used to scale nu-SVC (LIBSVM's si->r)
  double objective = 0;  // f(alpha)
  std::int64_t iterations = 0;
  double gap = 0;        // m(alpha) - M(alpha) at the end
  bool converged = false;
};

// Solves the problem; Q must have problem.y.size() variables. Throws InvalidArgument when the
// sizes disagree or the starting point is outside the box.
SmoResult solve_smo(QMatrix& Q, SmoProblem problem, const SmoOptions& options = {});

}  // namespace rbfsvm
