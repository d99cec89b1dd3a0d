// The fast path's row store over sparse points: every way it computes rows (single rows,
// batches, the whole matrix, diagonal blocks, blocks, rows restricted to some points) gives the
// exact sparse kernel rounded to float, and the dense store's values over the same points
// densified within float rounding.
#include <catch2/catch.hpp>
#include <numeric>
#include <vector>

#include "solver/stored/kernel_row_store.hpp"
#include "support/sparse_points.hpp"

using rbfsvm::Index;
using rbfsvm::Kernel;
using rbfsvm::KernelRowStore;
using rbfsvm::RowMatrix;
using rbfsvm::SparseRows;

namespace {

// The dense store's float GEMM loses about 1e-7 of the squared norms (here up to ~40) times
// gamma; kernel values are at most 1 (linear: up to ~40).
constexpr double dense_tolerance = 2e-5;

struct Fixture {
  Kernel kernel;
  SparseRows sparse = rbfsvm::test::random_sparse(300, 900, 40, 21);
  RowMatrix<double> dense = sparse.to_dense();
  RowMatrix<double> K;  // the oracle, double
  explicit Fixture(const Kernel& k) : kernel(k), K(rbfsvm::test::merge_gram(k, sparse, sparse)) {}

  // Values equal float(K) exactly, and the dense store's to within dense_tolerance (relative to
  // the value's size for the linear kernel).
  void check_row(const float* row, Index p, const float* dense_row) const {
    bool exact = true;
    double worst = 0;
    for (Index j = 0; j < sparse.rows(); ++j) {
      exact = exact && row[j] == static_cast<float>(K(p, j));
      worst = std::max(worst, std::abs(static_cast<double>(row[j]) - dense_row[j]) /
                                  std::max(1.0, std::abs(K(p, j))));
    }
    CHECK(exact);
    CHECK(worst <= dense_tolerance);
  }
};

const std::vector<Kernel> kernels = {Kernel::rbf(0.05), Kernel::linear(),
                                     Kernel::polynomial(0.02, 1.0, 2)};

}  // namespace

TEST_CASE("sparse store rows, batches and the whole matrix are the exact kernel in float",
          "[kernel_rows][sparse]") {
  for (const Kernel& kernel : kernels) {
    INFO("kernel " << rbfsvm::to_string(kernel.type));
    const Fixture f(kernel);
    const Index n = f.sparse.rows();
    // Room for 64 rows: single rows and batches go into slots, and rows are evicted.
    KernelRowStore store(kernel, f.sparse, 64 * n * sizeof(float), 2);
    KernelRowStore dense(kernel, f.dense, 64 * n * sizeof(float), 2);
    for (Index p = 0; p < n; ++p) CHECK(store.diagonal(p) == f.kernel.from_dot(f.sparse.squared_norms()(p), f.sparse.squared_norms()(p), f.sparse.squared_norms()(p)));
    for (Index p : {Index{7}, Index{0}, n - 1}) f.check_row(store.row(p), p, dense.row(p));
    const std::vector<Index> batch = {3, 250, 17, 18, 19, 100, 5, 299, 42};
    store.compute_rows(batch);
    dense.compute_rows(batch);
    for (Index p : batch) {
      REQUIRE(store.has_row(p));
      f.check_row(store.row(p), p, dense.row(p));
    }
    CHECK(store.rows_computed() >= static_cast<std::int64_t>(batch.size()));

    KernelRowStore whole(kernel, f.sparse, std::size_t{4} << 20, 3);
    KernelRowStore whole_dense(kernel, f.dense, std::size_t{4} << 20, 3);
    REQUIRE(whole.compute_all());
    REQUIRE(whole_dense.compute_all());
    for (Index p = 0; p < n; ++p) f.check_row(whole.row(p), p, whole_dense.row(p));
  }
}

TEST_CASE("sparse store diagonal blocks, blocks and restricted rows are the exact kernel in float",
          "[kernel_rows][sparse]") {
  for (const Kernel& kernel : kernels) {
    INFO("kernel " << rbfsvm::to_string(kernel.type));
    const Fixture f(kernel);
    const Index n = f.sparse.rows();
    KernelRowStore store(kernel, f.sparse, std::size_t{1} << 20, 2);
    KernelRowStore dense(kernel, f.dense, std::size_t{1} << 20, 2);
    const std::vector<Index> starts = {0, 70, 200, n};
    store.compute_diagonal_blocks(starts);
    dense.compute_diagonal_blocks(starts);
    REQUIRE(store.shareable());
    struct Case { Index a_first, a_count, b_first, b_count; };
    for (const Case c : {Case{70, 130, 70, 130}, Case{80, 20, 150, 40}, Case{0, 70, 70, 130},
                         Case{200, 100, 0, 70}, Case{60, 30, 60, 30}}) {
      INFO("rows " << c.a_first << "+" << c.a_count << ", columns " << c.b_first << "+" << c.b_count);
      const Index ld = c.b_count + 3;
      std::vector<float> out(static_cast<std::size_t>(c.a_count * ld), -5.0f);
      std::vector<float> out_dense(out.size());
      store.block(c.a_first, c.a_count, c.b_first, c.b_count, out.data(), ld);
      dense.block(c.a_first, c.a_count, c.b_first, c.b_count, out_dense.data(), ld);
      bool exact = true;
      double worst = 0;
      for (Index r = 0; r < c.a_count; ++r) {
        for (Index k = 0; k < c.b_count; ++k) {
          const double expected = f.K(c.a_first + r, c.b_first + k);
          const float value = out[static_cast<std::size_t>(r * ld + k)];
          exact = exact && value == static_cast<float>(expected);
          worst = std::max(worst, std::abs(value - out_dense[static_cast<std::size_t>(r * ld + k)]) /
                                      std::max(1.0, std::abs(expected)));
        }
        for (Index k = c.b_count; k < ld; ++k) CHECK(out[static_cast<std::size_t>(r * ld + k)] == -5.0f);
      }
      CHECK(exact);
      CHECK(worst <= dense_tolerance);
    }
    // Rows restricted to some points (the packed rows of StoredQMatrix).
    const std::vector<std::int32_t> points = {9, 4, 200, 201, 150, 299, 0};
    const std::vector<Index> rows = {1, 200, 77, 9};
    const KernelRowStore::Columns columns = store.columns(points);
    const KernelRowStore::Columns dense_columns = dense.columns(points);
    std::vector<float> restricted(rows.size() * points.size()), dense_restricted(restricted.size());
    store.compute_restricted(rows, columns, restricted.data());
    dense.compute_restricted(rows, dense_columns, dense_restricted.data());
    for (std::size_t r = 0; r < rows.size(); ++r) {
      for (std::size_t k = 0; k < points.size(); ++k) {
        const double expected = f.K(rows[r], points[k]);
        CHECK(restricted[r * points.size() + k] == static_cast<float>(expected));
        CHECK(std::abs(restricted[r * points.size() + k] - dense_restricted[r * points.size() + k]) <=
              dense_tolerance * std::max(1.0, std::abs(expected)));
      }
    }
  }
}
