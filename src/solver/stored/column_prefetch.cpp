#include "solver/stored/column_prefetch.hpp"

#include <algorithm>

namespace rbfsvm {

void append_largest(std::vector<std::pair<double, Index>>& scored, std::size_t count,
                    std::vector<Index>& out) {
  const auto larger = [](const auto& a, const auto& b) {
    return a.first > b.first || (a.first == b.first && a.second > b.second);
  };
  count = std::min(count, scored.size());
  std::nth_element(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(count),
                   scored.end(), larger);
  for (std::size_t k = 0; k < count; ++k) out.push_back(scored[k].second);
}

}  // namespace rbfsvm
