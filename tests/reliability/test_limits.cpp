// Resource bounds: the memory limit refuses up front, the time limit and an interrupt stop
// training early, and an interrupted run writes no model.
#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/svm/model_io.hpp"
#include "rbfsvm/svm/train.hpp"
#include "support/paths.hpp"
#include "svm_train_cli.hpp"

using Catch::Matchers::Contains;

namespace {

// Noisy XOR that takes the solver many iterations at a large C (a slow training run).
std::string write_slow_problem(const std::string& dir) {
  std::mt19937 engine(3);
  std::normal_distribution<double> noise(0.0, 0.8);
  const std::string path = dir + "/slow.csv";
  std::ofstream file(path);
  file << "x,y,label\n";
  for (int i = 0; i < 6000; ++i) {
    const double a = (i % 2) ? 1.0 : -1.0, b = ((i / 2) % 2) ? 1.0 : -1.0;
    file << a + noise(engine) << ',' << b + noise(engine) << ',' << (a * b > 0 ? 1 : -1) << '\n';
  }
  return path;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("the memory limit refuses a run up front with the figure it needs", "[limits]") {
  rbfsvm::Dataset data;
  data.X = rbfsvm::RowMatrix<double>::Random(1000, 10);
  data.labels.assign(1000, 1.0);
  data.labels[0] = -1;
  rbfsvm::TrainOptions options;
  options.cache_mb = 500;
  options.max_memory_mb = 100;
  CHECK_THROWS_WITH(rbfsvm::train(data, options),
                    Contains("MB") && Contains("memory limit of 100 MB") && Contains("--cache-mb"));
  options.max_memory_mb = 10000;
  CHECK_NOTHROW(rbfsvm::train(data, options));
  CHECK(rbfsvm::default_max_memory_mb() > 0);
  options.max_memory_mb = -1;
  CHECK_THROWS_AS(rbfsvm::train(data, options), rbfsvm::InvalidArgument);
}

TEST_CASE("a time limit ends training early with a usable model", "[limits]") {
  const std::string dir = rbfsvm::test::scratch_directory("limits_time");
  const std::string data = write_slow_problem(dir);
  std::ostringstream out, err;
  const auto start = std::chrono::steady_clock::now();
  const int status = rbfsvm::cli::run_svm_train(
      {data, dir + "/m.model", "-c", "100000", "-g", "20", "--time-limit", "0.3", "--threads", "1"},
      out, err);
  const double elapsed = seconds_since(start);
  CHECK(status == 0);
  CHECK_THAT(err.str(), Contains("warning") && Contains("time limit"));
  CHECK(elapsed < 5.0);
  const rbfsvm::Model model = rbfsvm::load_model(dir + "/m.model");
  CHECK(model.n_support_vectors() > 0);
  std::ostringstream out2, err2;
  CHECK(rbfsvm::cli::run_svm_train({data, "--time-limit", "-1"}, out2, err2) == 1);
}

TEST_CASE("an interrupt stops training and writes no model", "[limits]") {
  const std::string dir = rbfsvm::test::scratch_directory("limits_interrupt");
  const std::string data = write_slow_problem(dir);
  const std::string model = dir + "/m.model";
  std::ofstream(model) << "previous model";
  std::thread interrupter([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    std::raise(SIGINT);
  });
  std::ostringstream out, err;
  const auto start = std::chrono::steady_clock::now();
  const int status = rbfsvm::cli::run_svm_train(
      {data, model, "-c", "100000", "-g", "20", "--threads", "1", "--max-iterations", "100000000"},
      out, err);
  interrupter.join();
  CHECK(status == 130);
  CHECK_THAT(err.str(), Contains("interrupted") && Contains("no model written"));
  CHECK(seconds_since(start) < 10.0);
  std::ifstream in(model);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text == "previous model");
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    CHECK(entry.path().string().find(".tmp.") == std::string::npos);
  }
}
