#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace rbfsvm::cli {

// gaussian_kernel --size 5 --sigma 1 [--png kernel.png] [--precision N] [--1d]
int run_gaussian_kernel(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace rbfsvm::cli
