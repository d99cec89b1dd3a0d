// Internal: the two rule sets of the SMO solver (smo_solver.cpp), one per kind of dual:
//   PlainRules  one equality y^T alpha = Delta (C-SVC, epsilon-SVR, one-class; LIBSVM's Solver);
//   NuRules     a second equality e^T alpha = const (nu-SVC, nu-SVR): both variables of a working
//               set come from one class (Chang & Lin 2011, §4.2; LIBSVM's Solver_NU, ThunderSVM's
//               NuSMOSolver).
// Each says which pair to optimise next (select), which bounded variables to shrink away
// (shrink_thresholds, be_shrunk) and the bias rho at the end (compute_rho). The solver is a
// template over the rules, so the choice is made once per solve.
//
// Notation as in smo_solver.cpp: G the gradient, I_up / I_low, m(alpha) - M(alpha) the gap.
#pragma once

#include <limits>

#include "rbfsvm/core/types.hpp"

namespace rbfsvm {

struct SmoResult;
namespace detail {
class PassSplitter;
struct ViolationMaxima;
}

enum class Bound : unsigned char { lower, upper, free };

// tau: a small positive number replacing a non-positive curvature a_ij (Fan et al. 2005, §3.3).
constexpr double tau = 1e-12;
inline double curvature(double a) { return a > 0 ? a : tau; }

// The solver's state as the rules read it, variables in the solver's order, [0, active) active.
struct SolverView {
  Index active;
  const double* G;
  const signed char* y;
  const Bound* status;
  const double* QD;  // Q_tt
  // Per variable, for loops without branches: 1 when in I_up / I_low (else 0), y_t as a double,
  // and room for one value per variable (the plain rule's -y_t G_t).
  const double* up_mask;
  const double* low_mask;
  const double* sign;
  double* scratch;
  detail::PassSplitter* splitter;  // long passes in two halves (pass_splitter.hpp)
  bool avx2;                       // the SIMD loops (core/simd.hpp)

  bool is_upper(Index t) const { return status[t] == Bound::upper; }
  bool is_lower(Index t) const { return status[t] == Bound::lower; }
};

// The columns of Q the rules read: prepare(t) makes column t cheap to read (the Q supply may
// compute it together with others it expects to be asked for), column(t) reads it over the
// active variables. A rule prepares every column it needs before reading any.
class ColumnSource {
 public:
  virtual void prepare(Index t) = 0;
  virtual const float* column(Index t) = 0;

 protected:
  ~ColumnSource() = default;
};

// A pair to optimise, and the gap m(alpha) - M(alpha) the selection saw.
struct WorkingSet {
  Index i = -1, j = -1;
  double gap = std::numeric_limits<double>::infinity();
  bool found = false;  // false: optimal within eps on the active set
};

// The extremes of the gradient behind shrinking: G_max[0..1] for the plain rule, [0..3] for nu.
struct ShrinkThresholds {
  double G_max[4];
  double gap;  // the gap they imply, compared with 10 eps before unshrinking
};

struct PlainRules {
  // The selection's first pass, the maxima of -y_t G_t over I_up and I_low, can be made by the
  // gradient update before it (wss_loops.hpp, update_gradient_and_maxima): `known` then holds
  // them, over the same active variables and with scratch holding -y_t G_t, and the pass is not
  // made again.
  static constexpr bool takes_known_maxima = true;
  static WorkingSet select(const SolverView& state, ColumnSource& Q, double eps,
                           const detail::ViolationMaxima* known = nullptr);
  static ShrinkThresholds shrink_thresholds(const SolverView& state);
  static bool be_shrunk(const SolverView& state, const ShrinkThresholds& thresholds, Index t);
  static void compute_rho(const SolverView& state, SmoResult& result);
};

struct NuRules {
  static constexpr bool takes_known_maxima = false;
  static WorkingSet select(const SolverView& state, ColumnSource& Q, double eps);
  static ShrinkThresholds shrink_thresholds(const SolverView& state);
  static bool be_shrunk(const SolverView& state, const ShrinkThresholds& thresholds, Index t);
  static void compute_rho(const SolverView& state, SmoResult& result);
};

}  // namespace rbfsvm
