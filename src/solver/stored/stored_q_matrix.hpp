// The fast path: variable t stands for point points[t] of a KernelRowStore with sign signs[t],
// Q_st = signs_s signs_t K(x_points[s], x_points[t]). Points may repeat (SVR's two variables per
// point) and the store may be shared by several matrices (the one-vs-one pairs of one training
// set, over a store computed in full beforehand). A column is gathered from the store's row of
// its point into one of two buffers, so the two most recent columns stay valid. Over a complete
// store, a problem small enough (local_limit_bytes) copies its signed Q once, in the solver's
// order, and then hands out its rows directly, following the solver's reorderings lazily (a row
// catches up on the swaps when it is read): no gather per column.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "rbfsvm/kernel/gram.hpp"
#include "solver/engine_tuning.hpp"
#include "solver/q_matrix.hpp"
#include "solver/stored/kernel_row_store.hpp"
#include "solver/stored/packed_rows.hpp"

namespace rbfsvm {
namespace detail {
class PassSplitter;
}

class StoredQMatrix : public QMatrix {
 public:
  static constexpr std::size_t local_limit_bytes = std::size_t{64} << 20;

  // `local_buffer`, when given, holds the local copy instead of memory of its own: the caller
  // lends one buffer per thread to successive problems (one-vs-one pairs), which then reuse its
  // pages instead of having fresh ones cleared by the kernel for every pair. It must outlive
  // this matrix and serve no other matrix meanwhile.
  // A lent buffer is left holding the copy in the variables' given order (the solver's
  // reorderings undone), so that a later matrix over the same points and signs (the next solve of
  // a C path) can take it as it is: `buffer_holds_q` says that the buffer holds this matrix's
  // copy, left so by such a matrix.
  // The store's tuning serves until use_tuning() gives the training's.
  StoredQMatrix(std::shared_ptr<KernelRowStore> store, std::vector<Index> points,
                std::vector<signed char> signs, std::vector<float>* local_buffer = nullptr,
                bool buffer_holds_q = false);
  ~StoredQMatrix() override;
  StoredQMatrix(const StoredQMatrix&) = delete;  // may point into itself (own_local_)
  StoredQMatrix& operator=(const StoredQMatrix&) = delete;

  const float* column(Index i, Index length) override;
  const std::vector<double>& diagonal() const override { return diagonal_; }
  void swap_index(Index i, Index j) override;
  Index size() const override { return static_cast<Index>(points_.size()); }

  // Also the store's, unless it is shared (shareable()): that one keeps its own.
  void use_tuning(const detail::EngineTuning& tuning) override;
  Index batch_size() const override { return local_n_ > 0 ? 1 : store_->suggested_batch(); }
  // A missing column is computed with others, as column_prefetch.hpp chooses.
  void prepare_column(Index t, const PrefetchHints& hints) override;
  bool has_column(Index i) const;
  void prefetch(const std::vector<Index>& variables) override;
  // Sums the stored kernel rows in the points' order (contiguous passes, no gather per column),
  // then gathers the sum once for [begin, end).
  void add_columns(const std::vector<Index>& variables, const std::vector<double>& coefficients,
                   Index begin, Index end, double* out) override;

 private:
  struct Buffer {
    std::vector<float> values;
    Index variable = -1;  // whose column it holds, -1 for none
    Index length = 0;
  };

  std::shared_ptr<KernelRowStore> store_;
  // Per variable, compact for the gather: its point as a 32-bit offset into a row, its sign.
  std::vector<std::int32_t> points_;
  std::vector<float> signs_;
  std::vector<double> diagonal_;
  // The whole signed Q, when copied: local_n_ x local_n_, row-major, in *local_storage_
  // (own_local_ or a lent buffer), stored_row(s) the row of variable s in the original order.
  float* stored_row(Index s) { return local_storage_->data() + s * local_n_; }
  void copy_local(bool already_there);  // already_there: only the row table to set up
  std::vector<float> own_local_;
  std::vector<float>* local_storage_ = nullptr;
  Index local_n_ = 0;
  // The solver's reorderings of the copy, made lazily. A swap of variables i and j exchanges
  // their rows at once (local_rows_ holds a pointer per variable) and their columns, entries i
  // and j of every row, only when a row is next read: the swaps are logged, and a row applies
  // those it has not yet applied, in order, when handed out. The row then holds what swapping
  // every row at each swap would have made of it, without a pass down all the rows per swap
  // (one cache miss per row, most of the solver's time on problems of a few thousand points).
  struct LocalRow {
    float* values;
    std::size_t swaps_applied;  // how many of swap_log_'s swaps its entries have had
  };
  const float* local_row(Index i);
  void undo_local_swaps();
  std::vector<LocalRow> local_rows_;
  std::vector<std::pair<Index, Index>> swap_log_;
  Buffer buffers_[2];
  int next_buffer_ = 0;
  // The variables in segments: runs of at least min_run consecutive points (points_[t + 1] =
  // points_[t] + 1), whose part of a column is a contiguous copy of part of a row, and the
  // stretches between them, gathered. Until shrinking reorders the variables a column is one
  // contiguous copy. Found again after swaps.
  struct Segment {
    Index begin;      // the segment is variables [begin, next segment's begin)
    bool consecutive;
  };
  static constexpr Index min_run = 16;
  void find_segments();
  std::vector<Segment> segments_;
  bool segments_stale_ = true;
  // Kernel rows cut down to the active variables of the current generation (packed_rows.hpp).
  const float* packed_row(Index i, Index length);
  void compute_packed(const std::vector<std::int32_t>& points);
  void prefetch_full_rows(const std::vector<Index>& variables);
  PackedRows packed_;
  KernelRowStore::Columns generation_columns_;
  Index last_length_ = 0;  // of the latest column asked for
  // Long column copies in two halves on two threads (src/solver/pass_splitter.hpp), when the store
  // has two.
  std::unique_ptr<detail::PassSplitter> splitter_;
  bool avx2_;  // the SIMD loops (core/simd.hpp)
};

}  // namespace rbfsvm
