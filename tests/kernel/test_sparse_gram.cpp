// The sparse engine (src/kernel/sparse_gram_engine) against the merge-dot oracle: LIBSVM's
// per-entry sparse kernel, bit for bit, whatever the batch, the targets and the thread count.
#include <catch2/catch.hpp>
#include <numeric>
#include <vector>

#include "kernel/sparse_gram_engine.hpp"
#include "rbfsvm/kernel/gram.hpp"
#include "support/sparse_points.hpp"

using rbfsvm::Index;
using rbfsvm::Kernel;
using rbfsvm::RowMatrix;
using rbfsvm::SparseRows;
using rbfsvm::detail::RowSelection;

namespace {

const std::vector<Kernel> kernels = {Kernel::rbf(0.3), Kernel::linear(),
                                     Kernel::polynomial(0.5, 1.0, 3), Kernel::sigmoid(0.1, -0.2)};

// Rows of `X` with special cases appended: an empty row, a row holding every column, and a row
// of two columns above 10^6 (when d allows).
SparseRows with_special_rows(const SparseRows& X) {
  std::vector<std::int64_t> offsets = X.offsets();
  std::vector<std::int32_t> indices = X.indices();
  std::vector<double> values = X.values();
  offsets.push_back(offsets.back());  // empty
  const Index full = std::min<Index>(X.cols(), 3000);
  for (Index c = 0; c < full; ++c) {
    indices.push_back(static_cast<std::int32_t>(c));
    values.push_back(0.01 * static_cast<double>(c % 7) - 0.02);
  }
  offsets.push_back(static_cast<std::int64_t>(indices.size()));
  if (X.cols() > 1000002) {
    indices.insert(indices.end(), {3, 1000001, static_cast<std::int32_t>(X.cols() - 1)});
    values.insert(values.end(), {0.5, -1.25, 2.0});
    offsets.push_back(static_cast<std::int64_t>(indices.size()));
  }
  return SparseRows(X.cols(), std::move(offsets), std::move(indices), std::move(values));
}

// The engine's block for `rows` x `targets`, written into a buffer with a wider stride.
template <typename Scalar>
RowMatrix<double> engine_block(const Kernel& kernel, const SparseRows& X,
                               const std::vector<Index>& rows, const SparseRows& Y,
                               const std::vector<Index>& targets, int threads) {
  const Index ld = static_cast<Index>(targets.size()) + 2;
  std::vector<Scalar> out(rows.size() * static_cast<std::size_t>(ld), Scalar(-7));
  rbfsvm::detail::sparse_kernel_block<Scalar>(kernel, X, RowSelection::of(rows), Y,
                                              RowSelection::of(targets), out.data(), ld, threads);
  RowMatrix<double> block(static_cast<Index>(rows.size()), static_cast<Index>(targets.size()));
  for (Index r = 0; r < block.rows(); ++r) {
    for (Index c = 0; c < block.cols(); ++c) block(r, c) = out[static_cast<std::size_t>(r * ld + c)];
    for (Index c = block.cols(); c < ld; ++c) CHECK(out[static_cast<std::size_t>(r * ld + c)] == Scalar(-7));
  }
  return block;
}

std::vector<Index> every_kth(Index n, Index first, Index step) {
  std::vector<Index> out;
  for (Index i = first; i < n; i += step) out.push_back(i);
  return out;
}

}  // namespace

TEST_CASE("the sparse engine gives LIBSVM's sparse kernel values bit for bit", "[sparse_gram]") {
  struct Shape { Index n, d, per_row; };
  for (const Shape shape : {Shape{70, 40, 12}, Shape{320, 5000, 30}, Shape{90, 1300000, 25}}) {
    const SparseRows X = with_special_rows(rbfsvm::test::random_sparse(shape.n, shape.d, shape.per_row, 5));
    const SparseRows Y = with_special_rows(rbfsvm::test::random_sparse(shape.n / 2 + 3, shape.d, shape.per_row, 6));
    for (const Kernel& kernel : kernels) {
      const RowMatrix<double> oracle_xy = rbfsvm::test::merge_gram(kernel, X, Y);
      const RowMatrix<double> oracle_xx = rbfsvm::test::merge_gram(kernel, X, X);
      std::vector<Index> all_y(static_cast<std::size_t>(Y.rows()));
      std::iota(all_y.begin(), all_y.end(), Index{0});
      // Batches of 1, 5, 16, 17, 40 rows, every row (more than a 256-row pass for the second
      // shape), in scattered order, against every target or a scattered list of them.
      for (Index step : {Index{1}, Index{3}}) {
        for (Index batch : {Index{1}, Index{5}, Index{16}, Index{17}, Index{40}, X.rows()}) {
          std::vector<Index> rows = every_kth(X.rows(), 1, step);
          std::reverse(rows.begin(), rows.end());
          if (static_cast<Index>(rows.size()) > batch) rows.resize(static_cast<std::size_t>(batch));
          const std::vector<Index> targets = step == 1 ? all_y : every_kth(Y.rows(), 2, step);
          for (int threads : {1, 2, 3}) {
            INFO("d " << shape.d << ", kernel " << rbfsvm::to_string(kernel.type) << ", batch "
                      << rows.size() << ", step " << step << ", threads " << threads);
            const RowMatrix<double> block = engine_block<double>(kernel, X, rows, Y, targets, threads);
            const RowMatrix<double> as_float = engine_block<float>(kernel, X, rows, Y, targets, threads);
            bool same = true, rounded = true;
            for (Index r = 0; r < block.rows(); ++r) {
              for (Index c = 0; c < block.cols(); ++c) {
                const double expected = oracle_xy(rows[r], targets[c]);
                same = same && block(r, c) == expected;
                rounded = rounded && as_float(r, c) == static_cast<double>(static_cast<float>(expected));
              }
            }
            CHECK(same);
            CHECK(rounded);
          }
        }
      }
      // X against itself: the diagonal and symmetry come out exact.
      const RowMatrix<double> K = rbfsvm::gram(kernel, X, rbfsvm::ThreadOptions{2});
      CHECK(K == oracle_xx);
      CHECK(K == K.transpose());
      if (kernel.type == rbfsvm::KernelType::rbf) CHECK((K.diagonal().array() == 1.0).all());
      CHECK(rbfsvm::gram(kernel, X, Y, rbfsvm::ThreadOptions{3}) == oracle_xy);
    }
  }
}

TEST_CASE("the sparse engine reads point sets of different widths as zero-padded",
          "[sparse_gram]") {
  const SparseRows X = rbfsvm::test::random_sparse(40, 300, 20, 8);
  const SparseRows narrow = rbfsvm::test::random_sparse(30, 120, 15, 9);
  const SparseRows wide = rbfsvm::test::random_sparse(30, 2000000, 15, 10);
  for (const Kernel& kernel : kernels) {
    CHECK(rbfsvm::gram(kernel, X, narrow) == rbfsvm::test::merge_gram(kernel, X, narrow));
    CHECK(rbfsvm::gram(kernel, X, wide) == rbfsvm::test::merge_gram(kernel, X, wide));
    CHECK(rbfsvm::gram(kernel, wide, X) == rbfsvm::test::merge_gram(kernel, wide, X));
  }
  // Empty sets.
  const SparseRows none(50);
  CHECK(rbfsvm::gram(Kernel::rbf(1.0), none, X).rows() == 0);
  CHECK(rbfsvm::gram(Kernel::rbf(1.0), X, none).cols() == 0);
}

TEST_CASE("points with indices near 2^31 are computed without a column array that long",
          "[sparse_gram]") {
  // Two rows reach past the engine's per-thread column array (2^24 columns): their passes find
  // columns by binary search; the values are still LIBSVM's.
  const rbfsvm::Index d = 2147483647;
  const SparseRows X(d, {0, 3, 3, 5, 7}, {1, 40000000, 2147483646, 2, 5, 1, 2147483646},
                     {1.5, -2.0, 0.5, 3.0, -1.0, 0.25, 4.0});
  for (const Kernel& kernel : {Kernel::rbf(0.3), Kernel::linear(), Kernel::polynomial(0.5, 1, 2)}) {
    const RowMatrix<double> expected = rbfsvm::test::merge_gram(kernel, X, X);
    CHECK((rbfsvm::gram(kernel, X, X, rbfsvm::ThreadOptions{1}).array() == expected.array()).all());
    CHECK((rbfsvm::gram(kernel, X, X, rbfsvm::ThreadOptions{2}).array() == expected.array()).all());
  }
}
