#include <catch2/catch.hpp>
#include <Eigen/Eigenvalues>
#include <cmath>
#include <limits>
#include <random>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/kernel/gram.hpp"
#include "support/naive_gram.hpp"

using rbfsvm::Kernel;
using rbfsvm::KernelType;
using rbfsvm::RowMatrix;

using rbfsvm::test::naive_gram;
using rbfsvm::test::random_points;

namespace {

std::vector<Kernel> all_kernels() {
  return {Kernel::rbf(0.3), Kernel::rbf_from_sigma(2.0), Kernel::linear(),
          Kernel::polynomial(0.5, 1.0, 3), Kernel::sigmoid(0.05, -0.2)};
}

}  // namespace

TEMPLATE_TEST_CASE("rectangular Gram equals the naive computation for every kernel", "[gram]", float,
                   double) {
  // Tolerance from the precision: round-off in |x|^2 + |y|^2 - 2<x,y> grows with the norms.
  const double tolerance = std::is_same<TestType, float>::value ? 2e-4 : 1e-11;
  const auto X = random_points<TestType>(300, 17, 1);
  const auto Y = random_points<TestType>(700, 17, 2);
  for (const Kernel& kernel : all_kernels()) {
    INFO("kernel " << rbfsvm::to_string(kernel.type));
    const RowMatrix<TestType> K = rbfsvm::gram<TestType>(kernel, X, Y);
    const Eigen::MatrixXd expected = naive_gram(kernel, X, Y);
    const double scale = std::max(1.0, expected.cwiseAbs().maxCoeff());
    CHECK((K.template cast<double>() - expected).cwiseAbs().maxCoeff() <= tolerance * scale);
  }
}

TEMPLATE_TEST_CASE("symmetric Gram is symmetric with unit RBF diagonal and PSD and equals the rectangular Gram",
                   "[gram]", float, double) {
  const auto X = random_points<TestType>(600, 9, 3);
  const Kernel kernel = Kernel::rbf(0.2);
  const RowMatrix<TestType> K = rbfsvm::gram<TestType>(kernel, X);
  CHECK((K - K.transpose()).cwiseAbs().maxCoeff() == 0);
  for (Eigen::Index i = 0; i < K.rows(); ++i) CHECK(K(i, i) == Approx(1.0).epsilon(1e-6));
  const RowMatrix<TestType> full = rbfsvm::gram<TestType>(kernel, X, X);
  // The symmetric path sets the RBF diagonal to exactly 1; the rectangular one computes it from
  // |x|^2 + |x|^2 - 2<x, x>, which cancels to about 1 - 1.5e-6 in float (|x|^2 ~ 9 here).
  CHECK((K - full).cwiseAbs().maxCoeff() <= (std::is_same<TestType, float>::value ? 1e-5 : 1e-14));
  const Eigen::MatrixXd Kd = K.template cast<double>();
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(Kd, Eigen::EigenvaluesOnly);
  const double floor = std::is_same<TestType, float>::value ? -1e-4 : -1e-10;
  CHECK(eigen.eigenvalues().minCoeff() >= floor * static_cast<double>(K.rows()));
}

TEMPLATE_TEST_CASE("RBF values stay in the unit interval even when round-off makes distances negative",
                   "[gram]", float, double) {
  // Large norms and near-duplicate points: |x|^2 + |y|^2 - 2<x,y> cancels catastrophically.
  RowMatrix<TestType> X = random_points<TestType>(64, 5, 4, 1e3);
  X.row(1) = X.row(0);
  const RowMatrix<TestType> K = rbfsvm::gram<TestType>(Kernel::rbf(1e-7), X);
  CHECK(K.maxCoeff() <= 1);
  CHECK(K.minCoeff() >= 0);
  CHECK(K(0, 1) == Approx(1.0).epsilon(1e-4));
}

TEMPLATE_TEST_CASE("results are identical for 1 and 2 and 3 threads", "[gram][threads]", float,
                   double) {
  const auto X = random_points<TestType>(1100, 33, 5);
  const auto Y = random_points<TestType>(1300, 33, 6);
  for (const Kernel& kernel : all_kernels()) {
    const auto one = rbfsvm::gram<TestType>(kernel, X, Y, {1});
    const auto two = rbfsvm::gram<TestType>(kernel, X, Y, {2});
    const auto three = rbfsvm::gram<TestType>(kernel, X, Y, {3});
    CHECK((one.array() == two.array()).all());
    CHECK((one.array() == three.array()).all());
    const auto sym_one = rbfsvm::gram<TestType>(kernel, X, {1});
    const auto sym_two = rbfsvm::gram<TestType>(kernel, X, {2});
    CHECK((sym_one.array() == sym_two.array()).all());
  }
}

TEMPLATE_TEST_CASE("gram_rows returns the chosen rows of the rectangular Gram", "[gram]", float, double) {
  const auto X = random_points<TestType>(500, 12, 7);
  const auto Y = random_points<TestType>(900, 12, 8);
  const auto x_norms = rbfsvm::squared_norms<TestType>(X);
  const auto y_norms = rbfsvm::squared_norms<TestType>(Y);
  const std::vector<Eigen::Index> rows = {499, 0, 17, 17, 250};
  for (const Kernel& kernel : all_kernels()) {
    RowMatrix<TestType> out(rows.size(), Y.rows());
    rbfsvm::gram_rows<TestType>(kernel, X, x_norms, rows, Y, y_norms, out);
    const auto full = rbfsvm::gram<TestType>(kernel, X, Y);
    for (std::size_t k = 0; k < rows.size(); ++k) {
      const double scale = std::max<double>(1.0, full.row(rows[k]).cwiseAbs().maxCoeff());
      CHECK((out.row(k) - full.row(rows[k])).cwiseAbs().maxCoeff() <=
            (std::is_same<TestType, float>::value ? 1e-5 : 1e-13) * scale);
    }
    RowMatrix<TestType> wrong(2, Y.rows());
    CHECK_THROWS_AS(rbfsvm::gram_rows<TestType>(kernel, X, x_norms, rows, Y, y_norms, wrong),
                    rbfsvm::InvalidArgument);
  }
  RowMatrix<TestType> out(1, Y.rows());
  CHECK_THROWS_AS(rbfsvm::gram_rows<TestType>(Kernel::rbf(1.0), X, x_norms, {500}, Y, y_norms, out),
                  rbfsvm::InvalidArgument);
}

TEMPLATE_TEST_CASE("gram_into writes the same values into a block of a larger matrix", "[gram]", float,
                   double) {
  const auto X = random_points<TestType>(300, 7, 21);
  const auto Y = random_points<TestType>(700, 7, 22);
  for (const Kernel& kernel : all_kernels()) {
    // A sentinel frame around the target block must survive: nothing is written outside it.
    const TestType sentinel = TestType(-7);
    RowMatrix<TestType> canvas = RowMatrix<TestType>::Constant(X.rows() + 3, Y.rows() + 5, sentinel);
    rbfsvm::gram_into<TestType>(kernel, X, Y, canvas.block(1, 2, X.rows(), Y.rows()), {2});
    const auto rectangular = rbfsvm::gram<TestType>(kernel, X, Y, {1});
    CHECK((canvas.block(1, 2, X.rows(), Y.rows()).array() == rectangular.array()).all());
    CHECK((canvas.row(0).array() == sentinel).all());
    CHECK((canvas.bottomRows(2).array() == sentinel).all());
    CHECK((canvas.leftCols(2).array() == sentinel).all());
    CHECK((canvas.rightCols(3).array() == sentinel).all());

    RowMatrix<TestType> square = RowMatrix<TestType>::Constant(Y.rows() + 1, Y.rows() + 1, sentinel);
    rbfsvm::gram_into<TestType>(kernel, Y, square.bottomRightCorner(Y.rows(), Y.rows()), {2});
    const auto symmetric = rbfsvm::gram<TestType>(kernel, Y, {1});
    CHECK((square.bottomRightCorner(Y.rows(), Y.rows()).array() == symmetric.array()).all());
    CHECK((square.row(0).array() == sentinel).all());
    CHECK((square.col(0).array() == sentinel).all());

    RowMatrix<TestType> wrong(X.rows(), Y.rows() - 1);
    CHECK_THROWS_AS(rbfsvm::gram_into<TestType>(kernel, X, Y, wrong), rbfsvm::InvalidArgument);
    CHECK_THROWS_AS(rbfsvm::gram_into<TestType>(kernel, X, wrong), rbfsvm::InvalidArgument);
  }
}

TEMPLATE_TEST_CASE("a single row from the transposed points equals the naive row", "[gram]", float,
                   double) {
  const auto X = random_points<TestType>(40, 9, 23);
  const auto Y = random_points<TestType>(1500, 9, 24);
  const RowMatrix<TestType> Yt = Y.transpose();
  const auto y_norms = rbfsvm::squared_norms<TestType>(Y);
  for (const Kernel& kernel : all_kernels()) {
    const Eigen::MatrixXd expected = naive_gram(kernel, X, Y);
    for (Eigen::Index r : {0, 17, 39}) {
      std::vector<TestType> row(static_cast<std::size_t>(Y.rows()));
      rbfsvm::gram_row_transposed<TestType>(kernel, X.row(r).transpose(), X.row(r).squaredNorm(),
                                            Yt, y_norms, row.data());
      double worst = 0;
      for (Eigen::Index j = 0; j < Y.rows(); ++j) {
        const double scale = std::max(1.0, std::abs(expected(r, j)));
        worst = std::max(worst, std::abs(row[static_cast<std::size_t>(j)] - expected(r, j)) / scale);
      }
      CHECK(worst <= (std::is_same<TestType, float>::value ? 2e-5 : 1e-12));
    }
    std::vector<TestType> row(static_cast<std::size_t>(Y.rows()));
    const RowMatrix<TestType> narrow = Yt.topRows(8);
    CHECK_THROWS_AS(rbfsvm::gram_row_transposed<TestType>(kernel, X.row(0).transpose(), TestType(1),
                                                          narrow, y_norms, row.data()),
                    rbfsvm::InvalidArgument);
  }
}

TEST_CASE("Gram builder refusals", "[gram][errors]") {
  const auto X = random_points<double>(4, 3, 9);
  const auto Y = random_points<double>(4, 2, 9);
  CHECK_THROWS_WITH(rbfsvm::gram<double>(Kernel::rbf(1.0), X, Y),
                    Catch::Matchers::Contains("3 vs 2"));
  CHECK_THROWS_AS(rbfsvm::gram<double>(Kernel::precomputed(), X), rbfsvm::InvalidArgument);
  Kernel bad = Kernel::linear();
  bad.type = KernelType::rbf;
  bad.gamma = -1.0;
  CHECK_THROWS_AS(rbfsvm::gram<double>(bad, X), rbfsvm::InvalidArgument);
  CHECK_THROWS_AS(Kernel::rbf(std::numeric_limits<double>::quiet_NaN()), rbfsvm::InvalidArgument);
  CHECK_THROWS_AS(Kernel::rbf_from_sigma(0.0), rbfsvm::InvalidArgument);
  CHECK_THROWS_AS(Kernel::polynomial(1.0, 0.0, -1), rbfsvm::InvalidArgument);
}

TEST_CASE("sigma and gamma convert both ways", "[kernel]") {
  CHECK(rbfsvm::gamma_from_sigma(1.0) == 0.5);
  CHECK(rbfsvm::gamma_from_sigma(0.5) == 2.0);
  CHECK(rbfsvm::sigma_from_gamma(0.5) == Approx(1.0));
  CHECK(rbfsvm::sigma_from_gamma(rbfsvm::gamma_from_sigma(3.7)) == Approx(3.7));
  CHECK_THROWS_AS(rbfsvm::sigma_from_gamma(0.0), rbfsvm::InvalidArgument);
  CHECK_THROWS_AS(rbfsvm::gamma_from_sigma(-1.0), rbfsvm::InvalidArgument);
  CHECK(rbfsvm::kernel_type_from_string("rbf") == KernelType::rbf);
  CHECK_THROWS_AS(rbfsvm::kernel_type_from_string("gauss"), rbfsvm::InvalidArgument);
}
