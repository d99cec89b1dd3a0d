// Kernel density estimation: the estimate against a naive sum, the bandwidth rules against their
// definitions, integrals, log-densities far out, thread counts, every refusal, the density plot
// and the kde tool in-process.
#include <stb/stb_image.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "kde_cli.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/gaussian/kde.hpp"
#include "rbfsvm/plot/plot.hpp"
#include "support/paths.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using rbfsvm::Bandwidth;
using rbfsvm::GaussianKde;
using rbfsvm::RowMatrix;
namespace fs = std::filesystem;

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The what() of the InvalidArgument `action` throws.
std::string refusal(const std::function<void()>& action) {
  try {
    action();
  } catch (const rbfsvm::InvalidArgument& error) {
    return error.what();
  } catch (const std::exception& error) {
    FAIL("threw another exception: " << error.what());
  }
  FAIL("threw nothing");
  return {};
}

RowMatrix<double> random_points(Eigen::Index n, Eigen::Index d, unsigned seed) {
  std::mt19937 generator(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  RowMatrix<double> points(n, d);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < d; ++j) points(i, j) = normal(generator);
  }
  return points;
}

// Correlated 2-D data away from the origin: x ~ N(10, 2^2), y = 0.5 x + N(-3, 1).
RowMatrix<double> correlated_points(Eigen::Index n, unsigned seed) {
  const RowMatrix<double> normal = random_points(n, 2, seed);
  RowMatrix<double> points(n, 2);
  for (Eigen::Index i = 0; i < n; ++i) {
    points(i, 0) = 10.0 + 2.0 * normal(i, 0);
    points(i, 1) = 0.5 * points(i, 0) - 3.0 + normal(i, 1);
  }
  return points;
}

// The unbiased covariance, one entry at a time.
Eigen::MatrixXd naive_covariance(const RowMatrix<double>& data) {
  const Eigen::Index n = data.rows(), d = data.cols();
  std::vector<double> mean(static_cast<std::size_t>(d), 0.0);
  for (Eigen::Index j = 0; j < d; ++j) {
    for (Eigen::Index i = 0; i < n; ++i) mean[static_cast<std::size_t>(j)] += data(i, j);
    mean[static_cast<std::size_t>(j)] /= static_cast<double>(n);
  }
  Eigen::MatrixXd covariance(d, d);
  for (Eigen::Index a = 0; a < d; ++a) {
    for (Eigen::Index b = 0; b < d; ++b) {
      double sum = 0;
      for (Eigen::Index i = 0; i < n; ++i) {
        sum += (data(i, a) - mean[static_cast<std::size_t>(a)]) *
               (data(i, b) - mean[static_cast<std::size_t>(b)]);
      }
      covariance(a, b) = sum / static_cast<double>(n - 1);
    }
  }
  return covariance;
}

// (1/n) sum_i N(y; x_i, h^2), term by term.
double naive_density_1d(const std::vector<double>& sample, double h, double y) {
  double sum = 0;
  for (const double x : sample) {
    sum += std::exp(-(y - x) * (y - x) / (2 * h * h)) / std::sqrt(2 * kPi * h * h);
  }
  return sum / static_cast<double>(sample.size());
}

// (1/n) sum_i N(y; x_i, H) for a full 2 x 2 H, with its inverse and determinant written out.
double naive_density_2d(const RowMatrix<double>& data, const Eigen::MatrixXd& H, double y0,
                        double y1) {
  const double det = H(0, 0) * H(1, 1) - H(0, 1) * H(1, 0);
  const double i00 = H(1, 1) / det, i01 = -H(0, 1) / det, i11 = H(0, 0) / det;
  double sum = 0;
  for (Eigen::Index i = 0; i < data.rows(); ++i) {
    const double a = y0 - data(i, 0), b = y1 - data(i, 1);
    const double quadratic = a * a * i00 + 2 * a * b * i01 + b * b * i11;
    sum += std::exp(-0.5 * quadratic) / (2 * kPi * std::sqrt(det));
  }
  return sum / static_cast<double>(data.rows());
}

// log((1/n) sum_i N(y; x_i, h^2)) by log-sum-exp over the terms' logarithms.
double naive_log_density_1d(const std::vector<double>& sample, double h, double y) {
  std::vector<double> logs;
  for (const double x : sample) {
    logs.push_back(-0.5 * std::log(2 * kPi * h * h) - (y - x) * (y - x) / (2 * h * h));
  }
  const double largest = *std::max_element(logs.begin(), logs.end());
  double sum = 0;
  for (const double value : logs) sum += std::exp(value - largest);
  return largest + std::log(sum) - std::log(static_cast<double>(sample.size()));
}

double trapezoid(const Eigen::VectorXd& values, double step) {
  return step * (values.sum() - 0.5 * (values(0) + values(values.size() - 1)));
}

struct Image {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> pixels;  // RGB
};

Image load_png(const std::string& path) {
  Image image;
  int channels = 0;
  unsigned char* data = stbi_load(path.c_str(), &image.width, &image.height, &channels, 3);
  REQUIRE(data != nullptr);
  image.pixels.assign(data, data + 3 * static_cast<std::size_t>(image.width) * image.height);
  stbi_image_free(data);
  return image;
}

// Pixels within `tolerance` of (r, g, b) in every channel.
std::size_t count_colour(const Image& image, int r, int g, int b, int tolerance = 6) {
  std::size_t count = 0;
  for (std::size_t i = 0; i + 2 < image.pixels.size(); i += 3) {
    if (std::abs(image.pixels[i] - r) <= tolerance &&
        std::abs(image.pixels[i + 1] - g) <= tolerance &&
        std::abs(image.pixels[i + 2] - b) <= tolerance) {
      ++count;
    }
  }
  return count;
}

std::size_t non_white(const Image& image) {
  return image.pixels.size() / 3 - count_colour(image, 255, 255, 255, 0);
}

// A CSV of numbers with a header line: the header's fields and the rows.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<double>> rows;
};

Table read_table(const std::string& path) {
  Table table;
  std::istringstream lines(rbfsvm::test::read_file(path));
  std::string line;
  std::getline(lines, line);
  std::istringstream names(line);
  for (std::string name; std::getline(names, name, ',');) table.header.push_back(name);
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::vector<double> row;
    // strtod, not stod, which throws for subnormal numbers (far-out densities are).
    for (std::string field; std::getline(fields, field, ',');) {
      row.push_back(std::strtod(field.c_str(), nullptr));
    }
    table.rows.push_back(row);
  }
  return table;
}

struct Run {
  int status;
  std::string out, err;
};

Run kde_tool(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int status = rbfsvm::cli::run_kde(args, out, err);
  return {status, out.str(), err.str()};
}

// Iris's petal lengths (feature 2), as the tool reads them.
Eigen::VectorXd iris_column(Eigen::Index feature) {
  std::ifstream in(rbfsvm::test::dataset_path("iris.csv"));
  std::string line;
  std::getline(in, line);
  std::vector<double> values;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string field;
    for (Eigen::Index j = 0; j <= feature; ++j) std::getline(fields, field, ',');
    values.push_back(std::stod(field));
  }
  return Eigen::Map<const Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(values.size()));
}

}  // namespace

// scipy.stats.gaussian_kde (scipy/stats/_kde.py): scotts_factor = neff ** (-1 / (d + 4)),
// silverman_factor = (neff * (d + 2) / 4) ** (-1 / (d + 4)), covariance = data covariance
// (numpy.cov, ddof = 1) * factor ** 2; neff = n for unweighted data.
TEST_CASE("Scott and Silverman factors follow scipy's definitions", "[kde]") {
  CHECK(rbfsvm::scott_factor(16, 1) == Approx(0.5743491774985174).epsilon(1e-15));      // 16^-0.2
  CHECK(rbfsvm::silverman_factor(16, 1) == Approx(0.6083643418932058).epsilon(1e-15));  // 12^-0.2
  CHECK(rbfsvm::scott_factor(150, 1) == Approx(0.3670977715849853).epsilon(1e-15));
  CHECK(rbfsvm::silverman_factor(150, 1) == Approx(0.3888387116587077).epsilon(1e-15));
  // In two dimensions (d + 2) / 4 = 1: the two rules agree.
  CHECK(rbfsvm::scott_factor(6, 2) == Approx(0.7418363755904023).epsilon(1e-15));
  CHECK(rbfsvm::silverman_factor(6, 2) == Approx(0.7418363755904023).epsilon(1e-15));
  for (const Eigen::Index d : {1, 2, 3, 7}) {
    for (const Eigen::Index n : {1, 2, 10, 1000}) {
      const double exponent = -1.0 / (static_cast<double>(d) + 4.0);
      CHECK(rbfsvm::scott_factor(n, d) ==
            Approx(std::pow(static_cast<double>(n), exponent)).epsilon(1e-14));
      CHECK(rbfsvm::silverman_factor(n, d) ==
            Approx(std::pow(static_cast<double>(n) * (static_cast<double>(d) + 2) / 4, exponent))
                .epsilon(1e-14));
    }
  }
  CHECK_THAT(refusal([] { rbfsvm::scott_factor(0, 1); }), Contains("n = 0"));
  CHECK_THAT(refusal([] { rbfsvm::silverman_factor(5, 0); }), Contains("d = 0"));
}

TEST_CASE("bandwidth matrices on a known sample", "[kde]") {
  // 1-D: {1, 2, 3, 4, 5} has mean 3 and unbiased variance 10 / 4 = 2.5.
  const Eigen::VectorXd sample = (Eigen::VectorXd(5) << 1, 2, 3, 4, 5).finished();
  const GaussianKde scott(sample, Bandwidth::scott());
  const double scott_factor = std::pow(5.0, -0.2);
  CHECK(scott.factor() == Approx(scott_factor).epsilon(1e-15));
  CHECK(scott.bandwidth_matrix()(0, 0) == Approx(scott_factor * scott_factor * 2.5).epsilon(1e-14));
  CHECK(scott.bandwidth_along(0) == Approx(scott_factor * std::sqrt(2.5)).epsilon(1e-14));
  const GaussianKde silverman(sample, Bandwidth::silverman());
  const double silverman_factor = std::pow(5.0 * 3.0 / 4.0, -0.2);
  CHECK(silverman.factor() == Approx(silverman_factor).epsilon(1e-15));
  CHECK(silverman.bandwidth_matrix()(0, 0) ==
        Approx(silverman_factor * silverman_factor * 2.5).epsilon(1e-14));

  // 2-D: the full covariance, off-diagonal included.
  RowMatrix<double> points(6, 2);
  points << 0, 0, 1, 2, 2, 1, 3, 5, 4, 3, 5, 4;
  const Eigen::MatrixXd covariance = naive_covariance(points);
  CHECK(covariance(0, 0) == Approx(3.5));  // 17.5 / 5
  CHECK(covariance(0, 1) == Approx(2.7));  // 13.5 / 5
  CHECK(covariance(1, 1) == Approx(3.5));  // 17.5 / 5
  CHECK(rbfsvm::sample_covariance(points).isApprox(covariance, 1e-14));
  for (const Bandwidth bandwidth : {Bandwidth::scott(), Bandwidth::silverman()}) {
    const GaussianKde kde(points, bandwidth);
    const double factor = std::pow(6.0, -1.0 / 6.0);
    CHECK(kde.factor() == Approx(factor).epsilon(1e-15));
    for (int a = 0; a < 2; ++a) {
      for (int b = 0; b < 2; ++b) {
        CHECK(kde.bandwidth_matrix()(a, b) ==
              Approx(factor * factor * covariance(a, b)).epsilon(1e-13));
      }
    }
  }

  // A fixed h is H = h^2 I, whatever the data's spread.
  const GaussianKde fixed(points, Bandwidth::fixed(0.5));
  CHECK(fixed.factor() == 0.5);
  CHECK(fixed.bandwidth_matrix() == Eigen::MatrixXd::Identity(2, 2) * 0.25);
  CHECK(fixed.bandwidth_along(1) == 0.5);
  CHECK(rbfsvm::to_string(fixed.bandwidth()) == "fixed h = 0.5");
  CHECK(rbfsvm::to_string(Bandwidth::silverman()) == "silverman");
}

TEST_CASE("1-D density matches a naive sum", "[kde]") {
  const RowMatrix<double> points = random_points(300, 1, 1);
  const std::vector<double> sample(points.data(), points.data() + points.size());
  const Eigen::VectorXd grid = rbfsvm::linear_grid(-5.0, 5.0, 101);
  for (const Bandwidth bandwidth :
       {Bandwidth::scott(), Bandwidth::silverman(), Bandwidth::fixed(0.3)}) {
    const GaussianKde kde(points, bandwidth);
    const double h = bandwidth.rule == rbfsvm::BandwidthRule::fixed
                         ? 0.3
                         : kde.factor() * std::sqrt(naive_covariance(points)(0, 0));
    CHECK(kde.bandwidth_along(0) == Approx(h).epsilon(1e-13));
    const Eigen::VectorXd density = kde.density_on_grid(grid);
    const Eigen::VectorXd same = kde.density(RowMatrix<double>(grid));
    CHECK(density == same);
    for (Eigen::Index k = 0; k < grid.size(); ++k) {
      CHECK(density(k) == Approx(naive_density_1d(sample, h, grid(k))).epsilon(1e-11));
    }
  }
}

TEST_CASE("2-D density with a full bandwidth matrix matches a naive sum", "[kde]") {
  // More points and queries than one Gram block holds (2048 x 1024), so block edges are crossed.
  const RowMatrix<double> data = correlated_points(2500, 2);
  const GaussianKde kde(data, Bandwidth::scott());
  const Eigen::MatrixXd H = kde.bandwidth_matrix();
  CHECK(std::abs(H(0, 1)) > 0.1 * std::sqrt(H(0, 0) * H(1, 1)));  // really correlated
  const RowMatrix<double> queries = correlated_points(1100, 3);
  const Eigen::VectorXd density = kde.density(queries);
  for (Eigen::Index i = 0; i < queries.rows(); ++i) {
    CHECK(density(i) ==
          Approx(naive_density_2d(data, H, queries(i, 0), queries(i, 1))).epsilon(1e-10));
  }

  // On a grid: result(i, j) is the density at (x_j, y_i).
  const Eigen::VectorXd x = rbfsvm::linear_grid(4.0, 16.0, 7);
  const Eigen::VectorXd y = rbfsvm::linear_grid(0.0, 6.0, 5);
  const Eigen::MatrixXd grid = kde.density_on_grid(x, y);
  REQUIRE(grid.rows() == 5);
  REQUIRE(grid.cols() == 7);
  for (Eigen::Index i = 0; i < 5; ++i) {
    for (Eigen::Index j = 0; j < 7; ++j) {
      CHECK(grid(i, j) == Approx(naive_density_2d(data, H, x(j), y(i))).epsilon(1e-10));
    }
  }
}

TEST_CASE("density integrates to 1 in 1-D and 2-D", "[kde]") {
  const RowMatrix<double> one = random_points(200, 1, 4);
  for (const Bandwidth bandwidth : {Bandwidth::scott(), Bandwidth::fixed(0.05)}) {
    const GaussianKde kde(one, bandwidth);
    const auto [low, high] = kde.grid_limits(0, 6.0);
    const Eigen::VectorXd x = rbfsvm::linear_grid(low, high, 20001);
    CHECK(trapezoid(kde.density_on_grid(x), x(1) - x(0)) == Approx(1.0).margin(1e-6));
  }

  const RowMatrix<double> two = correlated_points(150, 5);
  const GaussianKde kde(two, Bandwidth::silverman());
  const auto [x_low, x_high] = kde.grid_limits(0, 6.0);
  const auto [y_low, y_high] = kde.grid_limits(1, 6.0);
  const Eigen::VectorXd x = rbfsvm::linear_grid(x_low, x_high, 301);
  const Eigen::VectorXd y = rbfsvm::linear_grid(y_low, y_high, 301);
  const Eigen::MatrixXd grid = kde.density_on_grid(x, y);
  Eigen::VectorXd along_x(grid.rows());
  for (Eigen::Index i = 0; i < grid.rows(); ++i) {
    along_x(i) = trapezoid(grid.row(i).transpose(), x(1) - x(0));
  }
  CHECK(trapezoid(along_x, y(1) - y(0)) == Approx(1.0).margin(1e-4));
  CHECK((grid.array() >= 0).all());
}

TEST_CASE("log density equals log of density and stays finite far out", "[kde]") {
  const std::vector<double> sample{-1.0, 0.0, 0.5, 2.0, 2.5};
  const double h = 0.2;
  const GaussianKde kde(Eigen::Map<const Eigen::VectorXd>(sample.data(), 5).eval(),
                        Bandwidth::fixed(h));
  const Eigen::VectorXd near = rbfsvm::linear_grid(-3.0, 4.0, 71);
  const Eigen::VectorXd density = kde.density_on_grid(near);
  const Eigen::VectorXd log_density = kde.log_density(RowMatrix<double>(near));
  for (Eigen::Index k = 0; k < near.size(); ++k) {
    REQUIRE(density(k) > 0);
    CHECK(log_density(k) == Approx(std::log(density(k))).epsilon(1e-12));
  }

  // Beyond about 38 bandwidths every term underflows and the density is 0; the log-density is
  // the exact log-sum-exp, about -(distance / h)^2 / 2. The distances cross the point where the
  // sum falls below 1e-250 and the log-sum-exp takes over, so both sides are checked.
  for (const double distance : {5.0, 6.5, 6.7, 6.9, 7.2, 8.0, 10.0, 100.0, 1e4, 1e6}) {
    for (const double y : {2.5 + distance, -1.0 - distance}) {
      const RowMatrix<double> point = RowMatrix<double>::Constant(1, 1, y);
      const double value = kde.log_density(point)(0);
      CHECK(std::isfinite(value));
      CHECK(value == Approx(naive_log_density_1d(sample, h, y)).epsilon(1e-12));
      if (distance >= 10.0) CHECK(kde.density(point)(0) == 0.0);
      if (distance <= 6.5) CHECK(std::log(kde.density(point)(0)) == Approx(value).epsilon(1e-12));
    }
  }

  // So far out that the squared scaled distance overflows: density 0, log-density -inf.
  const RowMatrix<double> absurd = RowMatrix<double>::Constant(1, 1, 1e300);
  CHECK(kde.density(absurd)(0) == 0.0);
  CHECK(kde.log_density(absurd)(0) == -kInfinity);

  // 2-D, with a full bandwidth matrix, far out along both axes.
  const RowMatrix<double> data = correlated_points(100, 6);
  const GaussianKde two(data, Bandwidth::scott());
  RowMatrix<double> far(2, 2);
  far << 1e3, -1e3, 10.0, 2.0;
  const Eigen::VectorXd logs = two.log_density(far);
  CHECK(std::isfinite(logs(0)));
  CHECK(logs(0) < -1e4);
  CHECK(two.density(far)(0) == 0.0);
  CHECK(logs(1) == Approx(std::log(two.density(far)(1))).epsilon(1e-12));
}

TEST_CASE("density is identical with 1 and 2 threads", "[kde]") {
  const RowMatrix<double> data = correlated_points(3000, 7);
  const GaussianKde kde(data, Bandwidth::silverman());
  const RowMatrix<double> queries = correlated_points(2100, 8);
  const rbfsvm::ThreadOptions one{1}, two{2};
  CHECK(kde.density(queries, one) == kde.density(queries, two));
  CHECK(kde.log_density(queries, one) == kde.log_density(queries, two));
  const Eigen::VectorXd x = rbfsvm::linear_grid(0.0, 20.0, 60);
  const Eigen::VectorXd y = rbfsvm::linear_grid(-5.0, 10.0, 40);
  CHECK(kde.density_on_grid(x, y, one) == kde.density_on_grid(x, y, two));
}

TEST_CASE("GaussianKde refuses bad data and bandwidths naming the value", "[kde][errors]") {
  CHECK_THAT(refusal([] { GaussianKde(RowMatrix<double>(0, 1)); }),
             Contains("empty") && Contains("0 x 1"));
  CHECK_THAT(refusal([] { GaussianKde(RowMatrix<double>(3, 0)); }), Contains("3 x 0"));
  CHECK_THAT(refusal([] { GaussianKde(Eigen::VectorXd(0)); }), Contains("empty"));

  // One point: no covariance for a rule; a fixed h works.
  const Eigen::VectorXd single = Eigen::VectorXd::Constant(1, 4.0);
  CHECK_THAT(refusal([&] { GaussianKde(single, Bandwidth::scott()); }),
             Contains("at least 2 points") && Contains("got 1") && Contains("fixed bandwidth"));
  CHECK_THAT(refusal([&] { GaussianKde(single, Bandwidth::silverman()); }), Contains("Silverman"));
  CHECK(GaussianKde(single, Bandwidth::fixed(1.0))
            .density(RowMatrix<double>::Constant(1, 1, 4.0))(0) ==
        Approx(1.0 / std::sqrt(2 * kPi)));

  // A constant column, a constant sample, a column that is a combination of the others.
  RowMatrix<double> constant(4, 2);
  constant << 1, 7, 2, 7, 3, 7, 5, 7;
  CHECK_THAT(refusal([&] { GaussianKde(constant, Bandwidth::scott()); }),
             Contains("singular") && Contains("column 1 is constant") && Contains("7") &&
                 Contains("drop that column") && Contains("fixed bandwidth"));
  CHECK_NOTHROW(GaussianKde(constant, Bandwidth::fixed(0.5)));
  CHECK_THAT(
      refusal([] { GaussianKde(Eigen::VectorXd::Constant(5, 0.1), Bandwidth::silverman()); }),
      Contains("column 0 is constant") && Contains("0.1"));
  RowMatrix<double> dependent(5, 3);
  dependent << 1, 0, 2, 2, 1, 5, 3, 0, 6, 4, 2, 10, 0, 1, 1;  // column 2 = 2 * column 0 + column 1
  CHECK_THAT(refusal([&] { GaussianKde{dependent}; }),
             Contains("column 2 is a linear combination"));

  // Bandwidths.
  const Eigen::VectorXd sample = (Eigen::VectorXd(3) << 1, 2, 4).finished();
  CHECK_THAT(refusal([&] { GaussianKde(sample, Bandwidth::fixed(0.0)); }), Contains("got 0"));
  CHECK_THAT(refusal([&] { GaussianKde(sample, Bandwidth::fixed(-2.0)); }), Contains("got -2"));
  CHECK_THAT(refusal([&] { GaussianKde(sample, Bandwidth::fixed(kNaN)); }), Contains("got nan"));
  CHECK_THAT(refusal([&] { GaussianKde(sample, Bandwidth::fixed(kInfinity)); }),
             Contains("got inf"));
  CHECK_THAT(refusal([&] { GaussianKde(sample, Bandwidth::fixed(1e-320)); }),
             Contains("too small"));

  // Non-finite data, named by place.
  RowMatrix<double> bad = RowMatrix<double>::Zero(3, 2);
  bad(2, 1) = kNaN;
  CHECK_THAT(refusal([&] { GaussianKde(bad, Bandwidth::fixed(1.0)); }),
             Contains("nan") && Contains("row 2") && Contains("column 1"));
  bad(2, 1) = -kInfinity;
  CHECK_THAT(refusal([&] { GaussianKde{bad}; }), Contains("-inf"));

  // Evaluation.
  const GaussianKde kde(sample);
  CHECK_THAT(refusal([&] { kde.density(RowMatrix<double>::Zero(2, 2)); }),
             Contains("2 columns") && Contains("the data 1"));
  CHECK_THAT(refusal([&] { kde.log_density(RowMatrix<double>::Constant(1, 1, kInfinity)); }),
             Contains("inf"));
  CHECK_THAT(
      refusal([&] { kde.density_on_grid(Eigen::VectorXd::Zero(2), Eigen::VectorXd::Zero(2)); }),
      Contains("2-D"));
  CHECK_THAT(
      refusal([&] {
        GaussianKde(RowMatrix<double>::Identity(3, 2)).density_on_grid(Eigen::VectorXd::Zero(2));
      }),
      Contains("1-D"));
  CHECK_THAT(refusal([&] { kde.grid_limits(1); }), Contains("dimension 1"));
  CHECK_THAT(refusal([&] { kde.grid_limits(0, -1.0); }), Contains("cut"));
  CHECK(kde.density(RowMatrix<double>(0, 1)).size() == 0);

  // Helpers.
  CHECK_THAT(refusal([] { rbfsvm::linear_grid(0.0, 1.0, 1); }), Contains("got 1"));
  CHECK_THAT(refusal([] { rbfsvm::linear_grid(2.0, 2.0, 5); }), Contains("different"));
  CHECK_THAT(refusal([] { rbfsvm::linear_grid(0.0, kNaN, 5); }), Contains("nan"));
  CHECK_THAT(refusal([] { rbfsvm::sample_covariance(RowMatrix<double>::Zero(1, 3)); }),
             Contains("got 1"));
  const Eigen::VectorXd grid = rbfsvm::linear_grid(-1.0, 1.0, 5);
  CHECK(grid(0) == -1.0);
  CHECK(grid(2) == 0.0);
  CHECK(grid(4) == 1.0);
}

TEST_CASE("density plot PNG has the requested size and shows bars and curves", "[kde][plot]") {
  const std::string dir = rbfsvm::test::scratch_directory("kde_density_plot");
  const Eigen::VectorXd sample = iris_column(2);
  std::vector<rbfsvm::Curve> curves;
  for (const Bandwidth bandwidth : {Bandwidth::scott(), Bandwidth::fixed(0.15)}) {
    const GaussianKde kde(sample, bandwidth);
    const Eigen::VectorXd x = rbfsvm::linear_grid(-1.0, 9.0, 300);
    const Eigen::VectorXd f = kde.density_on_grid(x);
    curves.push_back({rbfsvm::to_string(bandwidth), std::vector<double>(x.data(), x.data() + 300),
                      std::vector<double>(f.data(), f.data() + 300)});
  }
  for (const auto& [width, height] : {std::pair{900, 600}, std::pair{333, 217}}) {
    rbfsvm::DensityPlotOptions options;
    options.title = "Petal length #1";
    options.x_label = "petal_length";
    options.width = width;
    options.height = height;
    const std::string path = dir + "/density_" + std::to_string(width) + ".png";
    rbfsvm::write_density_plot_png(sample, curves, path, options);
    const Image image = load_png(path);
    CHECK(image.width == width);
    CHECK(image.height == height);
    CHECK(non_white(image) > static_cast<std::size_t>(width * height / 20));
    CHECK(count_colour(image, 204, 220, 237, 2) > static_cast<std::size_t>(width * height / 50));
    CHECK(count_colour(image, 31, 119, 180, 20) > static_cast<std::size_t>(width / 2));  // tab:blue
    CHECK(count_colour(image, 255, 127, 14, 20) >
          static_cast<std::size_t>(width / 2));  // tab:orange
  }

  // No curves, one repeated value, a fixed number of bins: still a picture.
  const std::string path = dir + "/plain.png";
  rbfsvm::DensityPlotOptions options;
  options.bins = 3;
  rbfsvm::write_density_plot_png(Eigen::VectorXd::Constant(4, 2.5), {}, path, options);
  CHECK(load_png(path).width == 900);
  rbfsvm::write_density_plot_png(Eigen::VectorXd::Constant(1, -1e12), {}, path);
  CHECK(non_white(load_png(path)) > 1000);
}

TEST_CASE("density plot refuses bad input and leaves no file", "[kde][plot][errors]") {
  const std::string dir = rbfsvm::test::scratch_directory("kde_density_plot_refusals");
  const std::string path = dir + "/refused.png";
  const Eigen::VectorXd sample = (Eigen::VectorXd(3) << 1, 2, 3).finished();
  const rbfsvm::Curve good{"good", {0, 1}, {0.1, 0.2}};
  CHECK_THAT(refusal([&] { rbfsvm::write_density_plot_png(Eigen::VectorXd(0), {}, path); }),
             Contains("empty"));
  Eigen::VectorXd bad = sample;
  bad(1) = kNaN;
  CHECK_THAT(refusal([&] { rbfsvm::write_density_plot_png(bad, {}, path); }),
             Contains("nan") && Contains("at 1"));
  CHECK_THAT(refusal([&] {
               rbfsvm::write_density_plot_png(sample, {{"short", {0, 1, 2}, {0, 1}}}, path);
             }),
             Contains("'short'") && Contains("3 x values but 2 y values"));
  CHECK_THAT(refusal([&] {
               rbfsvm::write_density_plot_png(sample, {{"dot", {0}, {1}}}, path);
             }),
             Contains("at least 2"));
  CHECK_THAT(
      refusal([&] {
        rbfsvm::write_density_plot_png(sample, {good, {"inf", {0, 1}, {0, kInfinity}}}, path);
      }),
      Contains("curve 1") && Contains("inf"));
  CHECK_THAT(refusal([&] {
               rbfsvm::write_density_plot_png(sample, std::vector<rbfsvm::Curve>(11, good), path);
             }),
             Contains("11 curves"));
  rbfsvm::DensityPlotOptions options;
  options.bins = -1;
  CHECK_THAT(refusal([&] { rbfsvm::write_density_plot_png(sample, {good}, path, options); }),
             Contains("bins -1"));
  options.bins = 0;
  options.width = 15;
  CHECK_THAT(refusal([&] { rbfsvm::write_density_plot_png(sample, {good}, path, options); }),
             Contains("width 15"));
  options.width = 900;
  options.height = 10001;
  CHECK_THAT(refusal([&] { rbfsvm::write_density_plot_png(sample, {good}, path, options); }),
             Contains("height 10001"));
  CHECK_THAT(refusal([&] {
               rbfsvm::write_density_plot_png((Eigen::VectorXd(2) << -1e308, 1e308).finished(), {},
                                              path);
             }),
             Contains("overflows"));
  CHECK(fs::is_empty(dir));
  CHECK_THROWS_AS(rbfsvm::write_density_plot_png(sample, {good}, dir + "/no/such/dir.png"),
                  rbfsvm::IoError);
  CHECK(fs::is_empty(dir));
}

TEST_CASE("2-D density heatmap with axis values", "[kde][plot]") {
  const std::string dir = rbfsvm::test::scratch_directory("kde_heatmap");
  const GaussianKde kde(correlated_points(200, 9));
  const Eigen::VectorXd x =
      rbfsvm::linear_grid(kde.grid_limits(0).first, kde.grid_limits(0).second, 80);
  const Eigen::VectorXd y =
      rbfsvm::linear_grid(kde.grid_limits(1).first, kde.grid_limits(1).second, 60);
  const Eigen::MatrixXd density = kde.density_on_grid(x, y);
  rbfsvm::HeatmapOptions options;
  options.title = "Density";
  options.x_values.assign(x.data(), x.data() + x.size());
  options.y_values.assign(y.data(), y.data() + y.size());
  std::reverse(options.y_values.begin(), options.y_values.end());
  const std::string path = dir + "/density.png";
  rbfsvm::write_heatmap_png(density.colwise().reverse(), path, options);
  const Image image = load_png(path);
  CHECK(image.width == 800);
  CHECK(image.height == 700);
  CHECK(non_white(image) > static_cast<std::size_t>(800 * 700 / 4));
}

TEST_CASE("kde tool help and usage errors", "[kde][cli][errors]") {
  const std::string iris = rbfsvm::test::dataset_path("iris.csv");
  const Run help = kde_tool({"--help"});
  CHECK(help.status == 0);
  CHECK_THAT(help.out, Contains("--column") && Contains("--column2") && Contains("--bandwidth") &&
                           Contains("--grid") && Contains("--csv") && Contains("--png") &&
                           Contains("silverman"));
  const Run missing = kde_tool({iris});
  CHECK(missing.status == 2);
  CHECK_THAT(missing.err, StartsWith("kde: error:") && Contains("--column"));
  const Run only_second = kde_tool({iris, "--column2", "petal_width"});
  CHECK(only_second.status == 2);
  CHECK_THAT(only_second.err, StartsWith("kde: error:") && Contains("--column is required"));
  CHECK(kde_tool({"--column", "petal_length"}).status == 2);
  CHECK(kde_tool({iris, "--column", "petal_length", "--grid", "1"}).status == 2);
  CHECK(kde_tool({iris, "--column", "petal_length", "--grid", "many"}).status == 2);
  CHECK(kde_tool({iris, "--column", "petal_length", "--cut", "-1"}).status == 2);
  CHECK(kde_tool({iris, "--column", "petal_length", "--bogus"}).status == 2);
  const Run bandwidth = kde_tool({iris, "--column", "petal_length", "--bandwidth", "wide"});
  CHECK(bandwidth.status == 2);
  CHECK_THAT(bandwidth.err, Contains("wide"));
  const Run same = kde_tool({iris, "--column", "sepal_width", "--column2", "sepal_width"});
  CHECK(same.status == 2);
  CHECK_THAT(same.err, Contains("same column"));
}

TEST_CASE("kde tool refuses bad data and bandwidths with status 1", "[kde][cli][errors]") {
  const std::string dir = rbfsvm::test::scratch_directory("kde_cli_refusals");
  const std::string iris = rbfsvm::test::dataset_path("iris.csv");
  const std::string csv = dir + "/out.csv";
  const Run zero = kde_tool({iris, "--column", "petal_length", "--bandwidth", "0", "--csv", csv});
  CHECK(zero.status == 1);
  CHECK_THAT(zero.err, StartsWith("kde: error:") && Contains("got 0"));
  CHECK(kde_tool({iris, "--column", "petal_length", "--bandwidth", "nan"}).status == 1);
  const Run text = kde_tool({iris, "--column", "class"});
  CHECK(text.status == 1);
  CHECK_THAT(text.err, Contains("class") && Contains("text"));
  const Run absent = kde_tool({iris, "--column", "petal_colour"});
  CHECK(absent.status == 1);
  CHECK_THAT(absent.err, Contains("petal_colour"));
  const Run index = kde_tool({iris, "--column", "9"});
  CHECK(index.status == 1);
  CHECK_THAT(index.err, Contains("column 9 does not exist") && Contains("5 columns"));
  const Run nothing = kde_tool({dir + "/missing.csv", "--column", "a"});
  CHECK(nothing.status == 1);
  CHECK_THAT(nothing.err, Contains("missing.csv"));

  std::ofstream(dir + "/constant.csv") << "a,b\n1,5\n2,5\n3,5\n";
  const Run constant = kde_tool({dir + "/constant.csv", "--column", "a", "--column2", "b"});
  CHECK(constant.status == 1);
  CHECK_THAT(constant.err, Contains("constant") && Contains("fixed bandwidth"));
  CHECK_FALSE(fs::exists(csv));
}

TEST_CASE("kde tool writes the 1-D density on a grid as CSV and PNG", "[kde][cli]") {
  const std::string dir = rbfsvm::test::scratch_directory("kde_cli_1d");
  const std::string csv = dir + "/density.csv";
  const std::string png = dir + "/density.png";
  const Run run =
      kde_tool({rbfsvm::test::dataset_path("iris.csv"), "--column", "petal_length", "--bandwidth",
                "silverman", "--grid", "50", "--csv", csv, "--png", png});
  REQUIRE(run.status == 0);
  CHECK_THAT(run.out, Contains("150 points of petal_length") && Contains("silverman") &&
                          Contains("wrote " + csv) && Contains("wrote " + png));

  const GaussianKde kde(iris_column(2), Bandwidth::silverman());
  const Table table = read_table(csv);
  CHECK(table.header == std::vector<std::string>{"petal_length", "density"});
  REQUIRE(table.rows.size() == 50);
  const auto [low, high] = kde.grid_limits(0);
  CHECK(table.rows.front()[0] == low);
  CHECK(table.rows.back()[0] == high);
  for (const std::vector<double>& row : table.rows) {
    REQUIRE(row.size() == 2);
    CHECK(row[1] ==
          Approx(kde.density(RowMatrix<double>::Constant(1, 1, row[0]))(0)).epsilon(1e-13));
  }
  const Image image = load_png(png);
  CHECK(image.width == 900);
  CHECK(image.height == 600);
  CHECK(non_white(image) > 900 * 600 / 20);

  // A fixed bandwidth and --cut.
  REQUIRE(kde_tool({rbfsvm::test::dataset_path("iris.csv"), "--column", "sepal_width",
                    "--bandwidth", "0.25", "--cut", "0", "--grid", "11", "--csv", csv})
              .status == 0);
  const Table fixed = read_table(csv);
  REQUIRE(fixed.rows.size() == 11);
  CHECK(fixed.rows.front()[0] == 2.0);  // iris sepal widths run from 2.0 to 4.4
  CHECK(fixed.rows.back()[0] == 4.4);
  const Eigen::VectorXd widths = iris_column(1);
  const std::vector<double> width_sample(widths.data(), widths.data() + widths.size());
  CHECK(fixed.rows[5][1] ==
        Approx(naive_density_1d(width_sample, 0.25, fixed.rows[5][0])).epsilon(1e-11));
}

TEST_CASE("kde tool writes the 2-D density and reads columns by index", "[kde][cli]") {
  const std::string dir = rbfsvm::test::scratch_directory("kde_cli_2d");
  const std::string csv = dir + "/density.csv";
  const std::string png = dir + "/density.png";
  const Run run =
      kde_tool({rbfsvm::test::dataset_path("iris.csv"), "--column", "petal_length", "--column2",
                "PETAL_WIDTH", "--grid", "12", "--csv", csv, "--png", png});
  REQUIRE(run.status == 0);
  CHECK_THAT(run.out, Contains("(petal_length, petal_width)") && Contains("H = [["));
  const Table table = read_table(csv);
  CHECK(table.header == std::vector<std::string>{"petal_length", "petal_width", "density"});
  REQUIRE(table.rows.size() == 144);
  RowMatrix<double> data(150, 2);
  data.col(0) = iris_column(2);
  data.col(1) = iris_column(3);
  const GaussianKde kde(data);
  // x runs fastest.
  CHECK(table.rows[0][1] == table.rows[11][1]);
  CHECK(table.rows[0][0] == table.rows[12][0]);
  for (const std::vector<double>& row : table.rows) {
    REQUIRE(row.size() == 3);
    CHECK(row[2] ==
          Approx(naive_density_2d(data, kde.bandwidth_matrix(), row[0], row[1])).epsilon(1e-10));
  }
  const Image image = load_png(png);
  CHECK(image.width == 800);
  CHECK(image.height == 700);

  // Columns by 1-based index in an all-numeric file, with and without a header.
  std::ofstream(dir + "/numbers.csv")
      << "alpha,\"beta, gamma\",delta\n1,2,3\n2,3,5\n4,4,4\n5,7,6\n";
  REQUIRE(kde_tool({dir + "/numbers.csv", "--column", "2", "--column2", "1", "--grid", "3", "--csv",
                    csv})
              .status == 0);
  CHECK(read_table(csv).header ==
        std::vector<std::string>{"\"beta", " gamma\"", "alpha", "density"});  // quoted name
  // By index also where another column holds text (iris's class), under the header's name.
  const Run iris_index = kde_tool({rbfsvm::test::dataset_path("iris.csv"), "--column", "3",
                                   "--column2", "4", "--grid", "12", "--csv", csv});
  REQUIRE(iris_index.status == 0);
  CHECK_THAT(iris_index.out, Contains("(petal_length, petal_width)"));
  CHECK(read_table(csv).rows == table.rows);
  std::ofstream(dir + "/bare.csv") << "1,2,3\n2,3,5\n4,4,4\n5,7,6\n";
  const Run bare = kde_tool({dir + "/bare.csv", "--column", "3", "--csv", csv, "--grid", "4"});
  REQUIRE(bare.status == 0);
  CHECK_THAT(bare.out, Contains("points of column 3"));
  CHECK(read_table(csv).header == std::vector<std::string>{"column 3", "density"});
}

TEST_CASE("kde tool estimates the only column of a one-column file", "[kde][cli]") {
  const std::string dir = rbfsvm::test::scratch_directory("kde_cli_one_column");
  const std::vector<double> sample = {4.2, 1.5, 3.3, 2.8, 5.1, 3.9, 2.2, 4.4, 3.0, 3.6};
  std::ofstream pair(dir + "/pair.csv"), named(dir + "/named.csv"), bare(dir + "/bare.csv");
  pair << "x,y\n";
  named << "x\n";
  for (std::size_t i = 0; i < sample.size(); ++i) {
    pair << sample[i] << ',' << static_cast<double>(i) << '\n';
    named << sample[i] << '\n';
    bare << sample[i] << '\n';
  }
  pair.close();
  named.close();
  bare.close();

  const auto density = [&](const std::vector<std::string>& args, const std::string& csv) {
    std::vector<std::string> all = args;
    for (const char* extra : {"--grid", "25", "--csv"}) all.push_back(extra);
    all.push_back(dir + "/" + csv);
    const Run run = kde_tool(all);
    INFO(run.err);
    REQUIRE(run.status == 0);
    return run;
  };
  const Run by_column = density({dir + "/pair.csv", "--column", "x"}, "pair_density.csv");
  const Run with_header = density({dir + "/named.csv", "--png", dir + "/named.png"}, "named_density.csv");
  const Run without_header = density({dir + "/bare.csv"}, "bare_density.csv");
  CHECK_THAT(with_header.out, Contains("10 points of x") && Contains("wrote " + dir + "/named.png"));
  CHECK_THAT(without_header.out, Contains("10 points of column 1"));

  // The same grid and density: byte for byte with the header's name, and with "column 1".
  const std::string expected = rbfsvm::test::read_file(dir + "/pair_density.csv");
  CHECK(rbfsvm::test::read_file(dir + "/named_density.csv") == expected);
  const Table bare_table = read_table(dir + "/bare_density.csv");
  CHECK(bare_table.header == std::vector<std::string>{"column 1", "density"});
  CHECK(bare_table.rows == read_table(dir + "/pair_density.csv").rows);
  // --column still works on the one column, by name or index.
  density({dir + "/named.csv", "--column", "1"}, "indexed_density.csv");
  CHECK(rbfsvm::test::read_file(dir + "/indexed_density.csv") == expected);

  // Two columns and no --column: which one is meant is not known.
  const Run ambiguous = kde_tool({dir + "/pair.csv"});
  CHECK(ambiguous.status == 2);
  CHECK_THAT(ambiguous.err, StartsWith("kde: error: --column is required"));
}
