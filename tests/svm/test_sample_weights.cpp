// Per-sample weights (TrainOptions::sample_weights, scikit-learn's semantics) and the class order
// (TrainOptions::class_order), checked against what they must equal: integer weights against
// repeated points, weight 0 against removal, weights against C, ascending against the LIBSVM
// order; and the refusals.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/svm/evaluation.hpp"
#include "rbfsvm/svm/train.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"
#include "support/test_data.hpp"

using rbfsvm::ClassOrder;
using rbfsvm::Dataset;
using rbfsvm::Index;
using rbfsvm::KernelEvaluation;
using rbfsvm::Model;
using rbfsvm::SvmType;
using rbfsvm::TrainOptions;
using rbfsvm::test::tight;

namespace {

Dataset heart() { return rbfsvm::read_dataset(rbfsvm::test::dataset_path("heart_scale")); }

// The first 150 points of housing_scale: a small regression set.
Dataset housing() {
  const Dataset all = rbfsvm::read_dataset(rbfsvm::test::dataset_path("housing_scale"));
  std::vector<Index> rows(150);
  for (Index i = 0; i < 150; ++i) rows[static_cast<std::size_t>(i)] = i;
  return rbfsvm::select_rows(all, rows);
}

// Weight 2 on every third point, 1 elsewhere.
std::vector<double> every_third_doubled(std::size_t n) {
  std::vector<double> w(n, 1.0);
  for (std::size_t i = 0; i < n; i += 3) w[i] = 2.0;
  return w;
}

// The data with each point of weight 2 appearing twice (the copies at the end).
Dataset repeated(const Dataset& data, const std::vector<double>& w) {
  std::vector<Index> rows;
  for (std::size_t i = 0; i < data.n_samples(); ++i) rows.push_back(static_cast<Index>(i));
  for (std::size_t i = 0; i < w.size(); ++i)
    if (w[i] == 2.0) rows.push_back(static_cast<Index>(i));
  return rbfsvm::select_rows(data, rows);
}

double max_difference(const Model& a, const Model& b, const Dataset& points) {
  return (a.decision_values(points) - b.decision_values(points)).cwiseAbs().maxCoeff();
}

// Both models the same, bit for bit: support vectors, coefficients, rho.
void check_identical(const Model& a, const Model& b) {
  CHECK(a.data().sv_indices == b.data().sv_indices);
  CHECK(a.data().coefficients == b.data().coefficients);
  CHECK(a.data().rho == b.data().rho);
  CHECK(a.data().labels == b.data().labels);
}

TrainOptions options_for(SvmType type) {
  TrainOptions options = tight(type, 0.1);
  options.nu = 0.3;
  return options;
}

}  // namespace

TEST_CASE("integer sample weights equal repeated points", "[weights]") {
  const KernelEvaluation evaluation =
      GENERATE(KernelEvaluation::exact, KernelEvaluation::fast);
  const SvmType type = GENERATE(SvmType::c_svc, SvmType::nu_svc, SvmType::one_class,
                                SvmType::epsilon_svr, SvmType::nu_svr);
  const bool regression = type == SvmType::epsilon_svr || type == SvmType::nu_svr;
  const Dataset data = regression ? housing() : heart();
  TrainOptions options = options_for(type);
  options.kernel_evaluation = evaluation;
  TrainOptions weighted = options;
  weighted.sample_weights = every_third_doubled(data.n_samples());
  INFO("type " << static_cast<int>(type) << ", exact " << (evaluation == KernelEvaluation::exact));
  const Model with_weights = rbfsvm::train(data, weighted);
  const Model with_copies = rbfsvm::train(repeated(data, weighted.sample_weights), options);
  // Two optima of one problem at eps 1e-6 (the fast path's float kernel values add their own
  // rounding); the weights move the decision values by 0.5 to 2.
  const double tolerance = (evaluation == KernelEvaluation::exact ? 1e-5 : 5e-5) *
                           (regression ? 10.0 : 1.0);  // housing's targets reach 50
  CHECK(max_difference(with_weights, with_copies, data) < tolerance);
  CHECK(max_difference(with_weights, rbfsvm::train(data, options), data) > 0.1);
}

TEST_CASE("sample weights of 1 give the unweighted model exactly", "[weights]") {
  const SvmType type = GENERATE(SvmType::c_svc, SvmType::nu_svc, SvmType::one_class,
                                SvmType::epsilon_svr, SvmType::nu_svr);
  const bool regression = type == SvmType::epsilon_svr || type == SvmType::nu_svr;
  const Dataset data = regression ? housing() : heart();
  const TrainOptions options = options_for(type);
  TrainOptions ones = options;
  ones.sample_weights.assign(data.n_samples(), 1.0);
  check_identical(rbfsvm::train(data, ones), rbfsvm::train(data, options));
}

TEST_CASE("C-SVC sample weights scale C", "[weights]") {
  const Dataset data = heart();
  // Weights 2 w and C against weights w and 2 C: every bound 2 w_i C, bit for bit.
  TrainOptions doubled_weights = tight(SvmType::c_svc, 0.1);
  doubled_weights.sample_weights = every_third_doubled(data.n_samples());
  TrainOptions doubled_C = doubled_weights;
  for (double& w : doubled_weights.sample_weights) w *= 2;
  doubled_C.C *= 2;
  check_identical(rbfsvm::train(data, doubled_weights), rbfsvm::train(data, doubled_C));
  // Uniform weights 4 against C = 4.
  TrainOptions uniform = tight(SvmType::c_svc, 0.1);
  uniform.sample_weights.assign(data.n_samples(), 4.0);
  TrainOptions larger_C = tight(SvmType::c_svc, 0.1);
  larger_C.C = 4;
  check_identical(rbfsvm::train(data, uniform), rbfsvm::train(data, larger_C));
}

TEST_CASE("weight 0 removes the point; sv_indices number the rows given", "[weights]") {
  const SvmType type = GENERATE(SvmType::c_svc, SvmType::nu_svc, SvmType::one_class,
                                SvmType::epsilon_svr);
  const Dataset data = type == SvmType::epsilon_svr ? housing() : heart();
  TrainOptions options = options_for(type);
  options.sample_weights = every_third_doubled(data.n_samples());
  std::vector<Index> kept;
  for (std::size_t i = 0; i < data.n_samples(); ++i) {
    if (i % 5 == 1) {
      options.sample_weights[i] = 0;
    } else {
      kept.push_back(static_cast<Index>(i));
    }
  }
  TrainOptions kept_options = options_for(type);
  for (Index row : kept) kept_options.sample_weights.push_back(options.sample_weights[row]);
  const Model with_zeros = rbfsvm::train(data, options);
  const Model without = rbfsvm::train(rbfsvm::select_rows(data, kept), kept_options);
  CHECK(with_zeros.data().coefficients == without.data().coefficients);
  CHECK(with_zeros.data().rho == without.data().rho);
  REQUIRE(with_zeros.data().sv_indices.size() == without.data().sv_indices.size());
  for (std::size_t s = 0; s < without.data().sv_indices.size(); ++s) {
    const int original = with_zeros.data().sv_indices[s];
    CHECK(original == kept[static_cast<std::size_t>(without.data().sv_indices[s] - 1)] + 1);
    CHECK(options.sample_weights[static_cast<std::size_t>(original - 1)] > 0);
  }
}

TEST_CASE("probability models and cross-validation carry the weights", "[weights][probability]") {
  const Dataset data = heart();
  TrainOptions options = tight(SvmType::c_svc, 0.1);
  options.probability = true;
  options.sample_weights = every_third_doubled(data.n_samples());
  options.sample_weights[4] = 0;
  const Model model = rbfsvm::train(data, options);
  CHECK(model.data().prob_a.size() == 1);
  for (int index : model.data().sv_indices) CHECK(index != 5);
  // Weights of 1 cross-validate as none; other weights change the fold models.
  TrainOptions plain = tight(SvmType::c_svc, 0.1);
  TrainOptions ones = plain;
  ones.sample_weights.assign(data.n_samples(), 1.0);
  const std::vector<double> unweighted = rbfsvm::cross_validation_predictions(data, plain, 5);
  CHECK(rbfsvm::cross_validation_predictions(data, ones, 5) == unweighted);
  TrainOptions skewed = plain;
  skewed.sample_weights.assign(data.n_samples(), 1.0);
  for (std::size_t i = 0; i < data.n_samples(); ++i)
    if (data.labels[i] > 0) skewed.sample_weights[i] = 20;
  CHECK(rbfsvm::cross_validation_predictions(data, skewed, 5) != unweighted);
}

TEST_CASE("class_order ascending numbers the classes by label", "[weights][multiclass]") {
  Dataset iris = rbfsvm::read_dataset(rbfsvm::test::dataset_path("iris.csv"));
  // Text classes 0, 1, 2 in order of appearance become labels 3, 1, 2.
  for (double& label : iris.labels) label = label == 0 ? 3 : label;
  iris.class_names.clear();
  TrainOptions options = tight(SvmType::c_svc, 0.5);
  const Model libsvm_order = rbfsvm::train(iris, options);
  options.class_order = ClassOrder::ascending;
  const Model ascending = rbfsvm::train(iris, options);
  CHECK(libsvm_order.data().labels == std::vector<double>{3, 1, 2});
  CHECK(ascending.data().labels == std::vector<double>{1, 2, 3});
  CHECK(ascending.predict(iris) == libsvm_order.predict(iris));
  // Support vectors grouped by class in label order.
  const std::vector<int>& rows = ascending.data().sv_indices;
  for (std::size_t s = 1; s < rows.size(); ++s) {
    CHECK(iris.labels[static_cast<std::size_t>(rows[s - 1] - 1)] <=
          iris.labels[static_cast<std::size_t>(rows[s] - 1)]);
  }
  // A -1/+1 set: LIBSVM puts +1 first, ascending -1.
  const Dataset binary = heart();
  TrainOptions two = tight(SvmType::c_svc, 0.1);
  CHECK(rbfsvm::train(binary, two).data().labels == std::vector<double>{1, -1});
  two.class_order = ClassOrder::ascending;
  CHECK(rbfsvm::train(binary, two).data().labels == std::vector<double>{-1, 1});
}

TEST_CASE("sample weight refusals", "[weights][errors]") {
  using Catch::Matchers::Contains;
  const Dataset data = heart();
  const std::size_t n = data.n_samples();
  TrainOptions options = tight(SvmType::c_svc, 0.1);
  const auto refusal = [&](std::vector<double> w, SvmType type = SvmType::c_svc) {
    TrainOptions bad = options;
    bad.svm_type = type;
    bad.sample_weights = std::move(w);
    return [bad, &data] { return rbfsvm::train(data, bad); };
  };
  SECTION("wrong length") {
    CHECK_THROWS_WITH(refusal(std::vector<double>(n - 1, 1.0))(),
                      Contains("269 weights for 270 points"));
    TrainOptions bad = options;
    bad.sample_weights.assign(n + 1, 1.0);
    CHECK_THROWS_AS(rbfsvm::cross_validation_predictions(data, bad, 5), rbfsvm::InvalidArgument);
  }
  SECTION("negative") {
    std::vector<double> w(n, 1.0);
    w[6] = -1;
    CHECK_THROWS_WITH(refusal(w)(), Contains("sample weight of point 7 must be finite and >= 0"));
  }
  SECTION("NaN") {
    std::vector<double> w(n, 1.0);
    w[0] = std::nan("");
    CHECK_THROWS_WITH(refusal(w)(), Contains("point 1 must be finite"));
  }
  SECTION("infinity") {
    std::vector<double> w(n, 1.0);
    w[1] = std::numeric_limits<double>::infinity();
    CHECK_THROWS_WITH(refusal(w)(), Contains("point 2 must be finite"));
  }
  SECTION("all zero") {
    CHECK_THROWS_WITH(refusal(std::vector<double>(n, 0.0), SvmType::epsilon_svr)(),
                      Contains("every sample weight is 0"));
  }
  SECTION("a class of weight zero") {
    std::vector<double> w(n, 1.0);
    for (std::size_t i = 0; i < n; ++i)
      if (data.labels[i] < 0) w[i] = 0;
    CHECK_THROWS_WITH(refusal(w)(), Contains("every point of class -1 has sample weight 0"));
    CHECK_THROWS_WITH(refusal(w, SvmType::nu_svc)(), Contains("class -1"));
  }
  SECTION("nu infeasible for the weighted classes") {
    // nu 0.5 suits the counts (120 and 150 points) but not weights 9 on class +1.
    std::vector<double> w(n, 1.0);
    for (std::size_t i = 0; i < n; ++i)
      if (data.labels[i] > 0) w[i] = 9;
    TrainOptions nu = options;
    nu.svm_type = SvmType::nu_svc;
    nu.nu = 0.5;
    CHECK_NOTHROW(rbfsvm::train(data, nu));
    nu.sample_weights = w;
    CHECK_THROWS_WITH(rbfsvm::train(data, nu), Contains("total weight") && Contains("infeasible"));
  }
}
