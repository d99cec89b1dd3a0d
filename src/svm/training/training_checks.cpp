#include "svm/training/training_checks.hpp"

#include <cmath>
#include <string>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/core/format.hpp"
#include "svm/training/sample_weights.hpp"

namespace rbfsvm::detail {
namespace {

void check_data(const Dataset& data, const TrainOptions& options) {
  if (data.n_samples() == 0) throw InvalidArgument("the training set is empty");
  if (static_cast<Index>(data.n_samples()) != data.points().rows()) {
    throw InvalidArgument("the data set has " + std::to_string(data.points().rows()) +
                          " points but " + std::to_string(data.n_samples()) + " labels");
  }
  if (!data.points().all_finite()) throw InvalidArgument("the training points contain NaN or infinity");
  for (std::size_t i = 0; i < data.labels.size(); ++i) {
    if (!std::isfinite(data.labels[i])) {
      throw InvalidArgument("label of point " + std::to_string(i + 1) + " is not finite");
    }
    if (is_classification(options.svm_type) && data.labels[i] != std::floor(data.labels[i])) {
      throw InvalidArgument(
          "class labels must be integers (LIBSVM's model format stores them as "
          "integers); point " +
          std::to_string(i + 1) + " has label " + six_digits(data.labels[i]) +
          ". For real-valued targets train a regression (epsilon_svr or nu_svr)");
    }
  }
}

}  // namespace

void check_training_input(const Dataset& data, const TrainOptions& options) {
  options.validate();
  check_data(data, options);
  check_sample_weights(data, options);
}

}  // namespace rbfsvm::detail
