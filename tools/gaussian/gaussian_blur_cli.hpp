#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace rbfsvm::cli {

// gaussian_blur in.png out.png --sigma 2 [--size N]
//               [--border reflect101|reflect|replicate|constant] [--border-value V]
//               [--keep-alpha] [--threads N] [-q]
int run_gaussian_blur(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace rbfsvm::cli
