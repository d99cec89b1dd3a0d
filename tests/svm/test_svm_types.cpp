// nu-SVC, one-class, epsilon-SVR and nu-SVR against LIBSVM on real data sets, at eps 1e-6.
#include <catch2/catch.hpp>

#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/kernel/gram.hpp"
#include "rbfsvm/svm/train.hpp"
#include "support/compare.hpp"
#include "support/paths.hpp"
#include "support/test_data.hpp"

using rbfsvm::Dataset;
using rbfsvm::Index;
using rbfsvm::Kernel;
using rbfsvm::RowMatrix;
using rbfsvm::SvmType;
using rbfsvm::TrainOptions;

namespace {

using rbfsvm::test::tight;

Dataset housing() {
  return rbfsvm::read_dataset(rbfsvm::test::dataset_path("housing_scale"));
}

}  // namespace

TEST_CASE("nu-SVC matches LIBSVM", "[nu_svc][libsvm]") {
  const auto [heart, heart_test] = rbfsvm::test::hold_out_every(rbfsvm::read_dataset(rbfsvm::test::dataset_path("heart_scale")), 4);
  for (double nu : {0.2, 0.5, 0.7}) {
    TrainOptions options = tight(SvmType::nu_svc, 0.1);
    options.nu = nu;
    INFO("nu " << nu);
    rbfsvm::test::expect_same_as_libsvm(heart, heart_test, options);
  }
  const auto [a9a, a9a_test] = rbfsvm::test::hold_out_every(rbfsvm::read_dataset(rbfsvm::test::dataset_path("a9a_2000")), 4);
  TrainOptions options = tight(SvmType::nu_svc, 0.05);
  options.nu = 0.4;
  rbfsvm::test::expect_same_as_libsvm(a9a, a9a_test, options);
}

TEST_CASE("nu-SVC on three classes matches LIBSVM", "[nu_svc][libsvm][multiclass]") {
  Dataset iris = rbfsvm::read_dataset(rbfsvm::test::dataset_path("iris.csv"));
  const auto [train, test] = rbfsvm::test::hold_out_every(iris, 4);
  TrainOptions options = tight(SvmType::nu_svc, 0.3);
  options.nu = 0.3;
  rbfsvm::test::expect_same_as_libsvm(train, test, options);
}

TEST_CASE("one-class SVM matches LIBSVM", "[one_class][libsvm]") {
  const auto [heart, heart_test] = rbfsvm::test::hold_out_every(rbfsvm::read_dataset(rbfsvm::test::dataset_path("heart_scale")), 4);
  for (double nu : {0.05, 0.3, 0.9}) {
    TrainOptions options = tight(SvmType::one_class, 0.2);
    options.nu = nu;
    INFO("nu " << nu);
    rbfsvm::test::expect_same_as_libsvm(heart, heart_test, options);
  }
}

TEST_CASE("epsilon-SVR matches LIBSVM", "[epsilon_svr][libsvm]") {
  const auto [train, test] = rbfsvm::test::hold_out_every(housing(), 4);
  for (auto [C, epsilon] : {std::pair{1.0, 0.1}, {10.0, 0.5}, {100.0, 0.01}}) {
    TrainOptions options = tight(SvmType::epsilon_svr, 0.3);
    options.C = C;
    options.epsilon = epsilon;
    INFO("C " << C << " epsilon " << epsilon);
    rbfsvm::test::expect_same_as_libsvm(train, test, options);
  }
}

TEST_CASE("nu-SVR matches LIBSVM", "[nu_svr][libsvm]") {
  const auto [train, test] = rbfsvm::test::hold_out_every(housing(), 4);
  for (auto [C, nu] : {std::pair{1.0, 0.5}, {20.0, 0.2}}) {
    TrainOptions options = tight(SvmType::nu_svr, 0.3);
    options.C = C;
    options.nu = nu;
    INFO("C " << C << " nu " << nu);
    rbfsvm::test::expect_same_as_libsvm(train, test, options);
  }
}

// heart_scale's RBF kernel written in LIBSVM's precomputed form: "label 0:i 1:K(x,x_1) ...".
Dataset precomputed_rows(const RowMatrix<double>& X, const RowMatrix<double>& train_X,
                         const std::vector<double>& labels, double gamma) {
  const RowMatrix<double> K = rbfsvm::gram<double>(Kernel::rbf(gamma), X, train_X);
  Dataset data;
  data.X.resize(X.rows(), K.cols() + 1);
  for (Index i = 0; i < X.rows(); ++i) {
    data.X(i, 0) = static_cast<double>(i + 1);
    data.X.row(i).tail(K.cols()) = K.row(i);
  }
  data.labels = labels;
  return data;
}

TEST_CASE("a precomputed kernel matches LIBSVM and the same kernel computed", "[precomputed][libsvm]") {
  const auto [train, test] = rbfsvm::test::hold_out_every(rbfsvm::read_dataset(rbfsvm::test::dataset_path("heart_scale")), 4);
  const double gamma = 0.2;
  const Dataset kernel_train = precomputed_rows(train.X, train.X, train.labels, gamma);
  const Dataset kernel_test =
      precomputed_rows(test, train.X, std::vector<double>(static_cast<std::size_t>(test.rows()), 1.0), gamma);
  for (SvmType type : {SvmType::c_svc, SvmType::nu_svc, SvmType::epsilon_svr}) {
    TrainOptions options = tight(type, gamma);
    options.kernel = Kernel::precomputed();
    options.C = 2;
    INFO("type " << rbfsvm::to_string(type));
    rbfsvm::test::expect_same_as_libsvm(kernel_train, kernel_test.X, options);
    // Precomputing the RBF kernel changes nothing but float round-off in the cache.
    const rbfsvm::Model from_values = rbfsvm::train(kernel_train, options);
    TrainOptions rbf = options;
    rbf.kernel = Kernel::rbf(gamma);
    const rbfsvm::Model computed = rbfsvm::train(train, rbf);
    CHECK((from_values.decision_values(kernel_test.X) - computed.decision_values(test))
              .cwiseAbs()
              .maxCoeff() < 1e-5);
  }
  // A serial without its kernel column is refused.
  Dataset broken = kernel_train;
  broken.X(3, 0) = static_cast<double>(broken.X.cols() + 5);
  TrainOptions options = tight(SvmType::c_svc, gamma);
  options.kernel = Kernel::precomputed();
  CHECK_THROWS_WITH(rbfsvm::train(broken, options), Catch::Matchers::Contains("serial number"));
}

TEST_CASE("nu and epsilon refusals", "[svm_types][errors]") {
  using Catch::Matchers::Contains;
  const Dataset data = housing();
  for (double nu : {0.0, -0.1, 1.5}) {
    TrainOptions options = tight(SvmType::nu_svr, 0.3);
    options.nu = nu;
    CHECK_THROWS_WITH(rbfsvm::train(data, options), Contains("nu must be in (0, 1]"));
  }
  Dataset unbalanced = rbfsvm::read_dataset(rbfsvm::test::dataset_path("heart_scale"));
  TrainOptions nu_svc = tight(SvmType::nu_svc, 0.3);
  nu_svc.nu = 0.95;  // heart_scale has 120 and 150 points: nu must be <= 240/270
  CHECK_THROWS_WITH(rbfsvm::train(unbalanced, nu_svc), Contains("infeasible"));
  TrainOptions options = tight(SvmType::epsilon_svr, 0.3);
  options.epsilon = -1;
  CHECK_THROWS_WITH(rbfsvm::train(data, options), Contains("epsilon"));
}
