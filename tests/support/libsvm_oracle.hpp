// Glue to LIBSVM 3.24 (Debian's libsvm-dev), the oracle our solutions are compared with: the
// tests (support/compare.cpp) and bench/svm_bench use it. No test framework here.
#pragma once

#include <libsvm/svm.h>

#include <memory>
#include <vector>

#include "rbfsvm/svm/model.hpp"
#include "rbfsvm/svm/train.hpp"

namespace rbfsvm::test {

// A LIBSVM problem that owns its nodes (sparse: zero features of dense points are left out, as
// LIBSVM's files; sparse points keep their stored entries, explicit zeros included, as LIBSVM's
// reader does). With `precomputed` (dense points only), column 0 is the serial number and every
// column is written, at index f: LIBSVM looks kernel values up by position in the node array.
class LibsvmProblem {
 public:
  LibsvmProblem(PointsRef X, const std::vector<double>& labels, bool precomputed = false);
  const svm_problem* get() const { return &problem_; }
  const svm_node* point(Index i) const { return rows_[i]; }

 private:
  std::vector<svm_node> nodes_;
  std::vector<svm_node*> rows_;
  std::vector<double> labels_;
  svm_problem problem_{};
};

struct LibsvmModelDeleter {
  void operator()(svm_model* model) const { svm_free_and_destroy_model(&model); }
};
using LibsvmModel = std::unique_ptr<svm_model, LibsvmModelDeleter>;

// The same parameters as `options`, in LIBSVM's struct. The weight arrays live in `storage`.
struct LibsvmParameters {
  svm_parameter parameter{};
  std::vector<int> weight_labels;
  std::vector<double> weights;
};
LibsvmParameters libsvm_parameters(const TrainOptions& options);

// Trains LIBSVM quietly.
LibsvmModel train_libsvm(const LibsvmProblem& problem, const LibsvmParameters& parameters);

// LIBSVM's model as our ModelData (same layout), so both can be compared field by field.
ModelData model_data_from_libsvm(const svm_model& model, Index dimension);

// LIBSVM's model rebuilt from ModelData (the inverse of model_data_from_libsvm), pointing into
// storage this object owns, so that svm_predict can run on a model trained elsewhere (another
// process, or rbfsvm).
class LibsvmModelView {
 public:
  explicit LibsvmModelView(const ModelData& model);
  const svm_model* get() const { return &model_; }

 private:
  LibsvmProblem support_vectors_;
  std::vector<double> rho_;
  std::vector<int> n_sv_, labels_;
  std::vector<std::vector<double>> coefficients_;
  std::vector<double*> coefficient_rows_;
  svm_model model_{};
};

// Decision values of LIBSVM's model at every row of X (one row per point).
RowMatrix<double> libsvm_decision_values(const svm_model& model, PointsRef X);

// svm_predict at every row of X.
std::vector<double> libsvm_predictions(const svm_model& model, PointsRef X);

// One subproblem of a model's dual (a class pair, or the one problem): its support vectors, as
// rows of model.support_vectors, and their coefficients c. For the pair (i, j), class i's
// coefficients are in row j - 1 and class j's in row i (LIBSVM's sv_coef layout).
struct DualTerms {
  std::vector<Index> support_vectors;
  std::vector<double> coefficients;
};
std::vector<DualTerms> dual_terms(const ModelData& model);

// Dual objective of each subproblem (each class pair, or the one problem), recomputed from a
// model's coefficients c with a naive double-precision kernel: f = 1/2 c^T K c plus
// -sum |c| (C-SVC), eps sum |c| - z^T c (epsilon-SVR), -z^T c (nu-SVR), nothing (nu-SVC,
// one-class), z being the training targets of the SVs (`labels`, indexed by sv_indices).
std::vector<double> dual_objectives(const ModelData& model, const std::vector<double>& labels,
                                    double epsilon);

}  // namespace rbfsvm::test
