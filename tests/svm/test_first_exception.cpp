// FirstException (core/parallel.hpp): a parallel loop whose tasks throw finishes every task and
// rethrows one exception, the first caught.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/parallel.hpp"
#include "core/threads.hpp"
#include "rbfsvm/core/types.hpp"

using rbfsvm::Index;

namespace {

// Runs 40 tasks on `threads` threads; tasks 3, 5 and 30 throw their index.
std::string run_failing_loop(int threads, std::vector<int>& ran) {
  ran.assign(40, 0);
  rbfsvm::detail::FirstException failure;
  rbfsvm::detail::parallel_for(40, threads, [&](Index t) {
    failure.capture([&] {
      ran[static_cast<std::size_t>(t)] = 1;
      if (t == 3 || t == 5 || t == 30) throw std::runtime_error(std::to_string(t));
    });
  });
  try {
    failure.rethrow();
  } catch (const std::runtime_error& error) {
    return error.what();
  }
  return "none";
}

}  // namespace

TEST_CASE("FirstException on one thread rethrows the exception of the lowest index",
          "[parallel]") {
  std::vector<int> ran;
  REQUIRE(run_failing_loop(1, ran) == "3");
  REQUIRE(std::count(ran.begin(), ran.end(), 1) == 40);
}

TEST_CASE("FirstException on several threads rethrows one of the exceptions after every task",
          "[parallel]") {
  std::vector<int> ran;
  const std::string thrown = run_failing_loop(4, ran);
  REQUIRE((thrown == "3" || thrown == "5" || thrown == "30"));
  REQUIRE(std::count(ran.begin(), ran.end(), 1) == 40);
}

TEST_CASE("FirstException without a failure rethrows nothing", "[parallel]") {
  rbfsvm::detail::FirstException failure;
  std::atomic<int> count{0};
  rbfsvm::detail::parallel_for(10, 2, [&](Index) { failure.capture([&] { ++count; }); });
  REQUIRE_NOTHROW(failure.rethrow());
  REQUIRE(count == 10);
}
