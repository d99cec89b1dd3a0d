// svm_grid's search shared by ranks: the gamma values dealt round-robin (rank r of N searches
// the r-th, (r+N)-th, ... value of the range, so that every rank gets small and large gammas
// alike), each rank running grid_search on its share with all its threads, and rank 0 gathering
// the points back into one process's order and choosing the best by the same rule.
#pragma once

#include <vector>

#include "grid_ranks.hpp"
#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/svm/grid_search.hpp"

namespace rbfsvm::cli {

// On rank 0, the result grid_search(data, base, grid) gives in one process, points and best
// alike (refinement included); on the other ranks an empty result. Collective.
GridSearchResult grid_search_across(const Dataset& data, const TrainOptions& base,
                                    const GridSearchOptions& grid, GridRanks& ranks);

// The gamma ranges rank `rank` of `size` searches: one range with the stride `size` when its
// values are the full range's bit for bit, else one range per value (a step such as 0.1 adds up
// differently in steps of 0.1 x size). Empty for a rank past the last value.
std::vector<Log2Range> gamma_share(const Log2Range& gamma, int rank, int size);

// Every rank's points (each rank's in the order it searched its share) in one process's order:
// for each gamma of the full range, the points of every C. Throws std::logic_error when the
// counts do not fit the grid.
std::vector<GridPoint> merge_shares(const std::vector<std::vector<GridPoint>>& by_rank,
                                    std::size_t n_gamma, std::size_t n_C);

}  // namespace rbfsvm::cli
