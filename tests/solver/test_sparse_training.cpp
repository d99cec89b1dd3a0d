// Training over sparse points, end to end through rbfsvm::train: the fast and the exact path
// give the models of the same data stored dense (the same predictions, decision values within
// 1e-6), and sparse models do not depend on the thread count.
#include <catch2/catch.hpp>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/svm/model_io.hpp"
#include "rbfsvm/svm/train.hpp"

using rbfsvm::Dataset;
using rbfsvm::Index;
using rbfsvm::KernelEvaluation;
using rbfsvm::Model;
using rbfsvm::RowMatrix;
using rbfsvm::SparseRows;
using rbfsvm::TrainOptions;

namespace {

// Text-like points in `classes` classes: each row draws ~30 columns, a third from its class's
// own band of 400 columns and the rest from 4000 shared ones (frequent low columns), values
// in (0, 1] as term weights.
Dataset sparse_classes(Index n, int classes, unsigned seed) {
  std::mt19937 engine(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  std::vector<std::int64_t> offsets{0};
  std::vector<std::int32_t> indices;
  std::vector<double> values;
  Dataset data;
  const Index shared = 4000, band = 400;
  for (Index i = 0; i < n; ++i) {
    const int label = static_cast<int>(i % classes);
    std::set<std::int32_t> columns;
    for (int k = 0; k < 30; ++k) {
      const double u = uniform(engine);
      columns.insert(k % 3 == 0 ? static_cast<std::int32_t>(shared + label * band + static_cast<Index>(u * band))
                                : static_cast<std::int32_t>(static_cast<double>(shared) * u * u));
    }
    for (std::int32_t c : columns) {
      indices.push_back(c);
      values.push_back(0.05 + 0.95 * uniform(engine));
    }
    offsets.push_back(static_cast<std::int64_t>(indices.size()));
    data.labels.push_back(label + 1);
  }
  data.sparse = SparseRows(shared + classes * band, std::move(offsets), std::move(indices), std::move(values));
  return data;
}

Dataset densified(const Dataset& sparse) {
  Dataset dense = sparse;
  dense.store_as(rbfsvm::Storage::dense);
  return dense;
}

TrainOptions options_for(KernelEvaluation evaluation, int threads) {
  TrainOptions options;
  options.C = 10;
  options.kernel = rbfsvm::Kernel::rbf(0.5);
  options.kernel_evaluation = evaluation;
  options.n_threads = threads;
  return options;
}

std::string model_text(const Model& model) {
  std::ostringstream text;
  rbfsvm::write_model(model, text);
  return text.str();
}

}  // namespace

TEST_CASE("sparse training gives the dense models, on the fast and the exact path",
          "[sparse][training]") {
  const Dataset train_sparse = sparse_classes(360, 4, 3);
  const Dataset train_dense = densified(train_sparse);
  const Dataset test_sparse = sparse_classes(200, 4, 4);
  const RowMatrix<double> test_dense = test_sparse.sparse->to_dense();
  for (KernelEvaluation evaluation : {KernelEvaluation::fast, KernelEvaluation::exact}) {
    INFO((evaluation == KernelEvaluation::fast ? "fast" : "exact"));
    const Model sparse = rbfsvm::train(train_sparse, options_for(evaluation, 2));
    const Model dense = rbfsvm::train(train_dense, options_for(evaluation, 2));
    CHECK(sparse.n_support_vectors() == dense.n_support_vectors());
    CHECK(sparse.predict(*test_sparse.sparse) == dense.predict(test_dense));
    const RowMatrix<double> a = sparse.decision_values(*test_sparse.sparse);
    const RowMatrix<double> b = dense.decision_values(test_dense);
    CHECK((a - b).cwiseAbs().maxCoeff() <= 1e-6);
  }
}

TEST_CASE("sparse models are byte-identical for 1 2 and 4 threads", "[sparse][determinism]") {
  const Dataset data = sparse_classes(300, 3, 7);
  for (KernelEvaluation evaluation : {KernelEvaluation::fast, KernelEvaluation::exact}) {
    const std::string one = model_text(rbfsvm::train(data, options_for(evaluation, 1)));
    CHECK(model_text(rbfsvm::train(data, options_for(evaluation, 2))) == one);
    CHECK(model_text(rbfsvm::train(data, options_for(evaluation, 4))) == one);
  }
  // A small budget (rows computed in batches and dropped) and epsilon-SVR.
  TrainOptions small = options_for(KernelEvaluation::fast, 1);
  small.cache_mb = 0.1;
  const std::string one = model_text(rbfsvm::train(data, small));
  small.n_threads = 4;
  CHECK(model_text(rbfsvm::train(data, small)) == one);
  for (KernelEvaluation evaluation : {KernelEvaluation::fast, KernelEvaluation::exact}) {
    TrainOptions svr = options_for(evaluation, 1);
    svr.svm_type = rbfsvm::SvmType::epsilon_svr;
    const std::string svr_one = model_text(rbfsvm::train(data, svr));
    svr.n_threads = 4;
    CHECK(model_text(rbfsvm::train(data, svr)) == svr_one);
  }
}
