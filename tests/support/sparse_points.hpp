// Test helpers for sparse points: random CSR rows with skewed column frequencies (text-like),
// and the reference sparse kernel, one merge of two sorted index lists per entry in double
// (LIBSVM's Kernel::dot): the oracle the sparse engine must equal bit for bit.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>
#include <set>
#include <vector>

#include "rbfsvm/data/sparse_rows.hpp"
#include "rbfsvm/kernel/kernel.hpp"

namespace rbfsvm::test {

// n rows over d columns, up to `per_row` non-zeros each (fewer where draws repeat), columns
// d * u^3 for uniform u (low columns frequent, as words in text), values normal(0, 1).
inline SparseRows random_sparse(Index n, Index d, Index per_row, unsigned seed) {
  std::mt19937 engine(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<std::int64_t> offsets{0};
  std::vector<std::int32_t> indices;
  std::vector<double> values;
  for (Index i = 0; i < n; ++i) {
    std::set<std::int32_t> columns;
    for (Index k = 0; k < per_row; ++k) {
      const double u = uniform(engine);
      columns.insert(static_cast<std::int32_t>(std::min<double>(static_cast<double>(d) - 1, std::floor(static_cast<double>(d) * u * u * u))));
    }
    for (std::int32_t c : columns) {
      indices.push_back(c);
      values.push_back(normal(engine));
    }
    offsets.push_back(static_cast<std::int64_t>(indices.size()));
  }
  return SparseRows(d, std::move(offsets), std::move(indices), std::move(values));
}

// sum of x_k y_k over the columns both rows hold, in ascending column order (LIBSVM's
// Kernel::dot).
inline double merge_dot(const SparseRows::Row& x, const SparseRows::Row& y) {
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

// K(X, Y) entry by entry from merge_dot and the rows' squared norms.
inline RowMatrix<double> merge_gram(const Kernel& kernel, const SparseRows& X, const SparseRows& Y) {
  RowMatrix<double> K(X.rows(), Y.rows());
  for (Index i = 0; i < X.rows(); ++i) {
    for (Index j = 0; j < Y.rows(); ++j) {
      K(i, j) = kernel.from_dot(merge_dot(X.row(i), Y.row(j)), X.squared_norms()(i),
                                Y.squared_norms()(j));
    }
  }
  return K;
}

}  // namespace rbfsvm::test
