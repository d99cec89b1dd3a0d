// The C-SVC dual objective of a model, recomputed the same way for rbfsvm's and LIBSVM's
// models: per class pair, f = 1/2 c^T K c - sum |c| over the pair's SVs (c: their coefficients
// y_i alpha_i, LIBSVM's sv_coef layout, rbfsvm::test::dual_terms), summed over the pairs. K is
// the exact double RBF kernel: the Gram builder's double GEMM for dense SVs, LIBSVM's per-entry
// sparse dot products (rbfsvm::gram on SparseRows) for sparse ones.
#pragma once

#include "rbfsvm/svm/model.hpp"

namespace rbfsvm::bench {

// K is computed a block of rows at a time: no n_sv x n_sv matrix and no dense copy of sparse
// SVs. Uses OpenMP threads (call it in a child process: svm_bench.cpp explains why).
double dual_objective(const ModelData& model, int threads);

}  // namespace rbfsvm::bench
