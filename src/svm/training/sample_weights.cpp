#include "svm/training/sample_weights.hpp"

#include <algorithm>
#include <map>
#include <string>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/core/format.hpp"

namespace rbfsvm::detail {

double total_weight(const std::vector<double>& w, std::size_t n) {
  if (w.empty()) return static_cast<double>(n);
  double total = 0;
  for (double weight : w) total += weight;
  return total;
}

std::vector<double> weights_of(const std::vector<double>& w, const std::vector<Index>& rows) {
  std::vector<double> selected;
  if (w.empty()) return selected;
  selected.reserve(rows.size());
  for (Index row : rows) selected.push_back(w[static_cast<std::size_t>(row)]);
  return selected;
}

void check_sample_weights(const Dataset& data, const TrainOptions& options) {
  const std::vector<double>& w = options.sample_weights;
  if (w.empty()) return;
  if (w.size() != data.n_samples()) {
    throw InvalidArgument("sample_weights has " + std::to_string(w.size()) +
                          " weights for " + std::to_string(data.n_samples()) + " points");
  }
  if (!is_classification(options.svm_type)) return;
  // A class of zero total weight would vanish from the model (scikit-learn's nu-SVC calls it
  // infeasible; its C-SVC drops the class silently).
  std::map<double, double> class_weight;
  for (std::size_t i = 0; i < w.size(); ++i) class_weight[data.labels[i]] += w[i];
  for (const auto& [label, total] : class_weight) {
    if (!(total > 0)) {
      throw InvalidArgument("every point of class " + six_digits(label) +
                            " has sample weight 0; remove the class or give it weight");
    }
  }
}

bool has_zero_weight(const std::vector<double>& w) {
  return std::any_of(w.begin(), w.end(), [](double weight) { return !(weight > 0); });
}

std::vector<Index> positive_rows(const std::vector<double>& w) {
  std::vector<Index> rows;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] > 0) rows.push_back(static_cast<Index>(i));
  }
  return rows;
}

}  // namespace rbfsvm::detail
