#include "rbfsvm/svm/model.hpp"

#include <cmath>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/svm/probability.hpp"
#include "kernel/kernel_values.hpp"

namespace rbfsvm {

std::string to_string(SvmType type) {
  switch (type) {
    case SvmType::c_svc: return "c_svc";
    case SvmType::nu_svc: return "nu_svc";
    case SvmType::one_class: return "one_class";
    case SvmType::epsilon_svr: return "epsilon_svr";
    case SvmType::nu_svr: return "nu_svr";
  }
  return "unknown";
}

SvmType svm_type_from_string(const std::string& name) {
  for (SvmType type : {SvmType::c_svc, SvmType::nu_svc, SvmType::one_class, SvmType::epsilon_svr,
                       SvmType::nu_svr}) {
    if (to_string(type) == name) return type;
  }
  throw InvalidArgument("unknown svm type '" + name +
                        "' (expected c_svc, nu_svc, one_class, epsilon_svr or nu_svr)");
}

bool is_classification(SvmType type) {
  return type == SvmType::c_svc || type == SvmType::nu_svc;
}

namespace {

void require(bool condition, const std::string& message) {
  if (!condition) throw InvalidArgument("inconsistent model: " + message);
}

}  // namespace

Model::Model(ModelData data) : data_(std::move(data)) {
  const ModelData& m = data_;
  data_.kernel.validate();
  const Index total = m.support_vectors.rows();
  const std::size_t pairs = static_cast<std::size_t>(m.n_classes) * (m.n_classes - 1) / 2;
  if (is_classification(m.svm_type)) {
    require(m.n_classes >= 2, "a classifier needs at least 2 classes, has " +
                                  std::to_string(m.n_classes));
    require(m.labels.size() == static_cast<std::size_t>(m.n_classes),
            "expected " + std::to_string(m.n_classes) + " labels, found " +
                std::to_string(m.labels.size()));
    require(m.sv_per_class.size() == static_cast<std::size_t>(m.n_classes),
            "expected " + std::to_string(m.n_classes) + " nr_sv counts, found " +
                std::to_string(m.sv_per_class.size()));
    Index sum = 0;
    for (int count : m.sv_per_class) {
      require(count >= 0, "negative nr_sv");
      sum += count;
    }
    require(sum == total, "nr_sv adds up to " + std::to_string(sum) + " but there are " +
                              std::to_string(total) + " support vectors");
  } else {
    require(m.n_classes == 2, "one-class and regression models have nr_class 2");
  }
  require(m.rho.size() == pairs, "expected " + std::to_string(pairs) + " rho values, found " +
                                     std::to_string(m.rho.size()));
  require(m.coefficients.rows() == m.n_classes - 1 && m.coefficients.cols() == total,
          "coefficient matrix is " + std::to_string(m.coefficients.rows()) + " x " +
              std::to_string(m.coefficients.cols()) + ", expected " +
              std::to_string(m.n_classes - 1) + " x " + std::to_string(total));
  if (is_classification(m.svm_type)) {
    require((m.prob_a.empty() || m.prob_a.size() == pairs) && m.prob_b.size() == m.prob_a.size(),
            "probA and probB need one value per class pair");
  } else {
    // SVR keeps the Laplace scale in probA alone (LIBSVM); one-class has no probability model.
    require(m.prob_a.size() <= 1 && m.prob_b.empty(), "probA/probB do not fit this model type");
  }
  require(m.prob_density_marks.empty() ||
              (m.svm_type == SvmType::one_class && m.prob_density_marks.size() == 10),
          "prob_density_marks: ten values, for one-class models only");
  for (double v : m.prob_density_marks) require(std::isfinite(v), "density marks must be finite");
  for (double v : m.prob_a) require(std::isfinite(v), "probA must be finite");
  for (double v : m.prob_b) require(std::isfinite(v), "probB must be finite");
  require(m.support_vectors.ref().all_finite() && m.coefficients.allFinite(),
          "support vectors and coefficients must be finite");
  for (double r : m.rho) require(std::isfinite(r), "rho must be finite");
  require(m.kernel.type != KernelType::precomputed || m.support_vectors.cols() == 1,
          "a precomputed-kernel model stores one serial number per support vector");
  require(m.n_features == 0 || m.n_features >= m.support_vectors.cols(),
          "n_features is smaller than the support vectors' dimension");
}

Index Model::dimension() const {
  return data_.n_features > 0 ? data_.n_features : data_.support_vectors.cols();
}

RowMatrix<double> Model::decision_values(const Eigen::Ref<const RowMatrix<double>>& X,
                                         ThreadOptions threads) const {
  const RowMatrix<double> points = X;
  return decision_values_of(points, threads);
}

RowMatrix<double> Model::decision_values(const SparseRows& X, ThreadOptions threads) const {
  return decision_values_of(X, threads);
}

RowMatrix<double> Model::decision_values_of(PointsRef input, ThreadOptions threads) const {
  const ModelData& m = data_;
  PointSet scaled;
  if (m.scaling) {
    if (input.is_sparse()) {
      scaled = m.scaling->apply(input.sparse());
    } else {
      RowMatrix<double> copy = input.dense();
      m.scaling->apply(copy);
      scaled = std::move(copy);
    }
  }
  const PointsRef X = m.scaling ? scaled.ref() : input;
  detail::check_kernel_range(m.kernel, X, "test point");
  detail::check_kernel_range(m.kernel, m.support_vectors.ref(), "support vector");
  const Index n_points = X.rows();
  const PointsRef svs = m.support_vectors.ref();
  // Zero-pad the narrower side: absent sparse features are zeros (LIBSVM's semantics).
  const Index width = std::max(X.cols(), svs.cols());
  RowMatrix<double> kernel_values;  // n_points x total_sv
  if (m.kernel.type == KernelType::precomputed || X.is_sparse() || svs.is_sparse() ||
      (X.cols() == width && svs.cols() == width)) {
    kernel_values = detail::kernel_values(m.kernel, X, svs, threads);
  } else {
    RowMatrix<double> points = RowMatrix<double>::Zero(n_points, width);
    points.leftCols(X.cols()) = X.dense();
    RowMatrix<double> padded = RowMatrix<double>::Zero(svs.rows(), width);
    padded.leftCols(svs.cols()) = svs.dense();
    kernel_values = gram<double>(m.kernel, points, padded, threads);
  }
  if (!is_classification(m.svm_type)) {
    RowMatrix<double> values = kernel_values * m.coefficients.row(0).transpose();
    values.array() -= m.rho[0];
    return values;
  }
  const int k = m.n_classes;
  std::vector<Index> start(static_cast<std::size_t>(k), 0);
  for (int c = 1; c < k; ++c) start[c] = start[c - 1] + m.sv_per_class[c - 1];
  RowMatrix<double> values(n_points, static_cast<Index>(k) * (k - 1) / 2);
  for (Index point = 0; point < n_points; ++point) {
    Index pair = 0;
    for (int i = 0; i < k; ++i) {
      for (int j = i + 1; j < k; ++j) {
        // Sum over the SVs of class i (coefficients in row j - 1) and of class j (row i).
        double sum = 0;
        for (Index s = start[i]; s < start[i] + m.sv_per_class[i]; ++s)
          sum += m.coefficients(j - 1, s) * kernel_values(point, s);
        for (Index s = start[j]; s < start[j] + m.sv_per_class[j]; ++s)
          sum += m.coefficients(i, s) * kernel_values(point, s);
        values(point, pair) = sum - m.rho[pair];
        ++pair;
      }
    }
  }
  return values;
}

double Model::label_from_decision_values(const double* values) const {
  const ModelData& m = data_;
  if (m.svm_type == SvmType::one_class) return values[0] > 0 ? 1.0 : -1.0;
  if (!is_classification(m.svm_type)) return values[0];
  std::vector<int> votes(static_cast<std::size_t>(m.n_classes), 0);
  Index pair = 0;
  for (int i = 0; i < m.n_classes; ++i) {
    for (int j = i + 1; j < m.n_classes; ++j) ++votes[values[pair++] > 0 ? i : j];
  }
  int winner = 0;  // the first class with the most votes
  for (int c = 1; c < m.n_classes; ++c) {
    if (votes[c] > votes[winner]) winner = c;
  }
  return m.labels[winner];
}

RowMatrix<double> Model::predict_probabilities(const Eigen::Ref<const RowMatrix<double>>& X,
                                              ThreadOptions threads) const {
  const RowMatrix<double> points = X;
  return probabilities_of(points, threads);
}

RowMatrix<double> Model::predict_probabilities(const SparseRows& X, ThreadOptions threads) const {
  return probabilities_of(X, threads);
}

RowMatrix<double> Model::probabilities_of(PointsRef X, ThreadOptions threads) const {
  const ModelData& m = data_;
  if (m.svm_type == SvmType::one_class && !m.prob_density_marks.empty()) {
    const RowMatrix<double> values = decision_values_of(X, threads);
    RowMatrix<double> probabilities(X.rows(), 2);
    for (Index point = 0; point < X.rows(); ++point) {
      probabilities(point, 0) = one_class_probability(m.prob_density_marks, values(point, 0));
      probabilities(point, 1) = 1 - probabilities(point, 0);
    }
    return probabilities;
  }
  if (!is_classification(m.svm_type) || m.prob_a.empty()) {
    throw InvalidArgument("the model has no class-probability model: train a C-SVC or nu-SVC "
                          "with probability outputs (-b 1)");
  }
  const RowMatrix<double> values = decision_values_of(X, threads);
  const int k = m.n_classes;
  RowMatrix<double> probabilities(X.rows(), k);
  // Pairwise probabilities kept away from 0 and 1 so the coupling stays well-posed (LIBSVM).
  constexpr double floor = 1e-7;
  Eigen::MatrixXd r = Eigen::MatrixXd::Zero(k, k);
  for (Index point = 0; point < X.rows(); ++point) {
    Index pair = 0;
    for (int i = 0; i < k; ++i) {
      for (int j = i + 1; j < k; ++j) {
        const PlattSigmoid sigmoid{m.prob_a[pair], m.prob_b[pair]};
        r(i, j) = std::min(std::max(sigmoid(values(point, pair)), floor), 1 - floor);
        r(j, i) = 1 - r(i, j);
        ++pair;
      }
    }
    if (k == 2) {
      probabilities(point, 0) = r(0, 1);
      probabilities(point, 1) = r(1, 0);
    } else {
      probabilities.row(point) = couple_pairwise_probabilities(r).transpose();
    }
  }
  return probabilities;
}

double Model::label_from_probabilities(const double* probabilities) const {
  int best = 0;  // the first class with the highest probability
  for (int c = 1; c < data_.n_classes; ++c) {
    if (probabilities[c] > probabilities[best]) best = c;
  }
  return data_.labels[best];
}

std::vector<double> Model::predict(const Eigen::Ref<const RowMatrix<double>>& X,
                                   ThreadOptions threads) const {
  const RowMatrix<double> points = X;
  return predict_of(points, threads);
}

std::vector<double> Model::predict(const SparseRows& X, ThreadOptions threads) const {
  return predict_of(X, threads);
}

std::vector<double> Model::predict_of(PointsRef X, ThreadOptions threads) const {
  const RowMatrix<double> values = decision_values_of(X, threads);
  std::vector<double> labels(static_cast<std::size_t>(X.rows()));
  for (Index point = 0; point < X.rows(); ++point) {
    labels[point] = label_from_decision_values(values.row(point).data());
  }
  return labels;
}

}  // namespace rbfsvm
