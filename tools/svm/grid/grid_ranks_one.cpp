// join_ranks in a build without MPI (RBFSVM_MPI=OFF or Open MPI not found).
#include "grid_ranks.hpp"

namespace rbfsvm::cli {

std::unique_ptr<GridRanks> join_ranks(int&, char**&) {
  return std::make_unique<OneProcess>();
}

}  // namespace rbfsvm::cli
