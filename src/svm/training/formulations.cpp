#include "svm/training/formulations.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "rbfsvm/core/error.hpp"
#include "solver/exact/kernel_q_matrix.hpp"
#include "solver/exact/regression_q_matrix.hpp"
#include "solver/stored/stored_q_matrix.hpp"
#include "svm/training/sample_weights.hpp"

namespace rbfsvm::detail {
namespace {

std::vector<Index> first_points(Index n) {
  std::vector<Index> points(static_cast<std::size_t>(n));
  std::iota(points.begin(), points.end(), Index{0});
  return points;
}

BinarySolution finish(const SmoResult& result, std::vector<double> coefficients,
                      const std::vector<double>& upper_bound) {
  BinarySolution solution;
  solution.report.objective = result.objective;
  solution.report.rho = result.rho;
  solution.report.iterations = result.iterations;
  solution.report.converged = result.converged;
  solution.report.gap = result.gap;
  for (std::size_t t = 0; t < coefficients.size(); ++t) {
    if (std::fabs(coefficients[t]) > 0) {
      ++solution.report.n_support_vectors;
      if (std::fabs(coefficients[t]) >= upper_bound[t]) ++solution.report.n_bounded;
    }
  }
  solution.coefficients = std::move(coefficients);
  solution.alpha = result.alpha;
  return solution;
}

// A warm start (DeCoste & Wagstaff 2000): the caller's alpha, already scaled to this problem,
// kept inside the box (rounding may put a scaled alpha a hair above its scaled bound).
void start_from(const std::vector<double>* start, SmoProblem& problem) {
  if (!start) return;
  if (start->size() != problem.alpha.size()) {
    throw InvalidArgument("warm start: " + std::to_string(start->size()) + " values for " +
                          std::to_string(problem.alpha.size()) + " variables");
  }
  for (std::size_t t = 0; t < problem.alpha.size(); ++t) {
    problem.alpha[t] = std::clamp((*start)[t], 0.0, problem.upper_bound[t]);
  }
}

// nu-SVC's and one-class's start: alpha_i = min(C_i, what remains of `total`), in point order
// (LIBSVM's solve_one_class; solve_nu_svc per class). With unit bounds and total = nu n this is
// LIBSVM's 1, ..., 1, nu n - floor(nu n), 0, ...
void fill_greedily(double total, const std::vector<double>& upper_bound,
                   const std::vector<signed char>& y, signed char sign,
                   std::vector<double>& alpha) {
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (y[i] != sign) continue;
    alpha[i] = std::min(upper_bound[i], total);
    total -= alpha[i];
  }
}

// C-SVC: min 1/2 a^T Q a - e^T a, y^T a = 0, 0 <= a_i <= w_i C_{y_i}, Q_ij = y_i y_j K_ij.
BinarySolution solve_c_svc(PointsRef X, const std::vector<signed char>& y,
                           const std::vector<double>& w, double C_positive, double C_negative,
                           const TrainOptions& options, std::size_t cache, int threads,
                           const SharedRows* shared, const std::vector<double>* start) {
  const std::size_t n = y.size();
  SmoProblem problem;
  problem.p.assign(n, -1.0);
  problem.y = y;
  problem.alpha.assign(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    problem.upper_bound.push_back(weight_of(w, i) * (y[i] > 0 ? C_positive : C_negative));
  }
  start_from(start, problem);
  const auto Q = make_q(X, y, options, cache, threads, shared);
  const std::vector<double> bounds = problem.upper_bound;
  const SmoResult result = solve_smo(*Q, std::move(problem), solver_options(options, threads));
  std::vector<double> coefficients(n);
  for (std::size_t i = 0; i < n; ++i) coefficients[i] = result.alpha[i] * y[i];
  return finish(result, std::move(coefficients), bounds);
}

// nu-SVC (Schoelkopf et al. 2000) in LIBSVM's scaled form: min 1/2 a^T Q a, y^T a = 0,
// e^T a = nu sum_i w_i, 0 <= a_i <= w_i (w_i = 1 unweighted: e^T a = nu n); the solution
// divided by r is the C-SVC one with C = 1 / r (Chang & Lin 2011, §2.2 and §4.2.4; the weights
// as scikit-learn's solve_nu_svc). Each class starts with half of the sum.
BinarySolution solve_nu_svc(PointsRef X, const std::vector<signed char>& y,
                            const std::vector<double>& w, const TrainOptions& options,
                            std::size_t cache, int threads, const SharedRows* shared) {
  const std::size_t n = y.size();
  SmoProblem problem;
  problem.p.assign(n, 0.0);
  problem.y = y;
  for (std::size_t i = 0; i < n; ++i) problem.upper_bound.push_back(weight_of(w, i));
  problem.alpha.assign(n, 0.0);
  const double half = options.nu * total_weight(w, n) / 2;
  fill_greedily(half, problem.upper_bound, y, +1, problem.alpha);
  fill_greedily(half, problem.upper_bound, y, -1, problem.alpha);
  const std::vector<double> bounds = problem.upper_bound;
  const auto Q = make_q(X, y, options, cache, threads, shared);
  SmoOptions smo = solver_options(options, threads);
  smo.nu_variant = true;
  SmoResult result = solve_smo(*Q, std::move(problem), smo);
  const double r = result.r;
  std::vector<double> coefficients(n), scaled_bounds(n);
  for (std::size_t i = 0; i < n; ++i) {
    coefficients[i] = result.alpha[i] * y[i] / r;
    scaled_bounds[i] = bounds[i] / r;
  }
  result.rho /= r;
  result.objective /= r * r;
  return finish(result, std::move(coefficients), scaled_bounds);
}

// The regression problems' common part over 2n variables (alpha, alpha*): y = [+1; -1],
// 0 <= alpha_i, alpha*_i <= w_i C (scikit-learn's solve_epsilon_svr, solve_nu_svr), alpha = 0;
// p and the nu start are the formulation's.
SmoProblem regression_problem(const std::vector<double>& w, std::size_t n, double C) {
  SmoProblem problem;
  problem.p.resize(2 * n);
  problem.y.resize(2 * n);
  problem.alpha.assign(2 * n, 0.0);
  problem.upper_bound.resize(2 * n);
  for (std::size_t i = 0; i < n; ++i) {
    problem.y[i] = 1;
    problem.y[i + n] = -1;
    problem.upper_bound[i] = problem.upper_bound[i + n] = weight_of(w, i) * C;
  }
  return problem;
}

// Solves a regression problem; the coefficient of point t is alpha_t - alpha*_t.
BinarySolution solve_regression(PointsRef X, SmoProblem problem,
                                const TrainOptions& options, std::size_t cache, int threads,
                                bool nu, const SharedRows* shared = nullptr) {
  const std::size_t n = problem.y.size() / 2;
  std::unique_ptr<QMatrix> Q;
  if (shared) {
    std::vector<Index> points = shared->points;
    points.insert(points.end(), shared->points.begin(), shared->points.end());
    Q = std::make_unique<StoredQMatrix>(shared->store, std::move(points), problem.y,
                                        shared->local_buffer, shared->local_buffer_holds_q);
  } else if (use_row_store(options)) {
    // Variables t and t + n both stand for point t.
    std::vector<Index> points = first_points(static_cast<Index>(n));
    points.insert(points.end(), points.begin(), points.end());
    Q = std::make_unique<StoredQMatrix>(
        std::make_shared<KernelRowStore>(options.kernel, X, cache, threads, tuning_of(options)), std::move(points),
        problem.y);
  } else {
    Q = std::make_unique<RegressionQMatrix>(options.kernel, X, cache, threads);
  }
  SmoOptions smo = solver_options(options, threads);
  smo.nu_variant = nu;
  std::vector<double> bounds(problem.upper_bound.begin(),
                             problem.upper_bound.begin() + static_cast<std::ptrdiff_t>(n));
  const SmoResult result = solve_smo(*Q, std::move(problem), smo);
  std::vector<double> coefficients(n);
  for (std::size_t i = 0; i < n; ++i) coefficients[i] = result.alpha[i] - result.alpha[i + n];
  return finish(result, std::move(coefficients), bounds);
}

}  // namespace

bool use_row_store(const TrainOptions& options) {
  return options.kernel_evaluation == KernelEvaluation::fast &&
         options.kernel.type != KernelType::precomputed;
}

EngineTuning tuning_of(const TrainOptions& options) {
  return EngineTuning::of(options.simd, options.pass_splitting);
}

SmoOptions solver_options(const TrainOptions& options, int threads) {
  SmoOptions smo;
  smo.n_threads = threads;
  smo.eps = options.tolerance;
  smo.shrinking = options.shrinking;
  smo.deferred_bound_gradient = options.kernel_evaluation == KernelEvaluation::fast;
  smo.max_iterations = options.max_iterations;
  smo.progress = options.progress;
  smo.should_stop = options.should_stop;
  smo.simd = options.simd;
  smo.pass_splitting = options.pass_splitting;
  return smo;
}

std::unique_ptr<QMatrix> make_q(PointsRef X, const std::vector<signed char>& signs,
                                const TrainOptions& options, std::size_t cache, int threads,
                                const SharedRows* shared) {
  if (shared) {
    return std::make_unique<StoredQMatrix>(shared->store, shared->points, signs,
                                           shared->local_buffer, shared->local_buffer_holds_q);
  }
  if (!use_row_store(options)) {
    return std::make_unique<KernelQMatrix>(options.kernel, X, signs, cache, threads);
  }
  auto store = std::make_shared<KernelRowStore>(options.kernel, X, cache, threads, tuning_of(options));
  std::vector<signed char> all_signs =
      signs.empty() ? std::vector<signed char>(static_cast<std::size_t>(X.rows()), 1) : signs;
  return std::make_unique<StoredQMatrix>(std::move(store), first_points(X.rows()),
                                         std::move(all_signs));
}

BinarySolution solve_binary(PointsRef X, const std::vector<signed char>& y,
                            const std::vector<double>& w, double C_positive, double C_negative,
                            const TrainOptions& options, std::size_t cache, int threads,
                            const SharedRows* shared, const std::vector<double>* start) {
  if (options.svm_type == SvmType::nu_svc) {
    if (start) throw InvalidArgument("nu-SVC has no warm start");
    return solve_nu_svc(X, y, w, options, cache, threads, shared);
  }
  return solve_c_svc(X, y, w, C_positive, C_negative, options, cache, threads, shared, start);
}

// One-class SVM (Schoelkopf et al. 2001): min 1/2 a^T K a, e^T a = nu sum_i w_i,
// 0 <= a_i <= w_i (w_i = 1 unweighted; the weights as scikit-learn's solve_one_class).
BinarySolution solve_one_class(PointsRef X, const std::vector<double>& w,
                               const TrainOptions& options, std::size_t cache, int threads) {
  const std::size_t n = static_cast<std::size_t>(X.rows());
  SmoProblem problem;
  problem.p.assign(n, 0.0);
  problem.y.assign(n, 1);
  for (std::size_t i = 0; i < n; ++i) problem.upper_bound.push_back(weight_of(w, i));
  problem.alpha.assign(n, 0.0);
  fill_greedily(options.nu * total_weight(w, n), problem.upper_bound, problem.y, +1,
                problem.alpha);
  const std::vector<double> bounds = problem.upper_bound;
  const auto Q = make_q(X, {}, options, cache, threads);
  const SmoResult result = solve_smo(*Q, std::move(problem), solver_options(options, threads));
  return finish(result, result.alpha, bounds);
}

// epsilon-SVR: p = [eps - z; eps + z], 0 <= a <= w C.
BinarySolution solve_epsilon_svr(PointsRef X, const std::vector<double>& z,
                                 const std::vector<double>& w, const TrainOptions& options,
                                 std::size_t cache, int threads, const SharedRows* shared,
                                 const std::vector<double>* start) {
  const std::size_t n = z.size();
  SmoProblem problem = regression_problem(w, n, options.C);
  for (std::size_t i = 0; i < n; ++i) {
    problem.p[i] = options.epsilon - z[i];
    problem.p[i + n] = options.epsilon + z[i];
  }
  start_from(start, problem);
  return solve_regression(X, std::move(problem), options, cache, threads, false, shared);
}

// nu-SVR: p = [-z; z], e^T a = C nu sum_i w_i, 0 <= a <= w C (epsilon found by the solver:
// -r); alpha and alpha* start alike, each filled greedily with half of the sum.
BinarySolution solve_nu_svr(PointsRef X, const std::vector<double>& z,
                            const std::vector<double>& w, const TrainOptions& options,
                            std::size_t cache, int threads) {
  const std::size_t n = z.size();
  SmoProblem problem = regression_problem(w, n, options.C);
  double remaining = options.C * options.nu * total_weight(w, n) / 2;
  for (std::size_t i = 0; i < n; ++i) {
    problem.p[i] = -z[i];
    problem.p[i + n] = z[i];
    problem.alpha[i] = problem.alpha[i + n] = std::min(remaining, problem.upper_bound[i]);
    remaining -= problem.alpha[i];
  }
  return solve_regression(X, std::move(problem), options, cache, threads, true);
}

PointSet support_vectors_of(const Dataset& data, const std::vector<Index>& rows,
                            const TrainOptions& options) {
  const PointSet selected = select_rows(data.points(), rows);
  if (options.kernel.type != KernelType::precomputed) return selected;
  return first_columns(selected.ref(), 1);
}

}  // namespace rbfsvm::detail
