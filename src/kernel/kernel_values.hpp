// Internal: K(X, Y) for every kernel type, the precomputed one included.
#pragma once

#include <limits>
#include <string>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/data/points.hpp"
#include "rbfsvm/kernel/gram.hpp"

namespace rbfsvm::detail {

// LIBSVM's precomputed-kernel convention: a point's row holds its serial number in column 0
// and K(x, x_j) in column j. K(X, Y)[i, j] = X(i, serial of Y's row j).
inline Index precomputed_column(double serial, Index n_columns) {
  if (!(serial >= 1 && serial < static_cast<double>(n_columns) && serial == static_cast<double>(static_cast<Index>(serial)))) {
    throw InvalidArgument("precomputed kernel: serial number " + std::to_string(serial) +
                          " has no kernel column (rows hold " + std::to_string(n_columns - 1) +
                          " kernel values)");
  }
  return static_cast<Index>(serial);
}

// Kernel values come from dot products and squared norms (||x - y||^2 = x.x + y.y - 2 x.y), so a
// point whose squared norm overflows double (features of magnitude above about 1e154) would give
// NaN kernel values and, silently, a meaningless model or prediction: such points are refused.
// `number` is the point's 1-based number in the caller's set.
inline void check_squared_norm(double norm, Index number, const std::string& what) {
  const double limit = std::numeric_limits<double>::max() / 4;
  if (!(norm <= limit)) {
    throw InvalidArgument(what + " " + std::to_string(number) +
                          " is too large for the kernel: its squared norm overflows double "
                          "(feature values above about 1e154); scale the data (svm_train "
                          "--scale, or svm_scale)");
  }
}

inline void check_kernel_range(const Kernel& kernel, PointsRef X, const std::string& what) {
  if (kernel.type == KernelType::precomputed) return;
  for (Index i = 0; i < X.rows(); ++i) {
    check_squared_norm(X.is_sparse() ? X.sparse().squared_norms()(i) : X.dense().row(i).squaredNorm(),
                       i + 1, what);
  }
}

// K(X, Y) for two point sets stored the same way (dense or sparse; a mixed pair is an
// InvalidArgument: prediction, which meets mixed pairs, converts a block at a time in
// svm/prediction/).
inline RowMatrix<double> kernel_values(const Kernel& kernel, PointsRef X, PointsRef Y,
                                       ThreadOptions threads) {
  if (kernel.type != KernelType::precomputed) {
    if (X.is_sparse()) return gram(kernel, X.sparse(), Y.sparse(), threads);
    return gram<double>(kernel, X.dense(), Y.dense(), threads);
  }
  const RowMatrix<double>& x_dense = X.dense();
  const RowMatrix<double>& y_dense = Y.dense();
  RowMatrix<double> K(x_dense.rows(), y_dense.rows());
  for (Index j = 0; j < y_dense.rows(); ++j) {
    K.col(j) = x_dense.col(precomputed_column(y_dense(j, 0), x_dense.cols()));
  }
  return K;
}

}  // namespace rbfsvm::detail
