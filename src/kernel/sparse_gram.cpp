// The Gram builder over sparse points: the sparse engine (sparse_gram_engine.hpp) over every
// row of X against every row of Y, in double. Its values are LIBSVM's Kernel::dot sums, bit for
// bit (the engine's comment says why).
#include "core/threads.hpp"
#include "kernel/sparse_gram_engine.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/kernel/gram.hpp"

namespace rbfsvm {

RowMatrix<double> gram(const Kernel& kernel, const SparseRows& X, const SparseRows& Y,
                       ThreadOptions threads) {
  if (kernel.type == KernelType::precomputed)
    throw InvalidArgument("gram: a precomputed kernel has no points to compute from");
  kernel.validate();
  RowMatrix<double> K(X.rows(), Y.rows());
  detail::sparse_kernel_block<double>(kernel, X, detail::RowSelection::range(0, X.rows()), Y,
                                      detail::RowSelection::range(0, Y.rows()), K.data(),
                                      Y.rows(), detail::resolve_threads(threads.n_threads));
  return K;
}

RowMatrix<double> gram(const Kernel& kernel, const SparseRows& X, ThreadOptions threads) {
  return gram(kernel, X, X, threads);
}

}  // namespace rbfsvm
