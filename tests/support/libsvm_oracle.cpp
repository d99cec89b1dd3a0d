#include "support/libsvm_oracle.hpp"

#include <cmath>

namespace rbfsvm::test {

LibsvmProblem::LibsvmProblem(PointsRef X, const std::vector<double>& labels, bool precomputed)
    : labels_(labels) {
  std::vector<std::size_t> starts;
  for (Index i = 0; i < X.rows(); ++i) {
    starts.push_back(nodes_.size());
    if (X.is_sparse()) {
      const SparseRows::Row row = X.sparse().row(i);
      for (Index k = 0; k < row.size; ++k) nodes_.push_back({row.indices[k] + 1, row.values[k]});
    } else {
      const RowMatrix<double>& dense = X.dense();
      for (Index f = 0; f < dense.cols(); ++f) {
        if (precomputed) nodes_.push_back({static_cast<int>(f), dense(i, f)});
        else if (dense(i, f) != 0) nodes_.push_back({static_cast<int>(f + 1), dense(i, f)});
      }
    }
    nodes_.push_back({-1, 0.0});
  }
  for (std::size_t start : starts) rows_.push_back(&nodes_[start]);
  problem_.l = static_cast<int>(X.rows());
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

ModelData model_data_from_libsvm(const svm_model& model, Index dimension) {
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
  RowMatrix<double> support_vectors = RowMatrix<double>::Zero(model.l, precomputed ? 1 : dimension);
  data.coefficients.resize(model.nr_class - 1, model.l);
  for (int s = 0; s < model.l; ++s) {
    if (precomputed) {
      support_vectors(s, 0) = model.SV[s][0].value;  // "0:serial"
    } else {
      for (const svm_node* node = model.SV[s]; node->index != -1; ++node) {
        support_vectors(s, node->index - 1) = node->value;
      }
    }
    for (int c = 0; c < model.nr_class - 1; ++c) data.coefficients(c, s) = model.sv_coef[c][s];
    if (model.sv_indices) data.sv_indices.push_back(model.sv_indices[s]);
  }
  data.support_vectors = std::move(support_vectors);
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

double naive_kernel(const Kernel& kernel, const RowMatrix<double>& A, Index a,
                    const RowMatrix<double>& B, Index b) {
  double dot = 0, distance = 0;
  for (Index f = 0; f < A.cols(); ++f) {
    dot += A(a, f) * B(b, f);
    distance += (A(a, f) - B(b, f)) * (A(a, f) - B(b, f));
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
  const RowMatrix<double> svs = model.support_vectors.to_dense();
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
