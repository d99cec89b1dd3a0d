// Independent kernel values for the tests: random points and the Gram matrix straight from the
// kernel definitions, one entry at a time in long double (no expansion of the distance, no GEMM).
#pragma once

#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "rbfsvm/kernel/gram.hpp"

namespace rbfsvm::test {

// n x d points, each coordinate normal(0, spread), from a fixed seed.
template <typename Scalar>
inline RowMatrix<Scalar> random_points(Eigen::Index n, Eigen::Index d, unsigned seed, double spread = 1.0) {
  std::mt19937 engine(seed);
  std::normal_distribution<double> normal(0.0, spread);
  RowMatrix<Scalar> X(n, d);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < d; ++j) X(i, j) = static_cast<Scalar>(normal(engine));
  return X;
}

// K(X, Y) in O(n m d).
template <typename Scalar>
inline Eigen::MatrixXd naive_gram(const Kernel& k, const RowMatrix<Scalar>& X, const RowMatrix<Scalar>& Y) {
  Eigen::MatrixXd K(X.rows(), Y.rows());
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    for (Eigen::Index j = 0; j < Y.rows(); ++j) {
      long double dot = 0, dist = 0;
      for (Eigen::Index f = 0; f < X.cols(); ++f) {
        const long double a = X(i, f), b = Y(j, f);
        dot += a * b;
        dist += (a - b) * (a - b);
      }
      long double value = 0;
      switch (k.type) {
        case KernelType::linear: value = dot; break;
        case KernelType::polynomial: value = std::pow(k.gamma * dot + k.coef0, k.degree); break;
        case KernelType::rbf: value = std::exp(-k.gamma * dist); break;
        case KernelType::sigmoid: value = std::tanh(k.gamma * dot + k.coef0); break;
        default: FAIL("unexpected kernel");
      }
      K(i, j) = static_cast<double>(value);
    }
  }
  return K;
}

}  // namespace rbfsvm::test
