// Kernel rows for the fast solver path: rows K(x_p, X) of the training points, computed many at a
// time as one block (by the float GEMM Gram builder for dense points, by the sparse engine for
// sparse ones: kernel_point_source.hpp) and stored as float.
//
// The exact path (KernelQMatrix) evaluates one double dot product per entry, as LIBSVM does; it
// costs a pass over the data for every missing column. Here a missing row is computed together
// with the rows the solver expects to need next (its prefetch list), so the kernel work runs at
// the machine's GEMM rate (ThunderSVM's batched working set does the same for its kernel rows:
// Wen et al., "ThunderSVM", JMLR 19, 2018); how long such a list is worth making is the batch
// advisor's part (batch_advisor.hpp). With a budget of n^2 floats every row is kept once
// computed; below that the least recently used rows are dropped (row_slots.hpp). When the budget
// holds the whole matrix and a fifth of the rows have been asked for (or n <= 4096), the rest of
// the matrix is built at once, as one symmetric Gram matrix.
//
// The ways rows are computed: single rows and batches of rows (kept in slots), the whole matrix,
// the diagonal blocks of a class-grouped training set (one-vs-one pairs), blocks of K copied or
// computed for a pair's local copy of Q, and rows restricted to some points (packed rows), which
// are handed out and not kept.
//
// Dense points: values agree with the exact path to about 1e-6 relative (float GEMM on centred
// points); a value may differ in its last bits depending on which rows were computed together,
// so the solution depends on the budget (never on the thread count). Sparse points: each value
// is the exact path's double value rounded to float, whatever the budget.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "rbfsvm/data/points.hpp"
#include "rbfsvm/kernel/gram.hpp"
#include "rbfsvm/kernel/kernel.hpp"
#include "solver/stored/batch_advisor.hpp"
#include "solver/engine_tuning.hpp"
#include "solver/stored/points/kernel_point_source.hpp"
#include "solver/stored/row_slots.hpp"

namespace rbfsvm {

class KernelRowStore {
 public:
  // `points` are the training points (n x d), dense or sparse; the store keeps what it needs of
  // them (float copies of dense points, a copy of sparse ones). At least enough rows for two batches are kept
  // whatever the budget. Throws InvalidArgument for a precomputed kernel (no points to compute
  // from) or invalid kernel parameters. `tuning` (SIMD loops, pass splitting) serves until
  // use_tuning() changes it.
  KernelRowStore(const Kernel& kernel, PointsRef points, std::size_t budget_bytes,
                 int n_threads, const detail::EngineTuning& tuning = {});
  ~KernelRowStore();
  KernelRowStore(const KernelRowStore&) = delete;
  KernelRowStore& operator=(const KernelRowStore&) = delete;

  Index size() const { return n_; }
  // Rows computed together at most.
  Index batch_rows() const { return batch_rows_; }
  // How long a prefetch list is worth making now: batch_rows() scaled by the share of
  // speculatively computed rows that were read afterwards (at least 1).
  Index suggested_batch() const { return advisor_.suggested_batch(); }
  // How many rows are kept at once: n when the budget holds the whole matrix.
  Index capacity_rows() const { return capacity_; }

  bool has_row(Index p) const { return complete() || slots_.holds(p); }
  // Row p (n values), computed alone when missing. Valid until the next call that computes rows.
  const float* row(Index p);
  // K(x_p, x_p).
  double diagonal(Index p) const { return diagonal_[static_cast<std::size_t>(p)]; }

  // Computes the missing rows among `points`, batch_rows() at a time (only the first
  // capacity_rows() - batch_rows() of them when they would not all fit). Rows after the first
  // count as speculative until they are read.
  void compute_rows(const std::vector<Index>& points);
  // Every row, as one symmetric Gram matrix when the budget holds it (then the store is
  // read-only and may be shared between threads); otherwise does nothing and returns false.
  bool compute_all();
  // Every row is stored (compute_all() succeeded).
  bool complete() const { return full_.size() > 0; }
  // Row p of the complete matrix (complete() only), read-only, so threads sharing the store may
  // gather from it.
  const float* complete_row(Index p) const { return full_.row(p).data(); }

  // Keeps K over each range [starts[c], starts[c + 1]) of points, one range after another: the
  // diagonal blocks of a class-grouped training set, the only part of K that several
  // one-vs-one pairs read (each off-diagonal block belongs to one pair, which computes it when
  // it needs it). Throws InvalidArgument unless starts rise from 0 to size().
  void compute_diagonal_blocks(const std::vector<Index>& starts);
  bool has_diagonal_blocks() const { return !diagonal_blocks_.empty(); }
  // The store is read-only from now on (every row or the diagonal blocks are in), so several
  // threads may share it through block().
  bool shareable() const { return complete() || has_diagonal_blocks(); }
  // K(x_a, x_b) for a in [a_first, a_first + a_count) and b in [b_first, b_first + b_count),
  // into out (row stride ld): copied where it is stored (the complete matrix, or one diagonal
  // block holding both ranges), otherwise computed from the points on the calling thread, as one
  // Gram build (symmetric, with an exact unit RBF diagonal, when the two ranges are the same).
  // Changes nothing in the store.
  void block(Index a_first, Index a_count, Index b_first, Index b_count, float* out,
             Index ld) const;

  std::int64_t rows_computed() const { return rows_computed_; }
  int threads() const { return n_threads_; }
  const detail::EngineTuning& tuning() const { return tuning_; }
  // A training's tuning, for the rows computed from now on (never on a shareable() store, which
  // other problems may be reading).
  void use_tuning(const detail::EngineTuning& tuning);
  std::size_t bytes_in_use() const;
  // The part of the budget the rows can never take (all of it beyond capacity_rows() rows).
  std::size_t spare_bytes() const;

  // The batch advisor's bookkeeping (behind suggested_batch()) for rows kept elsewhere, as
  // StoredQMatrix keeps its packed rows: of a list of rows computed together, all but the first
  // are speculative until read. Nothing to note on a shareable() store (which stays read-only).
  void note_computed(const std::vector<Index>& points);
  void note_read(Index p);

  // Some of the points, prepared as columns of kernel rows restricted to them.
  using Columns = RestrictedColumns;
  Columns columns(const std::vector<std::int32_t>& points) const;
  // Rows `rows` of K restricted to `columns`, into out (rows.size() x its point count): computed
  // from the points as one block of the Gram builder, not stored. Changes nothing in the store.
  void compute_restricted(const std::vector<Index>& rows, const Columns& columns,
                          float* out) const;

 private:
  void compute_batch(const std::vector<Index>& points);

  std::unique_ptr<KernelPointSource> source_;
  std::vector<double> diagonal_;
  Index n_;
  Index batch_rows_;
  Index capacity_;
  std::size_t budget_bytes_;
  bool full_budget_ = false;  // the budget holds the whole matrix with room to switch to it
  int n_threads_;
  detail::EngineTuning tuning_;
  RowMatrix<float> full_;                  // every row, when compute_all() ran (row p is point p)
  std::vector<Index> block_starts_;        // the diagonal blocks' ranges, when computed
  std::vector<RowMatrix<float>> diagonal_blocks_;
  RowSlots slots_{0, 0, 1};                // the rows kept until then
  BatchAdvisor advisor_{0, 1};
  std::int64_t rows_computed_ = 0;
};

}  // namespace rbfsvm
