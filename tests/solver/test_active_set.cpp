// The active-set steps that carry a warm start toward the optimum (solver/active_set.hpp): on
// C-SVC duals over an independent Gram matrix, the point they reach is feasible, never worse than
// the start, meets the optimality conditions it claims, and has LIBSVM's optimal objective.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <vector>

#include "rbfsvm/svm/train.hpp"
#include "solver/active_set.hpp"
#include "support/compare.hpp"
#include "support/libsvm_oracle.hpp"
#include "support/naive_gram.hpp"

using rbfsvm::Index;
using rbfsvm::RowMatrix;

namespace {

// A C-SVC dual (p = -1, 0 <= alpha <= C) over two overlapping clouds of points.
struct Dual {
  RowMatrix<double> X;
  std::vector<double> labels;
  std::vector<signed char> y;
  Eigen::MatrixXd Q;
  std::vector<double> p, upper;
};

Dual c_svc_dual(Index n, double gamma, double C, unsigned seed) {
  Dual dual;
  dual.X = rbfsvm::test::random_points<double>(n, 4, seed);
  for (Index i = 0; i < n; ++i) {
    const bool positive = i % 2 == 0;
    if (positive) dual.X.row(i).array() += 0.8;
    dual.labels.push_back(positive ? 1 : -1);
    dual.y.push_back(positive ? 1 : -1);
  }
  const Eigen::MatrixXd K = rbfsvm::test::naive_gram(rbfsvm::Kernel::rbf(gamma), dual.X, dual.X);
  dual.Q.resize(n, n);
  for (Index s = 0; s < n; ++s)
    for (Index t = 0; t < n; ++t) dual.Q(s, t) = dual.y[s] * dual.y[t] * K(s, t);
  dual.p.assign(static_cast<std::size_t>(n), -1.0);
  dual.upper.assign(static_cast<std::size_t>(n), C);
  return dual;
}

double objective(const Dual& dual, const std::vector<double>& alpha) {
  const Eigen::Map<const Eigen::VectorXd> a(alpha.data(), static_cast<Index>(alpha.size()));
  return a.dot(dual.Q * a) / 2 - a.sum();
}

double y_dot(const Dual& dual, const std::vector<double>& alpha) {
  double sum = 0;
  for (std::size_t t = 0; t < alpha.size(); ++t) sum += dual.y[t] * alpha[t];
  return sum;
}

// m(alpha) - M(alpha), the maximal violation SMO stops on (Keerthi et al. 2001; LIBSVM's
// stopping rule): max of -y_t g_t over I_up minus min over I_low, g = Q alpha + p.
double maximal_violation(const Dual& dual, const std::vector<double>& alpha) {
  const Eigen::Map<const Eigen::VectorXd> a(alpha.data(), static_cast<Index>(alpha.size()));
  const Eigen::VectorXd g = dual.Q * a - Eigen::VectorXd::Ones(a.size());
  double up = -INFINITY, low = INFINITY;
  for (std::size_t t = 0; t < alpha.size(); ++t) {
    const double v = -dual.y[t] * g(static_cast<Index>(t));
    const bool in_up = dual.y[t] > 0 ? alpha[t] < dual.upper[t] : alpha[t] > 0;
    const bool in_low = dual.y[t] > 0 ? alpha[t] > 0 : alpha[t] < dual.upper[t];
    if (in_up) up = std::max(up, v);
    if (in_low) low = std::min(low, v);
  }
  return up - low;
}

// LIBSVM's optimal objective for the dual, at a tolerance of 1e-8, with the same kernel.
double libsvm_objective(const Dual& dual, double gamma, double C) {
  rbfsvm::TrainOptions options = rbfsvm::test::tight(rbfsvm::SvmType::c_svc, gamma);
  options.C = C;
  options.tolerance = 1e-8;
  const rbfsvm::test::LibsvmProblem problem(dual.X, dual.labels);
  const auto model = rbfsvm::test::train_libsvm(problem, rbfsvm::test::libsvm_parameters(options));
  const rbfsvm::ModelData data =
      rbfsvm::test::model_data_from_libsvm(*model, dual.X.cols(), rbfsvm::Storage::dense);
  return rbfsvm::test::dual_objectives(data, dual.labels, 0).at(0);
}

void require_feasible(const Dual& dual, const std::vector<double>& alpha, double y_sum) {
  REQUIRE(alpha.size() == dual.upper.size());
  for (std::size_t t = 0; t < alpha.size(); ++t) {
    REQUIRE(alpha[t] >= 0);
    REQUIRE(alpha[t] <= dual.upper[t]);
  }
  CHECK(std::fabs(y_dot(dual, alpha) - y_sum) <=
        1e-9 * dual.upper[0] * static_cast<double>(alpha.size()));
}

// A feasible start with free variables: the first `count` points of each class at C / 2.
std::vector<double> balanced_start(const Dual& dual, int count) {
  std::vector<double> alpha(dual.y.size(), 0.0);
  int positives = 0, negatives = 0;
  for (std::size_t t = 0; t < alpha.size(); ++t) {
    int& taken = dual.y[t] > 0 ? positives : negatives;
    if (taken < count) {
      alpha[t] = dual.upper[t] / 2;
      ++taken;
    }
  }
  return alpha;
}

}  // namespace

TEST_CASE("active-set steps reach LIBSVM's optimum from a feasible start", "[solver][active_set]") {
  const double tolerance = 1e-6;
  // A near hard margin (small gamma, large C: ill-conditioned Q, many free variables, where SMO
  // creeps) and an ordinary soft margin.
  for (const auto& [gamma, C] : {std::pair{0.02, 1000.0}, std::pair{0.5, 1.0}}) {
    CAPTURE(gamma, C);
    const Dual dual = c_svc_dual(120, gamma, C, 7);
    const std::vector<double> start = balanced_start(dual, 10);
    const rbfsvm::ActiveSetResult result =
        rbfsvm::refine_by_active_set(dual.Q, dual.p, dual.y, dual.upper, start, tolerance);
    require_feasible(dual, result.alpha, 0);
    REQUIRE(result.optimal);
    CHECK(result.steps > 0);
    CHECK(maximal_violation(dual, result.alpha) <= 2 * tolerance + 1e-9);
    const double expected = libsvm_objective(dual, gamma, C);
    CHECK(objective(dual, result.alpha) == Approx(expected).epsilon(1e-6));
    CHECK(objective(dual, result.alpha) <= objective(dual, start));
  }
}

TEST_CASE("active-set steps from the previous C's solution along a path", "[solver][active_set]") {
  // The engine's use: the optimum at C / 4, scaled (alpha seeding), carried to the optimum at C.
  const double gamma = 0.05;
  Dual dual = c_svc_dual(100, gamma, 1.0, 11);
  std::vector<double> alpha = balanced_start(dual, 5);
  for (double C : {1.0, 4.0, 16.0, 64.0, 256.0}) {
    CAPTURE(C);
    const double previous_C = dual.upper[0];
    dual.upper.assign(dual.upper.size(), C);
    for (double& a : alpha) a *= C / previous_C;
    const rbfsvm::ActiveSetResult result =
        rbfsvm::refine_by_active_set(dual.Q, dual.p, dual.y, dual.upper, alpha, 1e-7);
    require_feasible(dual, result.alpha, 0);
    REQUIRE(result.optimal);
    CHECK(objective(dual, result.alpha) == Approx(libsvm_objective(dual, gamma, C)).epsilon(1e-6));
    alpha = result.alpha;
  }
}

TEST_CASE("active-set steps at their limits: stopped early, feasible and no worse",
          "[solver][active_set]") {
  Dual dual = c_svc_dual(60, 0.1, 100.0, 3);
  SECTION("more free variables than allowed") {
    const std::vector<double> start = balanced_start(dual, 10);
    rbfsvm::ActiveSetLimits limits;
    limits.max_free = 8;
    const auto result =
        rbfsvm::refine_by_active_set(dual.Q, dual.p, dual.y, dual.upper, start, 1e-6, limits);
    CHECK_FALSE(result.optimal);
    CHECK(result.alpha == start);
  }
  SECTION("a step budget, a work budget") {
    const std::vector<double> start = balanced_start(dual, 3);
    rbfsvm::ActiveSetLimits steps, work;
    steps.max_steps = 2;
    work.max_work = 1;  // stops after the first step
    for (const rbfsvm::ActiveSetLimits& limits : {steps, work}) {
      const auto result =
          rbfsvm::refine_by_active_set(dual.Q, dual.p, dual.y, dual.upper, start, 1e-6, limits);
      CHECK_FALSE(result.optimal);
      CHECK(result.steps <= 2);
      require_feasible(dual, result.alpha, 0);
      CHECK(objective(dual, result.alpha) < objective(dual, start));
    }
  }
  SECTION("no free variable to start from: the first is freed at the least violating multiplier") {
    const std::vector<double> start(dual.y.size(), 0.0);
    const auto result =
        rbfsvm::refine_by_active_set(dual.Q, dual.p, dual.y, dual.upper, start, 1e-6);
    require_feasible(dual, result.alpha, 0);
    REQUIRE(result.optimal);
    CHECK(objective(dual, result.alpha) ==
          Approx(libsvm_objective(dual, 0.1, 100.0)).epsilon(1e-6));
  }
  SECTION("duplicate points: a singular Q") {
    // Every point twice: Q's columns come in equal pairs, so the bordered matrix turns singular
    // whenever both copies are free. The result must still be feasible and no worse.
    const Index n = dual.X.rows();
    RowMatrix<double> doubled(2 * n, dual.X.cols());
    doubled << dual.X, dual.X;
    Dual twice = dual;
    twice.X = doubled;
    twice.labels.insert(twice.labels.end(), dual.labels.begin(), dual.labels.end());
    twice.y.insert(twice.y.end(), dual.y.begin(), dual.y.end());
    twice.Q.resize(2 * n, 2 * n);
    twice.Q << dual.Q, dual.Q, dual.Q, dual.Q;
    twice.p.assign(static_cast<std::size_t>(2 * n), -1.0);
    twice.upper.assign(static_cast<std::size_t>(2 * n), 100.0);
    std::vector<double> start = balanced_start(twice, 4);
    for (Index t = 0; t < 8; ++t)
      start[static_cast<std::size_t>(n + t)] = start[static_cast<std::size_t>(t)];
    const auto result =
        rbfsvm::refine_by_active_set(twice.Q, twice.p, twice.y, twice.upper, start, 1e-6);
    require_feasible(twice, result.alpha, y_dot(twice, start));
    CHECK(objective(twice, result.alpha) <= objective(twice, start));
    if (result.optimal) CHECK(maximal_violation(twice, result.alpha) <= 2e-6 + 1e-9);
  }
}
