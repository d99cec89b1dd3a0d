#include "solver/q_matrix.hpp"

namespace rbfsvm {

void QMatrix::add_columns(const std::vector<Index>& variables,
                          const std::vector<double>& coefficients, Index begin, Index end,
                          double* out) {
  for (std::size_t k = 0; k < variables.size(); ++k) {
    const float* Q_s = column(variables[k], end);
    for (Index t = begin; t < end; ++t) out[t] += coefficients[k] * Q_s[t];
  }
}

}  // namespace rbfsvm
