// A trained SVM: support vectors, their coefficients and the biases, in LIBSVM's layout, so a
// model file maps onto it field for field (Chang & Lin 2011, §7; LIBSVM's struct svm_model).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rbfsvm/core/types.hpp"
#include "rbfsvm/kernel/kernel.hpp"
#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/data/points.hpp"
#include "rbfsvm/data/scaling.hpp"

namespace rbfsvm {

// Numbering follows LIBSVM's svm_type (-s).
enum class SvmType { c_svc = 0, nu_svc = 1, one_class = 2, epsilon_svr = 3, nu_svr = 4 };

// LIBSVM's model-file spelling: c_svc, nu_svc, one_class, epsilon_svr, nu_svr.
std::string to_string(SvmType type);
SvmType svm_type_from_string(const std::string& name);  // throws InvalidArgument
bool is_classification(SvmType type);                   // c_svc, nu_svc

struct ModelData {
  SvmType svm_type = SvmType::c_svc;
  Kernel kernel;
  // Classification: k classes in training order; their numeric labels and SV counts. For
  // one-class and regression n_classes is 2 and labels / sv_per_class are empty (as LIBSVM).
  int n_classes = 2;
  std::vector<double> labels;
  std::vector<int> sv_per_class;
  // total_sv x d support vectors, grouped by class in label order; stored as the training
  // data was (dense or sparse), or as choose_storage says for a model read from a file.
  PointSet support_vectors;
  // (n_classes - 1) x total_sv: LIBSVM's sv_coef. For the pair (i, j), i < j, the coefficients
  // of class i's SVs are in row j - 1 and those of class j's SVs in row i.
  RowMatrix<double> coefficients;
  std::vector<double> rho;  // one per pair (i, j), i < j, in the order (0,1), (0,2), ..., (1,2)...
  std::vector<double> prob_a, prob_b;  // Platt parameters per pair (or one for SVR); may be empty
  // One-class probability model (LIBSVM 3.3x): ten decision-value marks; may be empty. Kept in
  // the sidecar, since LIBSVM 3.24 refuses the model-file line that 3.3x writes for it.
  std::vector<double> prob_density_marks;
  std::vector<int> sv_indices;          // 1-based rows of the training set; empty when loaded

  // What the LIBSVM format cannot hold (kept in the JSON sidecar).
  std::vector<std::string> class_names;    // text class names, indexed by the numeric label
  std::vector<std::string> feature_names;
  Index n_features = 0;                    // training dimension; 0 when unknown
  std::optional<double> sigma;             // as the user gave it
  // Fitted at training time and applied by decision_values / predict to every input.
  std::optional<Scaling> scaling;
};

class Model {
 public:
  // Checks that the parts agree (counts, shapes, finite numbers); throws InvalidArgument.
  explicit Model(ModelData data);

  const ModelData& data() const { return data_; }
  SvmType svm_type() const { return data_.svm_type; }
  const Kernel& kernel() const { return data_.kernel; }
  int n_classes() const { return data_.n_classes; }
  Index n_support_vectors() const { return data_.support_vectors.rows(); }
  // Dimension of the points the model expects: n_features when known, else the SVs' width.
  Index dimension() const;
  bool has_probability() const {
    return !data_.prob_a.empty() || !data_.prob_density_marks.empty();
  }

  // Decision values of each point (one row per point): classification gives one value per
  // pair (i, j), positive meaning class i; one-class and regression give one value. X is in the
  // training data's original units: the model's scaling, if any, is applied first. Points with
  // fewer or more columns than the support vectors are treated as zero-padded, LIBSVM's
  // sparse-vector semantics (so a feature the support vectors lack adds x_f^2 to RBF distances
  // and nothing to inner products). The points are read in blocks (about 64 MB of kernel
  // values each, whatever the size of X; X is not copied), threaded inside each block; the
  // values are the same for any thread count. predict and predict_probabilities stream alike.
  RowMatrix<double> decision_values(const Eigen::Ref<const RowMatrix<double>>& X,
                                    ThreadOptions threads = {}) const;
  // The same for sparse points, and for a data set's points however they are stored.
  RowMatrix<double> decision_values(const SparseRows& X, ThreadOptions threads = {}) const;
  RowMatrix<double> decision_values(const Dataset& data, ThreadOptions threads = {}) const;

  // Predicted labels: the one-vs-one vote winner (ties to the class first in label order, as
  // LIBSVM), the regression value, or +1 / -1 for one-class.
  std::vector<double> predict(const Eigen::Ref<const RowMatrix<double>>& X,
                              ThreadOptions threads = {}) const;
  std::vector<double> predict(const SparseRows& X, ThreadOptions threads = {}) const;
  std::vector<double> predict(const Dataset& data, ThreadOptions threads = {}) const;

  // Votes to a label from one row of decision values.
  double label_from_decision_values(const double* values) const;

  // Class probabilities (n_points x n_classes, columns in label order) from the Platt sigmoids
  // of each pair coupled by Wu, Lin & Weng's method 2 (probability.hpp); for a one-class model,
  // two columns: P(normal) and P(outlier) from its density marks. Throws InvalidArgument unless
  // the model was trained with probability outputs.
  RowMatrix<double> predict_probabilities(const Eigen::Ref<const RowMatrix<double>>& X,
                                          ThreadOptions threads = {}) const;
  RowMatrix<double> predict_probabilities(const SparseRows& X, ThreadOptions threads = {}) const;
  RowMatrix<double> predict_probabilities(const Dataset& data, ThreadOptions threads = {}) const;
  // The label of the most probable class (ties to the first in label order), as LIBSVM's -b 1.
  double label_from_probabilities(const double* probabilities) const;
  // SVR with a probability model: the scale sigma of the Laplace residual model.
  double laplace_scale() const { return data_.prob_a.at(0); }

 private:
  ModelData data_;
};

}  // namespace rbfsvm
