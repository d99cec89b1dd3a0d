// Grid search over (C, gamma): the best point is the best cross-validation score, ties go to the
// smoother model, and nothing depends on the thread count.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "rbfsvm/config.hpp"
#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/svm/evaluation.hpp"
#include "rbfsvm/svm/grid_search.hpp"
#include "support/paths.hpp"
#include "svm_grid_cli.hpp"

using Catch::Matchers::Contains;
using rbfsvm::GridSearchOptions;

namespace {

rbfsvm::Dataset heart() { return rbfsvm::read_dataset(rbfsvm::test::dataset_path("heart_scale")); }

GridSearchOptions small_grid() {
  GridSearchOptions options;
  options.log2_C = {-1, 5, 2};
  options.log2_gamma = {-1, -7, -2};
  return options;
}

}  // namespace

TEST_CASE("log2 ranges follow grid.py", "[grid]") {
  CHECK(rbfsvm::Log2Range{-5, 15, 2}.values().size() == 11);
  CHECK(rbfsvm::Log2Range{3, -15, -2}.values().size() == 10);
  CHECK(rbfsvm::Log2Range{3, -15, -2}.values().back() == -15);
  CHECK(rbfsvm::Log2Range{0, 1, 0.25}.values().size() == 5);
  CHECK_THROWS_AS((rbfsvm::Log2Range{0, 5, -1}.values()), rbfsvm::InvalidArgument);
  CHECK_THROWS_AS((rbfsvm::Log2Range{0, 5, 0}.values()), rbfsvm::InvalidArgument);
}

TEST_CASE("grid search picks the best cross-validation accuracy", "[grid]") {
  const rbfsvm::Dataset data = heart();
  const rbfsvm::TrainOptions base;
  const auto result = rbfsvm::grid_search(data, base, small_grid());
  REQUIRE(result.points.size() == 16);
  // Independently: every point's accuracy, and the best by the documented tie rule.
  double best_score = -1;
  for (const auto& point : result.points) {
    rbfsvm::TrainOptions trial = base;
    trial.C = point.C;
    trial.kernel.gamma = point.gamma;
    const double score =
        rbfsvm::accuracy(data.labels, rbfsvm::cross_validation_predictions(data, trial, 5));
    CHECK(score == point.score);
    best_score = std::max(best_score, score);
  }
  CHECK(result.best.score == best_score);
  for (const auto& point : result.points) {
    if (point.score == best_score) {
      CHECK((point.C > result.best.C || (point.C == result.best.C && point.gamma >= result.best.gamma)));
    }
  }
}

TEST_CASE("grid search does not depend on the thread count", "[grid][threads]") {
  const rbfsvm::Dataset data = heart();
  GridSearchOptions one = small_grid(), two = small_grid();
  one.n_threads = 1;
  two.n_threads = 2;
  const auto a = rbfsvm::grid_search(data, rbfsvm::TrainOptions{}, one);
  const auto b = rbfsvm::grid_search(data, rbfsvm::TrainOptions{}, two);
  REQUIRE(a.points.size() == b.points.size());
  for (std::size_t k = 0; k < a.points.size(); ++k) CHECK(a.points[k].score == b.points[k].score);
}

TEST_CASE("refinement searches a finer grid around the best point", "[grid]") {
  GridSearchOptions options = small_grid();
  options.refine = true;
  std::size_t calls = 0, total_seen = 0;
  options.progress = [&](std::size_t, std::size_t total, const rbfsvm::GridPoint&) {
    ++calls;
    total_seen = total;
  };
  const auto result = rbfsvm::grid_search(heart(), rbfsvm::TrainOptions{}, options);
  CHECK(result.points.size() == 16 + 81);
  CHECK(calls == result.points.size());
  CHECK(total_seen == result.points.size());
  double coarse_best = 0;
  for (std::size_t k = 0; k < 16; ++k) coarse_best = std::max(coarse_best, result.points[k].score);
  CHECK(result.best.score >= coarse_best);
}

TEST_CASE("regression grids minimize the mean squared error", "[grid]") {
  const rbfsvm::Dataset data = rbfsvm::read_dataset(rbfsvm::test::dataset_path("housing_scale"));
  rbfsvm::TrainOptions base;
  base.svm_type = rbfsvm::SvmType::epsilon_svr;
  GridSearchOptions options;
  options.log2_C = {0, 4, 4};
  options.log2_gamma = {-4, 0, 4};
  const auto result = rbfsvm::grid_search(data, base, options);
  CHECK_FALSE(result.higher_is_better);
  for (const auto& point : result.points) CHECK(result.best.score <= point.score);
}

TEST_CASE("svm_grid writes the grid and names the best pair", "[grid][cli]") {
  const std::string dir = rbfsvm::test::scratch_directory("grid_cli");
  std::ostringstream out, err;
  std::vector<std::string> args{rbfsvm::test::dataset_path("heart_scale"), "--log2c", "-1,5,2",
                                "--log2g", "-1,-7,-2", "--csv", dir + "/grid.csv", "-q"};
  if (RBFSVM_WITH_PLOT) args.insert(args.end(), {"--png", dir + "/grid.png"});
  const int status = rbfsvm::cli::run_svm_grid(args, out, err);
  REQUIRE(status == 0);
  CHECK_THAT(out.str(), Contains("best C = 2^") && Contains("accuracy"));
  std::ifstream csv(dir + "/grid.csv");
  std::string header;
  std::getline(csv, header);
  CHECK(header == "log2_C,log2_gamma,C,gamma,sigma,accuracy");
  int rows = 0;
  for (std::string line; std::getline(csv, line);) ++rows;
  CHECK(rows == 16);
  if (!RBFSVM_WITH_PLOT) return;
  std::ifstream png(dir + "/grid.png", std::ios::binary);
  char signature[4] = {};
  png.read(signature, 4);
  CHECK(std::string(signature + 1, 3) == "PNG");
}

TEST_CASE("svm_grid takes LIBSVM's numbers for -s as svm_train does", "[grid][cli]") {
  const std::string data = rbfsvm::test::dataset_path("housing_scale");
  std::ostringstream by_number, by_name, err;
  REQUIRE(rbfsvm::cli::run_svm_grid({data, "-s", "3", "--log2c", "0,2,2", "--log2g", "0,-2,-2", "-q"},
                                    by_number, err) == 0);
  REQUIRE(rbfsvm::cli::run_svm_grid(
              {data, "-s", "epsilon_svr", "--log2c", "0,2,2", "--log2g", "0,-2,-2", "-q"}, by_name,
              err) == 0);
  CHECK_THAT(by_number.str(), Contains("mean squared error"));
  CHECK(by_number.str() == by_name.str());
}

TEST_CASE("svm_grid refusals", "[grid][cli][errors]") {
  std::ostringstream out, err;
  const std::string data = rbfsvm::test::dataset_path("heart_scale");
  CHECK(rbfsvm::cli::run_svm_grid({data, "--log2c", "1,2"}, out, err) == 1);
  CHECK_THAT(err.str(), Contains("BEGIN,END,STEP"));
  CHECK(rbfsvm::cli::run_svm_grid({data, "--log2c", "5,1,1"}, out, err) == 1);
  CHECK(rbfsvm::cli::run_svm_grid({data, "-s", "one_class"}, out, err) == 1);
  CHECK(rbfsvm::cli::run_svm_grid({data, "-s", "2"}, out, err) == 1);  // one-class by number
  CHECK(rbfsvm::cli::run_svm_grid({data, "-v", "1"}, out, err) == 1);
  CHECK(rbfsvm::cli::run_svm_grid({}, out, err) == 2);
}
