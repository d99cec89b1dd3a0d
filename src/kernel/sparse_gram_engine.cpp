#include "kernel/sparse_gram_engine.hpp"

#include <algorithm>
#include <cstring>

#include "core/parallel.hpp"
#include "core/threads.hpp"

namespace rbfsvm::detail {
namespace {

// Rows per sub-batch (the width of one column's values in a block): 32 was faster than 8 and 16
// on gram_bench's sparse shapes (commit b310687).
constexpr Index sub_batch_rows = 32;
// Columns up to this index are found through a per-thread array (4 bytes a column, so at most
// 64 MiB a thread); a pass whose rows reach further (a stray index near 2^31) finds its columns
// by binary search in their sorted list instead, so no allocation follows the largest index.
constexpr std::int32_t column_map_limit = std::int32_t{1} << 24;
// Rows scattered at once; larger batches are done in passes of this many rows (the per-target
// accumulators, pass_rows doubles, stay in L1).
constexpr Index pass_rows = 256;
// A task's dot-product buffer: pass rows x tile targets doubles at most (256 KiB).
constexpr Index tile_entries = Index{1} << 15;
// Blocks estimated below this many nanoseconds on one thread stay on the calling thread: each
// parallel region ends at a barrier that a thread without a core holds for a time slice.
constexpr double parallel_floor_ns = 2e6;

struct Entry {
  std::int32_t unit;  // the column's place in the union U
  double value;
};

// The column -> union-place map of the calling thread, at least `cols` entries, -1 where unused.
std::vector<std::int32_t>& column_map(Index cols) {
  thread_local std::vector<std::int32_t> map;
  if (static_cast<Index>(map.size()) < cols) map.resize(static_cast<std::size_t>(cols), -1);
  return map;
}

// One pass of the batch, scattered: for each column of U and each sub-batch s, the slot of its
// b values in `block` (-1 when no row of s has the column).
class ScatteredPass {
 public:
  ScatteredPass(const SparseRows& X, RowSelection rows, Index first, Index count)
      : subs_((count + sub_batch_rows - 1) / sub_batch_rows) {
    std::int32_t largest = -1;
    for (Index k = 0; k < count; ++k) {
      const SparseRows::Row x = X.row(rows[first + k]);
      if (x.size > 0) largest = std::max(largest, x.indices[x.size - 1]);
    }
    width_ = static_cast<Index>(largest) + 1;
    try {
      if (largest < column_map_limit) {
        map_ = &column_map(width_);
        for (Index k = 0; k < count; ++k) {
          const SparseRows::Row x = X.row(rows[first + k]);
          for (Index e = 0; e < x.size; ++e) {
            std::int32_t& unit = (*map_)[static_cast<std::size_t>(x.indices[e])];
            if (unit < 0) {
              unit = static_cast<std::int32_t>(columns_.size());
              columns_.push_back(x.indices[e]);
            }
          }
        }
      } else {
        for (Index k = 0; k < count; ++k) {
          const SparseRows::Row x = X.row(rows[first + k]);
          columns_.insert(columns_.end(), x.indices, x.indices + x.size);
        }
        std::sort(columns_.begin(), columns_.end());
        columns_.erase(std::unique(columns_.begin(), columns_.end()), columns_.end());
      }
      scatter(X, rows, first, count);
    } catch (...) {
      clear_map();  // the thread's map serves its next pass
      throw;
    }
  }
  ~ScatteredPass() { clear_map(); }
  ScatteredPass(const ScatteredPass&) = delete;
  ScatteredPass& operator=(const ScatteredPass&) = delete;

  // dots[k] = <x_k, y> for the pass's rows k (sub-batches x b of them, the padding included).
  // y's entries are walked in ascending column order, as LIBSVM's Kernel::dot walks them.
  void dots(const SparseRows::Row& y, std::vector<Entry>& filtered, double* dots) const {
    filtered.clear();
    for (Index e = 0; e < y.size; ++e) {
      if (y.indices[e] >= width_) break;  // ascending: no later column is in U either
      const std::int32_t unit = unit_of(y.indices[e]);
      if (unit >= 0) filtered.push_back({unit, y.values[e]});
    }
    std::fill(dots, dots + subs_ * sub_batch_rows, 0.0);
    for (const Entry& entry : filtered) {
      const std::int32_t* slots = slots_.data() + static_cast<std::size_t>(entry.unit) * static_cast<std::size_t>(subs_);
      for (Index s = 0; s < subs_; ++s) {
        if (slots[s] < 0) continue;
        const double* x = block_.data() + static_cast<std::size_t>(slots[s]) * sub_batch_rows;
        double* acc = dots + s * sub_batch_rows;
        // Separate multiply and add (no FMA in this build): the sum of LIBSVM's products.
        for (Index l = 0; l < sub_batch_rows; ++l) acc[l] += entry.value * x[l];
      }
    }
  }

  Index padded_rows() const { return subs_ * sub_batch_rows; }

 private:
  // Column -> its place in U, -1 when no row of the pass has it.
  std::int32_t unit_of(std::int32_t column) const {
    if (map_) return (*map_)[static_cast<std::size_t>(column)];
    const auto found = std::lower_bound(columns_.begin(), columns_.end(), column);
    return found != columns_.end() && *found == column ? static_cast<std::int32_t>(found - columns_.begin()) : -1;
  }

  void scatter(const SparseRows& X, RowSelection rows, Index first, Index count) {
    slots_.assign(columns_.size() * static_cast<std::size_t>(subs_), -1);
    for (Index k = 0; k < count; ++k) {
      const SparseRows::Row x = X.row(rows[first + k]);
      const Index s = k / sub_batch_rows;
      for (Index e = 0; e < x.size; ++e) {
        const auto unit = static_cast<std::size_t>(unit_of(x.indices[e]));
        std::int32_t& slot = slots_[unit * static_cast<std::size_t>(subs_) + static_cast<std::size_t>(s)];
        if (slot < 0) {
          slot = static_cast<std::int32_t>(block_.size() / sub_batch_rows);
          block_.resize(block_.size() + sub_batch_rows, 0.0);
        }
        block_[static_cast<std::size_t>(slot * sub_batch_rows + k % sub_batch_rows)] = x.values[e];
      }
    }
  }

  void clear_map() {
    if (!map_) return;
    for (std::int32_t column : columns_) (*map_)[static_cast<std::size_t>(column)] = -1;
  }

  std::vector<std::int32_t>* map_ = nullptr;  // the thread's map, or none: binary search
  Index width_ = 0;                           // the largest column of the pass, plus one
  Index subs_;
  std::vector<std::int32_t> columns_;  // U: in order of first appearance, or sorted (no map)
  std::vector<std::int32_t> slots_;    // |U| x subs
  std::vector<double> block_;          // slots x b values
};

template <typename Scalar>
void pass_block(const Kernel& kernel, const SparseRows& X, RowSelection rows, Index first,
                Index count, const SparseRows& Y, RowSelection targets, Scalar* out, Index ld,
                int n_threads) {
  const ScatteredPass pass(X, rows, first, count);
  const Index m = targets.size();
  const Index padded = pass.padded_rows();
  const Index tile = std::clamp<Index>(tile_entries / padded, 16, 4096);
  const Index tiles = (m + tile - 1) / tile;
  // About 3 ns per filtered non-zero and sub-batch, 15 ns per kernel value (std::exp).
  const double average_nnz = Y.rows() > 0 ? static_cast<double>(Y.nonzeros()) / static_cast<double>(Y.rows()) : 0.0;
  const double estimate_ns = static_cast<double>(m) * (average_nnz * 3.0 * static_cast<double>(padded / sub_batch_rows) +
                                                       15.0 * static_cast<double>(count));
  const int threads = estimate_ns < parallel_floor_ns ? 1 : n_threads;
  const Vector<double>& x_norms = X.squared_norms();
  const Vector<double>& y_norms = Y.squared_norms();
  // An allocation failing on a worker thread is rethrown here, not left to end the process.
  FirstException failure;
  parallel_for(tiles, threads, [&](Index t) { failure.capture([&] {
    thread_local std::vector<Entry> filtered;
    thread_local std::vector<double> dots;
    const Index j0 = t * tile;
    const Index width = std::min(tile, m - j0);
    dots.resize(static_cast<std::size_t>(padded * width));
    thread_local std::vector<double> one;
    one.resize(static_cast<std::size_t>(padded));
    for (Index j = 0; j < width; ++j) {
      pass.dots(Y.row(targets[j0 + j]), filtered, one.data());
      for (Index k = 0; k < count; ++k) dots[static_cast<std::size_t>(k * width + j)] = one[static_cast<std::size_t>(k)];
    }
    for (Index k = 0; k < count; ++k) {
      const double x_norm = x_norms(rows[first + k]);
      const double* row_dots = dots.data() + k * width;
      Scalar* row_out = out + (first + k) * ld + j0;
      for (Index j = 0; j < width; ++j) {
        row_out[j] = static_cast<Scalar>(kernel.from_dot(row_dots[j], x_norm, y_norms(targets[j0 + j])));
      }
    }
  }); });
  failure.rethrow();
}

}  // namespace

template <typename Scalar>
void sparse_kernel_block(const Kernel& kernel, const SparseRows& X, RowSelection rows,
                         const SparseRows& Y, RowSelection targets, Scalar* out, Index ld,
                         int n_threads) {
  if (targets.size() == 0) return;
  for (Index first = 0; first < rows.size(); first += pass_rows) {
    pass_block<Scalar>(kernel, X, rows, first, std::min(pass_rows, rows.size() - first), Y,
                       targets, out, ld, n_threads);
  }
}

template void sparse_kernel_block<float>(const Kernel&, const SparseRows&, RowSelection,
                                         const SparseRows&, RowSelection, float*, Index, int);
template void sparse_kernel_block<double>(const Kernel&, const SparseRows&, RowSelection,
                                          const SparseRows&, RowSelection, double*, Index, int);

}  // namespace rbfsvm::detail
