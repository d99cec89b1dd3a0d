#include "rbfsvm/svm/probability.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "rbfsvm/core/error.hpp"

namespace rbfsvm {
namespace {

// log(1 + exp(-|x|)) style evaluation of t * x + log(1 + exp(-x)) for the cross-entropy of a
// target t at A f + B = x, stable for either sign of x (Lin, Lin & Weng 2007, Algorithm 1).
double cross_entropy(double target, double x) {
  return x >= 0 ? target * x + std::log1p(std::exp(-x)) : (target - 1) * x + std::log1p(std::exp(x));
}

}  // namespace

double PlattSigmoid::operator()(double decision_value) const {
  const double x = decision_value * A + B;
  return x >= 0 ? std::exp(-x) / (1.0 + std::exp(-x)) : 1.0 / (1.0 + std::exp(x));
}

PlattSigmoid fit_platt_sigmoid(const std::vector<double>& f, const std::vector<double>& labels) {
  if (f.size() != labels.size() || f.empty()) {
    throw InvalidArgument("fit_platt_sigmoid: " + std::to_string(f.size()) +
                          " decision values but " + std::to_string(labels.size()) + " labels");
  }
  const std::size_t n = f.size();
  double positives = 0, negatives = 0;
  for (double y : labels) (y > 0 ? positives : negatives) += 1;
  const double high_target = (positives + 1) / (positives + 2);
  const double low_target = 1 / (negatives + 2);
  std::vector<double> t(n);
  for (std::size_t i = 0; i < n; ++i) t[i] = labels[i] > 0 ? high_target : low_target;

  constexpr int max_iterations = 100;
  constexpr double min_step = 1e-10, ridge = 1e-12, tolerance = 1e-5;
  PlattSigmoid s{0.0, std::log((negatives + 1) / (positives + 1))};
  auto objective = [&](double A, double B) {
    double value = 0;
    for (std::size_t i = 0; i < n; ++i) value += cross_entropy(t[i], f[i] * A + B);
    return value;
  };
  double value = objective(s.A, s.B);
  for (int iteration = 0; iteration < max_iterations; ++iteration) {
    // Gradient and Hessian (plus a small ridge) of the cross-entropy in (A, B).
    double h11 = ridge, h22 = ridge, h21 = 0, g1 = 0, g2 = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double x = f[i] * s.A + s.B;
      double p = 0, q = 0;
      if (x >= 0) {
        p = std::exp(-x) / (1.0 + std::exp(-x));
        q = 1.0 / (1.0 + std::exp(-x));
      } else {
        p = 1.0 / (1.0 + std::exp(x));
        q = std::exp(x) / (1.0 + std::exp(x));
      }
      const double d2 = p * q;
      h11 += f[i] * f[i] * d2;
      h22 += d2;
      h21 += f[i] * d2;
      const double d1 = t[i] - p;
      g1 += f[i] * d1;
      g2 += d1;
    }
    if (std::fabs(g1) < tolerance && std::fabs(g2) < tolerance) break;
    // Newton direction, then backtracking until the sufficient-decrease condition holds.
    const double det = h11 * h22 - h21 * h21;
    const double dA = -(h22 * g1 - h21 * g2) / det;
    const double dB = -(-h21 * g1 + h11 * g2) / det;
    const double gd = g1 * dA + g2 * dB;
    double step = 1;
    while (step >= min_step) {
      const double A = s.A + step * dA, B = s.B + step * dB;
      const double candidate = objective(A, B);
      if (candidate < value + 0.0001 * step * gd) {
        s = {A, B};
        value = candidate;
        break;
      }
      step /= 2;
    }
    if (step < min_step) break;  // line search failed: keep the best point so far
  }
  return s;
}

Eigen::VectorXd couple_pairwise_probabilities(const Eigen::MatrixXd& r) {
  const Eigen::Index k = r.rows();
  if (k < 2 || r.cols() != k) throw InvalidArgument("pairwise probabilities need a k x k matrix, k >= 2");
  // Q_tt = sum_{j != t} r_jt^2, Q_tj = -r_jt r_tj; minimize p^T Q p subject to sum p = 1.
  Eigen::MatrixXd Q(k, k);
  for (Eigen::Index t = 0; t < k; ++t) {
    Q(t, t) = 0;
    for (Eigen::Index j = 0; j < k; ++j) {
      if (j == t) continue;
      Q(t, t) += r(j, t) * r(j, t);
      Q(t, j) = -r(j, t) * r(t, j);
    }
  }
  Eigen::VectorXd p = Eigen::VectorXd::Constant(k, 1.0 / static_cast<double>(k));
  Eigen::VectorXd Qp(k);
  const int max_iterations = std::max<int>(100, static_cast<int>(k));
  const double tolerance = 0.005 / static_cast<double>(k);
  for (int iteration = 0; iteration < max_iterations; ++iteration) {
    Qp = Q * p;
    double pQp = p.dot(Qp);
    if ((Qp.array() - pQp).abs().maxCoeff() < tolerance) break;
    for (Eigen::Index t = 0; t < k; ++t) {
      // Coordinate update of p_t, then renormalization, keeping Qp and pQp current.
      const double diff = (-Qp(t) + pQp) / Q(t, t);
      p(t) += diff;
      pQp = (pQp + diff * (diff * Q(t, t) + 2 * Qp(t))) / (1 + diff) / (1 + diff);
      for (Eigen::Index j = 0; j < k; ++j) {
        Qp(j) = (Qp(j) + diff * Q(t, j)) / (1 + diff);
        p(j) /= (1 + diff);
      }
    }
  }
  return p;
}

double fit_laplace_scale(const std::vector<double>& residuals) {
  if (residuals.empty()) throw InvalidArgument("fit_laplace_scale: no residuals");
  double mean_absolute = 0;
  for (double z : residuals) mean_absolute += std::fabs(z);
  mean_absolute /= static_cast<double>(residuals.size());
  // A Laplace(0, sigma) has standard deviation sqrt(2) sigma.
  const double deviation = std::sqrt(2 * mean_absolute * mean_absolute);
  double sum = 0;
  std::size_t kept = 0;
  for (double z : residuals) {
    if (std::fabs(z) > 5 * deviation) continue;
    sum += std::fabs(z);
    ++kept;
  }
  return kept > 0 ? sum / static_cast<double>(kept) : mean_absolute;
}

std::vector<double> one_class_density_marks(std::vector<double> values) {
  constexpr std::size_t n_marks = 10, half = n_marks / 2;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  const std::size_t negatives = static_cast<std::size_t>(
      std::lower_bound(values.begin(), values.end(), 0.0) - values.begin());
  const std::size_t positives = n - negatives;
  if (negatives < half || positives < half) {
    throw InvalidArgument("one-class probabilities need at least " + std::to_string(half) +
                          " training points on each side of the boundary; found " +
                          std::to_string(negatives) + " outside and " + std::to_string(positives) +
                          " inside (a larger nu puts more points outside)");
  }
  // Quantile edges: five over the negative values, 0, five over the positive values; the marks
  // are the midpoints of consecutive edges.
  std::vector<double> edges(n_marks + 1);
  for (std::size_t i = 0; i < half; ++i) edges[i] = values[i * negatives / half];
  edges[half] = 0;
  for (std::size_t i = half + 1; i <= n_marks; ++i) {
    edges[i] = values[negatives - 1 + (i - half) * positives / half];
  }
  std::vector<double> marks(n_marks);
  for (std::size_t i = 0; i < n_marks; ++i) marks[i] = (edges[i] + edges[i + 1]) / 2;
  return marks;
}

double one_class_probability(const std::vector<double>& marks, double value) {
  if (marks.empty()) throw InvalidArgument("one_class_probability: no density marks");
  if (value < marks.front()) return 0.001;
  if (value > marks.back()) return 0.999;
  for (std::size_t i = 1; i < marks.size(); ++i) {
    if (value < marks[i]) return static_cast<double>(i) / static_cast<double>(marks.size());
  }
  return 0.0;  // value equals the last mark exactly, as LIBSVM's loop leaves it
}

}  // namespace rbfsvm
