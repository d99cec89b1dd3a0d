// Training and prediction on sparse points (SparseRows) against LIBSVM, which reads the same
// entries into its svm_node lists: every SVM type at eps 1e-6, text-shaped data with empty rows,
// column indices above 10^6 and features seen only in the test file; the same data stored dense
// and sparse; model files both ways.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>

#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/svm/evaluation.hpp"
#include "rbfsvm/svm/model_io.hpp"
#include "rbfsvm/svm/train.hpp"
#include "support/compare.hpp"
#include "support/libsvm_oracle.hpp"
#include "support/paths.hpp"
#include "support/test_data.hpp"

using rbfsvm::Dataset;
using rbfsvm::Index;
using rbfsvm::Kernel;
using rbfsvm::KernelEvaluation;
using rbfsvm::Model;
using rbfsvm::RowMatrix;
using rbfsvm::Storage;
using rbfsvm::SvmType;
using rbfsvm::TrainOptions;
using rbfsvm::test::SparseTextShape;

namespace {

using rbfsvm::test::tight;

// Training documents over words numbered up to 1.2 million, and test documents from a larger
// vocabulary: words the training set never has, and indices past its dimension.
Dataset text_training_set(bool regression = false) {
  SparseTextShape shape;
  shape.stride = 600;
  shape.regression = regression;
  return rbfsvm::test::sparse_text_data(shape);
}

Dataset text_test_set(bool regression = false) {
  SparseTextShape shape;
  shape.rows = 120;
  shape.columns = 2400;
  shape.stride = 600;
  shape.seed = 7;
  shape.regression = regression;
  return rbfsvm::test::sparse_text_data(shape);
}

RowMatrix<double> decision_values(const Model& model, const Dataset& data) {
  return model.decision_values(data);
}

std::vector<double> predictions(const Model& model, const Dataset& data) {
  return model.predict(data);
}

}  // namespace

TEST_CASE("the text-shaped test data is sparse, wide and has empty rows", "[sparse][data]") {
  const Dataset train = text_training_set();
  const Dataset test = text_test_set();
  REQUIRE(train.is_sparse());
  CHECK(train.n_features() > 1000000);
  CHECK(test.n_features() > train.n_features());
  CHECK(train.sparse->row(16).size == 0);
  CHECK(train.sparse->density() < 0.001);
}

TEST_CASE("every SVM type on sparse text data matches LIBSVM", "[sparse][libsvm]") {
  const Dataset train = text_training_set();
  const Dataset test = text_test_set();
  SECTION("C-SVC, three classes") {
    TrainOptions options = tight(SvmType::c_svc, 0.8);
    options.C = 4;
    rbfsvm::test::expect_same_as_libsvm(train, test.points(), options);
  }
  SECTION("nu-SVC") {
    TrainOptions options = tight(SvmType::nu_svc, 0.8);
    options.nu = 0.3;
    rbfsvm::test::expect_same_as_libsvm(train, test.points(), options);
  }
  SECTION("one-class") {
    TrainOptions options = tight(SvmType::one_class, 0.8);
    options.nu = 0.2;
    rbfsvm::test::expect_same_as_libsvm(train, test.points(), options);
  }
  SECTION("epsilon-SVR and nu-SVR") {
    const Dataset regression = text_training_set(true);
    const Dataset regression_test = text_test_set(true);
    TrainOptions epsilon = tight(SvmType::epsilon_svr, 0.8);
    epsilon.C = 2;
    epsilon.epsilon = 0.05;
    rbfsvm::test::expect_same_as_libsvm(regression, regression_test.points(), epsilon);
    TrainOptions nu = tight(SvmType::nu_svr, 0.8);
    nu.nu = 0.4;
    rbfsvm::test::expect_same_as_libsvm(regression, regression_test.points(), nu);
  }
  SECTION("linear, polynomial and sigmoid kernels") {
    TrainOptions options = tight(SvmType::c_svc, 0.8);
    options.kernel = Kernel::linear();
    rbfsvm::test::expect_same_as_libsvm(train, test.points(), options);
    options.kernel = Kernel::polynomial(0.5, 1.0, 3);
    rbfsvm::test::expect_same_as_libsvm(train, test.points(), options);
    options.kernel = Kernel::sigmoid(0.5, -1.0);
    rbfsvm::test::expect_same_as_libsvm(train, test.points(), options);
  }
}

TEST_CASE("class weights and probabilities on sparse data match LIBSVM", "[sparse][libsvm]") {
  const Dataset train = text_training_set();
  const Dataset test = text_test_set();
  TrainOptions options = tight(SvmType::c_svc, 0.8);
  options.class_weights = {{1.0, 3.0}, {3.0, 0.5}};
  rbfsvm::test::expect_same_as_libsvm(train, test.points(), options);

  // Probability models: the Platt sigmoids come from an internal 5-fold split whose order is
  // LIBSVM's only with its own random numbers, so the check is that they are fitted and that
  // the probabilities rank the classes as the decision values vote.
  options.probability = true;
  const Model model = rbfsvm::train(train, options);
  REQUIRE(model.has_probability());
  const RowMatrix<double> probabilities = model.predict_probabilities(*test.sparse);
  REQUIRE(probabilities.rows() == test.sparse->rows());
  for (Index i = 0; i < probabilities.rows(); ++i) {
    CHECK(std::fabs(probabilities.row(i).sum() - 1.0) < 1e-9);
    CHECK((probabilities.row(i).array() >= 0).all());
  }
}

TEST_CASE("the same data stored dense and sparse give the same model", "[sparse][dense]") {
  const Dataset sparse = text_training_set();
  Dataset dense = sparse;
  // A narrower copy keeps the dense matrix small: the same points, words renumbered 0..1999.
  SparseTextShape shape;
  const Dataset narrow_sparse = rbfsvm::test::sparse_text_data(shape);
  Dataset narrow_dense = narrow_sparse;
  narrow_dense.store_as(Storage::dense);
  REQUIRE(!narrow_dense.is_sparse());
  SparseTextShape test_shape;
  test_shape.seed = 7;
  test_shape.rows = 120;
  Dataset test_sparse = rbfsvm::test::sparse_text_data(test_shape);
  Dataset test_dense = test_sparse;
  test_dense.store_as(Storage::dense);

  for (const KernelEvaluation evaluation : {KernelEvaluation::exact, KernelEvaluation::fast}) {
    const bool exact = evaluation == KernelEvaluation::exact;
    INFO((exact ? "exact" : "fast") << " kernel evaluation");
    TrainOptions options = tight(SvmType::c_svc, 0.8);
    options.C = 4;
    options.kernel_evaluation = evaluation;
    const Model from_sparse = rbfsvm::train(narrow_sparse, options);
    const Model from_dense = rbfsvm::train(narrow_dense, options);
    CHECK(from_sparse.data().support_vectors.is_sparse());
    CHECK(!from_dense.data().support_vectors.is_sparse());
    if (exact) CHECK(from_sparse.data().sv_indices == from_dense.data().sv_indices);
    const RowMatrix<double> a = decision_values(from_sparse, test_sparse);
    const RowMatrix<double> b = decision_values(from_dense, test_dense);
    CHECK((a - b).cwiseAbs().maxCoeff() <= (exact ? 1e-6 : 1e-4));
    // A sparse model predicts dense points and the reverse.
    CHECK((decision_values(from_sparse, test_dense) - a).cwiseAbs().maxCoeff() <= 1e-12);
    CHECK((decision_values(from_dense, test_sparse) - b).cwiseAbs().maxCoeff() <= 1e-12);
    const std::vector<double> p = predictions(from_sparse, test_sparse);
    const std::vector<double> q = predictions(from_dense, test_dense);
    int differing = 0;
    for (std::size_t i = 0; i < p.size(); ++i) differing += p[i] != q[i] ? 1 : 0;
    CHECK(differing == 0);
  }
}

TEST_CASE("TrainOptions::storage converts the points for training", "[sparse][dense]") {
  SparseTextShape shape;
  const Dataset sparse = rbfsvm::test::sparse_text_data(shape);
  TrainOptions options = tight(SvmType::c_svc, 0.8);
  options.kernel_evaluation = KernelEvaluation::exact;
  options.storage = Storage::dense;
  const Model dense_model = rbfsvm::train(sparse, options);
  CHECK(!dense_model.data().support_vectors.is_sparse());
  options.storage = Storage::sparse;
  Dataset dense = sparse;
  dense.store_as(Storage::dense);
  const Model sparse_model = rbfsvm::train(dense, options);
  CHECK(sparse_model.data().support_vectors.is_sparse());
  CHECK(sparse_model.data().sv_indices == dense_model.data().sv_indices);
}

TEST_CASE("sparse model files round trip and load in LIBSVM both ways", "[sparse][model_io][libsvm]") {
  const Dataset train = text_training_set();
  const Dataset test = text_test_set();
  TrainOptions options = tight(SvmType::c_svc, 0.8);
  const Model model = rbfsvm::train(train, options);
  const std::string directory = rbfsvm::test::scratch_directory("sparse_model_files");
  const std::string path = directory + "/text.model";
  rbfsvm::save_model(model, path);
  const Model loaded = rbfsvm::load_model(path);
  REQUIRE(loaded.data().support_vectors.is_sparse());
  const rbfsvm::SparseRows& ours = model.data().support_vectors.sparse();
  const rbfsvm::SparseRows& back = loaded.data().support_vectors.sparse();
  CHECK(back.offsets() == ours.offsets());
  CHECK(back.indices() == ours.indices());
  CHECK(back.values() == ours.values());
  CHECK((loaded.data().coefficients.array() == model.data().coefficients.array()).all());
  CHECK(predictions(loaded, test) == predictions(model, test));

  // LIBSVM reads our file and predicts what we predict.
  svm_model* libsvm = svm_load_model(path.c_str());
  REQUIRE(libsvm != nullptr);
  const rbfsvm::test::LibsvmModel owned(libsvm);
  CHECK(rbfsvm::test::libsvm_predictions(*owned, test.points()) == predictions(model, test));
  CHECK((rbfsvm::test::libsvm_decision_values(*owned, test.points()) - decision_values(model, test))
            .cwiseAbs()
            .maxCoeff() <= 1e-9);

  // And we read LIBSVM's own file of its own model.
  const rbfsvm::test::LibsvmProblem problem(train.points(), train.labels);
  const rbfsvm::test::LibsvmModel theirs =
      rbfsvm::test::train_libsvm(problem, rbfsvm::test::libsvm_parameters(options));
  const std::string their_path = directory + "/libsvm.model";
  REQUIRE(svm_save_model(their_path.c_str(), theirs.get()) == 0);
  const Model from_libsvm = rbfsvm::load_model(their_path);
  CHECK(from_libsvm.data().support_vectors.is_sparse());
  CHECK(predictions(from_libsvm, test) == rbfsvm::test::libsvm_predictions(*theirs, test.points()));
}

TEST_CASE("cross-validation on sparse and dense storage agrees", "[sparse][cv]") {
  SparseTextShape shape;
  const Dataset sparse = rbfsvm::test::sparse_text_data(shape);
  Dataset dense = sparse;
  dense.store_as(Storage::dense);
  TrainOptions options = tight(SvmType::c_svc, 0.8);
  options.kernel_evaluation = KernelEvaluation::exact;
  CHECK(rbfsvm::cross_validation_predictions(sparse, options, 5) ==
        rbfsvm::cross_validation_predictions(dense, options, 5));
}

TEST_CASE("a brown-genre subset trains as LIBSVM does", "[sparse][libsvm][shared]") {
  rbfsvm::ReadOptions read;
  read.storage = Storage::sparse;
  const Dataset all = rbfsvm::read_dataset(rbfsvm::test::shared_dataset_path("sparse/brown-genre.train.gz"), read);
  std::vector<Index> rows;
  for (Index i = 0; i < 600; ++i) rows.push_back(i);
  Dataset subset;
  subset.sparse = all.sparse->select(rows);
  subset.labels.assign(all.labels.begin(), all.labels.begin() + 600);
  const auto [train, test] = rbfsvm::test::split_every(subset, 4);
  TrainOptions options = tight(SvmType::c_svc, 0.5);
  options.C = 10;
  rbfsvm::test::expect_same_as_libsvm(train, test.points(), options);
}
