#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/gaussian/filter.hpp"

using Catch::Matchers::Contains;
using rbfsvm::gaussian_kernel;
using rbfsvm::gaussian_kernel_1d;

TEST_CASE("5x5 kernel with sigma 1 has the published values", "[gaussian]") {
  const Eigen::MatrixXd G = gaussian_kernel(5, 1.0);
  REQUIRE(G.rows() == 5);
  REQUIRE(G.cols() == 5);
  CHECK(G(2, 2) == Approx(0.16210282).epsilon(1e-7));
  CHECK(G(0, 0) == Approx(0.00296902).epsilon(1e-5));
  CHECK(G(4, 4) == Approx(0.00296902).epsilon(1e-5));
}

TEST_CASE("kernel equals the direct formula divided by its sum", "[gaussian]") {
  for (int size : {1, 2, 3, 4, 7, 10}) {
    for (double sigma : {0.3, 1.0, 2.5}) {
      const Eigen::MatrixXd G = gaussian_kernel(size, sigma);
      const double c = (size - 1) / 2.0;
      Eigen::MatrixXd direct(size, size);
      for (int i = 0; i < size; ++i)
        for (int j = 0; j < size; ++j)
          direct(i, j) = std::exp(-((i - c) * (i - c) + (j - c) * (j - c)) / (2 * sigma * sigma));
      direct /= direct.sum();
      CHECK((G - direct).cwiseAbs().maxCoeff() < 1e-15);
    }
  }
}

TEST_CASE("kernel sums to 1 and is symmetric and peaks at the centre", "[gaussian]") {
  for (int size : {1, 3, 4, 5, 8, 31}) {
    const Eigen::MatrixXd G = gaussian_kernel(size, 1.7);
    CHECK(G.sum() == Approx(1.0).epsilon(1e-12));
    CHECK((G - G.transpose()).cwiseAbs().maxCoeff() == 0.0);
    CHECK((G - G.colwise().reverse()).cwiseAbs().maxCoeff() < 1e-16);
    Eigen::Index row = 0, col = 0;
    G.maxCoeff(&row, &col);
    CHECK(row == (size - 1) / 2);
    CHECK(col == (size - 1) / 2);
    if (size % 2 == 0) CHECK(G(size / 2 - 1, size / 2 - 1) == G(size / 2, size / 2));
  }
}

TEST_CASE("1-D kernel sums to 1 and its outer product is the 2-D kernel", "[gaussian]") {
  const Eigen::VectorXd g = gaussian_kernel_1d(9, 2.0);
  CHECK(g.sum() == Approx(1.0).epsilon(1e-12));
  CHECK(((g * g.transpose()) - gaussian_kernel(9, 2.0)).cwiseAbs().maxCoeff() < 1e-17);
}

TEST_CASE("size derived from sigma is 2*ceil(3 sigma)+1", "[gaussian]") {
  CHECK(rbfsvm::gaussian_kernel_size(1.0) == 7);
  CHECK(rbfsvm::gaussian_kernel_size(0.5) == 5);
  CHECK(rbfsvm::gaussian_kernel_size(0.1) == 3);
  CHECK(rbfsvm::gaussian_kernel_size(2.2) == 15);
  CHECK(gaussian_kernel(1.0).rows() == 7);
  CHECK(gaussian_kernel_1d(2.2).size() == 15);
}

TEST_CASE("a tiny sigma gives a delta and not NaN", "[gaussian]") {
  const Eigen::MatrixXd odd = gaussian_kernel(5, 1e-3);
  CHECK(odd(2, 2) == 1.0);
  CHECK(odd.sum() == 1.0);
  const Eigen::MatrixXd even = gaussian_kernel(4, 1e-3);
  CHECK(even.allFinite());
  CHECK(even(1, 1) == Approx(0.25));
  CHECK(even(2, 2) == Approx(0.25));
}

TEST_CASE("invalid sizes and sigmas are refused with the value named", "[gaussian][errors]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(gaussian_kernel(0, 1.0), Contains("got 0"));
  CHECK_THROWS_WITH(gaussian_kernel(-3, 1.0), Contains("got -3"));
  CHECK_THROWS_AS(gaussian_kernel(100000, 1.0), rbfsvm::InvalidArgument);
  CHECK_THROWS_WITH(gaussian_kernel(5, 0.0), Contains("sigma") && Contains("got 0"));
  CHECK_THROWS_WITH(gaussian_kernel(5, -1.0), Contains("got -1"));
  CHECK_THROWS_WITH(gaussian_kernel(5, nan), Contains("nan"));
  CHECK_THROWS_WITH(gaussian_kernel(5, inf), Contains("inf"));
  CHECK_THROWS_AS(gaussian_kernel_1d(5, nan), rbfsvm::InvalidArgument);
  CHECK_THROWS_WITH(gaussian_kernel(1e6), Contains("smaller sigma"));
  CHECK_THROWS_AS(rbfsvm::gaussian_kernel_size(-2.0), rbfsvm::InvalidArgument);
}
