#include "svm/prediction/decision_stream.hpp"

#include <algorithm>
#include <numeric>
#include <optional>
#include <vector>

#include "core/platform.hpp"
#include "core/threads.hpp"
#include "kernel/kernel_values.hpp"
#include "rbfsvm/kernel/gram.hpp"

namespace rbfsvm::detail {
namespace {

using DenseRows = TestPoints::DenseRows;

// Points padded with zero columns to `width` (LIBSVM's sparse vectors: what a point does not
// store is zero).
RowMatrix<double> widened(const Eigen::Ref<const RowMatrix<double>>& rows, Index width) {
  RowMatrix<double> out = RowMatrix<double>::Zero(rows.rows(), width);
  out.leftCols(rows.cols()) = rows;
  return out;
}

RowMatrix<double> widened(const SparseRows& rows, Index width) {
  RowMatrix<double> out = RowMatrix<double>::Zero(rows.rows(), width);
  for (Index i = 0; i < rows.rows(); ++i) {
    const SparseRows::Row row = rows.row(i);
    for (Index e = 0; e < row.size; ++e) out(i, row.indices[e]) = row.values[e];
  }
  return out;
}

// One block of test points as the kernel reads them: the caller's rows as they are, or a copy
// (scaled, widened, densified, or sparse for the sparse meeting).
struct BlockPoints {
  std::optional<DenseRows> view;
  RowMatrix<double> dense;
  SparseRows sparse;

  DenseRows dense_rows() const {
    return view ? *view
                : DenseRows(dense.data(), dense.rows(), dense.cols(),
                            Eigen::OuterStride<>(dense.cols()));
  }
};

class DecisionStream {
 public:
  DecisionStream(const Model& model, const TestPoints& X, const BlockPlan& plan,
                 ThreadOptions threads);
  void run(const DecisionBlockSink& sink) const;

 private:
  BlockPoints block_points(Index first, Index count) const;
  void check_range(const BlockPoints& points, Index first) const;
  void kernel_block(const BlockPoints& points, Index sv_first, Index sv_count,
                    Eigen::Ref<RowMatrix<double>> out) const;
  void accumulate(const Eigen::Ref<const RowMatrix<double>>& K, Index sv_first,
                  RowMatrix<double>& sums) const;

  const ModelData& m_;
  const TestPoints& X_;
  const BlockPlan& plan_;
  ThreadOptions threads_;
  Index n_values_;
  std::vector<Index> class_start_;  // first support vector of each class
  // The support vectors as the meeting reads them: the model's own, or a copy made once.
  RowMatrix<double> sv_dense_copy_;
  SparseRows sv_sparse_copy_;
  const RowMatrix<double>* sv_dense_ = nullptr;
  const SparseRows* sv_sparse_ = nullptr;
  std::vector<Index> precomputed_columns_;  // test-row column of each support vector
};

DecisionStream::DecisionStream(const Model& model, const TestPoints& X, const BlockPlan& plan,
                               ThreadOptions threads)
    : m_(model.data()), X_(X), plan_(plan), threads_(threads) {
  const PointsRef svs = m_.support_vectors.ref();
  const int k = m_.n_classes;
  n_values_ = is_classification(m_.svm_type) ? static_cast<Index>(k) * (k - 1) / 2 : 1;
  if (is_classification(m_.svm_type)) {
    class_start_.assign(static_cast<std::size_t>(k) + 1, 0);
    for (int c = 0; c < k; ++c) class_start_[c + 1] = class_start_[c] + m_.sv_per_class[c];
  }
  check_kernel_range(m_.kernel, svs, "support vector");
  switch (plan.meeting) {
    case Meeting::dense:
      if (!svs.is_sparse() && svs.cols() == plan.width) {
        sv_dense_ = &svs.dense();
      } else {
        sv_dense_copy_ = svs.is_sparse() ? widened(svs.sparse(), plan.width)
                                         : widened(svs.dense(), plan.width);
        sv_dense_ = &sv_dense_copy_;
      }
      break;
    case Meeting::sparse:
      if (svs.is_sparse()) {
        sv_sparse_ = &svs.sparse();
      } else {
        sv_sparse_copy_ = SparseRows::from_dense(svs.dense());
        sv_sparse_ = &sv_sparse_copy_;
      }
      break;
    case Meeting::precomputed: {
      const RowMatrix<double> serials = m_.support_vectors.to_dense();
      for (Index j = 0; j < serials.rows(); ++j)
        precomputed_columns_.push_back(precomputed_column(serials(j, 0), X.cols()));
      break;
    }
  }
}

BlockPoints DecisionStream::block_points(Index first, Index count) const {
  BlockPoints points;
  const std::optional<Scaling>& scaling = m_.scaling;
  std::optional<SparseRows> sparse;  // the block's rows, when they are to be read sparse
  if (X_.is_sparse()) {
    std::vector<Index> rows(static_cast<std::size_t>(count));
    std::iota(rows.begin(), rows.end(), first);
    sparse = X_.sparse().select(rows);
  } else if (plan_.meeting == Meeting::sparse) {
    sparse = SparseRows::from_dense(X_.dense().middleRows(first, count));
  }
  if (sparse) {
    if (scaling) sparse = scaling->apply(*sparse);
    if (plan_.meeting == Meeting::sparse) {
      points.sparse = std::move(*sparse);
    } else {
      points.dense = widened(*sparse, plan_.meeting == Meeting::dense ? plan_.width : X_.cols());
    }
    return points;
  }
  const auto rows = X_.dense().middleRows(first, count);
  const bool narrow = plan_.meeting == Meeting::dense && X_.cols() < plan_.width;
  if (!scaling && !narrow) {
    points.view.emplace(rows.data(), count, X_.cols(), Eigen::OuterStride<>(X_.dense().outerStride()));
    return points;
  }
  // Scaled at the test points' own width, then zero-padded: the features they lack stay zero.
  if (scaling) {
    RowMatrix<double> scaled = rows;
    scaling->apply(scaled);
    points.dense = narrow ? widened(scaled, plan_.width) : std::move(scaled);
  } else {
    points.dense = widened(rows, plan_.width);
  }
  return points;
}

void DecisionStream::check_range(const BlockPoints& points, Index first) const {
  if (plan_.meeting == Meeting::precomputed) return;
  if (plan_.meeting == Meeting::sparse) {
    const Vector<double>& norms = points.sparse.squared_norms();
    for (Index i = 0; i < norms.size(); ++i) check_squared_norm(norms(i), first + i + 1, "test point");
    return;
  }
  const DenseRows rows = points.dense_rows();
  for (Index i = 0; i < rows.rows(); ++i)
    check_squared_norm(rows.row(i).squaredNorm(), first + i + 1, "test point");
}

void DecisionStream::kernel_block(const BlockPoints& points, Index sv_first, Index sv_count,
                                  Eigen::Ref<RowMatrix<double>> out) const {
  const DenseRows rows = points.dense_rows();
  if (plan_.meeting == Meeting::precomputed) {
    // LIBSVM's precomputed rows: K(x, sv_j) is the test row's column (serial of sv_j).
    for (Index i = 0; i < rows.rows(); ++i) {
      for (Index j = 0; j < sv_count; ++j) out(i, j) = rows(i, precomputed_columns_[sv_first + j]);
    }
    return;
  }
  gram_into<double>(m_.kernel, rows, sv_dense_->middleRows(sv_first, sv_count), out, threads_);
}

// LIBSVM's svm_predict_values: for a classifier, the pair (i, j) sums coef[j - 1][s] K(x, s)
// over class i's support vectors, then coef[i][s] K(x, s) over class j's; otherwise
// coef[0][s] K(x, s) over all. One term at a time in support-vector order, as LIBSVM: a block
// of support vectors continues the sums the blocks before it left (class i's all come before
// class j's), so the sums do not depend on where the blocks split.
void DecisionStream::accumulate(const Eigen::Ref<const RowMatrix<double>>& K, Index sv_first,
                                RowMatrix<double>& sums) const {
  const Index sv_end = sv_first + K.cols();
  const RowMatrix<double>& coef = m_.coefficients;
  // Four points' sums side by side: each is still summed in order, but four independent chains
  // keep the adder busy where one would wait on each addition's latency.
  constexpr Index lanes = 4;
  const auto add = [&](Index p0, Index n_points, Index pair, int row, Index begin, Index end) {
    // Kernel column j is support vector sv_first + j.
    const double* c = coef.row(row).data() + sv_first;
    begin = std::max(begin, sv_first) - sv_first;
    end = std::min(end, sv_end) - sv_first;
    if (n_points == lanes) {
      const double* k0 = K.row(p0).data();
      const double* k1 = K.row(p0 + 1).data();
      const double* k2 = K.row(p0 + 2).data();
      const double* k3 = K.row(p0 + 3).data();
      double s0 = sums(p0, pair), s1 = sums(p0 + 1, pair), s2 = sums(p0 + 2, pair),
             s3 = sums(p0 + 3, pair);
      for (Index s = begin; s < end; ++s) {
        s0 += c[s] * k0[s];
        s1 += c[s] * k1[s];
        s2 += c[s] * k2[s];
        s3 += c[s] * k3[s];
      }
      sums(p0, pair) = s0;
      sums(p0 + 1, pair) = s1;
      sums(p0 + 2, pair) = s2;
      sums(p0 + 3, pair) = s3;
      return;
    }
    for (Index p = p0; p < p0 + n_points; ++p) {
      const double* k = K.row(p).data();
      double sum = sums(p, pair);
      for (Index s = begin; s < end; ++s) sum += c[s] * k[s];
      sums(p, pair) = sum;
    }
  };
  constexpr Index points_per_task = 64;
  const Index tasks = (K.rows() + points_per_task - 1) / points_per_task;
  parallel_for(tasks, threads_.n_threads, [&](Index task) {
    const Index end = std::min(K.rows(), (task + 1) * points_per_task);
    for (Index p0 = task * points_per_task; p0 < end; p0 += lanes) {
      const Index n_points = std::min(lanes, end - p0);
      if (!is_classification(m_.svm_type)) {
        add(p0, n_points, 0, 0, 0, sv_end);
        continue;
      }
      Index pair = 0;
      for (int i = 0; i < m_.n_classes; ++i) {
        for (int j = i + 1; j < m_.n_classes; ++j, ++pair) {
          add(p0, n_points, pair, j - 1, class_start_[i], class_start_[i + 1]);
          add(p0, n_points, pair, i, class_start_[j], class_start_[j + 1]);
        }
      }
    }
  });
}

void DecisionStream::run(const DecisionBlockSink& sink) const {
  const Index n = X_.rows();
  const Index n_sv = m_.support_vectors.rows();
  RowMatrix<double> kernel;  // one block's kernel values, reused (the sparse Gram makes its own)
  if (plan_.meeting != Meeting::sparse && n > 0) {
    kernel.resize(std::min(plan_.shape.rows, n), plan_.shape.sv_columns);
    advise_huge_pages(kernel.data(), static_cast<std::size_t>(kernel.size()) * sizeof(double));
  }
  for (Index first = 0; first < n; first += plan_.shape.rows) {
    const Index count = std::min(plan_.shape.rows, n - first);
    const BlockPoints points = block_points(first, count);
    check_range(points, first);
    RowMatrix<double> values = RowMatrix<double>::Zero(count, n_values_);
    if (plan_.meeting == Meeting::sparse) {
      accumulate(gram(m_.kernel, points.sparse, *sv_sparse_, threads_), 0, values);
    } else {
      for (Index sv_first = 0; sv_first < n_sv; sv_first += plan_.shape.sv_columns) {
        const Index sv_count = std::min(plan_.shape.sv_columns, n_sv - sv_first);
        auto K = kernel.topLeftCorner(count, sv_count);
        kernel_block(points, sv_first, sv_count, K);
        accumulate(K, sv_first, values);
      }
    }
    for (Index pair = 0; pair < n_values_; ++pair) values.col(pair).array() -= m_.rho[pair];
    sink(first, values);
  }
}

}  // namespace

void stream_decision_values(const Model& model, const TestPoints& X, const BlockPlan& plan,
                            ThreadOptions threads, const DecisionBlockSink& sink) {
  DecisionStream(model, X, plan, threads).run(sink);
}

}  // namespace rbfsvm::detail
