// Test helper: a model trained in-process with the library's options (for the settings the
// command line does not expose, such as TrainOptions::simd and pass_splitting), as the text of
// its model file.
#pragma once

#include <sstream>
#include <string>

#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/svm/model_io.hpp"
#include "rbfsvm/svm/train.hpp"
#include "support/paths.hpp"

namespace rbfsvm::test {

inline std::string trained_model_text(const std::string& dataset, const TrainOptions& options) {
  const Dataset data = read_dataset(dataset_path(dataset));
  std::ostringstream text;
  write_model(train(data, options), text);
  return text.str();
}

// LIBSVM's -c C -g gamma over `type`.
inline TrainOptions rbf_options(SvmType type, double C, double gamma) {
  TrainOptions options;
  options.svm_type = type;
  options.C = C;
  options.kernel = Kernel::rbf(gamma);
  return options;
}

}  // namespace rbfsvm::test
