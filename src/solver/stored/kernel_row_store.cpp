#include "solver/stored/kernel_row_store.hpp"

#include <algorithm>
#include <cstring>

#include "rbfsvm/core/error.hpp"
#include "solver/pass_splitter.hpp"
#include "core/threads.hpp"
#include "kernel/gram_engine.hpp"

namespace rbfsvm {
namespace {

// A batch's scratch block (batch rows x n floats) stays under this many bytes.
constexpr std::size_t batch_scratch_bytes = std::size_t{64} << 20;
constexpr Index max_batch_rows = 256;
// Problems this small get the whole matrix at the first request.
constexpr Index small_problem_rows = 4096;
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

KernelRowStore::KernelRowStore(const Kernel& kernel, PointsRef point_set,
                               std::size_t budget_bytes, int n_threads,
                               const detail::EngineTuning& tuning)
    : kernel_(kernel),
      n_(point_set.rows()),
      budget_bytes_(budget_bytes),
      splitter_(std::make_unique<detail::PassSplitter>(n_threads, tuning.splitting)),
      n_threads_(n_threads),
      tuning_(tuning) {
  if (kernel.type == KernelType::precomputed) {
    throw InvalidArgument("KernelRowStore: a precomputed kernel has no points to compute rows from");
  }
  kernel.validate();
  const RowMatrix<double>& points = point_set.dense();
  X_ = points_for_gemm(kernel, points);
  X_transposed_ = X_.transpose();
  norms_ = X_.rowwise().squaredNorm();
  const Vector<double> exact_norms = points.rowwise().squaredNorm();
  diagonal_.resize(static_cast<std::size_t>(n_));
  for (Index p = 0; p < n_; ++p) {
    diagonal_[p] = kernel_.from_dot(exact_norms(p), exact_norms(p), exact_norms(p));
  }
  const std::size_t row_bytes = static_cast<std::size_t>(std::max<Index>(n_, 1)) * sizeof(float);
  batch_rows_ = std::clamp<Index>(static_cast<Index>(batch_scratch_bytes / row_bytes), 1,
                                  std::min<Index>(max_batch_rows, std::max<Index>(n_, 1)));
  capacity_ = std::clamp<Index>(static_cast<Index>(budget_bytes / row_bytes), 2 * batch_rows_,
                                std::max<Index>(n_, 2 * batch_rows_));
  capacity_ = std::min(capacity_, std::max<Index>(n_, 1));
  // Switching to the full matrix holds it and the rows computed so far at once for a moment.
  full_budget_ = static_cast<double>(budget_bytes) >=
                 1.25 * static_cast<double>(n_) * static_cast<double>(row_bytes);
  if (capacity_ < n_) batch_rows_ = std::max<Index>(1, std::min(batch_rows_, capacity_ / 2));
  slots_ = RowSlots(n_, n_, capacity_);
  advisor_ = BatchAdvisor(n_, batch_rows_);
}

KernelRowStore::~KernelRowStore() = default;

void KernelRowStore::use_tuning(const detail::EngineTuning& tuning) {
  if (shareable()) throw InvalidArgument("KernelRowStore: a shareable store keeps its tuning");
  tuning_ = tuning;
  splitter_ = std::make_unique<detail::PassSplitter>(n_threads_, tuning.splitting);
}

const float* KernelRowStore::row(Index p) {
  if (!has_row(p)) compute_rows({p});
  if (complete()) return full_.row(p).data();
  note_read(p);
  slots_.touch(p);
  return slots_.data(slots_.slot_of(p));
}

void KernelRowStore::note_computed(const std::vector<Index>& points) {
  if (shareable()) return;  // read-only: shared between threads, and nothing left to compute
  advisor_.note_computed(points);
}

void KernelRowStore::note_read(Index p) {
  if (!shareable()) advisor_.note_read(p);
}

std::size_t KernelRowStore::bytes_in_use() const {
  std::size_t blocks = 0;
  for (const auto& block : diagonal_blocks_) blocks += static_cast<std::size_t>(block.size());
  const std::size_t rows = full_.size() > 0 ? static_cast<std::size_t>(full_.size()) * sizeof(float)
                                            : slots_.bytes();
  return rows + blocks * sizeof(float);
}

std::size_t KernelRowStore::spare_bytes() const {
  const std::size_t rows = static_cast<std::size_t>(capacity_) * static_cast<std::size_t>(n_) * sizeof(float);
  return budget_bytes_ - std::min(budget_bytes_, rows);
}

KernelRowStore::Columns KernelRowStore::columns(const std::vector<std::int32_t>& points) const {
  Columns out;
  out.points.resize(static_cast<Index>(points.size()), X_.cols());
  out.norms.resize(static_cast<Index>(points.size()));
  for (std::size_t k = 0; k < points.size(); ++k) {
    if (points[k] < 0 || points[k] >= n_) throw InvalidArgument("KernelRowStore: point out of range");
    out.points.row(static_cast<Index>(k)) = X_.row(points[k]);
    out.norms(static_cast<Index>(k)) = norms_(points[k]);
  }
  return out;
}

void KernelRowStore::compute_restricted(const std::vector<Index>& rows, const Columns& columns,
                                        float* out) const {
  const Index q = static_cast<Index>(rows.size());
  const Index m = columns.points.rows();
  Eigen::Map<RowMatrix<float>> target(out, q, m);
  detail::gram_rows<float>(kernel_, X_, norms_, rows, columns.points, columns.norms, target,
                   ThreadOptions{threads_for(q, m, X_.cols(), n_threads_)}, tuning_.avx2);
}

void KernelRowStore::compute_diagonal_blocks(const std::vector<Index>& starts) {
  if (starts.empty() || starts.front() != 0 || starts.back() != n_ ||
      !std::is_sorted(starts.begin(), starts.end())) {
    throw InvalidArgument("KernelRowStore: diagonal blocks must cover the points in order");
  }
  const Index count = static_cast<Index>(starts.size()) - 1;
  std::vector<RowMatrix<float>> blocks(static_cast<std::size_t>(count));
  // One block per task, each on one thread: the values do not depend on the thread count.
  detail::parallel_for(count, n_threads_, [&](Index c) {
    const Index first = starts[c], size = starts[c + 1] - starts[c];
    blocks[c].resize(size, size);
    detail::gram_into<float>(kernel_, X_.middleRows(first, size), blocks[c], ThreadOptions{1}, tuning_.avx2);
  });
  block_starts_ = starts;
  diagonal_blocks_ = std::move(blocks);
}

void KernelRowStore::block(Index a_first, Index a_count, Index b_first, Index b_count, float* out,
                           Index ld) const {
  if (a_first < 0 || a_count < 0 || a_first + a_count > n_ || b_first < 0 || b_count < 0 ||
      b_first + b_count > n_ || ld < b_count) {
    throw InvalidArgument("KernelRowStore: block out of range");
  }
  if (a_count == 0 || b_count == 0) return;
  const float* stored = nullptr;
  Index stored_ld = 0;
  if (complete()) {
    stored = full_.data() + a_first * n_ + b_first;
    stored_ld = n_;
  } else if (has_diagonal_blocks()) {
    // The block whose range holds a_first; it serves when it also holds the rest of both ranges.
    const auto next = std::upper_bound(block_starts_.begin(), block_starts_.end(), a_first);
    const Index c = static_cast<Index>(next - block_starts_.begin()) - 1;
    const Index begin = block_starts_[c], end = block_starts_[c + 1];
    if (a_first + a_count <= end && b_first >= begin && b_first + b_count <= end) {
      stored = diagonal_blocks_[c].data() + (a_first - begin) * (end - begin) + (b_first - begin);
      stored_ld = end - begin;
    }
  }
  if (stored) {
    for (Index r = 0; r < a_count; ++r) {
      std::memcpy(out + r * ld, stored + r * stored_ld, static_cast<std::size_t>(b_count) * sizeof(float));
    }
    return;
  }
  Eigen::Map<RowMatrix<float>, 0, Eigen::OuterStride<>> target(out, a_count, b_count,
                                                               Eigen::OuterStride<>(ld));
  if (a_first == b_first && a_count == b_count) {
    detail::gram_into<float>(kernel_, X_.middleRows(a_first, a_count), target, ThreadOptions{1}, tuning_.avx2);
  } else {
    detail::gram_into<float>(kernel_, X_.middleRows(a_first, a_count), X_.middleRows(b_first, b_count),
                     target, ThreadOptions{1}, tuning_.avx2);
  }
}

bool KernelRowStore::compute_all() {
  if (full_.size() > 0) return true;
  if (capacity_ < n_ || n_ == 0) return false;
  full_ = detail::gram<float>(kernel_, X_, ThreadOptions{n_threads_}, tuning_.avx2);
  slots_.clear();
  rows_computed_ += n_;
  return true;
}

void KernelRowStore::compute_rows(const std::vector<Index>& points) {
  // Once a fifth of the rows have been asked for, most of the others usually follow (or the
  // matrix is small): one symmetric Gram build then costs less than the remaining rows one
  // batch at a time, and needs half the multiplications.
  if (!complete() && capacity_ == n_ && full_budget_ &&
      (n_ <= small_problem_rows || 5 * rows_computed_ >= n_)) {
    compute_all();
    return;
  }
  std::vector<Index> missing;
  for (Index p : points) {
    if (p < 0 || p >= n_) throw InvalidArgument("KernelRowStore: row index out of range");
    if (!has_row(p) && std::find(missing.begin(), missing.end(), p) == missing.end()) {
      missing.push_back(p);
    }
  }
  // When rows are dropped, a long list would push out its own first rows: keep the head.
  if (capacity_ < n_ && static_cast<Index>(missing.size()) > capacity_ - batch_rows_) {
    missing.resize(static_cast<std::size_t>(capacity_ - batch_rows_));
  }
  note_computed(missing);
  for (std::size_t begin = 0; begin < missing.size(); begin += static_cast<std::size_t>(batch_rows_)) {
    const std::size_t end = std::min(missing.size(), begin + static_cast<std::size_t>(batch_rows_));
    compute_batch(std::vector<Index>(missing.begin() + static_cast<std::ptrdiff_t>(begin),
                                     missing.begin() + static_cast<std::ptrdiff_t>(end)));
  }
}

void KernelRowStore::compute_batch(const std::vector<Index>& points) {
  const Index q = static_cast<Index>(points.size());
  std::vector<Index> evicted;
  const std::vector<Index> slots = slots_.claim(q, evicted);
  for (Index p : evicted) advisor_.forget(p);
  if (q == 1) {
    // A single row reads every point once however it is computed; from the transposed points
    // it does so in one sequential pass per feature.
    const Index p = points[0];
    float* row = slots_.data(slots[0]);
    splitter_->run(n_, [&](Index begin, Index end, int) {
      detail::gram_row_transposed<float>(kernel_, X_.row(p).transpose(), norms_(p),
                                 X_transposed_.middleCols(begin, end - begin),
                                 norms_.segment(begin, end - begin), row + begin, tuning_.avx2);
    });
  } else {
    // A few rows are not worth waking the other threads for (a parallel region costs more than
    // it saves, and waits on a busy machine).
    const int threads = threads_for(q, n_, X_.cols(), n_threads_);
    // New slots usually follow one another in one chunk: the rows are then computed in place.
    if (float* in_place = slots_.contiguous(slots)) {
      Eigen::Map<RowMatrix<float>> block(in_place, q, n_);
      detail::gram_rows<float>(kernel_, X_, norms_, points, X_, norms_, block, ThreadOptions{threads}, tuning_.avx2);
    } else {
      RowMatrix<float> block(q, n_);
      detail::gram_rows<float>(kernel_, X_, norms_, points, X_, norms_, block, ThreadOptions{threads}, tuning_.avx2);
      for (Index k = 0; k < q; ++k) {
        std::memcpy(slots_.data(slots[static_cast<std::size_t>(k)]), block.row(k).data(),
                    static_cast<std::size_t>(n_) * sizeof(float));
      }
    }
  }
  for (Index k = 0; k < q; ++k) slots_.assign(slots[static_cast<std::size_t>(k)], points[k]);
  rows_computed_ += q;
}

}  // namespace rbfsvm
