// C-SVC against LIBSVM on synthetic problems, plus checks that need no oracle: KKT conditions,
// a brute-force dual on tiny problems, invariance to point order and to thread count.
#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/svm/evaluation.hpp"
#include "rbfsvm/svm/train.hpp"
#include "support/compare.hpp"
#include "support/libsvm_oracle.hpp"

using rbfsvm::Dataset;
using rbfsvm::Index;
using rbfsvm::Kernel;
using rbfsvm::RowMatrix;
using rbfsvm::TrainOptions;

namespace {

// XOR: four Gaussian clouds, opposite corners share a label.
Dataset make_xor(Index n, unsigned seed) {
  std::mt19937 engine(seed);
  std::normal_distribution<double> noise(0.0, 0.35);
  Dataset data;
  data.X.resize(n, 2);
  for (Index i = 0; i < n; ++i) {
    const double a = (i % 2) ? 1.0 : -1.0, b = ((i / 2) % 2) ? 1.0 : -1.0;
    data.X(i, 0) = a + noise(engine);
    data.X(i, 1) = b + noise(engine);
    data.labels.push_back(a * b > 0 ? 1.0 : -1.0);
  }
  return data;
}

// k overlapping Gaussian blobs in d dimensions, labels 1..k shuffled in order.
Dataset make_blobs(Index n, Index d, int k, unsigned seed) {
  std::mt19937 engine(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_int_distribution<int> pick(1, k);
  Dataset data;
  data.X.resize(n, d);
  for (Index i = 0; i < n; ++i) {
    const int label = pick(engine);
    for (Index f = 0; f < d; ++f) data.X(i, f) = normal(engine) + (f % k == label - 1 ? 1.5 : 0.0);
    data.labels.push_back(label);
  }
  return data;
}

TrainOptions tight(double C, double gamma) {
  TrainOptions options;
  options.C = C;
  options.kernel = Kernel::rbf(gamma);
  options.tolerance = 1e-6;
  options.n_threads = 1;
  return options;
}

}  // namespace

TEST_CASE("XOR matches LIBSVM for several C and gamma", "[svc][libsvm]") {
  const Dataset train = make_xor(400, 1);
  const Dataset held_out = make_xor(200, 2);
  for (double C : {0.1, 1.0, 100.0}) {
    for (double gamma : {0.1, 1.0, 10.0}) {
      INFO("C " << C << " gamma " << gamma);
      rbfsvm::test::expect_same_as_libsvm(train, held_out.X, tight(C, gamma));
    }
  }
}

TEST_CASE("three-class blobs match LIBSVM one-vs-one", "[svc][libsvm][multiclass]") {
  const Dataset train = make_blobs(450, 6, 3, 3);
  const Dataset held_out = make_blobs(150, 6, 3, 4);
  for (double C : {0.5, 10.0}) {
    rbfsvm::test::expect_same_as_libsvm(train, held_out.X, tight(C, 0.2));
  }
}

TEST_CASE("other kernels and class weights match LIBSVM", "[svc][libsvm]") {
  const Dataset train = make_blobs(300, 4, 2, 5);
  const Dataset held_out = make_blobs(100, 4, 2, 6);
  TrainOptions options = tight(1.0, 0.25);
  SECTION("linear") { options.kernel = Kernel::linear(); }
  SECTION("polynomial") { options.kernel = Kernel::polynomial(0.25, 1.0, 3); }
  SECTION("sigmoid") { options.kernel = Kernel::sigmoid(0.05, -0.5); }
  SECTION("weights") { options.class_weights = {{1.0, 3.0}, {2.0, 0.5}}; }
  SECTION("no shrinking") { options.shrinking = false; }
  rbfsvm::test::expect_same_as_libsvm(train, held_out.X, options);
}

TEST_CASE("a minus-one-first two-class set still trains +1 as the positive class", "[svc][libsvm]") {
  Dataset train = make_xor(120, 7);
  if (train.labels[0] != -1) {
    for (double& label : train.labels) label = -label;
  }
  REQUIRE(train.labels[0] == -1);
  const rbfsvm::Model model = rbfsvm::train(train, tight(1.0, 1.0));
  CHECK(model.data().labels == std::vector<double>{1.0, -1.0});
  rbfsvm::test::expect_same_as_libsvm(train, make_xor(50, 8).X, tight(1.0, 1.0));
}

TEST_CASE("the solution satisfies the KKT conditions", "[svc][kkt]") {
  const Dataset train = make_xor(300, 9);
  const TrainOptions options = tight(2.0, 0.7);
  const rbfsvm::Model model = rbfsvm::train(train, options);
  // f(x_i) = sum_s c_s K(x_s, x_i) - rho; KKT for C-SVC with tolerance eps:
  //   alpha_i = 0 -> y_i f(x_i) >= 1 - tol,  alpha_i = C -> y_i f(x_i) <= 1 + tol,
  //   0 < alpha_i < C -> |y_i f(x_i) - 1| <= tol.
  const RowMatrix<double> f = model.decision_values(train.X);
  std::vector<double> alpha(train.n_samples(), 0.0);
  for (Index s = 0; s < model.n_support_vectors(); ++s) {
    alpha[model.data().sv_indices[s] - 1] = std::fabs(model.data().coefficients(0, s));
  }
  const double positive = model.data().labels[0];
  const double tolerance = 1e-4;
  for (std::size_t i = 0; i < train.n_samples(); ++i) {
    const double y = train.labels[i] == positive ? 1.0 : -1.0;
    const double margin = y * f(static_cast<Index>(i), 0);
    INFO("point " << i << " alpha " << alpha[i] << " margin " << margin);
    if (alpha[i] == 0) CHECK(margin >= 1 - tolerance);
    else if (alpha[i] >= options.C) CHECK(margin <= 1 + tolerance);
    else CHECK(std::fabs(margin - 1) <= tolerance);
  }
}

TEST_CASE("tiny problems reach the brute-force dual optimum", "[svc][dual]") {
  // Projected gradient on the dual with the equality handled by projection onto
  // {y^T a = 0, 0 <= a <= C} (bisection on the multiplier): an independent optimizer.
  for (unsigned seed = 20; seed < 26; ++seed) {
    const Dataset train = make_xor(8, seed);
    if (std::count(train.labels.begin(), train.labels.end(), 1.0) == 0) continue;
    const double C = 1.5, gamma = 0.8;
    const Index n = 8;
    Eigen::MatrixXd Q(n, n);
    for (Index i = 0; i < n; ++i)
      for (Index j = 0; j < n; ++j)
        Q(i, j) = train.labels[i] * train.labels[j] *
                  std::exp(-gamma * (train.X.row(i) - train.X.row(j)).squaredNorm());
    Eigen::VectorXd y(n), a = Eigen::VectorXd::Zero(n);
    for (Index i = 0; i < n; ++i) y(i) = train.labels[i];
    auto project = [&](const Eigen::VectorXd& v) {
      double low = -1e3, high = 1e3;
      Eigen::VectorXd p;
      for (int it = 0; it < 200; ++it) {
        const double mu = (low + high) / 2;
        p = (v - mu * y).cwiseMax(0.0).cwiseMin(C);
        (y.dot(p) > 0 ? low : high) = mu;
      }
      return p;
    };
    for (int it = 0; it < 20000; ++it) a = project(a - 0.05 * (Q * a - Eigen::VectorXd::Ones(n)));
    const double brute = 0.5 * a.dot(Q * a) - a.sum();
    rbfsvm::TrainReport report;
    TrainOptions options = tight(C, gamma);
    rbfsvm::train(train, options, &report);
    CHECK(report.subproblems[0].objective == Approx(brute).epsilon(1e-5));
  }
}

TEST_CASE("permuting the training points gives the same model", "[svc]") {
  const Dataset train = make_blobs(200, 3, 3, 11);
  Dataset shuffled = train;
  std::vector<Index> order(train.n_samples());
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), std::mt19937(12));
  for (std::size_t i = 0; i < order.size(); ++i) {
    shuffled.X.row(static_cast<Index>(i)) = train.X.row(order[i]);
    shuffled.labels[i] = train.labels[order[i]];
  }
  const TrainOptions options = tight(1.0, 0.5);
  const rbfsvm::Model a = rbfsvm::train(train, options);
  const rbfsvm::Model b = rbfsvm::train(shuffled, options);
  const Dataset probe = make_blobs(100, 3, 3, 13);
  // The class order follows first appearance, so compare predictions and objectives.
  CHECK(a.predict(probe.X) == b.predict(probe.X));
  CHECK(a.n_support_vectors() == b.n_support_vectors());
}

TEST_CASE("models are identical for 1 and 2 threads", "[svc][threads]") {
  const Dataset train = make_blobs(600, 5, 4, 14);
  TrainOptions options = tight(3.0, 0.3);
  options.cache_mb = 1;  // force evictions and recomputation
  options.n_threads = 1;
  const rbfsvm::Model one = rbfsvm::train(train, options);
  options.n_threads = 2;
  const rbfsvm::Model two = rbfsvm::train(train, options);
  CHECK(one.data().rho == two.data().rho);
  CHECK(one.data().sv_indices == two.data().sv_indices);
  CHECK((one.data().coefficients.array() == two.data().coefficients.array()).all());
}

TEST_CASE("training refusals name what to fix", "[svc][errors]") {
  using Catch::Matchers::Contains;
  Dataset one_class = make_xor(10, 15);
  std::fill(one_class.labels.begin(), one_class.labels.end(), 1.0);
  CHECK_THROWS_WITH(rbfsvm::train(one_class, TrainOptions{}), Contains("single class"));
  CHECK_THROWS_WITH(rbfsvm::train(Dataset{}, TrainOptions{}), Contains("empty"));
  Dataset with_nan = make_xor(10, 16);
  with_nan.X(3, 1) = std::nan("");
  CHECK_THROWS_WITH(rbfsvm::train(with_nan, TrainOptions{}), Contains("NaN"));
  Dataset fractional = make_xor(10, 17);
  fractional.labels[2] = 0.5;
  CHECK_THROWS_WITH(rbfsvm::train(fractional, TrainOptions{}), Contains("integers"));
  TrainOptions bad;
  bad.C = 0;
  CHECK_THROWS_WITH(rbfsvm::train(make_xor(10, 18), bad), Contains("C must be"));
  bad = TrainOptions{};
  bad.C = -1;
  CHECK_THROWS_AS(rbfsvm::train(make_xor(10, 18), bad), rbfsvm::InvalidArgument);
  bad = TrainOptions{};
  bad.tolerance = std::nan("");
  CHECK_THROWS_WITH(rbfsvm::train(make_xor(10, 18), bad), Contains("tolerance"));
  bad = TrainOptions{};
  bad.class_weights = {{7.0, 2.0}};
  CHECK_THROWS_WITH(rbfsvm::train(make_xor(10, 18), bad), Contains("label 7"));
  bad = TrainOptions{};
  bad.class_weights = {{1.0, -2.0}};
  CHECK_THROWS_WITH(rbfsvm::train(make_xor(10, 18), bad), Contains("weight"));
}

TEST_CASE("cross-validation predictions are the same for 1 and 2 threads", "[svc][cv][threads]") {
  const Dataset data = make_blobs(300, 4, 3, 21);
  TrainOptions options = tight(1.0, 0.5);
  options.tolerance = 1e-3;
  options.n_threads = 1;
  const std::vector<double> one = rbfsvm::cross_validation_predictions(data, options, 5);
  options.n_threads = 2;
  const std::vector<double> two = rbfsvm::cross_validation_predictions(data, options, 5);
  CHECK(one == two);
  options.seed = 99;
  const std::vector<double> other_seed = rbfsvm::cross_validation_predictions(data, options, 5);
  CHECK(rbfsvm::accuracy(data.labels, one) > 0.7);
  CHECK(other_seed.size() == one.size());
  CHECK_THROWS_AS(rbfsvm::cross_validation_predictions(data, options, 1), rbfsvm::InvalidArgument);
  CHECK_THROWS_AS(rbfsvm::cross_validation_predictions(data, options, 301), rbfsvm::InvalidArgument);
}
