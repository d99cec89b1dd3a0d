#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace rbfsvm::cli {

class GridRanks;

// How svm_grid runs, beyond its arguments (svm_grid_main.cpp sets both).
struct GridRun {
  GridRanks* ranks = nullptr;  // the mpirun ranks sharing the grid (grid_ranks.hpp); null: one
  bool progress = true;        // the progress line on err (main: when stderr is a terminal)
};

// svm_grid [options] data_file: cross-validated search over (C, gamma) on a log2 grid, as
// LIBSVM's grid.py; prints the best pair and writes the grid as CSV and as a heatmap PNG. Under
// mpirun every rank runs this; rank 0 alone prints and writes, the same bytes as one process.
int run_svm_grid(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                 const GridRun& run);
// One process, with the progress line.
int run_svm_grid(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace rbfsvm::cli
