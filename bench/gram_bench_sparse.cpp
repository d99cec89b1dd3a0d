// For each shape (n points over d columns, about `per_row` non-zeros a row, column ranks drawn
// with Zipf frequencies p(r) ~ 1 / (r + 1), as words in text) it times one batch of kernel rows
// as the fast solver path asks for them: K(X_B, X) for the first `batch` rows B, RBF. Best of
// `reps` wall times of:
//   sparse  rbfsvm::gram(kernel, X_B, X) over SparseRows (the sparse engine, double values);
//   dense   rbfsvm::gram<float>(kernel, X_B, X) over the points densified (what the store would
//           do with a dense copy), when the n x d float copy fits in dense_limit_bytes;
//   merge   one merge of the two sorted index lists per entry (LIBSVM's Kernel::dot and
//           kernel_rbf), on a subset of the batch's rows, extrapolated to the whole batch.
// Ratios dense/sparse and merge/sparse above 1 mean the engine is faster.
#include "gram_bench_sparse.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <set>

#include "rbfsvm/kernel/gram.hpp"
#include "support/sparse_points.hpp"  // merge_dot: LIBSVM's Kernel::dot

namespace rbfsvm::bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr double dense_limit_bytes = 3.0e9;

struct SparseShape {
  Index n, d, per_row, batch;
};

std::string name_of(const SparseShape& s) {
  return "sparse n=" + std::to_string(s.n) + " d=" + std::to_string(s.d) +
         " nnz/row=" + std::to_string(s.per_row) + " batch=" + std::to_string(s.batch);
}

SparseRows zipf_rows(const SparseShape& s, unsigned seed) {
  std::mt19937 engine(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<std::int64_t> offsets{0};
  std::vector<std::int32_t> indices;
  std::vector<double> values;
  const double log_d = std::log(static_cast<double>(s.d) + 1.0);
  for (Index i = 0; i < s.n; ++i) {
    std::set<std::int32_t> columns;
    // Inverse of the Zipf CDF ln(r + 1) / ln(d + 1).
    while (static_cast<Index>(columns.size()) < s.per_row) {
      const double r = std::floor(std::exp(uniform(engine) * log_d) - 1.0);
      columns.insert(static_cast<std::int32_t>(std::min(r, static_cast<double>(s.d - 1))));
    }
    for (std::int32_t c : columns) {
      indices.push_back(c);
      values.push_back(uniform(engine));
    }
    offsets.push_back(static_cast<std::int64_t>(indices.size()));
  }
  return SparseRows(s.d, std::move(offsets), std::move(indices), std::move(values));
}

template <typename Body>
double best_seconds(int reps, Body&& body) {
  double best = 1e300;
  for (int r = 0; r < reps; ++r) {
    const auto start = Clock::now();
    body();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - start).count());
  }
  return best;
}

std::vector<SparseShape> sparse_shapes(bool quick) {
  if (quick) return {{1000, 20000, 50, 256}};
  return {{5000, 50000, 100, 256}, {5000, 50000, 300, 256}, {5000, 1300000, 100, 256}};
}

}  // namespace

bool run_sparse_shapes(bool quick, int reps, const std::string& only,
                       const std::vector<int>& thread_counts) {
  const Kernel kernel = Kernel::rbf(0.5);
  bool identical = true;
  std::printf("\n%-48s %3s %10s %10s %10s %8s %8s %s\n", "sparse shape", "thr", "sparse s",
              "dense s", "merge s", "dense/sp", "merge/sp", "1 vs T threads");
  for (const SparseShape& shape : sparse_shapes(quick)) {
    if (name_of(shape).find(only) == std::string::npos) continue;
    const SparseRows X = zipf_rows(shape, 17);
    std::vector<Index> first(static_cast<std::size_t>(shape.batch));
    for (Index k = 0; k < shape.batch; ++k) first[static_cast<std::size_t>(k)] = k;
    const SparseRows B = X.select(first);
    // LIBSVM's per-entry merge on a subset of the batch (1 thread), per value.
    const Index merge_rows = quick ? 8 : 16;
    double checksum = 0;
    const double merge_per_value =
        best_seconds(1, [&] {
          for (Index r = 0; r < merge_rows; ++r) {
            for (Index j = 0; j < X.rows(); ++j) {
              const double dot = test::merge_dot(B.row(r), X.row(j));
              checksum += kernel.from_dot(dot, B.squared_norms()(r), X.squared_norms()(j));
            }
          }
        }) / static_cast<double>(merge_rows * X.rows());
    const double merge_seconds = merge_per_value * static_cast<double>(shape.batch * X.rows());
    const bool dense_fits = static_cast<double>(shape.n) * static_cast<double>(shape.d) * 4.0 <= dense_limit_bytes;
    RowMatrix<float> dense_X, dense_B;
    if (dense_fits) {
      dense_X = X.to_dense().cast<float>();
      dense_B = dense_X.topRows(shape.batch);
    }
    RowMatrix<double> reference;
    for (int threads : thread_counts) {
      RowMatrix<double> K;
      const double sparse_seconds =
          best_seconds(reps, [&] { K = gram(kernel, B, X, ThreadOptions{threads}); });
      const char* same = "";
      if (reference.size() == 0) {
        reference = K;
      } else {
        const bool equal = std::memcmp(reference.data(), K.data(), static_cast<std::size_t>(K.size()) * sizeof(double)) == 0;
        identical = identical && equal;
        same = equal ? "bit-identical" : "MISMATCH";
      }
      double dense_seconds = 0;
      if (dense_fits) {
        dense_seconds = best_seconds(reps, [&] {
          const RowMatrix<float> D = gram<float>(kernel, dense_B, dense_X, ThreadOptions{threads});
          checksum += D(0, 0);
        });
      }
      const std::string dense_text = dense_fits ? std::to_string(dense_seconds).substr(0, 8) : "(no fit)";
      char ratio[16] = "-";
      if (dense_fits) std::snprintf(ratio, sizeof ratio, "%.1f", dense_seconds / sparse_seconds);
      std::printf("%-48s %3d %10.4f %10s %10.4f %8s %8.1f %s\n", name_of(shape).c_str(), threads,
                  sparse_seconds, dense_text.c_str(), merge_seconds, ratio,
                  merge_seconds / sparse_seconds, same);
      std::fflush(stdout);
    }
    if (checksum == 12345.678) std::printf(" ");  // keeps the timed work observable
  }
  return identical;
}

}  // namespace rbfsvm::bench
