#include "svm/training/class_groups.hpp"

#include <algorithm>
#include <numeric>
#include <string>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/core/format.hpp"
#include "svm/training/sample_weights.hpp"

namespace rbfsvm::detail {
namespace {

// The number each class gets, for classes numbered by first appearance: ascending sorts the
// labels (scikit-learn's svm_group_classes); first_appearance keeps them, except that a
// two-class -1/+1 set puts +1 first, so the binary problem's positive class is +1 (LIBSVM's).
std::vector<std::size_t> class_numbers(const std::vector<double>& labels, ClassOrder order) {
  std::vector<std::size_t> by_rank(labels.size());
  std::iota(by_rank.begin(), by_rank.end(), std::size_t{0});
  if (order == ClassOrder::ascending) {
    std::sort(by_rank.begin(), by_rank.end(),
              [&](std::size_t a, std::size_t b) { return labels[a] < labels[b]; });
  } else if (labels.size() == 2 && labels[0] == -1 && labels[1] == 1) {
    std::swap(by_rank[0], by_rank[1]);
  }
  std::vector<std::size_t> number(labels.size());
  for (std::size_t r = 0; r < by_rank.size(); ++r) number[by_rank[r]] = r;
  return number;
}

}  // namespace

ClassGroups group_classes(const std::vector<double>& labels, ClassOrder class_order) {
  ClassGroups groups;
  std::vector<std::size_t> class_of(labels.size());
  std::vector<double> seen;  // labels in order of first appearance
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const auto found = std::find(seen.begin(), seen.end(), labels[i]);
    class_of[i] = static_cast<std::size_t>(found - seen.begin());
    if (found == seen.end()) seen.push_back(labels[i]);
  }
  const std::vector<std::size_t> number = class_numbers(seen, class_order);
  groups.labels.resize(seen.size());
  groups.count.assign(seen.size(), 0);
  for (std::size_t c = 0; c < seen.size(); ++c) groups.labels[number[c]] = seen[c];
  for (auto& c : class_of) {
    c = number[c];
    ++groups.count[c];
  }
  groups.start.assign(groups.labels.size(), 0);
  for (std::size_t c = 1; c < groups.labels.size(); ++c) {
    groups.start[c] = groups.start[c - 1] + groups.count[c - 1];
  }
  groups.order.resize(labels.size());
  std::vector<Index> next = groups.start;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    groups.order[next[class_of[i]]++] = static_cast<Index>(i);
  }
  return groups;
}

std::vector<double> class_weight_totals(const ClassGroups& groups, const std::vector<double>& w) {
  std::vector<double> totals(groups.labels.size(), 0.0);
  for (std::size_t c = 0; c < totals.size(); ++c) {
    for (Index r = groups.start[c]; r < groups.start[c] + groups.count[c]; ++r) {
      totals[c] += weight_of(w, static_cast<std::size_t>(groups.order[r]));
    }
  }
  return totals;
}

std::vector<double> weighted_C(const ClassGroups& groups, const TrainOptions& options) {
  std::vector<double> C(groups.labels.size(), options.C);
  for (const auto& [label, weight] : options.class_weights) {
    const auto found = std::find(groups.labels.begin(), groups.labels.end(), label);
    if (found == groups.labels.end()) {
      throw InvalidArgument("class weight given for label " + six_digits(label) +
                            ", which is not in the training set");
    }
    C[found - groups.labels.begin()] *= weight;
  }
  return C;
}

std::vector<std::pair<int, int>> class_pairs(const ClassGroups& groups,
                                             const TrainOptions& options) {
  const int k = static_cast<int>(groups.labels.size());
  std::vector<std::pair<int, int>> pairs;
  for (int i = 0; i < k; ++i) {
    for (int j = i + 1; j < k; ++j) {
      // nu-SVC needs nu (n_i + n_j) / 2 <= min(n_i, n_j): each class can carry at most its own
      // size of the e^T alpha = nu n budget (Chang & Lin 2011, §2.2). With sample weights n_c
      // is the class's total weight W_c (scikit-learn's svm_check_parameter).
      const double n_i = groups.weight[i];
      const double n_j = groups.weight[j];
      if (options.svm_type == SvmType::nu_svc &&
          options.nu * (n_i + n_j) / 2 > std::min(n_i, n_j)) {
        const std::string unit = options.sample_weights.empty() ? " points" : " total weight";
        throw InvalidArgument("nu " + six_digits(options.nu) + " is infeasible for classes " +
                              six_digits(groups.labels[i]) + " (" + six_digits(n_i) + unit +
                              ") and " + six_digits(groups.labels[j]) + " (" + six_digits(n_j) +
                              unit +
                              "): it must be "
                              "at most 2 min(n_i, n_j) / (n_i + n_j) = " +
                              six_digits(2 * std::min(n_i, n_j) / (n_i + n_j)));
      }
      pairs.emplace_back(i, j);
    }
  }
  return pairs;
}

}  // namespace rbfsvm::detail
