// The fast path's kernel store and its Q matrices, against kernel values computed entry by entry:
// blocks copied from the stored diagonal blocks or computed from the points, and the local copy
// of Q a one-vs-one pair makes from them.
#include <catch2/catch.hpp>
#include <memory>
#include <random>
#include <vector>

#include "rbfsvm/core/error.hpp"
#include "solver/stored/kernel_row_store.hpp"
#include "solver/stored/packed_rows.hpp"
#include "solver/stored/stored_q_matrix.hpp"
#include "support/naive_gram.hpp"

using rbfsvm::Index;
using rbfsvm::Kernel;
using rbfsvm::KernelRowStore;
using rbfsvm::RowMatrix;
using rbfsvm::StoredQMatrix;

namespace {

// Float GEMM on centred points: the expanded distance loses about 1e-7 of the squared norms
// (here up to ~30), times gamma; the kernel values are at most 1.
constexpr double float_gram_tolerance = 1e-5;

// Three "classes" of 70, 130 and 45 points, each around its own centre.
RowMatrix<double> grouped_points() {
  RowMatrix<double> X = rbfsvm::test::random_points<double>(245, 5, 31);
  X.middleRows(70, 130).array() += 1.5;
  X.bottomRows(45).array() -= 2.0;
  return X;
}

const std::vector<Index> class_starts = {0, 70, 200, 245};

// The store's block of K for the two ranges, through a buffer with a wider row stride.
Eigen::MatrixXd read_block(const KernelRowStore& store, Index a_first, Index a_count,
                           Index b_first, Index b_count) {
  const Index ld = b_count + 3;
  std::vector<float> buffer(static_cast<std::size_t>(a_count * ld), -5.0f);
  store.block(a_first, a_count, b_first, b_count, buffer.data(), ld);
  Eigen::MatrixXd out(a_count, b_count);
  for (Index r = 0; r < a_count; ++r) {
    for (Index c = 0; c < b_count; ++c) out(r, c) = buffer[static_cast<std::size_t>(r * ld + c)];
    for (Index c = b_count; c < ld; ++c) CHECK(buffer[static_cast<std::size_t>(r * ld + c)] == -5.0f);
  }
  return out;
}

}  // namespace

TEST_CASE("store blocks equal the kernel whether copied from diagonal blocks or computed",
          "[kernel_rows]") {
  const Kernel kernel = Kernel::rbf(0.7);
  const RowMatrix<double> X = grouped_points();
  const Eigen::MatrixXd K = rbfsvm::test::naive_gram(kernel, X, X);
  KernelRowStore store(kernel, X, std::size_t{1} << 20, 2);
  CHECK_FALSE(store.shareable());
  store.compute_diagonal_blocks(class_starts);
  CHECK(store.shareable());
  CHECK_FALSE(store.complete());
  CHECK(store.bytes_in_use() == (70 * 70 + 130 * 130 + 45 * 45) * sizeof(float));

  struct Case { Index a_first, a_count, b_first, b_count; };
  const std::vector<Case> cases = {
      {70, 130, 70, 130},  // a whole diagonal block (stored)
      {80, 20, 150, 40},   // inside one diagonal block (stored)
      {0, 70, 70, 130},    // an off-diagonal block (computed)
      {200, 45, 0, 70},    // below the diagonal (computed)
      {60, 30, 60, 30},    // straddles two classes, same range twice (computed, symmetric)
      {5, 0, 10, 4},       // empty
  };
  for (const Case& c : cases) {
    INFO("rows " << c.a_first << "+" << c.a_count << ", columns " << c.b_first << "+" << c.b_count);
    const Eigen::MatrixXd block = read_block(store, c.a_first, c.a_count, c.b_first, c.b_count);
    const Eigen::MatrixXd expected = K.block(c.a_first, c.b_first, c.a_count, c.b_count);
    if (block.size() > 0) CHECK((block - expected).cwiseAbs().maxCoeff() <= float_gram_tolerance);
    if (c.a_first == c.b_first && c.a_count == c.b_count) {
      CHECK(block == block.transpose());
      CHECK((block.diagonal().array() == 1.0).all());
    }
  }
  float out[4];
  CHECK_THROWS_AS(store.block(240, 6, 0, 1, out, 1), rbfsvm::InvalidArgument);
  CHECK_THROWS_AS(store.block(0, 1, 0, 4, out, 3), rbfsvm::InvalidArgument);
}

TEST_CASE("diagonal blocks must cover the points in order", "[kernel_rows][errors]") {
  const RowMatrix<double> X = grouped_points();
  KernelRowStore store(Kernel::rbf(0.7), X, std::size_t{1} << 20, 1);
  CHECK_THROWS_AS(store.compute_diagonal_blocks({}), rbfsvm::InvalidArgument);
  CHECK_THROWS_AS(store.compute_diagonal_blocks({0, 70, 244}), rbfsvm::InvalidArgument);
  CHECK_THROWS_AS(store.compute_diagonal_blocks({1, 70, 245}), rbfsvm::InvalidArgument);
  CHECK_THROWS_AS(store.compute_diagonal_blocks({0, 200, 70, 245}), rbfsvm::InvalidArgument);
  CHECK_FALSE(store.shareable());
}

TEST_CASE("a pair's local Q over diagonal blocks is the signed kernel and exactly symmetric",
          "[kernel_rows]") {
  const Kernel kernel = Kernel::rbf(0.4);
  const RowMatrix<double> X = grouped_points();
  const Eigen::MatrixXd K = rbfsvm::test::naive_gram(kernel, X, X);
  auto store = std::make_shared<KernelRowStore>(kernel, X, std::size_t{1} << 20, 2);
  store->compute_diagonal_blocks(class_starts);
  // The pair (class 0, class 2): +1 for class 0, -1 for class 2, as one_vs_one builds it.
  std::vector<Index> points;
  std::vector<signed char> signs;
  for (Index p = 0; p < 70; ++p) points.push_back(p), signs.push_back(+1);
  for (Index p = 200; p < 245; ++p) points.push_back(p), signs.push_back(-1);
  std::vector<float> lent;
  StoredQMatrix Q(store, points, signs, &lent);
  const Index n = Q.size();
  REQUIRE(lent.size() >= static_cast<std::size_t>(n * n));  // the copy lives in the lent buffer
  auto check_q = [&]() {
    double worst = 0;
    for (Index s = 0; s < n; ++s) {
      const float* column = Q.column(s, n);
      for (Index t = 0; t < n; ++t) {
        const double expected = signs[s] * signs[t] * K(points[s], points[t]);
        worst = std::max(worst, std::abs(column[t] - expected));
        if (column[t] != Q.column(t, n)[s]) FAIL("Q is not symmetric at " << s << ", " << t);
      }
      CHECK(Q.diagonal()[s] == 1.0);
    }
    CHECK(worst <= float_gram_tolerance);
  };
  check_q();
  // The solver reorders its variables; the copy follows.
  Q.swap_index(3, 100);
  std::swap(points[3], points[100]);
  std::swap(signs[3], signs[100]);
  check_q();
}

// The local copy follows the solver's swaps lazily (a row catches up when read), and a lent
// buffer is left in the given order for the next solve over the same points (a C path's).
TEST_CASE("a lent local Q follows swaps lazily and is left in the given order for the next solve",
          "[kernel_rows]") {
  const Kernel kernel = Kernel::rbf(0.4);
  const RowMatrix<double> X = grouped_points();
  auto store = std::make_shared<KernelRowStore>(kernel, X, std::size_t{1} << 22, 1);
  REQUIRE(store->compute_all());
  std::vector<Index> points;
  std::vector<signed char> signs;
  for (Index p = 0; p < 70; ++p) points.push_back(p), signs.push_back(+1);
  for (Index p = 70; p < 200; ++p) points.push_back(p), signs.push_back(-1);
  const Index n = static_cast<Index>(points.size());
  StoredQMatrix fresh(store, points, signs);  // its own copy, never reordered
  const auto expect_fresh = [&](StoredQMatrix& Q, const std::vector<Index>& order, Index s, Index length) {
    const float* column = Q.column(s, length);
    for (Index t = 0; t < length; ++t) {
      if (column[t] != fresh.column(order[s], n)[order[t]]) FAIL("entry " << s << ", " << t);
    }
  };
  std::vector<float> lent;
  {
    StoredQMatrix Q(store, points, signs, &lent);
    std::vector<Index> order(static_cast<std::size_t>(n));  // order[s]: the given variable now at s
    for (Index t = 0; t < n; ++t) order[t] = t;
    std::mt19937 engine(9);
    for (int round = 0; round < 30; ++round) {
      for (int k = 0; k < 7; ++k) {
        const Index a = static_cast<Index>(engine() % n), b = static_cast<Index>(engine() % n);
        Q.swap_index(a, b);
        std::swap(order[a], order[b]);
      }
      // Some rows read between swaps, some only after many, some never.
      expect_fresh(Q, order, static_cast<Index>(engine() % 20), n);
      expect_fresh(Q, order, static_cast<Index>(engine() % n), n / 3);
    }
    for (Index s = 0; s < n; s += 3) expect_fresh(Q, order, s, n);
  }
  // Left in the given order: a matrix told so takes the buffer as it is.
  StoredQMatrix again(store, points, signs, &lent, true);
  std::vector<Index> identity(static_cast<std::size_t>(n));
  for (Index t = 0; t < n; ++t) identity[t] = t;
  for (Index s = 0; s < n; ++s) expect_fresh(again, identity, s, n);
}

TEST_CASE("a problem too large for its local copy is refused over diagonal blocks",
          "[kernel_rows][errors]") {
  // 4200^2 floats are more than the local copy's 64 MB; rows cannot be computed on demand in a
  // store shared between threads.
  const Index n = 4200;
  const RowMatrix<double> X = rbfsvm::test::random_points<double>(n, 1, 3);
  auto store = std::make_shared<KernelRowStore>(Kernel::rbf(1.0), X, std::size_t{1} << 20, 1);
  std::vector<Index> starts;
  for (Index p = 0; p <= n; p += 100) starts.push_back(p);
  store->compute_diagonal_blocks(starts);
  std::vector<Index> points(static_cast<std::size_t>(n));
  for (Index p = 0; p < n; ++p) points[p] = p;
  CHECK_THROWS_WITH(StoredQMatrix(store, points, std::vector<signed char>(points.size(), 1)),
                    Catch::Matchers::Contains("local copy"));
}

// Without a shared store a column is copied from its point's row: contiguously along runs of
// consecutive points, gathered elsewhere. Shrinking's swaps break the runs; SVR's two variables
// per point restart them.
TEST_CASE("columns gathered from stored rows are the signed kernel before and after swaps",
          "[kernel_rows]") {
  const Kernel kernel = Kernel::rbf(0.5);
  const RowMatrix<double> X = rbfsvm::test::random_points<double>(300, 3, 41);
  const Eigen::MatrixXd K = rbfsvm::test::naive_gram(kernel, X, X);
  // SVR's layout: variables t and t + 300 both stand for point t, with opposite signs.
  std::vector<Index> points;
  std::vector<signed char> signs;
  for (Index t = 0; t < 600; ++t) {
    points.push_back(t % 300);
    signs.push_back(t < 300 ? (t % 7 == 0 ? -1 : 1) : -1);
  }
  for (std::size_t budget : {std::size_t{40} << 10, std::size_t{1} << 20}) {
    INFO("budget " << budget << " bytes");  // 40 kB keeps a few dozen rows of 300
    std::vector<Index> current = points;
    std::vector<signed char> current_signs = signs;
    auto store = std::make_shared<KernelRowStore>(kernel, X, budget, 1);
    StoredQMatrix Q(store, current, current_signs);
    auto check_columns = [&](Index length) {
      double worst = 0;
      for (Index s : {Index{0}, Index{5}, Index{299}, Index{300}, Index{451}, Index{599}}) {
        const float* column = Q.column(s, length);
        for (Index t = 0; t < length; ++t) {
          const double expected = current_signs[s] * current_signs[t] * K(current[s], current[t]);
          worst = std::max(worst, std::abs(column[t] - expected));
        }
      }
      CHECK(worst <= float_gram_tolerance);
    };
    check_columns(600);
    check_columns(37);
    // Random swaps: the runs break into short stretches and single variables, between which
    // long runs remain.
    std::mt19937 engine(5);
    for (int k = 0; k < 40; ++k) {
      const Index a = static_cast<Index>(engine() % 600), b = static_cast<Index>(engine() % 600);
      Q.swap_index(a, b);
      std::swap(current[a], current[b]);
      std::swap(current_signs[a], current_signs[b]);
    }
    check_columns(600);
    check_columns(450);
    check_columns(1);
  }
}

TEST_CASE("packed rows follow their generation through swaps", "[kernel_rows][packed]") {
  rbfsvm::PackedRows packed;
  CHECK_FALSE(packed.covers(1));
  // Six variables over points 10..15; the generation is the first four.
  const std::vector<std::int32_t> points = {10, 11, 12, 13, 14, 15};
  packed.start(points.data(), 4, 6, 20, 2 * 4 * sizeof(float));  // room for two packed rows
  CHECK(packed.covers(4));
  CHECK_FALSE(packed.covers(5));
  CHECK(packed.in_order());
  std::vector<float> row(20);
  for (std::size_t p = 0; p < row.size(); ++p) row[p] = static_cast<float>(100 + p);
  const float* first = packed.add(12, row.data());
  REQUIRE(first != nullptr);
  CHECK(std::vector<float>(first, first + 4) == std::vector<float>{110, 111, 112, 113});
  const std::vector<float> values = {1, 2, 3, 4};
  REQUIRE(packed.add_packed(14, values.data()) != nullptr);
  CHECK(packed.full());
  CHECK(packed.add(15, row.data()) == nullptr);
  CHECK(packed.add(25, row.data()) == nullptr);  // no such point
  CHECK(packed.find(15) == nullptr);
  CHECK(packed.find(12)[3] == 113);
  // Within the generation: positions follow, coverage stays.
  packed.swap(0, 3);
  CHECK_FALSE(packed.in_order());
  CHECK(packed.positions()[0] == 3);
  CHECK(packed.positions()[3] == 0);
  CHECK(packed.covers(4));
  // A variable from outside moves in at position 2: only [0, 2) stays covered.
  packed.swap(2, 5);
  CHECK(packed.positions()[2] == -1);
  CHECK(packed.covers(2));
  CHECK_FALSE(packed.covers(3));
}

// Without a shared store, once at most half the variables are active the columns come from rows
// cut down to the active variables: computed restricted, or copied from stored full rows. They
// must equal the signed kernel through shrinking-like swaps and after the active set grows back.
TEST_CASE("columns from packed rows are the signed kernel through generations",
          "[kernel_rows][packed]") {
  const Kernel kernel = Kernel::rbf(0.8);
  const RowMatrix<double> X = rbfsvm::test::random_points<double>(400, 4, 43);
  const Eigen::MatrixXd K = rbfsvm::test::naive_gram(kernel, X, X);
  std::vector<Index> current(400);
  std::vector<signed char> current_signs(400);
  for (Index t = 0; t < 400; ++t) {
    current[t] = t;
    current_signs[t] = t % 3 == 0 ? -1 : 1;
  }
  // 780 kB: every row of 400 floats fits (640 kB), the whole matrix is never built at once (that
  // takes 1.25 times the rows), and 140 kB are left for packed rows.
  auto store = std::make_shared<KernelRowStore>(kernel, X, std::size_t{780} << 10, 1);
  REQUIRE(store->spare_bytes() > 100000);
  StoredQMatrix Q(store, current, current_signs);
  std::mt19937 engine(7);
  auto check_columns = [&](Index length, std::vector<Index> variables) {
    double worst = 0;
    for (Index s : variables) {
      if (Q.has_column(s) == false && engine() % 2 == 0) Q.prefetch({s, (s + 1) % length});
      const float* column = Q.column(s, length);
      for (Index t = 0; t < length; ++t) {
        const double expected = current_signs[s] * current_signs[t] * K(current[s], current[t]);
        worst = std::max(worst, std::abs(column[t] - expected));
      }
    }
    CHECK(worst <= float_gram_tolerance);
  };
  Index active = 400;
  auto shrink_to = [&](Index length) {
    // As shrinking does: variables of [0, length) trade places with variables of the old active
    // range [length, active), never with ones already shrunk.
    for (int k = 0; k < 60; ++k) {
      const Index a = static_cast<Index>(engine() % length);
      const Index b = length + static_cast<Index>(engine() % (active - length));
      Q.swap_index(a, b);
      std::swap(current[a], current[b]);
      std::swap(current_signs[a], current_signs[b]);
    }
    active = length;
  };
  check_columns(400, {0, 7});       // full rows, stored
  check_columns(200, {0, 7, 150, 199});  // first generation: packed from full rows or computed
  active = 200;
  shrink_to(90);
  check_columns(90, {3, 50, 89});   // a new generation (halved)
  shrink_to(80);
  check_columns(80, {3, 4, 79});    // same generation, positions moved
  shrink_to(40);
  check_columns(40, {0, 3, 4, 39});  // an eighth of the variables: stored rows are packed too
  check_columns(400, {3, 399});     // grown back: full rows again
  active = 400;
  shrink_to(150);
  check_columns(150, {0, 149});
  CHECK_FALSE(store->complete());
}
