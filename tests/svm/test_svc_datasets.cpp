// C-SVC on real data sets: the same solution as LIBSVM 3.24 (objective, support vectors, rho,
// decision values, predictions) for several (C, gamma) pairs each, at eps 1e-6.
#include <catch2/catch.hpp>

#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/svm/train.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"
#include "support/test_data.hpp"

using rbfsvm::Dataset;
using rbfsvm::Index;
using rbfsvm::Kernel;
using rbfsvm::RowMatrix;
using rbfsvm::TrainOptions;

namespace {

// C-SVC with LIBSVM's tolerance tightened to 1e-6 (tests/support's tight) and this C.
TrainOptions tight(double C, double gamma) {
  TrainOptions options = rbfsvm::test::tight(rbfsvm::SvmType::c_svc, gamma);
  options.C = C;
  return options;
}

// Min-max scaling to [-1, 1] per feature, so unscaled CSV data suits an RBF kernel.
Dataset scaled(Dataset data) {
  for (Index f = 0; f < data.X.cols(); ++f) {
    const double low = data.X.col(f).minCoeff(), high = data.X.col(f).maxCoeff();
    if (high > low) data.X.col(f) = ((data.X.col(f).array() - low) / (high - low) * 2 - 1).matrix();
  }
  return data;
}

}  // namespace

TEST_CASE("heart_scale matches LIBSVM", "[svc][libsvm][datasets]") {
  const Dataset data = rbfsvm::read_dataset(rbfsvm::test::dataset_path("heart_scale"));
  const auto [train, held_out] = rbfsvm::test::hold_out_every(data, 3);
  for (auto [C, gamma] : {std::pair{1.0, 1.0 / 13}, {4.0, 0.5}, {0.3, 0.05}, {50.0, 0.2}}) {
    INFO("C " << C << " gamma " << gamma);
    rbfsvm::test::expect_same_as_libsvm(train, held_out, tight(C, gamma));
  }
}

TEST_CASE("iris (CSV with text classes) matches LIBSVM", "[svc][libsvm][datasets][multiclass]") {
  const Dataset data = scaled(rbfsvm::read_dataset(rbfsvm::test::dataset_path("iris.csv")));
  REQUIRE(data.class_names.size() == 3);
  const auto [train, held_out] = rbfsvm::test::hold_out_every(data, 3);
  for (auto [C, gamma] : {std::pair{1.0, 0.25}, {100.0, 2.0}, {0.1, 0.5}}) {
    INFO("C " << C << " gamma " << gamma);
    rbfsvm::test::expect_same_as_libsvm(train, held_out, tight(C, gamma));
  }
}

TEST_CASE("wine (CSV multiclass) matches LIBSVM", "[svc][libsvm][datasets][multiclass]") {
  const Dataset data = scaled(rbfsvm::read_dataset(rbfsvm::test::dataset_path("wine.csv")));
  const auto [train, held_out] = rbfsvm::test::hold_out_every(data, 3);
  for (auto [C, gamma] : {std::pair{1.0, 1.0 / 13}, {10.0, 0.3}}) {
    INFO("C " << C << " gamma " << gamma);
    rbfsvm::test::expect_same_as_libsvm(train, held_out, tight(C, gamma));
  }
}

TEST_CASE("breast cancer (CSV) matches LIBSVM", "[svc][libsvm][datasets]") {
  const Dataset data = scaled(rbfsvm::read_dataset(rbfsvm::test::dataset_path("breast_cancer.csv")));
  const auto [train, held_out] = rbfsvm::test::hold_out_every(data, 3);
  for (auto [C, gamma] : {std::pair{1.0, 1.0 / 30}, {20.0, 0.1}}) {
    INFO("C " << C << " gamma " << gamma);
    rbfsvm::test::expect_same_as_libsvm(train, held_out, tight(C, gamma));
  }
}

TEST_CASE("a 2000-point subset of a9a matches LIBSVM", "[svc][libsvm][datasets]") {
  const Dataset data = rbfsvm::read_dataset(rbfsvm::test::dataset_path("a9a_2000"));
  REQUIRE(data.X.rows() == 2000);
  const auto [train, held_out] = rbfsvm::test::hold_out_every(data, 3);
  for (auto [C, gamma] : {std::pair{1.0, 0.5}, {8.0, 0.05}}) {
    INFO("C " << C << " gamma " << gamma);
    rbfsvm::test::expect_same_as_libsvm(train, held_out, tight(C, gamma));
  }
}

// A kernel budget of 1 MB holds about 200 of the 1333 rows: the fast path then computes rows in
// prefetched batches and evicts them, the exact path evicts columns; both must still reach
// LIBSVM's optimum. One-vs-one on wine with a budget too small for the shared matrix solves the
// pairs over rows of their own.
TEST_CASE("a9a and wine match LIBSVM with a kernel budget far below the whole matrix",
          "[svc][libsvm][datasets][budget]") {
  const Dataset data = rbfsvm::read_dataset(rbfsvm::test::dataset_path("a9a_2000"));
  const auto [train, held_out] = rbfsvm::test::hold_out_every(data, 3);
  TrainOptions options = tight(1.0, 0.5);
  options.cache_mb = 1;
  rbfsvm::test::expect_same_as_libsvm(train, held_out, options);

  const Dataset wine = scaled(rbfsvm::read_dataset(rbfsvm::test::dataset_path("wine.csv")));
  const auto [wine_train, wine_held_out] = rbfsvm::test::hold_out_every(wine, 4);
  TrainOptions wine_options = tight(10.0, 0.1);
  wine_options.cache_mb = 0.01;
  rbfsvm::test::expect_same_as_libsvm(wine_train, wine_held_out, wine_options);
}
