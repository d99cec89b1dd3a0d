#include "support/libsvm_oracle.hpp"

#include <cmath>
#include <tuple>
#include <utility>

namespace rbfsvm::test {

LibsvmProblem::LibsvmProblem(PointsRef points, const std::vector<double>& labels,
                             bool precomputed)
    : labels_(labels) {
  std::vector<std::size_t> starts;
  for (Index i = 0; i < points.rows(); ++i) {
    starts.push_back(nodes_.size());
    if (points.is_sparse()) {
      const SparseRows::Row row = points.sparse().row(i);
      for (Index e = 0; e < row.size; ++e)
        nodes_.push_back({static_cast<int>(row.indices[e]) + 1, row.values[e]});
    } else {
      const RowMatrix<double>& X = points.dense();
      for (Index f = 0; f < X.cols(); ++f) {
        if (precomputed) nodes_.push_back({static_cast<int>(f), X(i, f)});
        else if (X(i, f) != 0) nodes_.push_back({static_cast<int>(f + 1), X(i, f)});
      }
    }
    nodes_.push_back({-1, 0.0});
  }
  for (std::size_t start : starts) rows_.push_back(&nodes_[start]);
  problem_.l = static_cast<int>(points.rows());
  problem_.y = labels_.data();
  problem_.x = rows_.data();
}

LibsvmParameters libsvm_parameters(const TrainOptions& options) {
  LibsvmParameters result;
  svm_parameter& p = result.parameter;
  p.svm_type = static_cast<int>(options.svm_type);
  p.kernel_type = static_cast<int>(options.kernel.type);
  p.degree = options.kernel.degree;
  p.gamma = options.kernel.gamma;
  p.coef0 = options.kernel.coef0;
  p.cache_size = options.cache_mb > 0 ? options.cache_mb : 100;  // 0: automatic (ours); LIBSVM needs a size
  p.eps = options.tolerance;
  p.C = options.C;
  p.nu = options.nu;
  p.p = options.epsilon;
  p.shrinking = options.shrinking ? 1 : 0;
  p.probability = options.probability ? 1 : 0;
  for (const auto& [label, weight] : options.class_weights) {
    result.weight_labels.push_back(static_cast<int>(label));
    result.weights.push_back(weight);
  }
  p.nr_weight = static_cast<int>(result.weights.size());
  p.weight_label = result.weight_labels.empty() ? nullptr : result.weight_labels.data();
  p.weight = result.weights.empty() ? nullptr : result.weights.data();
  return result;
}

LibsvmModel train_libsvm(const LibsvmProblem& problem, const LibsvmParameters& parameters) {
  svm_set_print_string_function([](const char*) {});
  return LibsvmModel(svm_train(problem.get(), &parameters.parameter));
}

ModelData model_data_from_libsvm(const svm_model& model, Index dimension, Storage storage) {
  ModelData data;
  data.svm_type = static_cast<SvmType>(model.param.svm_type);
  data.kernel.type = static_cast<KernelType>(model.param.kernel_type);
  data.kernel.gamma = model.param.gamma;
  data.kernel.coef0 = model.param.coef0;
  data.kernel.degree = model.param.degree;
  data.n_classes = model.nr_class;
  const int pairs = model.nr_class * (model.nr_class - 1) / 2;
  data.rho.assign(model.rho, model.rho + pairs);
  if (model.label) {
    for (int c = 0; c < model.nr_class; ++c) {
      data.labels.push_back(model.label[c]);
      data.sv_per_class.push_back(model.nSV[c]);
    }
  }
  if (model.probA) data.prob_a.assign(model.probA, model.probA + pairs);
  if (model.probB) data.prob_b.assign(model.probB, model.probB + pairs);
  const bool precomputed = data.kernel.type == KernelType::precomputed;
  std::vector<std::int64_t> offsets{0};
  std::vector<std::int32_t> indices;
  std::vector<double> values;
  data.coefficients.resize(model.nr_class - 1, model.l);
  for (int s = 0; s < model.l; ++s) {
    if (precomputed) {
      indices.push_back(0);  // "0:serial"
      values.push_back(model.SV[s][0].value);
    } else {
      for (const svm_node* node = model.SV[s]; node->index != -1; ++node) {
        indices.push_back(node->index - 1);
        values.push_back(node->value);
      }
    }
    offsets.push_back(static_cast<std::int64_t>(indices.size()));
    for (int c = 0; c < model.nr_class - 1; ++c) data.coefficients(c, s) = model.sv_coef[c][s];
    if (model.sv_indices) data.sv_indices.push_back(model.sv_indices[s]);
  }
  const SparseRows support_vectors(precomputed ? 1 : dimension, std::move(offsets),
                                   std::move(indices), std::move(values));
  data.support_vectors = stored_as(support_vectors, precomputed ? Storage::dense : storage);
  return data;
}

LibsvmModelView::LibsvmModelView(const ModelData& model)
    : support_vectors_(model.support_vectors.ref(),
                       std::vector<double>(static_cast<std::size_t>(model.support_vectors.rows())),
                       model.kernel.type == KernelType::precomputed),
      rho_(model.rho),
      n_sv_(model.sv_per_class) {
  for (const double label : model.labels) labels_.push_back(static_cast<int>(label));
  coefficients_.resize(static_cast<std::size_t>(model.n_classes - 1));
  for (int r = 0; r + 1 < model.n_classes; ++r) {
    const auto row = model.coefficients.row(r);
    coefficients_[r].assign(row.data(), row.data() + row.size());
    coefficient_rows_.push_back(coefficients_[r].data());
  }
  model_.param.svm_type = static_cast<int>(model.svm_type);
  model_.param.kernel_type = static_cast<int>(model.kernel.type);
  model_.param.degree = model.kernel.degree;
  model_.param.gamma = model.kernel.gamma;
  model_.param.coef0 = model.kernel.coef0;
  model_.nr_class = model.n_classes;
  model_.l = static_cast<int>(model.support_vectors.rows());
  model_.SV = support_vectors_.get()->x;
  model_.sv_coef = coefficient_rows_.data();
  model_.rho = rho_.data();
  model_.label = labels_.empty() ? nullptr : labels_.data();
  model_.nSV = n_sv_.empty() ? nullptr : n_sv_.data();
  model_.free_sv = 0;
}

RowMatrix<double> libsvm_decision_values(const svm_model& model, PointsRef X) {
  const int n_values = model.nr_class * (model.nr_class - 1) / 2;
  const int width = (model.param.svm_type == 2 || model.param.svm_type >= 3) ? 1 : n_values;
  RowMatrix<double> values(X.rows(), width);
  const LibsvmProblem points(X, std::vector<double>(static_cast<std::size_t>(X.rows()), 0.0),
                            model.param.kernel_type == PRECOMPUTED);
  std::vector<double> buffer(static_cast<std::size_t>(std::max(1, n_values)));
  for (Index i = 0; i < X.rows(); ++i) {
    svm_predict_values(&model, points.point(i), buffer.data());
    for (int v = 0; v < width; ++v) values(i, v) = buffer[v];
  }
  return values;
}

std::vector<double> libsvm_predictions(const svm_model& model, PointsRef X) {
  const LibsvmProblem points(X, std::vector<double>(static_cast<std::size_t>(X.rows()), 0.0),
                            model.param.kernel_type == PRECOMPUTED);
  std::vector<double> predictions;
  for (Index i = 0; i < X.rows(); ++i) predictions.push_back(svm_predict(&model, points.point(i)));
  return predictions;
}

std::vector<DualTerms> dual_terms(const ModelData& model) {
  std::vector<DualTerms> subproblems;
  if (is_classification(model.svm_type)) {
    const int k = model.n_classes;
    std::vector<Index> start(static_cast<std::size_t>(k), 0);
    for (int c = 1; c < k; ++c) start[c] = start[c - 1] + model.sv_per_class[c - 1];
    for (int i = 0; i < k; ++i) {
      for (int j = i + 1; j < k; ++j) {
        DualTerms terms;
        const auto add = [&](int owner, int row) {
          for (Index s = start[owner]; s < start[owner] + model.sv_per_class[owner]; ++s) {
            terms.support_vectors.push_back(s);
            terms.coefficients.push_back(model.coefficients(row, s));
          }
        };
        add(i, j - 1);
        add(j, i);
        subproblems.push_back(std::move(terms));
      }
    }
  } else {
    DualTerms terms;
    for (Index s = 0; s < model.coefficients.cols(); ++s) {
      terms.support_vectors.push_back(s);
      terms.coefficients.push_back(model.coefficients(0, s));
    }
    subproblems.push_back(std::move(terms));
  }
  return subproblems;
}

namespace {

// <x, y> and |x - y|^2 of two sparse rows, walking the union of their indices.
std::pair<double, double> sparse_dot_and_distance(const SparseRows::Row& x, const SparseRows::Row& y) {
  double dot = 0, distance = 0;
  Index i = 0, j = 0;
  while (i < x.size || j < y.size) {
    if (j == y.size || (i < x.size && x.indices[i] < y.indices[j])) {
      distance += x.values[i] * x.values[i];
      ++i;
    } else if (i == x.size || y.indices[j] < x.indices[i]) {
      distance += y.values[j] * y.values[j];
      ++j;
    } else {
      dot += x.values[i] * y.values[j];
      distance += (x.values[i] - y.values[j]) * (x.values[i] - y.values[j]);
      ++i;
      ++j;
    }
  }
  return {dot, distance};
}

double naive_kernel(const Kernel& kernel, PointsRef A, Index a, PointsRef B, Index b) {
  double dot = 0, distance = 0;
  if (A.is_sparse()) {
    std::tie(dot, distance) = sparse_dot_and_distance(A.sparse().row(a), B.sparse().row(b));
  } else {
    const RowMatrix<double>& X = A.dense();
    const RowMatrix<double>& Y = B.dense();
    for (Index f = 0; f < X.cols(); ++f) {
      dot += X(a, f) * Y(b, f);
      distance += (X(a, f) - Y(b, f)) * (X(a, f) - Y(b, f));
    }
  }
  switch (kernel.type) {
    case KernelType::rbf: return std::exp(-kernel.gamma * distance);
    case KernelType::linear: return dot;
    case KernelType::polynomial: return std::pow(kernel.gamma * dot + kernel.coef0, kernel.degree);
    case KernelType::sigmoid: return std::tanh(kernel.gamma * dot + kernel.coef0);
    default: return 0;
  }
}

}  // namespace

std::vector<double> dual_objectives(const ModelData& model, const std::vector<double>& labels,
                                    double epsilon) {
  std::vector<double> objectives;
  const PointsRef svs = model.support_vectors.ref();
  for (const DualTerms& terms : dual_terms(model)) {
    // f = 1/2 c^T K c + linear(c).
    double quadratic = 0, linear = 0;
    for (std::size_t a = 0; a < terms.support_vectors.size(); ++a) {
      const Index s = terms.support_vectors[a];
      const double c_s = terms.coefficients[a];
      const double z = model.svm_type == SvmType::epsilon_svr || model.svm_type == SvmType::nu_svr
                           ? labels[static_cast<std::size_t>(model.sv_indices[s] - 1)]
                           : 0.0;
      switch (model.svm_type) {
        case SvmType::c_svc: linear -= std::fabs(c_s); break;  // -e^T alpha
        case SvmType::epsilon_svr: linear += epsilon * std::fabs(c_s) - z * c_s; break;
        case SvmType::nu_svr: linear -= z * c_s; break;
        default: break;  // nu-SVC, one-class: no linear term
      }
      for (std::size_t b = 0; b < terms.support_vectors.size(); ++b) {
        quadratic += c_s * terms.coefficients[b] *
                     naive_kernel(model.kernel, svs, s, svs,
                                  terms.support_vectors[b]);
      }
    }
    objectives.push_back(0.5 * quadratic + linear);
  }
  return objectives;
}

}  // namespace rbfsvm::test
