// Internal: K(X, Y) for every kernel type, the precomputed one included.
#pragma once

#include <limits>
#include <string>

#include "rbfsvm/core/error.hpp"
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
inline void check_kernel_range(const Kernel& kernel, const Eigen::Ref<const RowMatrix<double>>& X,
                               const std::string& what) {
  if (kernel.type == KernelType::precomputed) return;
  const double limit = std::numeric_limits<double>::max() / 4;
  for (Index i = 0; i < X.rows(); ++i) {
    if (!(X.row(i).squaredNorm() <= limit)) {
      throw InvalidArgument(what + " " + std::to_string(i + 1) +
                            " is too large for the kernel: its squared norm overflows double "
                            "(feature values above about 1e154); scale the data (svm_train "
                            "--scale, or svm_scale)");
    }
  }
}

inline RowMatrix<double> kernel_values(const Kernel& kernel,
                                       const Eigen::Ref<const RowMatrix<double>>& X,
                                       const Eigen::Ref<const RowMatrix<double>>& Y,
                                       ThreadOptions threads) {
  if (kernel.type != KernelType::precomputed) return gram<double>(kernel, X, Y, threads);
  RowMatrix<double> K(X.rows(), Y.rows());
  for (Index j = 0; j < Y.rows(); ++j) {
    K.col(j) = X.col(precomputed_column(Y(j, 0), X.cols()));
  }
  return K;
}

}  // namespace rbfsvm::detail
