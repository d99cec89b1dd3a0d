// svm_grid's grid shared by ranks, without MPI: the gamma values dealt so that every value is
// searched once with the bits one process gives it, the shares merged back into one process's
// order, and the refinement's grid that of grid_search. tests/mpi/ runs the same under mpirun.
#include <catch2/catch.hpp>
#include <cmath>

#include "grid/grid_across_ranks.hpp"
#include "grid/grid_ranks.hpp"
#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/svm/grid_search.hpp"
#include "support/paths.hpp"

using rbfsvm::GridPoint;
using rbfsvm::GridSearchOptions;
using rbfsvm::Log2Range;

namespace {

rbfsvm::Dataset heart() {
  return rbfsvm::read_dataset(rbfsvm::test::dataset_path("heart_scale"));
}

GridSearchOptions small_grid() {
  GridSearchOptions options;
  options.log2_C = {-1, 3, 2};
  options.log2_gamma = {-5, -1, 2};
  options.folds = 3;
  return options;
}

void check_same(const std::vector<GridPoint>& a, const std::vector<GridPoint>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t k = 0; k < a.size(); ++k) {
    CHECK(a[k].C == b[k].C);
    CHECK(a[k].gamma == b[k].gamma);
    CHECK(a[k].score == b[k].score);
  }
}

}  // namespace

TEST_CASE("the gamma values are dealt round-robin, each once and with one process's bits",
          "[grid][ranks]") {
  // Steps exact in binary and one that is not (0.1 x 3 is not 0.3 added up).
  for (const Log2Range& gamma :
       {Log2Range{3, -15, -2}, Log2Range{0, 1, 0.25}, Log2Range{-4.6, -3.1, 0.1}}) {
    const std::vector<double> all = gamma.values();
    for (int size = 1; size <= 12; ++size) {
      std::vector<std::vector<double>> dealt(static_cast<std::size_t>(size));
      for (int rank = 0; rank < size; ++rank) {
        for (const Log2Range& share : rbfsvm::cli::gamma_share(gamma, rank, size)) {
          for (double value : share.values())
            dealt[static_cast<std::size_t>(rank)].push_back(value);
        }
      }
      for (std::size_t j = 0; j < all.size(); ++j) {
        const std::vector<double>& share = dealt[j % static_cast<std::size_t>(size)];
        REQUIRE(j / static_cast<std::size_t>(size) < share.size());
        CHECK(share[j / static_cast<std::size_t>(size)] == all[j]);
      }
      std::size_t total = 0;
      for (const auto& share : dealt) total += share.size();
      CHECK(total == all.size());
    }
  }
  // A rank past the last value has no work.
  CHECK(rbfsvm::cli::gamma_share({-5, -1, 2}, 3, 4).empty());
}

TEST_CASE("searching the shares and merging them gives one process's grid", "[grid][ranks]") {
  const rbfsvm::Dataset data = heart();
  rbfsvm::TrainOptions base;
  const GridSearchOptions grid = small_grid();
  const rbfsvm::GridSearchResult whole = rbfsvm::grid_search(data, base, grid);
  for (int size : {2, 4}) {
    std::vector<std::vector<GridPoint>> by_rank(static_cast<std::size_t>(size));
    for (int rank = 0; rank < size; ++rank) {
      for (const Log2Range& share : rbfsvm::cli::gamma_share(grid.log2_gamma, rank, size)) {
        GridSearchOptions part = grid;
        part.log2_gamma = share;
        const auto points = rbfsvm::grid_search(data, base, part).points;
        by_rank[static_cast<std::size_t>(rank)].insert(
            by_rank[static_cast<std::size_t>(rank)].end(), points.begin(), points.end());
      }
    }
    check_same(rbfsvm::cli::merge_shares(by_rank, 3, 3), whole.points);
  }
  CHECK_THROWS_AS(rbfsvm::cli::merge_shares({whole.points, {whole.points.front()}}, 3, 3),
                  std::logic_error);
}

TEST_CASE("one process through the shared search is grid_search, refinement included",
          "[grid][ranks]") {
  const rbfsvm::Dataset data = heart();
  rbfsvm::TrainOptions base;
  GridSearchOptions grid = small_grid();
  grid.refine = true;
  rbfsvm::cli::OneProcess one_process;
  const rbfsvm::GridSearchResult whole = rbfsvm::grid_search(data, base, grid);
  const rbfsvm::GridSearchResult shared =
      rbfsvm::cli::grid_search_across(data, base, grid, one_process);
  check_same(shared.points, whole.points);
  CHECK(shared.best.C == whole.best.C);
  CHECK(shared.best.gamma == whole.best.gamma);
  CHECK(shared.higher_is_better == whole.higher_is_better);
  // The fine grid: 9 x 9 points a quarter step apart, centred on the coarse best.
  const GridSearchOptions fine = rbfsvm::refined_grid(
      grid, rbfsvm::best_point({whole.points.begin(), whole.points.begin() + 9}, true));
  CHECK_FALSE(fine.refine);
  CHECK(fine.log2_C.values().size() == 9);
  CHECK(fine.log2_gamma.values().size() == 9);
  CHECK(fine.log2_gamma.step == 0.5);
}
