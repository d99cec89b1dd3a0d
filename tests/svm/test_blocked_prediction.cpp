// Prediction in blocks (src/svm/prediction/): whatever the block shape and the thread count,
// the decision values, labels and probabilities equal those of one whole computation (the
// kernel matrix of all test points against all support vectors, then LIBSVM's sums), bit for
// bit; and a large test set is cut into blocks that stay within the block budget.
#include <catch2/catch.hpp>
#include <random>

#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/kernel/gram.hpp"
#include "rbfsvm/svm/train.hpp"
#include "kernel/gram_engine.hpp"
#include "svm/prediction/block_plan.hpp"
#include "svm/prediction/outputs.hpp"

using rbfsvm::Dataset;
using rbfsvm::Index;
using rbfsvm::Model;
using rbfsvm::ModelData;
using rbfsvm::PointSet;
using rbfsvm::PointsRef;
using rbfsvm::RowMatrix;
using rbfsvm::ScalingKind;
using rbfsvm::SparseRows;
using rbfsvm::SvmType;
using rbfsvm::ThreadOptions;
using rbfsvm::TrainOptions;
using rbfsvm::detail::BlockShape;
using rbfsvm::detail::Meeting;
using rbfsvm::detail::TestPoints;

namespace {

// n points in `d` dimensions around three overlapping centres, about 40% of the values exactly
// zero (so that sparse copies are sparse); label 1, 2 or 3, or a noisy smooth target.
Dataset generated(Index n, Index d, bool regression, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> noise(0.0, 1.0);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  Dataset data;
  data.X.resize(n, d);
  for (Index i = 0; i < n; ++i) {
    const int label = static_cast<int>(i % 3);
    for (Index f = 0; f < d; ++f) {
      const double value = noise(rng) + (f == label ? 0.8 : 0.0);
      data.X(i, f) = uniform(rng) < 0.4 ? 0.0 : value;
    }
    data.labels.push_back(regression ? std::sin(data.X(i, 0)) + 0.5 * data.X(i, 1) + 0.1 * noise(rng)
                                     : label + 1.0);
  }
  return data;
}

Model trained(SvmType type, std::optional<ScalingKind> scaling) {
  TrainOptions options;
  options.svm_type = type;
  options.kernel = rbfsvm::Kernel::rbf(0.3);
  options.probability = type != SvmType::nu_svr;
  options.scaling = scaling;
  return rbfsvm::train(generated(1200, 5, type == SvmType::nu_svr, 7), options);
}

// The same model with its support vectors stored sparse, with `width` columns (at least the
// dense ones').
Model with_sparse_svs(const Model& model, Index width = 0) {
  ModelData data = model.data();
  SparseRows svs = SparseRows::from_dense(data.support_vectors.dense());
  svs.widen(std::max(width, svs.cols()));
  data.n_features = std::max(data.n_features, svs.cols());
  data.support_vectors = std::move(svs);
  return Model(std::move(data));
}

RowMatrix<double> dense_at(PointsRef points, Index width) {
  RowMatrix<double> out = RowMatrix<double>::Zero(points.rows(), width);
  out.leftCols(points.cols()) = points.is_sparse() ? points.sparse().to_dense() : points.dense();
  return out;
}

// The whole computation: every test point scaled, one kernel matrix against every support
// vector (dense, zero-padded to the wider width, or sparse, as the plan meets), then LIBSVM's
// svm_predict_values sums, term by term in support-vector order.
RowMatrix<double> reference_decision_values(const Model& model, PointsRef X, Meeting meeting) {
  const ModelData& m = model.data();
  PointSet scaled = X.is_sparse() ? PointSet(X.sparse()) : PointSet(X.dense());
  if (m.scaling && X.is_sparse()) scaled = m.scaling->apply(X.sparse());
  if (m.scaling && !X.is_sparse()) {
    RowMatrix<double> copy = X.dense();
    m.scaling->apply(copy);
    scaled = std::move(copy);
  }
  const PointsRef svs = m.support_vectors.ref();
  const Index width = std::max(X.cols(), svs.cols());
  const RowMatrix<double> K =
      meeting == Meeting::dense
          ? rbfsvm::gram<double>(m.kernel, dense_at(scaled.ref(), width), dense_at(svs, width))
          : rbfsvm::gram(m.kernel,
                         scaled.is_sparse() ? scaled.sparse() : SparseRows::from_dense(scaled.dense()),
                         svs.is_sparse() ? svs.sparse() : SparseRows::from_dense(svs.dense()));
  const bool classifier = rbfsvm::is_classification(m.svm_type);
  const int k = m.n_classes;
  RowMatrix<double> values(X.rows(), classifier ? k * (k - 1) / 2 : 1);
  std::vector<Index> start{0};
  for (int count : m.sv_per_class) start.push_back(start.back() + count);
  for (Index p = 0; p < X.rows(); ++p) {
    if (!classifier) {
      double sum = 0;
      for (Index s = 0; s < K.cols(); ++s) sum += m.coefficients(0, s) * K(p, s);
      values(p, 0) = sum - m.rho[0];
      continue;
    }
    Index pair = 0;
    for (int i = 0; i < k; ++i) {
      for (int j = i + 1; j < k; ++j, ++pair) {
        double sum = 0;
        for (Index s = start[i]; s < start[i + 1]; ++s) sum += m.coefficients(j - 1, s) * K(p, s);
        for (Index s = start[j]; s < start[j + 1]; ++s) sum += m.coefficients(i, s) * K(p, s);
        values(p, pair) = sum - m.rho[pair];
      }
    }
  }
  return values;
}

bool same(const RowMatrix<double>& a, const RowMatrix<double>& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() && (a.array() == b.array()).all();
}

// Every output of `model` on X, for thread counts 1 to 3 and several block shapes, against the
// whole computation.
void check_blocked_equals_whole(const Model& model, PointsRef X, Meeting expected_meeting) {
  const TestPoints points = X.is_sparse() ? TestPoints(X.sparse()) : TestPoints(X.dense());
  const Meeting meeting = rbfsvm::detail::plan_prediction(model, points).meeting;
  REQUIRE(meeting == expected_meeting);
  const RowMatrix<double> values = reference_decision_values(model, X, meeting);
  std::vector<double> labels;
  for (Index p = 0; p < values.rows(); ++p)
    labels.push_back(model.label_from_decision_values(values.row(p).data()));
  const ModelData& m = model.data();
  const bool probabilities = rbfsvm::is_classification(m.svm_type) ||
                             (m.svm_type == SvmType::one_class && model.has_probability());
  RowMatrix<double> probability_values(values.rows(), m.svm_type == SvmType::one_class ? 2 : m.n_classes);
  for (Index p = 0; p < values.rows(); ++p) {
    rbfsvm::detail::probabilities_from_decision_values(m, values.row(p).data(),
                                                       probability_values.row(p).data());
  }
  // Dense: rows a multiple of the Gram tile's, support vectors split at multiples of its
  // columns. Sparse: any rows.
  const Index tile_rows = rbfsvm::detail::gram_tile_rows;
  const Index tile_cols = rbfsvm::detail::gram_tile_cols;
  std::vector<BlockShape> shapes{{}, {tile_rows, 0}, {2 * tile_rows, tile_cols}, {3 * tile_rows, tile_cols}};
  if (meeting == Meeting::sparse) shapes.insert(shapes.end(), {{1, 0}, {7, 0}, {100, 0}});
  for (int threads : {1, 2, 3}) {
    for (const BlockShape& shape : shapes) {
      INFO("threads " << threads << ", block " << shape.rows << " x " << shape.sv_columns);
      const ThreadOptions options{threads};
      CHECK(same(rbfsvm::detail::decision_values(model, points, options, shape), values));
      CHECK(rbfsvm::detail::predicted_labels(model, points, options, shape) == labels);
      if (probabilities) {
        CHECK(same(rbfsvm::detail::class_probabilities(model, points, options, shape),
                   probability_values));
      }
    }
  }
  // The public functions, with the automatic plan.
  if (X.is_sparse()) {
    CHECK(same(model.decision_values(X.sparse()), values));
    CHECK(model.predict(X.sparse()) == labels);
  } else {
    CHECK(same(model.decision_values(X.dense()), values));
    CHECK(model.predict(X.dense()) == labels);
  }
}

}  // namespace

TEST_CASE("blocked prediction equals the whole computation, dense or sparse",
          "[prediction][blocks]") {
  const Dataset test = generated(300, 5, false, 11);
  const SparseRows sparse_test = SparseRows::from_dense(test.X);
  const RowMatrix<double> narrow = test.X.leftCols(4);
  RowMatrix<double> wide = RowMatrix<double>::Zero(test.X.rows(), 7);
  wide.leftCols(5) = test.X;
  wide.col(6).setConstant(0.5);  // a feature the model never saw: it counts in RBF distances
  for (SvmType type : {SvmType::c_svc, SvmType::nu_svr, SvmType::one_class}) {
    for (std::optional<ScalingKind> scaling : {std::optional<ScalingKind>{}, std::optional(ScalingKind::z_score)}) {
      INFO(rbfsvm::to_string(type) << (scaling ? ", z-score scaling" : ", unscaled"));
      const Model model = trained(type, scaling);
      // More support vectors than a Gram tile has columns, so that they are split too.
      if (type == SvmType::c_svc) REQUIRE(model.n_support_vectors() > rbfsvm::detail::gram_tile_cols);
      const Model sparse_model = with_sparse_svs(model);
      SECTION("dense points, dense support vectors") {
        check_blocked_equals_whole(model, test.X, Meeting::dense);
      }
      SECTION("sparse points, sparse support vectors") {
        check_blocked_equals_whole(sparse_model, sparse_test, Meeting::sparse);
      }
      SECTION("mixed storage meets dense (the dense copies are small)") {
        check_blocked_equals_whole(model, sparse_test, Meeting::dense);
        check_blocked_equals_whole(sparse_model, test.X, Meeting::dense);
      }
      SECTION("fewer and more columns than the support vectors") {
        check_blocked_equals_whole(model, narrow, Meeting::dense);
        check_blocked_equals_whole(model, wide, Meeting::dense);
        check_blocked_equals_whole(sparse_model, SparseRows::from_dense(wide), Meeting::sparse);
      }
      SECTION("dense points meet sparse support vectors too wide to copy dense") {
        // 200,000 columns: a dense copy of the support vectors would overflow its budget.
        const Model very_wide = with_sparse_svs(model, 200000);
        REQUIRE(static_cast<std::size_t>(very_wide.n_support_vectors()) * 200000 * 8 >
                rbfsvm::detail::prediction_sv_copy_budget);
        check_blocked_equals_whole(very_wide, test.X, Meeting::sparse);
      }
    }
  }
}

TEST_CASE("a large test set streams in blocks within the budget", "[prediction][blocks]") {
  const Model model = trained(SvmType::c_svc, std::nullopt);
  // 200,000 x 20 points: the whole kernel matrix would take 200,000 x n_SV x 8 bytes.
  const Dataset large = generated(200000, 20, false, 5);
  const auto plan = rbfsvm::detail::plan_prediction(model, TestPoints(large.X));
  CHECK(plan.meeting == Meeting::dense);
  CHECK(plan.block_bytes() <= rbfsvm::detail::prediction_block_budget);
  CHECK(plan.shape.rows < large.X.rows());
  CHECK(plan.shape.rows % rbfsvm::detail::gram_tile_rows == 0);
  CHECK(plan.shape.sv_columns == model.n_support_vectors());
  // Labels are those of much smaller blocks (on a part of the set, to keep the sanitizer runs
  // short; the block-size equalities are tested in full above).
  const RowMatrix<double> part = large.X.topRows(30000);
  const std::vector<double> labels = model.predict(part);
  CHECK(labels == rbfsvm::detail::predicted_labels(model, TestPoints(part), {},
                                                   {rbfsvm::detail::gram_tile_rows, 0}));

  // Sparse: 200,000 points of 20 stored features among 100,000, against sparse support vectors.
  std::vector<std::int64_t> offsets{0};
  std::vector<std::int32_t> indices;
  std::vector<double> values;
  for (Index i = 0; i < 200000; ++i) {
    for (int e = 0; e < 20; ++e) {
      indices.push_back(static_cast<std::int32_t>((i * 7 + e * 4999) % 100000));
      values.push_back(1.0 + e);
    }
    std::sort(indices.end() - 20, indices.end());
    offsets.push_back(static_cast<std::int64_t>(indices.size()));
  }
  const SparseRows sparse(100000, std::move(offsets), std::move(indices), std::move(values));
  const Model sparse_model = with_sparse_svs(model);
  const auto sparse_plan = rbfsvm::detail::plan_prediction(sparse_model, TestPoints(sparse));
  CHECK(sparse_plan.meeting == Meeting::sparse);
  CHECK(sparse_plan.block_bytes() <= rbfsvm::detail::prediction_block_budget);
  CHECK(sparse_plan.shape.rows < sparse.rows());

  // So many support vectors that even gram_tile_rows rows against all of them would overflow
  // the budget: they are split in multiples of the tile's columns.
  const BlockShape split = rbfsvm::detail::prediction_block_shape(1000000, 200000, 160, true);
  CHECK(split.rows == rbfsvm::detail::gram_tile_rows);
  CHECK(split.sv_columns % rbfsvm::detail::gram_tile_cols == 0);
  CHECK(static_cast<std::size_t>(split.rows) * (split.sv_columns * 8 + 160) <=
        rbfsvm::detail::prediction_block_budget);
}
