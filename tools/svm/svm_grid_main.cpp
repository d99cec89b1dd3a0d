#include <unistd.h>

#include <iostream>

#include "cli_common.hpp"
#include "grid/grid_ranks.hpp"
#include "svm_grid_cli.hpp"

int main(int argc, char** argv) {
  // Under mpirun, the ranks stay joined until run_svm_grid has returned on this one.
  const auto ranks = rbfsvm::cli::join_ranks(argc, argv);
  // Progress lines only on a terminal: a log file would collect every \r-rewritten line.
  const rbfsvm::cli::GridRun run{ranks.get(), isatty(STDERR_FILENO) == 1};
  return rbfsvm::cli::run_svm_grid(rbfsvm::cli::arguments(argc, argv), std::cout, std::cerr, run);
}
