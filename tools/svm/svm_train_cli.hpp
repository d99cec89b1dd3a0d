#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace rbfsvm::cli {

// svm_train [options] training_file [model_file]: LIBSVM's svm-train command line plus long
// options (--sigma, --gamma scale, --cv, --threads, ...). See --help.
int run_svm_train(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// LIBSVM writes class weights as "-wLABEL W"; this rewrites them as "--weight LABEL=W".
std::vector<std::string> rewrite_libsvm_weights(const std::vector<std::string>& args);

}  // namespace rbfsvm::cli
