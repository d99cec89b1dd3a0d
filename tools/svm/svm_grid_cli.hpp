#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace rbfsvm::cli {

// svm_grid [options] data_file: cross-validated search over (C, gamma) on a log2 grid, as
// LIBSVM's grid.py; prints the best pair and writes the grid as CSV and as a heatmap PNG.
int run_svm_grid(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace rbfsvm::cli
