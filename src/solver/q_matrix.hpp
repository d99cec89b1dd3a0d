// The seam between the SMO solver and the kernel (LIBSVM's QMatrix): the solver sees only the
// columns and the diagonal of Q and may reorder its variables; it knows nothing of points,
// classes or caches. Two supplies implement it: the exact path (solver/exact/: KernelQMatrix,
// RegressionQMatrix) and the stored-rows path (solver/stored/: StoredQMatrix).
#pragma once

#include <vector>

#include "rbfsvm/kernel/gram.hpp"
#include "solver/engine_tuning.hpp"

namespace rbfsvm {

// The solver's state over its active variables [0, active_size), in its current order: the
// gradient G, the labels y (+1 / -1), and 1 where a variable is in I_up (in_up) or I_low
// (in_low), else 0. What a supply may use to guess the columns needed next.
struct PrefetchHints {
  Index active_size;
  const double* G;
  const signed char* y;
  const double* in_up;
  const double* in_low;
};

class QMatrix {
 public:
  virtual ~QMatrix() = default;
  // Q[0..length) of column i (Q is symmetric, so this is also row i).
  virtual const float* column(Index i, Index length) = 0;
  // Q_ii for every variable, in the solver's current order.
  virtual const std::vector<double>& diagonal() const = 0;
  // Variables i and j trade places (shrinking moves inactive variables to the end).
  virtual void swap_index(Index i, Index j) = 0;
  virtual Index size() const = 0;

  // Batched kernel rows (StoredQMatrix): a column is cheap only once computed. The solver says
  // which column it needs next, with what it knows (the supply picks the columns to compute
  // with it), and asks for the columns of a list known in advance in lists of batch_size()
  // (1: no batching). Columns are computed on demand otherwise.
  virtual void prepare_column(Index /*t*/, const PrefetchHints& /*hints*/) {}
  virtual Index batch_size() const { return 1; }
  virtual void prefetch(const std::vector<Index>& /*variables*/) {}

  // The training's SIMD and pass-splitting settings, given by solve_smo before it starts.
  // Matrices whose loops have no SIMD or split versions ignore them.
  virtual void use_tuning(const detail::EngineTuning& /*tuning*/) {}

  // out[t] += sum_k coefficients[k] Q(variables[k], t) for t in [begin, end): a linear combination
  // of columns, as rebuilding the gradient of shrunk variables needs. The default reads the
  // columns one by one, in order.
  virtual void add_columns(const std::vector<Index>& variables,
                           const std::vector<double>& coefficients, Index begin, Index end,
                           double* out);
};

}  // namespace rbfsvm
