#include "svm/training/validation/folds.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <random>

namespace rbfsvm::detail {
namespace {

std::vector<Index> points_where(const FoldSplit& split, int f, bool in_fold) {
  std::vector<Index> points;
  for (Index i : split.order) {
    if ((split.fold[static_cast<std::size_t>(i)] == f) == in_fold) points.push_back(i);
  }
  return points;
}

FoldSplit empty_split(std::size_t n, int folds) {
  FoldSplit split;
  split.n_folds = folds;
  split.fold.resize(n);
  split.order.resize(n);
  std::iota(split.order.begin(), split.order.end(), Index{0});
  return split;
}

}  // namespace

std::vector<Index> FoldSplit::test_points(int f) const {
  return points_where(*this, f, true);
}

std::vector<Index> FoldSplit::training_points(int f) const {
  return points_where(*this, f, false);
}

FoldSplit shuffled_blocks(Index n, int folds, unsigned seed) {
  FoldSplit split = empty_split(static_cast<std::size_t>(n), folds);
  std::shuffle(split.order.begin(), split.order.end(), std::mt19937(seed));
  for (Index f = 0; f < folds; ++f) {
    const Index begin = f * n / folds, end = (f + 1) * n / folds;
    for (Index k = begin; k < end; ++k) {
      split.fold[static_cast<std::size_t>(split.order[static_cast<std::size_t>(k)])] =
          static_cast<int>(f);
    }
  }
  return split;
}

FoldSplit cross_validation_folds(const std::vector<double>& labels, bool stratified, int folds,
                                 unsigned seed) {
  const std::size_t n = labels.size();
  FoldSplit split = empty_split(n, folds);
  std::mt19937 engine(seed);
  if (stratified) {
    std::map<double, std::vector<std::size_t>> by_class;
    for (std::size_t i = 0; i < n; ++i) by_class[labels[i]].push_back(i);
    int next = 0;
    for (auto& [label, members] : by_class) {
      std::shuffle(members.begin(), members.end(), engine);
      for (std::size_t member : members) {
        split.fold[member] = next;
        next = (next + 1) % folds;
      }
    }
  } else {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::shuffle(order.begin(), order.end(), engine);
    for (std::size_t k = 0; k < n; ++k) {
      split.fold[order[k]] = static_cast<int>(k * static_cast<std::size_t>(folds) / n);
    }
  }
  return split;
}

}  // namespace rbfsvm::detail
