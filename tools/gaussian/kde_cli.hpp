#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace rbfsvm::cli {

// kde data.csv [--column NAME|INDEX] [--column2 NAME|INDEX] [--bandwidth scott|silverman|H]
//     [--grid N] [--cut C] [--csv out.csv] [--png out.png]
// --column may be left out when the file has one column.
int run_kde(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace rbfsvm::cli
