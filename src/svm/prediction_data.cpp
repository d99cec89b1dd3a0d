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
  Dataset data = read_dataset(path, options);
  const Index trained_features = model.data().n_features;
  const Index features = static_cast<Index>(data.n_features());
  if (trained_features > 0 && features > trained_features) {
    throw InvalidArgument("'" + path + "' has " + std::to_string(features) +
                          " features but the model was trained on " +
                          std::to_string(trained_features));
  }
  return data;
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
