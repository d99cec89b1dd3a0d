// Long solver passes split in two halves on two threads (src/pass_splitter.hpp): the halves
// cover the pass exactly, and splitting never changes a trained model.
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "../src/pass_splitter.hpp"
#include "support/paths.hpp"
#include "svm_train_cli.hpp"

using Index = Eigen::Index;
using rbfsvm::detail::PassSplitter;

namespace {

// Lowers the split length for one test and restores it.
struct SplitLength {
  explicit SplitLength(Index length) : saved(rbfsvm::detail::pass_split_length()) {
    rbfsvm::detail::set_pass_split_length(length);
    rbfsvm::detail::reset_pass_split_pause();  // a busy machine may have paused splitting
  }
  ~SplitLength() { rbfsvm::detail::set_pass_split_length(saved); }
  Index saved;
};

std::string train(const std::vector<std::string>& options, const std::string& data, int threads,
                  const std::string& model) {
  std::vector<std::string> args = options;
  args.insert(args.end(), {"-q", "--threads", std::to_string(threads), data, model});
  std::ostringstream out, err;
  const int status = rbfsvm::cli::run_svm_train(args, out, err);
  INFO(err.str());
  REQUIRE(status == 0);
  return rbfsvm::test::read_file(model);
}

}  // namespace

TEST_CASE("a split pass covers every index once in two halves", "[splitter]") {
  const SplitLength short_passes(64);
  for (Index n : {Index{64}, Index{100}, Index{1000}, Index{4097}}) {
    INFO("n = " << n);
    std::vector<int> visits(static_cast<std::size_t>(n), 0);
    std::vector<Index> bounds[2];
    PassSplitter splitter(2);
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
  PassSplitter two(2);
  two.run(63, [&](Index begin, Index end, int) { CHECK(end - begin == 63); });
  CHECK(two.splits() == 0);
}

// With every pass of 64 variables or more split, the working-set selection (both passes and
// their merge), the gradient update, the column copies and single kernel rows all run in
// halves; the models must match the unsplit ones byte for byte (C-SVC and nu-SVC, which share
// no working-set code, epsilon-SVR's two variables per point, and the exact path).
TEST_CASE("splitting long passes never changes a model", "[splitter][determinism]") {
  const std::string dir = rbfsvm::test::scratch_directory("pass_splitter");
  struct Case {
    std::string name, data;
    std::vector<std::string> options;
  };
  const std::vector<Case> cases = {
      {"heart", "heart_scale", {"-c", "4", "-g", "0.1"}},
      {"heart_budget", "heart_scale", {"-c", "4", "-g", "0.1", "-m", "0.05"}},
      {"heart_nu", "heart_scale", {"-s", "1", "-n", "0.3"}},
      {"housing_svr", "housing_scale", {"-s", "3", "-c", "10", "-p", "0.5"}},
      {"heart_exact", "heart_scale", {"-c", "4", "--exact"}},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    const std::string data = rbfsvm::test::dataset_path(c.data);
    const std::string whole = train(c.options, data, 1, dir + "/" + c.name + "_whole.model");
    REQUIRE(whole.find("SV\n") != std::string::npos);
    const SplitLength short_passes(64);
    const std::int64_t splits_before = rbfsvm::detail::pass_splits_made();
    CHECK(train(c.options, data, 2, dir + "/" + c.name + "_split.model") == whole);
    if (rbfsvm::detail::pass_splitting_built()) {
      // The split path did run (at least the first long pass splits, however busy the machine).
      CHECK(rbfsvm::detail::pass_splits_made() > splits_before);
    }
  }
}
