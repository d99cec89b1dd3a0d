// The k-fold splitter (svm/training/validation/folds.hpp) against its two rules written out from their description,
// LIBSVM's svm_binary_svc_probability (blocks of one shuffle) and svm_cross_validation
// (stratified deal, or blocks), with the draws the library makes: std::shuffle with
// std::mt19937(seed). LIBSVM itself draws with rand(), so its own folds cannot be compared; these
// rules are what the models and the cross-validation output depend on.
#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>
#include <random>
#include <set>
#include <vector>

#include "svm/training/validation/folds.hpp"

using rbfsvm::Index;
using rbfsvm::detail::FoldSplit;

namespace {

std::vector<Index> shuffled(Index n, std::mt19937& engine) {
  std::vector<Index> points(static_cast<std::size_t>(n));
  std::iota(points.begin(), points.end(), Index{0});
  std::shuffle(points.begin(), points.end(), engine);
  return points;
}

// Every point in exactly one fold, the training points the others, and both lists in `order`.
void check_partition(const FoldSplit& split, Index n) {
  std::vector<int> seen(static_cast<std::size_t>(n), 0);
  for (int f = 0; f < split.n_folds; ++f) {
    const std::vector<Index> test = split.test_points(f);
    const std::vector<Index> training = split.training_points(f);
    REQUIRE(static_cast<Index>(test.size() + training.size()) == n);
    for (Index i : test) ++seen[static_cast<std::size_t>(i)];
    std::set<Index> all(test.begin(), test.end());
    all.insert(training.begin(), training.end());
    REQUIRE(static_cast<Index>(all.size()) == n);
  }
  for (int count : seen) REQUIRE(count == 1);
}

}  // namespace

TEST_CASE("Platt folds are the blocks from f n / k to (f + 1) n / k of the seeded shuffle in its order",
          "[folds]") {
  for (Index n : {Index{1}, Index{3}, Index{5}, Index{7}, Index{13}, Index{270}}) {
    for (unsigned seed : {1u, 2u, 17u}) {
      const FoldSplit split = rbfsvm::detail::shuffled_blocks(n, 5, seed);
      std::mt19937 engine(seed);
      const std::vector<Index> perm = shuffled(n, engine);
      REQUIRE(split.order == perm);
      check_partition(split, n);
      for (int f = 0; f < 5; ++f) {
        const auto begin = perm.begin() + f * n / 5, end = perm.begin() + (f + 1) * n / 5;
        std::vector<Index> training(perm.begin(), begin);
        training.insert(training.end(), end, perm.end());
        REQUIRE(split.test_points(f) == std::vector<Index>(begin, end));
        REQUIRE(split.training_points(f) == training);
      }
    }
  }
}

TEST_CASE("Platt folds of fewer points than folds leave folds empty", "[folds]") {
  const FoldSplit split = rbfsvm::detail::shuffled_blocks(3, 5, 1);
  int empty = 0;
  for (int f = 0; f < 5; ++f) empty += split.test_points(f).empty() ? 1 : 0;
  REQUIRE(empty == 2);
}

TEST_CASE("Unstratified cross-validation folds put shuffle position k in fold k folds / n",
          "[folds]") {
  for (std::size_t n : {std::size_t{5}, std::size_t{7}, std::size_t{12}, std::size_t{506}}) {
    const std::vector<double> targets(n, 0.5);
    const FoldSplit split = rbfsvm::detail::cross_validation_folds(targets, false, 5, 3);
    std::mt19937 engine(3);
    const std::vector<Index> perm = shuffled(static_cast<Index>(n), engine);
    std::vector<std::vector<Index>> expected(5);
    for (std::size_t k = 0; k < n; ++k) expected[k * 5 / n].push_back(perm[k]);
    for (auto& fold : expected) std::sort(fold.begin(), fold.end());  // listed by point
    check_partition(split, static_cast<Index>(n));
    for (int f = 0; f < 5; ++f) REQUIRE(split.test_points(f) == expected[f]);
  }
}

TEST_CASE("The two block rules differ for 7 points in 5 folds", "[folds]") {
  // Platt: blocks start at floor(f n / k) = 0, 1, 2, 4, 5; cross-validation puts position k
  // in floor(k k / n): positions 0 and 1 both in fold 0.
  const FoldSplit platt = rbfsvm::detail::shuffled_blocks(7, 5, 1);
  const FoldSplit cv = rbfsvm::detail::cross_validation_folds(std::vector<double>(7, 0.0), false, 5, 1);
  REQUIRE(platt.test_points(0).size() == 1);
  REQUIRE(cv.test_points(0).size() == 2);
}

TEST_CASE("Stratified cross-validation folds deal each shuffled class round-robin in label order",
          "[folds]") {
  // Labels out of order, unbalanced, and a class smaller than the number of folds.
  std::vector<double> labels;
  for (int i = 0; i < 40; ++i) labels.push_back(i % 7 == 0 ? -1.0 : i % 3 == 0 ? 4.0 : 2.0);
  labels.push_back(9.0);
  const int folds = 5;
  const FoldSplit split = rbfsvm::detail::cross_validation_folds(labels, true, folds, 11);

  std::mt19937 engine(11);
  std::vector<int> expected(labels.size());
  int next = 0;
  for (double label : {-1.0, 2.0, 4.0, 9.0}) {
    std::vector<std::size_t> members;
    for (std::size_t i = 0; i < labels.size(); ++i)
      if (labels[i] == label) members.push_back(i);
    std::shuffle(members.begin(), members.end(), engine);
    for (std::size_t member : members) {
      expected[member] = next;
      next = (next + 1) % folds;
    }
  }
  REQUIRE(split.fold == expected);
  check_partition(split, static_cast<Index>(labels.size()));
  for (int f = 0; f < folds; ++f) {
    const std::vector<Index> test = split.test_points(f);
    REQUIRE(std::is_sorted(test.begin(), test.end()));
    // The deal gives every fold n / k or n / k + 1 points.
    REQUIRE((test.size() == labels.size() / folds || test.size() == labels.size() / folds + 1));
  }
}

TEST_CASE("Fold splits depend on the seed only", "[folds]") {
  const std::vector<double> labels{1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2};
  REQUIRE(rbfsvm::detail::cross_validation_folds(labels, true, 3, 5).fold ==
          rbfsvm::detail::cross_validation_folds(labels, true, 3, 5).fold);
  REQUIRE(rbfsvm::detail::shuffled_blocks(50, 5, 5).order !=
          rbfsvm::detail::shuffled_blocks(50, 5, 6).order);
}
