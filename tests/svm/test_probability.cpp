// Probability outputs against LIBSVM 3.24. LIBSVM draws its internal folds with rand(); the tests
// seed rand() and replay the same draws, so both sides see the same fold assignment and our
// fitting routines can be fed LIBSVM's own cross-validated values.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/svm/model_io.hpp"
#include "rbfsvm/svm/probability.hpp"
#include "rbfsvm/data/scaling.hpp"
#include "rbfsvm/svm/train.hpp"
#include "support/libsvm_oracle.hpp"
#include "support/paths.hpp"
#include "support/test_data.hpp"
#include "svm_predict_cli.hpp"
#include "svm_train_cli.hpp"

using rbfsvm::Dataset;
using rbfsvm::Index;
using rbfsvm::RowMatrix;
using rbfsvm::TrainOptions;

namespace {

// LIBSVM's shuffle: perm[i] swapped with perm[i + rand() % (l - i)].
std::vector<int> libsvm_permutation(int l) {
  std::vector<int> perm(static_cast<std::size_t>(l));
  for (int i = 0; i < l; ++i) perm[i] = i;
  for (int i = 0; i < l; ++i) std::swap(perm[i], perm[i + std::rand() % (l - i)]);
  return perm;
}

Dataset rows_of(const Dataset& data, const std::vector<int>& rows) {
  Dataset part;
  part.X.resize(static_cast<Index>(rows.size()), data.X.cols());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    part.X.row(static_cast<Index>(k)) = data.X.row(rows[k]);
    part.labels.push_back(data.labels[rows[k]]);
  }
  return part;
}

// 5-fold values from LIBSVM in LIBSVM's fold order: decision values (classification) or
// predictions (regression).
std::vector<double> libsvm_fold_values(const Dataset& data, const TrainOptions& options, bool regression) {
  const int l = static_cast<int>(data.n_samples());
  const std::vector<int> perm = libsvm_permutation(l);
  std::vector<double> values(static_cast<std::size_t>(l));
  for (int fold = 0; fold < 5; ++fold) {
    const int begin = fold * l / 5, end = (fold + 1) * l / 5;
    std::vector<int> train_rows, test_rows;
    for (int k = 0; k < l; ++k) (k >= begin && k < end ? test_rows : train_rows).push_back(perm[k]);
    const Dataset train = rows_of(data, train_rows);
    const rbfsvm::test::LibsvmProblem problem(train.X, train.labels);
    const auto model = rbfsvm::test::train_libsvm(problem, rbfsvm::test::libsvm_parameters(options));
    const Dataset test = rows_of(data, test_rows);
    const rbfsvm::test::LibsvmProblem points(test.X, test.labels);
    for (std::size_t k = 0; k < test_rows.size(); ++k) {
      double value = 0;
      if (regression) {
        value = svm_predict(model.get(), points.point(static_cast<Index>(k)));
      } else {
        svm_predict_values(model.get(), points.point(static_cast<Index>(k)), &value);
        value *= model->label[0];
      }
      values[test_rows[k]] = value;
    }
  }
  return values;
}

}  // namespace

TEST_CASE("the Platt fit reproduces LIBSVM's probA and probB from the same folds",
          "[probability][libsvm]") {
  // heart_scale starts with +1, so LIBSVM's binary subproblem keeps the file order of classes:
  // grouped by class, +1 first.
  const Dataset data = rbfsvm::read_dataset(rbfsvm::test::dataset_path("heart_scale"));
  std::vector<int> grouped;
  for (double label : {1.0, -1.0})
    for (std::size_t i = 0; i < data.n_samples(); ++i)
      if (data.labels[i] == label) grouped.push_back(static_cast<int>(i));
  const Dataset pair = rows_of(data, grouped);
  for (double C : {0.5, 4.0}) {
    TrainOptions options;
    options.C = C;
    options.kernel = rbfsvm::Kernel::rbf(0.1);
    TrainOptions with_probability = options;
    with_probability.probability = true;
    std::srand(11);
    const rbfsvm::test::LibsvmProblem problem(data.X, data.labels);
    const auto libsvm = rbfsvm::test::train_libsvm(problem, rbfsvm::test::libsvm_parameters(with_probability));
    std::srand(11);
    const std::vector<double> values = libsvm_fold_values(pair, options, false);
    const rbfsvm::PlattSigmoid ours = rbfsvm::fit_platt_sigmoid(values, pair.labels);
    INFO("C " << C << " ours " << ours.A << " " << ours.B << " LIBSVM " << libsvm->probA[0] << " "
              << libsvm->probB[0]);
    CHECK(ours.A == Approx(libsvm->probA[0]).epsilon(1e-6));
    CHECK(ours.B == Approx(libsvm->probB[0]).epsilon(1e-6).margin(1e-9));
  }
}

TEST_CASE("the SVR Laplace scale reproduces LIBSVM's from the same folds", "[probability][libsvm]") {
  const Dataset data = rbfsvm::read_dataset(rbfsvm::test::dataset_path("housing_scale"));
  TrainOptions options;
  options.svm_type = rbfsvm::SvmType::epsilon_svr;
  options.kernel = rbfsvm::Kernel::rbf(0.3);
  options.C = 10;
  TrainOptions with_probability = options;
  with_probability.probability = true;
  std::srand(5);
  const rbfsvm::test::LibsvmProblem problem(data.X, data.labels);
  const auto libsvm = rbfsvm::test::train_libsvm(problem, rbfsvm::test::libsvm_parameters(with_probability));
  std::srand(5);
  const std::vector<double> predicted = libsvm_fold_values(data, options, true);
  std::vector<double> residuals;
  for (std::size_t i = 0; i < predicted.size(); ++i) residuals.push_back(data.labels[i] - predicted[i]);
  CHECK(rbfsvm::fit_laplace_scale(residuals) == Approx(libsvm->probA[0]).epsilon(1e-9));
}

TEST_CASE("class probabilities from a LIBSVM model equal svm_predict_probability",
          "[probability][libsvm][multiclass]") {
  for (const char* name : {"iris.csv", "heart_scale", "wine.csv"}) {
    INFO(name);
    Dataset data = rbfsvm::read_dataset(rbfsvm::test::dataset_path(name));
    rbfsvm::Scaling::fit_min_max(data.X).apply(data.X);
    TrainOptions options;
    options.kernel = rbfsvm::Kernel::rbf(0.5);
    options.probability = true;
    const rbfsvm::test::LibsvmProblem problem(data.X, data.labels);
    const auto libsvm = rbfsvm::test::train_libsvm(problem, rbfsvm::test::libsvm_parameters(options));
    const rbfsvm::Model model(rbfsvm::test::model_data_from_libsvm(*libsvm, data.X.cols()));
    const RowMatrix<double> ours = model.predict_probabilities(data.X);
    std::vector<double> theirs(static_cast<std::size_t>(libsvm->nr_class));
    double largest = 0;
    int label_mismatches = 0;
    for (Index i = 0; i < data.X.rows(); ++i) {
      const double label = svm_predict_probability(libsvm.get(), problem.point(i), theirs.data());
      for (int c = 0; c < libsvm->nr_class; ++c) largest = std::max(largest, std::fabs(ours(i, c) - theirs[c]));
      if (model.label_from_probabilities(ours.row(i).data()) != label) ++label_mismatches;
    }
    CHECK(largest < 1e-9);
    CHECK(label_mismatches == 0);
  }
}

TEST_CASE("our probability models are calibrated and sum to 1", "[probability]") {
  const Dataset data = rbfsvm::read_dataset(rbfsvm::test::dataset_path("iris.csv"));
  Dataset train, test;
  std::vector<int> train_rows, test_rows;
  for (int i = 0; i < static_cast<int>(data.n_samples()); ++i) (i % 3 == 0 ? test_rows : train_rows).push_back(i);
  train = rows_of(data, train_rows);
  test = rows_of(data, test_rows);
  TrainOptions options;
  options.kernel = rbfsvm::Kernel::rbf(0.5);
  options.probability = true;
  options.scaling = rbfsvm::ScalingKind::min_max;
  const rbfsvm::Model model = rbfsvm::train(train, options);
  REQUIRE(model.has_probability());
  const RowMatrix<double> p = model.predict_probabilities(test.X);
  double log_loss = 0;
  for (Index i = 0; i < p.rows(); ++i) {
    CHECK(p.row(i).sum() == Approx(1.0).epsilon(1e-6));
    CHECK(p.row(i).minCoeff() > 0);
    // The model's class index of the true label.
    const auto& labels = model.data().labels;
    const Index truth = std::find(labels.begin(), labels.end(), test.labels[i]) - labels.begin();
    log_loss -= std::log(p(i, truth));
  }
  log_loss /= static_cast<double>(p.rows());
  CHECK(log_loss < 0.5 * std::log(3.0));  // far better than the uniform guess
  // The same seed gives the same model; the sigmoids depend on the folds.
  const rbfsvm::Model again = rbfsvm::train(train, options);
  CHECK(again.data().prob_a == model.data().prob_a);
}

TEST_CASE("svm_predict -b 1 writes what LIBSVM's svm-predict writes", "[probability][cli][libsvm]") {
  const std::string dir = rbfsvm::test::scratch_directory("probability_cli");
  const std::string data = rbfsvm::test::dataset_path("heart_scale");
  std::ostringstream out, err;
  REQUIRE(rbfsvm::cli::run_svm_train({data, dir + "/m.model", "-b", "1", "-q"}, out, err) == 0);
  REQUIRE(rbfsvm::cli::run_svm_predict({"-b", "1", data, dir + "/m.model", dir + "/ours.txt"}, out, err) == 0);
  const std::string command = "svm-predict -b 1 '" + data + "' '" + dir + "/m.model' '" + dir +
                              "/theirs.txt' > /dev/null";
  REQUIRE(std::system(command.c_str()) == 0);
  CHECK(rbfsvm::test::read_text_file(dir + "/ours.txt") == rbfsvm::test::read_text_file(dir + "/theirs.txt"));
  CHECK(rbfsvm::test::read_text_file(dir + "/ours.txt").rfind("labels 1 -1\n", 0) == 0);
}

TEST_CASE("one-class probabilities rise with the decision value and survive a save", "[probability][one_class]") {
  const Dataset data = rbfsvm::read_dataset(rbfsvm::test::dataset_path("heart_scale"));
  TrainOptions options;
  options.svm_type = rbfsvm::SvmType::one_class;
  options.kernel = rbfsvm::Kernel::rbf(0.2);
  options.nu = 0.3;
  options.probability = true;
  const rbfsvm::Model model = rbfsvm::train(data, options);
  REQUIRE(model.data().prob_density_marks.size() == 10);
  CHECK(std::is_sorted(model.data().prob_density_marks.begin(), model.data().prob_density_marks.end()));
  const RowMatrix<double> p = model.predict_probabilities(data.X);
  const RowMatrix<double> f = model.decision_values(data.X);
  std::vector<std::pair<double, double>> by_value;
  for (Index i = 0; i < p.rows(); ++i) {
    CHECK(p(i, 0) + p(i, 1) == Approx(1.0));
    by_value.emplace_back(f(i, 0), p(i, 0));
  }
  std::sort(by_value.begin(), by_value.end());
  for (std::size_t k = 1; k < by_value.size(); ++k) CHECK(by_value[k].second >= by_value[k - 1].second);
  CHECK(by_value.front().second == 0.001);
  CHECK(by_value.back().second == 0.999);
  const std::string path = rbfsvm::test::scratch_directory("probability_one_class") + "/o.model";
  rbfsvm::save_model(model, path);
  CHECK(rbfsvm::load_model(path).data().prob_density_marks == model.data().prob_density_marks);
  // The model file itself stays loadable by LIBSVM 3.24 (the marks live in the sidecar).
  svm_model* loaded = svm_load_model(path.c_str());
  CHECK(loaded != nullptr);
  if (loaded) svm_free_and_destroy_model(&loaded);
}

TEST_CASE("probability refusals", "[probability][errors]") {
  using Catch::Matchers::Contains;
  const Dataset data = rbfsvm::read_dataset(rbfsvm::test::dataset_path("heart_scale"));
  TrainOptions options;
  const rbfsvm::Model plain = rbfsvm::train(data, options);
  CHECK_THROWS_WITH(plain.predict_probabilities(data.X), Contains("-b 1"));
  options.svm_type = rbfsvm::SvmType::one_class;
  options.probability = true;
  // Fewer than five decision values on one side of 0 are too few to bin.
  CHECK_THROWS_WITH(rbfsvm::one_class_density_marks({-1, -2, 1, 2, 3, 4, 5, 6}),
                    Contains("at least 5"));
  CHECK_NOTHROW(rbfsvm::one_class_density_marks({-1, -2, -3, -4, -5, 1, 2, 3, 4, 5}));
  CHECK_THROWS_AS(rbfsvm::fit_platt_sigmoid({1.0}, {}), rbfsvm::InvalidArgument);
  const std::string dir = rbfsvm::test::scratch_directory("probability_refusals");
  std::ostringstream out, err;
  REQUIRE(rbfsvm::cli::run_svm_train({rbfsvm::test::dataset_path("heart_scale"), dir + "/p.model", "-q"}, out, err) == 0);
  CHECK(rbfsvm::cli::run_svm_predict({"-b", "1", rbfsvm::test::dataset_path("heart_scale"), dir + "/p.model"}, out, err) == 1);
  CHECK_THAT(err.str(), Contains("no probability"));
}
