#include "rbfsvm/svm/prediction_data.hpp"

#include <algorithm>

#include "rbfsvm/core/error.hpp"

namespace rbfsvm {

Dataset read_dataset_for(const Model& model, const std::string& path, ReadOptions options) {
  options.min_features = static_cast<std::size_t>(model.dimension());
  if (model.kernel().type == KernelType::precomputed) {
    options.format = DataFormat::libsvm;
    options.precomputed_kernel = true;
    options.min_features = 0;
  }
  return read_dataset(path, options);
}

std::string extra_features_warning(const Model& model, const Dataset& data) {
  const Index trained = model.data().n_features;
  const Index features = static_cast<Index>(data.n_features());
  if (trained == 0 || features <= trained || model.kernel().type == KernelType::precomputed)
    return "";
  return "'" + data.source + "' has features up to " + std::to_string(features) +
         " but the model was trained on " + std::to_string(trained) +
         "; predicting as LIBSVM does, with the support vectors zero in the extra features "
         "(which then count in RBF distances and nowhere else)";
}

std::vector<double> labels_in_model_numbering(const Dataset& data, const Model& model) {
  if (data.class_names.empty()) return data.labels;
  const auto& names = model.data().class_names;
  if (names.empty()) {
    throw InvalidArgument("the test labels are text but the model was trained on numeric labels");
  }
  std::vector<double> labels;
  for (double code : data.labels) {
    const std::string& name = data.class_names[static_cast<std::size_t>(code)];
    const auto found = std::find(names.begin(), names.end(), name);
    labels.push_back(found == names.end() ? -1.0 : static_cast<double>(found - names.begin()));
  }
  return labels;
}

}  // namespace rbfsvm
