// The same data and options give a byte-identical model file (and sidecar) for any thread count
// and on every run: LIBSVM-format two-class, a multiclass CSV with text labels, and probability
// models, whose internal cross-validation must not depend on threads either. Also the solver's
// passes split in two halves on two threads (src/solver/pass_splitter.hpp): the halves cover each pass
// once, and splitting never changes a model.
#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "solver/pass_splitter.hpp"
#include "solver/train_text.hpp"
#include "support/paths.hpp"
#include "svm_train_cli.hpp"

namespace fs = std::filesystem;
using Index = Eigen::Index;
using rbfsvm::detail::PassSplitter;

namespace {

// Splitting from 64 variables on (a busy machine may have paused splitting on this thread:
// forgotten).
rbfsvm::PassSplitting short_passes() {
  rbfsvm::detail::reset_pass_split_pause();
  rbfsvm::PassSplitting splitting;
  splitting.min_length = 64;
  return splitting;
}


// The model text (and the sidecar's, when there is one) from svm_train with `threads` threads.
std::string train(const std::string& dir, const std::vector<std::string>& options,
                  const std::string& data, int threads, int run) {
  const std::string model = dir + "/t" + std::to_string(threads) + "_r" + std::to_string(run) + ".model";
  std::vector<std::string> args = options;
  args.insert(args.end(), {"-q", "--threads", std::to_string(threads), data, model});
  std::ostringstream out, err;
  const int status = rbfsvm::cli::run_svm_train(args, out, err);
  INFO(err.str());
  REQUIRE(status == 0);
  std::string text = rbfsvm::test::read_file(model);
  if (fs::exists(model + ".json")) text += "\n--- sidecar ---\n" + rbfsvm::test::read_file(model + ".json");
  return text;
}

void check_deterministic(const std::string& name, const std::string& dataset,
                         const std::vector<std::string>& options) {
  const std::string dir = rbfsvm::test::scratch_directory("determinism_" + name);
  const std::string data = rbfsvm::test::dataset_path(dataset);
  const std::string reference = train(dir, options, data, 1, 1);
  REQUIRE(reference.find("SV\n") != std::string::npos);
  for (int run = 1; run <= 2; ++run) {
    for (int threads : {1, 2, 4}) {
      if (threads == 1 && run == 1) continue;
      INFO("threads " << threads << ", run " << run);
      CHECK(train(dir, options, data, threads, run) == reference);
    }
  }
}

}  // namespace

TEST_CASE("heart_scale models are byte-identical for 1 2 and 4 threads and across runs",
          "[determinism][threads]") {
  check_deterministic("heart", "heart_scale", {"-c", "4", "-g", "0.1"});
}

TEST_CASE("iris multiclass models are byte-identical for 1 2 and 4 threads and across runs",
          "[determinism][threads][multiclass]") {
  check_deterministic("iris", "iris.csv", {"--sigma", "1", "-C", "10"});
}

TEST_CASE("probability models are byte-identical for 1 2 and 4 threads and across runs",
          "[determinism][threads][probability]") {
  check_deterministic("heart_probability", "heart_scale", {"-b", "1"});
  check_deterministic("iris_probability", "iris.csv", {"-b", "1", "--scale"});
}

// The fast path's batched rows under a budget far below the whole matrix (2000 x 2000 floats is
// 16 MB; 1 MB keeps about 130 rows): rows are prefetched in batches, evicted and recomputed,
// and which rows are computed together must not depend on the thread count either. Also the
// exact path's column cache and one-vs-one pairs without the shared matrix (wine: 3 classes).
TEST_CASE("models trained with a small kernel budget are byte-identical for 1 2 and 4 threads",
          "[determinism][threads][budget]") {
  check_deterministic("a9a_budget", "a9a_2000", {"-c", "1", "-g", "0.5", "-m", "1"});
  check_deterministic("heart_exact", "heart_scale", {"-c", "4", "-m", "0.01", "--exact"});
  check_deterministic("wine_budget", "wine.csv", {"--scale", "-c", "10", "-m", "0.01"});
}

// One-vs-one over the shared diagonal blocks: the budget decides how many pairs hold their local
// copy of Q at once (iris: blocks 3 x 50^2 floats, 30 kB; a pair's copy 100^2 floats, 40 kB;
// 0.08 MB holds one copy beside the blocks), never the values.
TEST_CASE("one-vs-one models do not depend on how many pairs the budget lets run at once",
          "[determinism][threads][budget][multiclass]") {
  const std::string dir = rbfsvm::test::scratch_directory("determinism_pairs_at_once");
  const std::string data = rbfsvm::test::dataset_path("iris.csv");
  const std::vector<std::string> options = {"--sigma", "1", "-C", "10"};
  std::vector<std::string> one_at_a_time = options;
  one_at_a_time.insert(one_at_a_time.end(), {"-m", "0.08"});
  const std::string reference = train(dir, options, data, 2, 1);
  CHECK(train(dir, one_at_a_time, data, 2, 2) == reference);
  CHECK(train(dir, one_at_a_time, data, 1, 3) == reference);
}

TEST_CASE("a split pass covers every index once in two halves", "[splitter]") {
  for (Index n : {Index{64}, Index{100}, Index{1000}, Index{4097}}) {
    INFO("n = " << n);
    std::vector<int> visits(static_cast<std::size_t>(n), 0);
    std::vector<Index> bounds[2];
    PassSplitter splitter(2, short_passes());
    splitter.run(n, [&](Index begin, Index end, int half) {
      bounds[half] = {begin, end};
      for (Index t = begin; t < end; ++t) ++visits[static_cast<std::size_t>(t)];
    });
    for (int count : visits) REQUIRE(count == 1);
    if (splitter.splits() > 0) {
      CHECK(bounds[0] == std::vector<Index>{0, bounds[1][0]});
      CHECK(bounds[1][1] == n);
      CHECK(bounds[0][1] % 16 == 0);
    } else {
      CHECK(bounds[0] == std::vector<Index>{0, n});  // no second thread to be had
    }
  }
  // One thread, or a pass shorter than the split length: whole, on the calling thread.
  PassSplitter one(1);
  int calls = 0;
  one.run(5000, [&](Index begin, Index end, int half) {
    ++calls;
    CHECK(begin == 0);
    CHECK(end == 5000);
    CHECK(half == 0);
  });
  CHECK(calls == 1);
  CHECK(one.splits() == 0);
  PassSplitter two(2, short_passes());
  two.run(63, [&](Index begin, Index end, int) { CHECK(end - begin == 63); });
  CHECK(two.splits() == 0);
  rbfsvm::PassSplitting off = short_passes();
  off.enabled = false;
  PassSplitter disabled(2, off);
  disabled.run(5000, [&](Index begin, Index end, int) { CHECK(end - begin == 5000); });
  CHECK(disabled.splits() == 0);
}

// With every pass of 64 variables or more split, the working-set selection (both passes and
// their merge), the gradient update, the column copies and single kernel rows all run in
// halves; the models must match the unsplit ones byte for byte (C-SVC and nu-SVC, which share
// no working-set code, epsilon-SVR's two variables per point, and the exact path).
TEST_CASE("splitting long passes never changes a model", "[splitter][determinism]") {
  using rbfsvm::SvmType;
  using rbfsvm::test::rbf_options;
  struct Case {
    std::string name, data;
    rbfsvm::TrainOptions options;
  };
  rbfsvm::TrainOptions budget = rbf_options(SvmType::c_svc, 4, 0.1);
  budget.cache_mb = 0.05;
  rbfsvm::TrainOptions nu = rbf_options(SvmType::nu_svc, 1, 1.0 / 13);
  nu.nu = 0.3;
  rbfsvm::TrainOptions svr = rbf_options(SvmType::epsilon_svr, 10, 1.0 / 13);
  svr.epsilon = 0.5;
  rbfsvm::TrainOptions exact = rbf_options(SvmType::c_svc, 4, 1.0 / 13);
  exact.kernel_evaluation = rbfsvm::KernelEvaluation::exact;
  const std::vector<Case> cases = {
      {"heart", "heart_scale", rbf_options(SvmType::c_svc, 4, 0.1)},
      {"heart_budget", "heart_scale", budget},
      {"heart_nu", "heart_scale", nu},
      {"housing_svr", "housing_scale", svr},
      {"heart_exact", "heart_scale", exact},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    rbfsvm::TrainOptions options = c.options;
    options.n_threads = 1;
    const std::string whole = rbfsvm::test::trained_model_text(c.data, options);
    REQUIRE(whole.find("SV\n") != std::string::npos);
    std::atomic<std::int64_t> splits{0};
    options.n_threads = 2;
    options.pass_splitting = short_passes();
    options.pass_splitting.splits_made = &splits;
    CHECK(rbfsvm::test::trained_model_text(c.data, options) == whole);
    if (rbfsvm::detail::pass_splitting_built()) {
      // The split path did run (at least the first long pass splits, however busy the machine).
      CHECK(splits.load() > 0);
    }
  }
}

// Two trainings at once on two threads of one process, one with the baseline loops and passes
// split from 64 variables, the other with AVX2 (where the CPU has it) and no splitting: each
// follows its own options (counted splits) and the models are byte-identical.
TEST_CASE("two concurrent trainings with different SIMD and splitting give the same model",
          "[splitter][simd][determinism]") {
  rbfsvm::TrainOptions first = rbfsvm::test::rbf_options(rbfsvm::SvmType::c_svc, 4, 0.1);
  first.n_threads = 2;
  rbfsvm::TrainOptions second = first;
  std::atomic<std::int64_t> first_splits{0}, second_splits{0};
  first.simd = rbfsvm::Simd::sse2;
  first.pass_splitting.min_length = 64;
  first.pass_splitting.splits_made = &first_splits;
  second.simd = rbfsvm::Simd::avx2;
  second.pass_splitting.enabled = false;
  second.pass_splitting.splits_made = &second_splits;
  std::string first_model, second_model;
  std::thread other([&] {
    rbfsvm::detail::reset_pass_split_pause();
    first_model = rbfsvm::test::trained_model_text("heart_scale", first);
  });
  second_model = rbfsvm::test::trained_model_text("heart_scale", second);
  other.join();
  REQUIRE(first_model.find("SV\n") != std::string::npos);
  CHECK(first_model == second_model);
  CHECK(second_splits.load() == 0);
  if (rbfsvm::detail::pass_splitting_built()) CHECK(first_splits.load() > 0);
}
