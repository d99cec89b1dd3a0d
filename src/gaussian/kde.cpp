#include "rbfsvm/gaussian/kde.hpp"

#include <Eigen/Cholesky>
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/kernel/gram.hpp"
#include "rbfsvm/kernel/kernel.hpp"
#include "rbfsvm/core/format.hpp"
#include "core/threads.hpp"

namespace rbfsvm {
namespace {

// Query points and data points are taken in blocks of this shape: one Gram call each (32 of its
// 128 x 512 tiles, spread over the threads), 16 MB of doubles. Fixed, so row sums add the same
// numbers in the same order for any thread count.
constexpr Index kQueryBlock = 1024;
constexpr Index kDataBlock = 2048;

// Below this the Gram row sum is not trusted for a logarithm (its terms approach the subnormal
// range, where the Gram builder flushes them to 0): log-sum-exp takes over.
constexpr double kSmallestTrustedSum = 1e-250;

// Columns whose residual variance, after regressing on the columns before them, is below this
// fraction of their own variance make the covariance singular for our purposes.
constexpr double kSingularPivot = 1e-12;

void check_finite(const Eigen::Ref<const RowMatrix<double>>& points, const char* what) {
  for (Index i = 0; i < points.rows(); ++i) {
    for (Index j = 0; j < points.cols(); ++j) {
      if (!std::isfinite(points(i, j))) {
        throw InvalidArgument("GaussianKde: " + std::string(what) + " value " +
                              shortest_text(points(i, j)) + " at row " + std::to_string(i) +
                              ", column " + std::to_string(j) + " is not finite");
      }
    }
  }
}

void check_sizes(Index n_samples, Index n_dimensions) {
  if (n_samples < 1 || n_dimensions < 1) {
    throw InvalidArgument("a bandwidth factor needs n >= 1 points in d >= 1 dimensions, got n = " +
                          std::to_string(n_samples) + ", d = " + std::to_string(n_dimensions));
  }
}

// The rule's covariance is singular: say which column is to blame and what to do.
[[noreturn]] void throw_singular(const std::string& reason) {
  throw InvalidArgument("GaussianKde: the data covariance is singular (" + reason +
                        "), so the rule-based bandwidth H = factor^2 * covariance has no inverse; "
                        "drop that column, or give a fixed bandwidth h (H = h^2 I)");
}

void check_covariance(const RowMatrix<double>& data, const Eigen::MatrixXd& covariance) {
  const Index d = data.cols();
  for (Index j = 0; j < d; ++j) {
    const double first = data(0, j);
    if ((data.col(j).array() == first).all()) {
      throw_singular("column " + std::to_string(j) + " is constant: every value is " +
                     shortest_text(first));
    }
    if (!std::isfinite(covariance(j, j))) {
      throw InvalidArgument("GaussianKde: the variance of column " + std::to_string(j) +
                            " overflows a double; rescale the data");
    }
  }
  // A Cholesky factorization of the correlation matrix (scale-free), stopping at the first
  // column whose squared pivot, the fraction of its variance left after regressing it on the
  // columns before it, is (nearly) 0.
  const Eigen::VectorXd scale = covariance.diagonal().cwiseSqrt().cwiseInverse();
  const Eigen::MatrixXd correlation = scale.asDiagonal() * covariance * scale.asDiagonal();
  Eigen::MatrixXd lower = Eigen::MatrixXd::Zero(d, d);
  for (Index j = 0; j < d; ++j) {
    const double pivot_squared = correlation(j, j) - lower.row(j).head(j).squaredNorm();
    if (!(pivot_squared > kSingularPivot)) {
      throw_singular("column " + std::to_string(j) +
                     " is a linear combination of the columns before it");
    }
    lower(j, j) = std::sqrt(pivot_squared);
    for (Index i = j + 1; i < d; ++i) {
      lower(i, j) =
          (correlation(i, j) - lower.row(i).head(j).dot(lower.row(j).head(j))) / lower(j, j);
    }
  }
}

}  // namespace

std::string to_string(const Bandwidth& bandwidth) {
  switch (bandwidth.rule) {
    case BandwidthRule::scott:
      return "scott";
    case BandwidthRule::silverman:
      return "silverman";
    case BandwidthRule::fixed:
      return "fixed h = " + shortest_text(bandwidth.h);
  }
  return "unknown";
}

double scott_factor(Index n_samples, Index n_dimensions) {
  check_sizes(n_samples, n_dimensions);
  const double d = static_cast<double>(n_dimensions);
  return std::pow(static_cast<double>(n_samples), -1.0 / (d + 4.0));
}

double silverman_factor(Index n_samples, Index n_dimensions) {
  check_sizes(n_samples, n_dimensions);
  const double d = static_cast<double>(n_dimensions);
  return std::pow(static_cast<double>(n_samples) * (d + 2.0) / 4.0, -1.0 / (d + 4.0));
}

Eigen::MatrixXd sample_covariance(const Eigen::Ref<const RowMatrix<double>>& data) {
  if (data.rows() < 2) {
    throw InvalidArgument("a sample covariance needs at least 2 points, got " +
                          std::to_string(data.rows()));
  }
  const Eigen::RowVectorXd mean = data.colwise().mean();
  const RowMatrix<double> centred = data.rowwise() - mean;
  return (centred.transpose() * centred) / static_cast<double>(data.rows() - 1);
}

Eigen::VectorXd linear_grid(double low, double high, Index count) {
  if (count < 2) {
    throw InvalidArgument("a grid needs at least 2 values, got " + std::to_string(count));
  }
  if (!std::isfinite(low) || !std::isfinite(high) || !std::isfinite(high - low) || low == high) {
    throw InvalidArgument("grid ends must be finite and different, got " + shortest_text(low) +
                          " and " + shortest_text(high));
  }
  // numpy.linspace's arithmetic: low + k * step, with the last value exactly high.
  const double step = (high - low) / static_cast<double>(count - 1);
  Eigen::VectorXd grid(count);
  for (Index k = 0; k < count; ++k) grid(k) = low + static_cast<double>(k) * step;
  grid(count - 1) = high;
  return grid;
}

GaussianKde::GaussianKde(const Eigen::Ref<const RowMatrix<double>>& data, Bandwidth bandwidth)
    : data_(data), bandwidth_(bandwidth) {
  const Index n = data_.rows();
  const Index d = data_.cols();
  if (n == 0 || d == 0) {
    throw InvalidArgument("GaussianKde: the data is empty (" + std::to_string(n) + " x " +
                          std::to_string(d) + ")");
  }
  check_finite(data_, "data");
  mean_ = data_.colwise().mean();

  if (bandwidth_.rule == BandwidthRule::fixed) {
    const double h = bandwidth_.h;
    if (!std::isfinite(h) || h <= 0.0) {
      throw InvalidArgument("GaussianKde: the bandwidth h must be a finite number > 0, got " +
                            shortest_text(h));
    }
    factor_ = h;
    bandwidth_matrix_ = Eigen::MatrixXd::Identity(d, d) * (h * h);
    cholesky_ = Eigen::MatrixXd::Identity(d, d) * h;
  } else {
    const char* rule = bandwidth_.rule == BandwidthRule::scott ? "Scott's" : "Silverman's";
    if (n < 2) {
      throw InvalidArgument("GaussianKde: " + std::string(rule) +
                            " rule needs at least 2 points to estimate a covariance, got " +
                            std::to_string(n) + "; give a fixed bandwidth h instead");
    }
    factor_ = bandwidth_.rule == BandwidthRule::scott ? scott_factor(n, d) : silverman_factor(n, d);
    const Eigen::MatrixXd covariance = sample_covariance(data_);
    check_covariance(data_, covariance);
    bandwidth_matrix_ = covariance * (factor_ * factor_);
    const Eigen::LLT<Eigen::MatrixXd> factor(bandwidth_matrix_);
    if (factor.info() != Eigen::Success) throw_singular("its Cholesky factorization failed");
    cholesky_ = factor.matrixL();
  }

  // z_i = L^-1 (x_i - mean): rows of (X - mean) L^-T.
  const RowMatrix<double> centred = data_.rowwise() - mean_;
  whitened_ = cholesky_.triangularView<Eigen::Lower>().solve(centred.transpose()).transpose();
  if (!whitened_.allFinite()) {
    throw InvalidArgument("GaussianKde: the bandwidth (" + to_string(bandwidth_) +
                          ") is too small for the spread of the data: scaled distances overflow");
  }
  const double pi = 3.14159265358979323846;
  log_normalizer_ = -0.5 * static_cast<double>(d) * std::log(2.0 * pi) -
                    std::log(static_cast<double>(n)) - cholesky_.diagonal().array().log().sum();
}

double GaussianKde::bandwidth_along(Index dimension) const {
  if (dimension < 0 || dimension >= n_dimensions()) {
    throw InvalidArgument("GaussianKde: dimension " + std::to_string(dimension) +
                          " out of range 0.." + std::to_string(n_dimensions() - 1));
  }
  // For a fixed h, H_jj = h^2 may overflow or underflow where h itself is fine.
  if (bandwidth_.rule == BandwidthRule::fixed) return bandwidth_.h;
  return std::sqrt(bandwidth_matrix_(dimension, dimension));
}

Eigen::VectorXd GaussianKde::density(const Eigen::Ref<const RowMatrix<double>>& points,
                                     ThreadOptions threads) const {
  return evaluate(points, false, threads);
}

Eigen::VectorXd GaussianKde::log_density(const Eigen::Ref<const RowMatrix<double>>& points,
                                         ThreadOptions threads) const {
  return evaluate(points, true, threads);
}

Eigen::VectorXd GaussianKde::evaluate(const Eigen::Ref<const RowMatrix<double>>& points,
                                      bool logarithm, ThreadOptions threads) const {
  const Index d = n_dimensions();
  const Index n = n_samples();
  if (points.cols() != d) {
    throw InvalidArgument("GaussianKde: points have " + std::to_string(points.cols()) +
                          " columns, the data " + std::to_string(d));
  }
  check_finite(points, "point");
  const Index m = points.rows();
  Eigen::VectorXd result(m);
  if (m == 0) return result;

  // Whitened queries. A coordinate may overflow for a point absurdly far out: its Gram row is
  // then NaN, and the log-sum-exp below gives -inf (density 0), the honest answer.
  const RowMatrix<double> centred = points.rowwise() - mean_;
  const RowMatrix<double> queries =
      cholesky_.triangularView<Eigen::Lower>().solve(centred.transpose()).transpose();

  // sums(i) = sum_j exp(-|z_i - z_j|^2 / 2), block by block through the Gram builder.
  const Kernel kernel = Kernel::rbf(0.5);
  Eigen::VectorXd sums = Eigen::VectorXd::Zero(m);
  for (Index q0 = 0; q0 < m; q0 += kQueryBlock) {
    const Index q = std::min(kQueryBlock, m - q0);
    for (Index c0 = 0; c0 < n; c0 += kDataBlock) {
      const Index c = std::min(kDataBlock, n - c0);
      const RowMatrix<double> block =
          gram<double>(kernel, queries.middleRows(q0, q), whitened_.middleRows(c0, c), threads);
      sums.segment(q0, q) += block.rowwise().sum();
    }
  }

  // Points whose sum is too small to take a logarithm of, or NaN: exact log-sum-exp.
  std::vector<Index> far;
  for (Index i = 0; i < m; ++i) {
    if (!(sums(i) >= kSmallestTrustedSum)) far.push_back(i);
  }
  Eigen::VectorXd far_log_sums(static_cast<Index>(far.size()));
  detail::parallel_for(static_cast<Index>(far.size()), threads.n_threads, [&](Index k) {
    const auto query = queries.row(far[static_cast<std::size_t>(k)]);
    if (!query.allFinite()) {
      far_log_sums(k) = -std::numeric_limits<double>::infinity();
      return;
    }
    Eigen::VectorXd distances(n);
    for (Index j = 0; j < n; ++j) distances(j) = (whitened_.row(j) - query).squaredNorm();
    const double nearest = distances.minCoeff();
    if (!std::isfinite(nearest)) {
      far_log_sums(k) = -std::numeric_limits<double>::infinity();
      return;
    }
    double sum = 0;
    for (Index j = 0; j < n; ++j) sum += std::exp(-0.5 * (distances(j) - nearest));
    far_log_sums(k) = -0.5 * nearest + std::log(sum);
  });

  // density = sum * normalizer, directly where the normalizer is a normal double (the usual
  // case: one rounding), else through the logarithm.
  const double normalizer = std::exp(log_normalizer_);
  const bool direct = std::isfinite(normalizer) && normalizer >= std::numeric_limits<double>::min();
  for (Index i = 0; i < m; ++i) {
    if (logarithm) {
      result(i) = log_normalizer_ + std::log(sums(i));
    } else {
      result(i) = direct ? sums(i) * normalizer : std::exp(log_normalizer_ + std::log(sums(i)));
    }
  }
  for (std::size_t k = 0; k < far.size(); ++k) {
    const double log_value = log_normalizer_ + far_log_sums(static_cast<Index>(k));
    result(far[k]) = logarithm ? log_value : std::exp(log_value);
  }
  return result;
}

Eigen::VectorXd GaussianKde::density_on_grid(const Eigen::Ref<const Eigen::VectorXd>& x,
                                             ThreadOptions threads) const {
  if (n_dimensions() != 1) {
    throw InvalidArgument("GaussianKde: a 1-D grid needs a 1-D estimate, this one has " +
                          std::to_string(n_dimensions()) + " dimensions");
  }
  return density(RowMatrix<double>(x), threads);
}

Eigen::MatrixXd GaussianKde::density_on_grid(const Eigen::Ref<const Eigen::VectorXd>& x,
                                             const Eigen::Ref<const Eigen::VectorXd>& y,
                                             ThreadOptions threads) const {
  if (n_dimensions() != 2) {
    throw InvalidArgument("GaussianKde: a 2-D grid needs a 2-D estimate, this one has " +
                          std::to_string(n_dimensions()) + " dimensions");
  }
  // Point (i, j) of the grid is row i * nx + j: the density comes back row-major, y by x.
  const Index nx = x.size();
  const Index ny = y.size();
  RowMatrix<double> points(nx * ny, 2);
  for (Index i = 0; i < ny; ++i) {
    for (Index j = 0; j < nx; ++j) {
      points(i * nx + j, 0) = x(j);
      points(i * nx + j, 1) = y(i);
    }
  }
  const Eigen::VectorXd values = density(points, threads);
  Eigen::MatrixXd grid(ny, nx);
  for (Index i = 0; i < ny; ++i) {
    for (Index j = 0; j < nx; ++j) grid(i, j) = values(i * nx + j);
  }
  return grid;
}

std::pair<double, double> GaussianKde::grid_limits(Index dimension, double cut) const {
  const double width = bandwidth_along(dimension);
  if (!std::isfinite(cut) || cut < 0.0) {
    throw InvalidArgument("GaussianKde: cut must be a finite number >= 0, got " +
                          shortest_text(cut));
  }
  const double low = data_.col(dimension).minCoeff() - cut * width;
  const double high = data_.col(dimension).maxCoeff() + cut * width;
  return {low, high};
}

}  // namespace rbfsvm
