#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace rbfsvm::cli {

// svm_scale [-l lower] [-u upper] [-y lower upper] [-s range_file] [-r range_file] data_file:
// LIBSVM's svm-scale, writing the scaled data in LIBSVM format to standard output (or --output).
int run_svm_scale(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace rbfsvm::cli
