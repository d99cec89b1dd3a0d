#include "solver/stored/kernel_row_store.hpp"

#include <algorithm>
#include <cstring>

#include "rbfsvm/core/error.hpp"
#include "core/threads.hpp"
#include "solver/stored/points/dense_point_source.hpp"
#include "solver/stored/points/sparse_point_source.hpp"

namespace rbfsvm {
namespace {

// A batch's scratch block (batch rows x n floats) stays under this many bytes.
constexpr std::size_t batch_scratch_bytes = std::size_t{64} << 20;
constexpr Index max_batch_rows = 256;
// Problems this small get the whole matrix at the first request.
constexpr Index small_problem_rows = 4096;

}  // namespace

std::unique_ptr<KernelPointSource> make_point_source(const Kernel& kernel, PointsRef points,
                                                     int n_threads,
                                                     const detail::EngineTuning& tuning) {
  if (points.is_sparse()) return std::make_unique<SparsePointSource>(kernel, points.sparse(), n_threads);
  return std::make_unique<DensePointSource>(kernel, points.dense(), n_threads, tuning);
}

KernelRowStore::KernelRowStore(const Kernel& kernel, PointsRef point_set,
                               std::size_t budget_bytes, int n_threads,
                               const detail::EngineTuning& tuning)
    : n_(point_set.rows()),
      budget_bytes_(budget_bytes),
      n_threads_(n_threads),
      tuning_(tuning) {
  if (kernel.type == KernelType::precomputed) {
    throw InvalidArgument("KernelRowStore: a precomputed kernel has no points to compute rows from");
  }
  kernel.validate();
  source_ = make_point_source(kernel, point_set, n_threads, tuning);
  diagonal_ = source_->diagonal();
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
  source_->use_tuning(tuning);
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
  for (std::int32_t p : points) {
    if (p < 0 || p >= n_) throw InvalidArgument("KernelRowStore: point out of range");
  }
  return source_->columns(points);
}

void KernelRowStore::compute_restricted(const std::vector<Index>& rows, const Columns& columns,
                                        float* out) const {
  source_->restricted(rows, columns, out, n_threads_);
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
    source_->block(first, size, first, size, blocks[c].data(), size);
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
  source_->block(a_first, a_count, b_first, b_count, out, ld);
}

bool KernelRowStore::compute_all() {
  if (full_.size() > 0) return true;
  if (capacity_ < n_ || n_ == 0) return false;
  full_ = source_->all(n_threads_);
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
    source_->row(points[0], slots_.data(slots[0]));
  } else if (float* in_place = slots_.contiguous(slots)) {
    // New slots usually follow one another in one chunk: the rows are then computed in place.
    source_->rows(points, in_place, n_threads_);
  } else {
    RowMatrix<float> block(q, n_);
    source_->rows(points, block.data(), n_threads_);
    for (Index k = 0; k < q; ++k) {
      std::memcpy(slots_.data(slots[static_cast<std::size_t>(k)]), block.row(k).data(),
                  static_cast<std::size_t>(n_) * sizeof(float));
    }
  }
  for (Index k = 0; k < q; ++k) slots_.assign(slots[static_cast<std::size_t>(k)], points[k]);
  rows_computed_ += q;
}

}  // namespace rbfsvm
