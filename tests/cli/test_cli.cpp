// The command-line tools, run in-process: output, exit codes, files written or left alone.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <regex>
#include <sstream>

#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/svm/evaluation.hpp"
#include "rbfsvm/kernel/gram.hpp"
#include "rbfsvm/svm/model_io.hpp"
#include "support/libsvm_oracle.hpp"
#include "cli/run_tool.hpp"
#include "support/paths.hpp"
#include "support/test_data.hpp"
#include "svm_predict_cli.hpp"
#include "svm_train_cli.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
namespace fs = std::filesystem;

namespace {

using rbfsvm::test::Run;
using rbfsvm::test::run;

Run svm_train(const std::vector<std::string>& args) { return run(rbfsvm::cli::run_svm_train, args); }
Run svm_predict(const std::vector<std::string>& args) {
  return run(rbfsvm::cli::run_svm_predict, args);
}

std::string copy_dataset(const std::string& name, const std::string& dir) {
  const std::string target = dir + "/" + name;
  fs::copy_file(rbfsvm::test::dataset_path(name), target, fs::copy_options::overwrite_existing);
  return target;
}

}  // namespace

TEST_CASE("svm_train and svm_predict on heart_scale agree with LIBSVM", "[cli][svm_train]") {
  const std::string dir = rbfsvm::test::scratch_directory("cli_heart");
  const std::string data_path = copy_dataset("heart_scale", dir);
  const Run trained = svm_train({data_path});
  REQUIRE(trained.status == 0);
  CHECK_THAT(trained.out, Contains("points 270") && Contains("features 13") &&
                              Contains("classes 2") && Contains("support vectors"));
  const std::string model_path = data_path + ".model";
  REQUIRE(fs::exists(model_path));

  // The same defaults in LIBSVM (gamma = 1 / n_features, C = 1).
  const rbfsvm::Dataset data = rbfsvm::read_dataset(data_path);
  rbfsvm::TrainOptions options;
  options.kernel = rbfsvm::Kernel::rbf(1.0 / 13);
  const rbfsvm::test::LibsvmProblem problem(data.X, data.labels);
  const auto libsvm = rbfsvm::test::train_libsvm(problem, rbfsvm::test::libsvm_parameters(options));
  const rbfsvm::Model model = rbfsvm::load_model(model_path);
  CHECK(model.n_support_vectors() == libsvm->l);
  CHECK_THAT(trained.out, Contains("support vectors " + std::to_string(libsvm->l)));

  const std::string predictions = dir + "/predictions.txt";
  const Run predicted = svm_predict({data_path, model_path, predictions});
  REQUIRE(predicted.status == 0);
  std::vector<double> ours;
  std::istringstream lines(rbfsvm::test::read_text_file(predictions));
  for (double label; lines >> label;) ours.push_back(label);
  REQUIRE(ours.size() == 270);
  std::vector<double> theirs;
  for (rbfsvm::Index i = 0; i < data.X.rows(); ++i) theirs.push_back(svm_predict(libsvm.get(), problem.point(i)));
  CHECK(ours == theirs);
  const double correct = rbfsvm::accuracy(data.labels, theirs) * 270;
  CHECK_THAT(predicted.out, Contains("(" + std::to_string(std::lround(correct)) + "/270)"));
}

TEST_CASE("svm_train accepts LIBSVM's short flags", "[cli][svm_train]") {
  const std::string dir = rbfsvm::test::scratch_directory("cli_short_flags");
  const std::string data_path = copy_dataset("heart_scale", dir);
  const Run result = svm_train({"-c", "4", "-g", "0.5", "-e", "0.0001", "-m", "50", "-h", "0",
                                "-w-1", "2", "-q", data_path, dir + "/out.model"});
  REQUIRE(result.status == 0);
  CHECK(result.out.empty());
  rbfsvm::TrainOptions options;
  options.C = 4;
  options.kernel = rbfsvm::Kernel::rbf(0.5);
  options.tolerance = 1e-4;
  options.shrinking = false;
  options.class_weights = {{-1.0, 2.0}};
  const rbfsvm::Dataset data = rbfsvm::read_dataset(data_path);
  const rbfsvm::test::LibsvmProblem problem(data.X, data.labels);
  const auto libsvm = rbfsvm::test::train_libsvm(problem, rbfsvm::test::libsvm_parameters(options));
  const rbfsvm::Model model = rbfsvm::load_model(dir + "/out.model");
  CHECK(model.n_support_vectors() == libsvm->l);
  CHECK(model.kernel().gamma == 0.5);
  CHECK(std::fabs(model.data().rho[0] - libsvm->rho[0]) < 1e-3);
}

TEST_CASE("svm_train on a CSV with text classes and --sigma", "[cli][svm_train]") {
  const std::string dir = rbfsvm::test::scratch_directory("cli_iris");
  const std::string data_path = copy_dataset("iris.csv", dir);
  const Run trained = svm_train({data_path, "--sigma", "1", "-C", "10"});
  REQUIRE(trained.status == 0);
  CHECK_THAT(trained.out, Contains("classes 3") && Contains("gamma 0.5") && Contains("sigma 1"));
  const std::string predictions = dir + "/labels.txt";
  const Run predicted = svm_predict({data_path, data_path + ".model", predictions, "--confusion"});
  REQUIRE(predicted.status == 0);
  CHECK_THAT(predicted.out, Contains("Accuracy = ") && Contains("setosa") && Contains("Confusion"));
  CHECK_THAT(rbfsvm::test::read_text_file(predictions), StartsWith("setosa\n"));
}

TEST_CASE("svm_train --cv prints cross-validation accuracy and writes no model", "[cli][svm_train]") {
  const std::string dir = rbfsvm::test::scratch_directory("cli_cv");
  const std::string data_path = copy_dataset("heart_scale", dir);
  const Run result = svm_train({data_path, "-v", "5"});
  REQUIRE(result.status == 0);
  std::smatch match;
  REQUIRE(std::regex_search(result.out, match, std::regex("Cross Validation Accuracy = ([0-9.]+)%")));
  const double percent = std::stod(match[1]);
  CHECK(percent > 70.0);
  CHECK(percent <= 100.0);
  CHECK_FALSE(fs::exists(data_path + ".model"));
  CHECK(svm_train({data_path, "-v", "1"}).status == 1);
}

TEST_CASE("svm_train refuses bad input and leaves models alone", "[cli][svm_train][errors]") {
  const std::string dir = rbfsvm::test::scratch_directory("cli_train_errors");
  const std::string model = dir + "/existing.model";
  std::ofstream(model) << "keep me";
  auto refuses = [&](const std::vector<std::string>& args, int status, const std::string& text) {
    std::vector<std::string> with_model = args;
    with_model.push_back(model);
    const Run result = svm_train(with_model);
    INFO(result.err);
    CHECK(result.status == status);
    CHECK_THAT(result.err, StartsWith("svm_train: error: ") && Contains(text));
    CHECK(rbfsvm::test::read_text_file(model) == "keep me");
  };
  const std::string csv = dir + "/ragged.csv";
  std::ofstream(csv) << "a,b,label\n1,2,0\n3,4,1\n5,1\n";
  refuses({csv}, 1, "ragged.csv:4:");
  const std::string single = dir + "/single.csv";
  std::ofstream(single) << "a,b,label\n1,2,0\n3,4,0\n";
  refuses({single}, 1, "single class");
  const std::string nan = dir + "/nan.csv";
  std::ofstream(nan) << "a,b,label\n1,nan,0\n3,4,1\n";
  refuses({nan}, 1, "nan.csv:2:");
  const std::string good = copy_dataset("heart_scale", dir);
  refuses({dir + "/missing.csv"}, 1, "missing.csv");
  refuses({good, "--sigma", "0"}, 1, "sigma");
  refuses({good, "--sigma", "-1"}, 1, "sigma");
  refuses({good, "--sigma", "1", "--gamma", "1"}, 1, "not both");
  refuses({good, "-c", "0"}, 1, "C must be");
  refuses({good, "-g", "abc"}, 1, "--gamma");
  refuses({good, "--weight", "7=2"}, 1, "label 7");
  refuses({good, "-t", "9"}, 1, "kernel type");
  refuses({good, "-h", "3"}, 2, "");
  refuses({good, "--no-such-option"}, 2, "");
  const Run nothing = svm_train({});
  CHECK(nothing.status == 2);
  CHECK_THAT(nothing.err, Contains("training_file"));
}

TEST_CASE("svm_predict refusals", "[cli][svm_predict][errors]") {
  const std::string dir = rbfsvm::test::scratch_directory("cli_predict_errors");
  const std::string data_path = copy_dataset("heart_scale", dir);
  const Run missing_model = svm_predict({data_path, dir + "/none.model"});
  CHECK(missing_model.status == 1);
  CHECK_THAT(missing_model.err, Contains("none.model"));
  std::ofstream(dir + "/truncated.model") << "svm_type c_svc\nkernel_type rbf\ngamma 0.5\n";
  const Run truncated = svm_predict({data_path, dir + "/truncated.model"});
  CHECK(truncated.status == 1);
  CHECK_THAT(truncated.err, Contains("truncated.model"));
  REQUIRE(svm_train({data_path, dir + "/m.model", "-q"}).status == 0);
  const std::string wide = dir + "/wide.txt";
  std::ofstream(wide) << "1 1:0.5 20:1\n";
  CHECK(svm_predict({data_path}).status == 2);
  const Run unwritable = svm_predict({data_path, dir + "/m.model", "/nonexistent/dir/p.txt"});
  CHECK(unwritable.status == 1);
}

TEST_CASE("svm_predict predicts points with more features than the model as LIBSVM does",
          "[cli][svm_predict][libsvm]") {
  const std::string dir = rbfsvm::test::scratch_directory("cli_predict_wide");
  const std::string data_path = copy_dataset("heart_scale", dir);
  // The first 60 heart points (13 features), and the same with features 14 and 15 added.
  const rbfsvm::Dataset heart = rbfsvm::read_dataset(data_path);
  const rbfsvm::Index n = 60;
  rbfsvm::RowMatrix<double> wide_points = rbfsvm::RowMatrix<double>::Zero(n, 15);
  wide_points.leftCols(13) = heart.X.topRows(n);
  std::ofstream narrow(dir + "/narrow.txt"), wide(dir + "/wide.txt");
  for (rbfsvm::Index i = 0; i < n; ++i) {
    wide_points(i, 13) = 0.1 * static_cast<double>(i % 7);
    wide_points(i, 14) = -0.5;
    std::ostringstream features;
    features << std::setprecision(17);
    for (rbfsvm::Index f = 0; f < 13; ++f) {
      if (heart.X(i, f) != 0) features << ' ' << f + 1 << ':' << heart.X(i, f);
    }
    narrow << heart.labels[i] << features.str() << '\n';
    wide << heart.labels[i] << features.str();
    if (wide_points(i, 13) != 0) wide << " 14:" << wide_points(i, 13);
    wide << " 15:-0.5\n";
  }
  narrow.close();
  wide.close();
  for (const std::string kernel : {"0", "2"}) {
    INFO("kernel type " << kernel);
    const std::string model_path = dir + "/heart" + kernel + ".model";
    REQUIRE(svm_train({data_path, model_path, "-q", "-t", kernel}).status == 0);
    const Run predicted = svm_predict({dir + "/wide.txt", model_path, dir + "/wide_out.txt"});
    REQUIRE(predicted.status == 0);
    // Said once, on stderr.
    CHECK(predicted.err == "svm_predict: warning: '" + dir + "/wide.txt' has features up to 15 "
                           "but the model was trained on 13; predicting as LIBSVM does, with the "
                           "support vectors zero in the extra features (which then count in RBF "
                           "distances and nowhere else)\n");
    REQUIRE(svm_predict({dir + "/narrow.txt", model_path, dir + "/narrow_out.txt"}).status == 0);
    const rbfsvm::Model model = rbfsvm::load_model(model_path);
    if (kernel == "0") {
      // Linear: the extra features meet zeros in every inner product, so they change nothing.
      CHECK(rbfsvm::test::read_text_file(dir + "/wide_out.txt") ==
            rbfsvm::test::read_text_file(dir + "/narrow_out.txt"));
      CHECK(model.decision_values(wide_points) == model.decision_values(heart.X.topRows(n)));
    }
    // Any kernel: LIBSVM's values on the wide points (RBF distances count the extra features).
    const rbfsvm::test::LibsvmModelView libsvm(model.data());
    const rbfsvm::RowMatrix<double> theirs = rbfsvm::test::libsvm_decision_values(*libsvm.get(), wide_points);
    CHECK(((model.decision_values(wide_points) - theirs).array().abs() < 1e-12).all());
    std::vector<double> labels;
    std::istringstream lines(rbfsvm::test::read_text_file(dir + "/wide_out.txt"));
    for (double label; lines >> label;) labels.push_back(label);
    CHECK(labels == rbfsvm::test::libsvm_predictions(*libsvm.get(), wide_points));
  }
}

TEST_CASE("svm_train --scale keeps the scaling with the model for svm_predict", "[cli][scaling]") {
  const std::string dir = rbfsvm::test::scratch_directory("cli_scale");
  const std::string data_path = copy_dataset("wine.csv", dir);
  // Unscaled wine (proline is in the thousands) with gamma 1/d generalizes poorly; scaled, well.
  auto cv_percent = [&](std::vector<std::string> args) {
    args.insert(args.begin(), data_path);
    args.insert(args.end(), {"-v", "5"});
    const Run result = svm_train(args);
    REQUIRE(result.status == 0);
    std::smatch match;
    REQUIRE(std::regex_search(result.out, match, std::regex("Accuracy = ([0-9.]+)%")));
    return std::stod(match[1]);
  };
  const double raw = cv_percent({});
  CHECK(cv_percent({"--scale"}) > raw + 10);
  CHECK(cv_percent({"--scale=zscore"}) > raw + 10);
  REQUIRE(svm_train({data_path, dir + "/scaled.model", "--scale", "-q"}).status == 0);
  const rbfsvm::Model model = rbfsvm::load_model(dir + "/scaled.model");
  REQUIRE(model.data().scaling.has_value());
  const Run predicted = svm_predict({data_path, dir + "/scaled.model"});
  REQUIRE(predicted.status == 0);
  const rbfsvm::Dataset data = rbfsvm::read_dataset(data_path);
  const double expected = 100.0 * rbfsvm::accuracy(data.labels, model.predict(data.X));
  CHECK(expected > 95.0);
  std::ostringstream line;
  line << "Accuracy = " << expected << "%";
  CHECK_THAT(predicted.out, Contains(line.str()));
  CHECK(svm_train({data_path, "--scale=bogus"}).status == 2);
}

TEST_CASE("svm_train -t 4 trains on a precomputed kernel file", "[cli][precomputed]") {
  const std::string dir = rbfsvm::test::scratch_directory("cli_precomputed");
  const rbfsvm::Dataset data = rbfsvm::read_dataset(rbfsvm::test::dataset_path("heart_scale"));
  const rbfsvm::RowMatrix<double> K = rbfsvm::gram<double>(rbfsvm::Kernel::rbf(0.1), data.X, data.X);
  const std::string path = dir + "/kernel.txt";
  {
    std::ofstream file(path);
    file.precision(17);
    for (rbfsvm::Index i = 0; i < K.rows(); ++i) {
      file << data.labels[static_cast<std::size_t>(i)] << " 0:" << i + 1;
      for (rbfsvm::Index j = 0; j < K.cols(); ++j) file << ' ' << j + 1 << ':' << K(i, j);
      file << '\n';
    }
  }
  REQUIRE(svm_train({"-t", "4", path, dir + "/k.model", "-q"}).status == 0);
  REQUIRE(svm_train({"-g", "0.1", rbfsvm::test::dataset_path("heart_scale"), dir + "/g.model", "-q"}).status == 0);
  const Run from_kernel = svm_predict({path, dir + "/k.model"});
  const Run from_points = svm_predict({rbfsvm::test::dataset_path("heart_scale"), dir + "/g.model"});
  REQUIRE(from_kernel.status == 0);
  CHECK(from_kernel.out == from_points.out);
  CHECK_THAT(rbfsvm::test::read_text_file(dir + "/k.model"), Contains("kernel_type precomputed") && Contains(" 0:"));
  // A file without serial numbers is refused with its line.
  const std::string bad = dir + "/bad.txt";
  std::ofstream(bad) << "1 1:0.5 2:0.25\n";
  const Run refused = svm_train({"-t", "4", bad, dir + "/bad.model"});
  CHECK(refused.status == 1);
  CHECK_THAT(refused.err, Contains("bad.txt:1") && Contains("0:serial"));
}
