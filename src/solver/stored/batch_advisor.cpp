#include "solver/stored/batch_advisor.hpp"

#include <algorithm>

namespace rbfsvm {

BatchAdvisor::BatchAdvisor(Index points, Index max_batch)
    : max_batch_(max_batch), speculative_(static_cast<std::size_t>(points), 0) {}

Index BatchAdvisor::suggested_batch() const {
  const double share = std::min(1.0, useful_ / speculated_);
  return std::clamp<Index>(static_cast<Index>(1.0 + share * share * static_cast<double>(max_batch_)), 1,
                           max_batch_);
}

void BatchAdvisor::note_computed(const std::vector<Index>& points) {
  if (points.size() <= 1) return;
  constexpr double decay = 0.9;
  speculated_ = decay * speculated_ + static_cast<double>(points.size() - 1);
  useful_ *= decay;
  for (std::size_t k = 1; k < points.size(); ++k) speculative_[points[k]] = 1;
}

void BatchAdvisor::note_read(Index p) {
  if (speculative_[static_cast<std::size_t>(p)]) {
    speculative_[static_cast<std::size_t>(p)] = 0;
    useful_ += 1;
  }
}

}  // namespace rbfsvm
