// The Gram builder over sparse points. Each entry is one merge of two sorted index lists
// (LIBSVM's Kernel::dot): the reference arithmetic that the batched kernels of the fast path
// reproduce.
#include <algorithm>

#include "core/threads.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/kernel/gram.hpp"

namespace rbfsvm {
namespace {

// sum of x_k y_k over the indices k both rows hold, in ascending k.
double sparse_dot(const SparseRows::Row& x, const SparseRows::Row& y) {
  double sum = 0;
  Index a = 0, b = 0;
  while (a < x.size && b < y.size) {
    if (x.indices[a] == y.indices[b]) {
      sum += x.values[a++] * y.values[b++];
    } else if (x.indices[a] < y.indices[b]) {
      ++a;
    } else {
      ++b;
    }
  }
  return sum;
}

void check_kernel(const Kernel& kernel) {
  if (kernel.type == KernelType::precomputed)
    throw InvalidArgument("gram: a precomputed kernel has no points to compute from");
  kernel.validate();
}

}  // namespace

RowMatrix<double> gram(const Kernel& kernel, const SparseRows& X, const SparseRows& Y,
                       ThreadOptions threads) {
  check_kernel(kernel);
  RowMatrix<double> K(X.rows(), Y.rows());
  const Vector<double>& x_norms = X.squared_norms();
  const Vector<double>& y_norms = Y.squared_norms();
  detail::parallel_for(X.rows(), detail::resolve_threads(threads.n_threads), [&](Index i) {
    const SparseRows::Row x = X.row(i);
    for (Index j = 0; j < Y.rows(); ++j)
      K(i, j) = kernel.from_dot(sparse_dot(x, Y.row(j)), x_norms(i), y_norms(j));
  });
  return K;
}

RowMatrix<double> gram(const Kernel& kernel, const SparseRows& X, ThreadOptions threads) {
  return gram(kernel, X, X, threads);
}

}  // namespace rbfsvm
