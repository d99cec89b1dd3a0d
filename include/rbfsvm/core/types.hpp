// The basic types every layer shares: point sets as row-major Eigen matrices (one point per
// row, LIBSVM's and scikit-learn's orientation), vectors, indices, and the thread count.
#pragma once

#include <Eigen/Core>

namespace rbfsvm {

using Index = Eigen::Index;

template <typename Scalar>
using RowMatrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <typename Scalar>
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

// Threads used by the Gram builder and the solver; 0 means OpenMP's default.
struct ThreadOptions {
  int n_threads = 0;
};

}  // namespace rbfsvm
