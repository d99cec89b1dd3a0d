// Gaussian kernel density estimation: the Gram row sum of docs/design.md, section 1.
//
// Given n points x_1..x_n in d dimensions, the estimate of their density at y is
//
//   f(y) = (1/n) sum_i N(y; x_i, H)
//        = (1/n) (2 pi)^(-d/2) det(H)^(-1/2) sum_i exp(-1/2 (y - x_i)^T H^-1 (y - x_i)),
//
// a Gaussian bump of covariance H (the bandwidth matrix) on every point. H is chosen by one of
//
//   Scott       H = s^2 C,  s = n^(-1/(d+4))
//   Silverman   H = s^2 C,  s = (n (d+2) / 4)^(-1/(d+4))
//   fixed h     H = h^2 I   (the same width h, in data units, along every axis)
//
// where C is the unbiased sample covariance (divided by n - 1). The two rules are
// scipy.stats.gaussian_kde's definitions (scotts_factor, silverman_factor and
// covariance = factor^2 * data covariance, scipy/stats/_kde.py), from D. W. Scott,
// "Multivariate Density Estimation" (1992), and B. W. Silverman, "Density Estimation for
// Statistics and Data Analysis" (1986): both are derived for normally distributed data (near
// optimal there) and oversmooth multimodal data. A fixed h is what design.md writes and differs
// from scipy's scalar bw_method (which scales C).
//
// Evaluation goes through the Gram builder. With H = L L^T (Cholesky) and z = L^-1 (x - mean),
//   (y - x)^T H^-1 (y - x) = |z_y - z_x|^2,
// so after whitening the sum is a row sum of the RBF Gram matrix K(Z_query, Z_data) with
// gamma = 1/2, times (2 pi)^(-d/2) / (n prod_j L_jj). Centring on the mean first keeps the
// expanded distances |a|^2 + |b|^2 - 2 a.b accurate for data far from the origin. Blocks have a
// fixed shape and each row is summed in a fixed order, so results are bit-identical for any
// thread count.
//
// Far from the data every exp() underflows and the row sum is 0 (or too small to trust, below
// 1e-250). There the log-density is computed exactly as a log-sum-exp,
//   log f(y) = log(c / n) - m/2 + log sum_i exp(-(r_i^2 - m)/2),  m = min_i r_i^2,
// c = (2 pi)^(-d/2) / prod_j L_jj,
// with r_i^2 = |z_y - z_i|^2 summed coordinate by coordinate, so log_density stays finite (about
// -r^2/2) where density returns 0.
#pragma once

#include <Eigen/Core>
#include <string>
#include <utility>

#include "rbfsvm/core/types.hpp"

namespace rbfsvm {

enum class BandwidthRule { scott, silverman, fixed };

// How the bandwidth matrix H is chosen (see the top of this file).
struct Bandwidth {
  BandwidthRule rule = BandwidthRule::scott;
  double h = 0;  // BandwidthRule::fixed only: H = h^2 I

  static Bandwidth scott() { return {BandwidthRule::scott, 0.0}; }
  static Bandwidth silverman() { return {BandwidthRule::silverman, 0.0}; }
  static Bandwidth fixed(double h) { return {BandwidthRule::fixed, h}; }
};

// "scott", "silverman" or "fixed h = 0.5".
std::string to_string(const Bandwidth& bandwidth);

// scipy's scotts_factor: n^(-1/(d+4)). Throws InvalidArgument unless n >= 1 and d >= 1.
double scott_factor(Index n_samples, Index n_dimensions);
// scipy's silverman_factor: (n (d+2) / 4)^(-1/(d+4)). Same refusals.
double silverman_factor(Index n_samples, Index n_dimensions);

// The unbiased covariance of the rows of `data` (ddof = 1, as numpy.cov): d x d. Throws
// InvalidArgument for fewer than 2 rows.
Eigen::MatrixXd sample_covariance(const Eigen::Ref<const RowMatrix<double>>& data);

// `count` evenly spaced values from `low` to `high`, both included (numpy.linspace). Throws
// InvalidArgument for count < 2 or non-finite or equal ends.
Eigen::VectorXd linear_grid(double low, double high, Index count);

// A Gaussian kernel density estimate, immutable once built (its const functions may be called
// from several threads at once).
//
//   rbfsvm::GaussianKde kde(sample, rbfsvm::Bandwidth::silverman());   // 1-D sample
//   Eigen::VectorXd x = rbfsvm::linear_grid(kde.grid_limits(0).first,
//                                           kde.grid_limits(0).second, 200);
//   Eigen::VectorXd f = kde.density_on_grid(x);
class GaussianKde {
 public:
  // `data` holds one point per row (n x d), copied; a 1-D sample is an n x 1 matrix, so an
  // Eigen::VectorXd (or a column of a matrix) serves as it is. Throws InvalidArgument, naming
  // the value, for: no points or no columns; a non-finite value; fewer than 2 points with a
  // rule-based bandwidth; a singular covariance with a rule (a constant column, or a column
  // that is a linear combination of others: the message says which and suggests dropping it or
  // giving a fixed h); h not finite and > 0 for a fixed bandwidth.
  explicit GaussianKde(const Eigen::Ref<const RowMatrix<double>>& data,
                       Bandwidth bandwidth = Bandwidth::scott());

  Index n_samples() const { return data_.rows(); }
  Index n_dimensions() const { return data_.cols(); }
  const RowMatrix<double>& data() const { return data_; }
  const Bandwidth& bandwidth() const { return bandwidth_; }
  // The scale factor s of the rule (scipy's kde.factor); h for a fixed bandwidth.
  double factor() const { return factor_; }
  // H, d x d: s^2 C for the rules, h^2 I for a fixed bandwidth.
  const Eigen::MatrixXd& bandwidth_matrix() const { return bandwidth_matrix_; }
  // sqrt(H_jj): the width of a bump along axis j, in data units.
  double bandwidth_along(Index dimension) const;

  // f(y) for every row of `points` (m x d). Throws InvalidArgument when the column count is
  // not d or a coordinate is not finite.
  Eigen::VectorXd density(const Eigen::Ref<const RowMatrix<double>>& points,
                          ThreadOptions threads = {}) const;
  // log f(y), computed stably (see the top of this file): finite far out where density() gives
  // 0, and -inf only where the scaled squared distance to the data overflows a double (points
  // some 1e150 bandwidths away). Same refusals.
  Eigen::VectorXd log_density(const Eigen::Ref<const RowMatrix<double>>& points,
                              ThreadOptions threads = {}) const;

  // 1-D estimates only (else InvalidArgument): f at every grid value.
  Eigen::VectorXd density_on_grid(const Eigen::Ref<const Eigen::VectorXd>& x,
                                  ThreadOptions threads = {}) const;
  // 2-D estimates only (else InvalidArgument): result(i, j) = f(x_j, y_i), so a row of the
  // result runs along x, as an image does.
  Eigen::MatrixXd density_on_grid(const Eigen::Ref<const Eigen::VectorXd>& x,
                                  const Eigen::Ref<const Eigen::VectorXd>& y,
                                  ThreadOptions threads = {}) const;

  // A range holding nearly all the mass along one axis: from the smallest value minus `cut`
  // bandwidths to the largest plus `cut` bandwidths (seaborn's kdeplot default, cut = 3).
  // Throws InvalidArgument for a dimension out of range or a negative or non-finite cut.
  std::pair<double, double> grid_limits(Index dimension, double cut = 3.0) const;

 private:
  // f, or log f when `logarithm`, for every row of `points`.
  Eigen::VectorXd evaluate(const Eigen::Ref<const RowMatrix<double>>& points, bool logarithm,
                           ThreadOptions threads) const;

  RowMatrix<double> data_;
  Bandwidth bandwidth_;
  double factor_ = 0;
  Eigen::MatrixXd bandwidth_matrix_;
  Eigen::MatrixXd cholesky_;    // L, lower triangular, H = L L^T
  Eigen::RowVectorXd mean_;     // of the data, subtracted before whitening
  RowMatrix<double> whitened_;  // z_i = L^-1 (x_i - mean), one per row
  double log_normalizer_ = 0;   // log((2 pi)^(-d/2) / (n prod_j L_jj))
};

}  // namespace rbfsvm
