#include "grid_across_ranks.hpp"

#include <stdexcept>

namespace rbfsvm::cli {
namespace {

// This rank's share of `grid`'s gamma values, searched; on rank 0 every rank's points in one
// process's order, elsewhere none.
std::vector<GridPoint> search_dealt(const Dataset& data, const TrainOptions& base,
                                    const GridSearchOptions& grid, GridRanks& ranks,
                                    bool& higher_is_better) {
  std::vector<GridPoint> mine;
  for (const Log2Range& share : gamma_share(grid.log2_gamma, ranks.rank(), ranks.size())) {
    GridSearchOptions part = grid;
    part.log2_gamma = share;
    part.refine = false;
    const GridSearchResult result = grid_search(data, base, part);
    mine.insert(mine.end(), result.points.begin(), result.points.end());
    higher_is_better = result.higher_is_better;
  }
  const std::vector<std::vector<GridPoint>> by_rank = ranks.gather(mine);
  if (ranks.rank() != 0) return {};
  return merge_shares(by_rank, grid.log2_gamma.values().size(), grid.log2_C.values().size());
}

}  // namespace

std::vector<Log2Range> gamma_share(const Log2Range& gamma, int rank, int size) {
  const std::vector<double> all = gamma.values();
  std::vector<double> wanted;
  for (std::size_t j = static_cast<std::size_t>(rank); j < all.size();
       j += static_cast<std::size_t>(size)) {
    wanted.push_back(all[j]);
  }
  if (wanted.empty()) return {};
  const Log2Range strided{wanted.front(), wanted.back(), gamma.step * size};
  if (strided.values() == wanted) return {strided};
  std::vector<Log2Range> one_each;
  for (double value : wanted) one_each.push_back({value, value, gamma.step});
  return one_each;
}

std::vector<GridPoint> merge_shares(const std::vector<std::vector<GridPoint>>& by_rank,
                                    std::size_t n_gamma, std::size_t n_C) {
  const std::size_t size = by_rank.size();
  std::vector<GridPoint> points;
  std::vector<std::size_t> used(size, 0);
  for (std::size_t j = 0; j < n_gamma; ++j) {
    const std::vector<GridPoint>& share = by_rank[j % size];
    std::size_t& next = used[j % size];
    if (share.size() < next + n_C)
      throw std::logic_error("merge_shares: a rank sent too few points");
    points.insert(points.end(), share.begin() + static_cast<std::ptrdiff_t>(next),
                  share.begin() + static_cast<std::ptrdiff_t>(next + n_C));
    next += n_C;
  }
  for (std::size_t r = 0; r < size; ++r) {
    if (used[r] != by_rank[r].size())
      throw std::logic_error("merge_shares: a rank sent too many points");
  }
  return points;
}

GridSearchResult grid_search_across(const Dataset& data, const TrainOptions& base,
                                    const GridSearchOptions& grid, GridRanks& ranks) {
  // Rank 0 always has work (the first gamma value), so it knows the score's direction.
  GridSearchResult result;
  result.points = search_dealt(data, base, grid, ranks, result.higher_is_better);
  if (ranks.rank() == 0) result.best = best_point(result.points, result.higher_is_better);
  if (!grid.refine) return result;
  const GridPoint coarse_best = ranks.broadcast(result.best);
  const std::vector<GridPoint> fine =
      search_dealt(data, base, refined_grid(grid, coarse_best), ranks, result.higher_is_better);
  if (ranks.rank() != 0) return {};
  result.points.insert(result.points.end(), fine.begin(), fine.end());
  result.best = best_point(result.points, result.higher_is_better);
  return result;
}

}  // namespace rbfsvm::cli
