#include "solver/stored/points/dense_point_source.hpp"

#include "kernel/gram_engine.hpp"
#include "rbfsvm/core/error.hpp"
#include "solver/pass_splitter.hpp"

namespace rbfsvm {
namespace {

// Batches with fewer multiply-adds and exponentials than this run on one thread: each parallel
// region ends at a barrier, and on a busy machine a thread without a core holds it for a time
// slice (ijcnn1 with `yes` running: 4e6 here made 2 threads 6% slower than 1; 5e7 keeps the
// barriers to the large batches).
constexpr double parallel_work_floor = 5e7;

// Threads for a block of rows x columns kernel values over d features.
int threads_for(Index rows, Index columns, Index d, int n_threads) {
  const double work = static_cast<double>(rows) * static_cast<double>(columns) * static_cast<double>(d + 16);
  return work < parallel_work_floor ? 1 : n_threads;
}

// The points in float. For RBF they are centred first: K depends only on differences, and the
// expanded distance |x|^2 + |y|^2 - 2 x.y loses less to cancellation in float when the norms
// are small.
RowMatrix<float> points_for_gemm(const Kernel& kernel, const RowMatrix<double>& points) {
  if (kernel.type != KernelType::rbf || points.rows() == 0) return points.cast<float>();
  const Eigen::RowVectorXd mean = points.colwise().mean();
  return (points.rowwise() - mean).cast<float>();
}

}  // namespace

DensePointSource::DensePointSource(const Kernel& kernel, const RowMatrix<double>& points,
                                   int n_threads, const detail::EngineTuning& tuning)
    : kernel_(kernel),
      X_(points_for_gemm(kernel, points)),
      X_transposed_(X_.transpose()),
      norms_(X_.rowwise().squaredNorm()),
      n_threads_(n_threads),
      tuning_(tuning),
      splitter_(std::make_unique<detail::PassSplitter>(n_threads, tuning.splitting)) {
  const Vector<double> exact_norms = points.rowwise().squaredNorm();
  diagonal_.resize(static_cast<std::size_t>(points.rows()));
  for (Index p = 0; p < points.rows(); ++p) {
    diagonal_[p] = kernel_.from_dot(exact_norms(p), exact_norms(p), exact_norms(p));
  }
}

DensePointSource::~DensePointSource() = default;

void DensePointSource::use_tuning(const detail::EngineTuning& tuning) {
  tuning_ = tuning;
  splitter_ = std::make_unique<detail::PassSplitter>(n_threads_, tuning.splitting);
}

std::size_t DensePointSource::bytes() const {
  return static_cast<std::size_t>(X_.size() + X_transposed_.size() + norms_.size()) * sizeof(float);
}

void DensePointSource::row(Index p, float* out) {
  // A single row reads every point once however it is computed; from the transposed points it
  // does so in one sequential pass per feature.
  const Index n = X_.rows();
  splitter_->run(n, [&](Index begin, Index end, int) {
    detail::gram_row_transposed<float>(kernel_, X_.row(p).transpose(), norms_(p),
                                       X_transposed_.middleCols(begin, end - begin),
                                       norms_.segment(begin, end - begin), out + begin,
                                       tuning_.avx2);
  });
}

void DensePointSource::rows(const std::vector<Index>& points, float* out, int threads) const {
  const Index q = static_cast<Index>(points.size());
  // A few rows are not worth waking the other threads for (a parallel region costs more than
  // it saves, and waits on a busy machine).
  Eigen::Map<RowMatrix<float>> block(out, q, X_.rows());
  detail::gram_rows<float>(kernel_, X_, norms_, points, X_, norms_, block,
                           ThreadOptions{threads_for(q, X_.rows(), X_.cols(), threads)},
                           tuning_.avx2);
}

RowMatrix<float> DensePointSource::all(int threads) const {
  return detail::gram<float>(kernel_, X_, ThreadOptions{threads}, tuning_.avx2);
}

void DensePointSource::block(Index a_first, Index a_count, Index b_first, Index b_count,
                             float* out, Index ld) const {
  Eigen::Map<RowMatrix<float>, 0, Eigen::OuterStride<>> target(out, a_count, b_count,
                                                               Eigen::OuterStride<>(ld));
  if (a_first == b_first && a_count == b_count) {
    detail::gram_into<float>(kernel_, X_.middleRows(a_first, a_count), target, ThreadOptions{1},
                             tuning_.avx2);
  } else {
    detail::gram_into<float>(kernel_, X_.middleRows(a_first, a_count),
                             X_.middleRows(b_first, b_count), target, ThreadOptions{1},
                             tuning_.avx2);
  }
}

RestrictedColumns DensePointSource::columns(const std::vector<std::int32_t>& points) const {
  RestrictedColumns out;
  out.ids.assign(points.begin(), points.end());
  out.points.resize(static_cast<Index>(points.size()), X_.cols());
  out.norms.resize(static_cast<Index>(points.size()));
  for (std::size_t k = 0; k < points.size(); ++k) {
    out.points.row(static_cast<Index>(k)) = X_.row(points[k]);
    out.norms(static_cast<Index>(k)) = norms_(points[k]);
  }
  return out;
}

void DensePointSource::restricted(const std::vector<Index>& rows, const RestrictedColumns& columns,
                                  float* out, int threads) const {
  const Index q = static_cast<Index>(rows.size());
  const Index m = columns.points.rows();
  Eigen::Map<RowMatrix<float>> target(out, q, m);
  detail::gram_rows<float>(kernel_, X_, norms_, rows, columns.points, columns.norms, target,
                           ThreadOptions{threads_for(q, m, X_.cols(), threads)}, tuning_.avx2);
}

}  // namespace rbfsvm
