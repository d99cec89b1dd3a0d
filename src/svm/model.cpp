#include "rbfsvm/svm/model.hpp"

#include <cmath>

#include "rbfsvm/core/error.hpp"
#include "svm/prediction/outputs.hpp"

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
  return detail::decision_values(*this, detail::TestPoints(X), threads);
}

RowMatrix<double> Model::decision_values(const SparseRows& X, ThreadOptions threads) const {
  return detail::decision_values(*this, detail::TestPoints(X), threads);
}

RowMatrix<double> Model::decision_values(const Dataset& data, ThreadOptions threads) const {
  return data.is_sparse() ? decision_values(*data.sparse, threads) : decision_values(data.X, threads);
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
  return detail::class_probabilities(*this, detail::TestPoints(X), threads);
}

RowMatrix<double> Model::predict_probabilities(const SparseRows& X, ThreadOptions threads) const {
  return detail::class_probabilities(*this, detail::TestPoints(X), threads);
}

RowMatrix<double> Model::predict_probabilities(const Dataset& data, ThreadOptions threads) const {
  return data.is_sparse() ? predict_probabilities(*data.sparse, threads)
                          : predict_probabilities(data.X, threads);
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
  return detail::predicted_labels(*this, detail::TestPoints(X), threads);
}

std::vector<double> Model::predict(const SparseRows& X, ThreadOptions threads) const {
  return detail::predicted_labels(*this, detail::TestPoints(X), threads);
}

std::vector<double> Model::predict(const Dataset& data, ThreadOptions threads) const {
  return data.is_sparse() ? predict(*data.sparse, threads) : predict(data.X, threads);
}

}  // namespace rbfsvm
