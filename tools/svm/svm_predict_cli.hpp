#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace rbfsvm::cli {

// svm_predict [options] test_file model_file [output_file]: prints accuracy (classification)
// or mean squared error and squared correlation (regression), as LIBSVM's svm-predict.
int run_svm_predict(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace rbfsvm::cli
