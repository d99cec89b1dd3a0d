// Which columns to compute together with a missing one the solver needs now. A missing kernel
// row is computed with the missing rows most likely to be asked for next (as one GEMM block):
// those of the largest -y_s G_s over I_up and the smallest over I_low, the candidates for i and
// j of the coming working sets (the same choice as ThunderSVM's working set: Wen et al.,
// "ThunderSVM", JMLR 19, 2018). Half the extra places go to each side; a side with too few
// candidates leaves its places to the other.
#pragma once

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

#include "solver/q_matrix.hpp"

namespace rbfsvm {

// Appends the variables of the `count` largest scores to `out`; ties go to the higher index, as
// in the working-set selection.
void append_largest(std::vector<std::pair<double, Index>>& scored, std::size_t count,
                    std::vector<Index>& out);

// Variable t first, then at most batch - 1 active variables without a column (has_column(s)
// false), the likeliest to be needed next.
template <typename HasColumn>
std::vector<Index> columns_to_compute(Index t, Index batch, const PrefetchHints& hints,
                                      HasColumn has_column) {
  std::vector<Index> wanted{t};
  if (batch <= 1) return wanted;
  std::vector<std::pair<double, Index>> up, low;
  for (Index s = 0; s < hints.active_size; ++s) {
    if (s == t || has_column(s)) continue;
    const double violation = -hints.y[s] * hints.G[s];
    if (hints.in_up[s] != 0.0) up.emplace_back(violation, s);
    if (hints.in_low[s] != 0.0) low.emplace_back(-violation, s);
  }
  const std::size_t half = static_cast<std::size_t>(batch - 1) / 2;
  append_largest(up, half, wanted);
  append_largest(low, static_cast<std::size_t>(batch - 1) - std::min(half, up.size()), wanted);
  return wanted;
}

}  // namespace rbfsvm
