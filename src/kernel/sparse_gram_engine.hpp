// Internal: kernel blocks K(x_r, y_c) over sparse points (SparseRows), for a batch of rows r of X
// against a range or list of rows c of Y: the sparse counterpart of gram_engine.hpp, used by the
// fast path's row store, the exact path's columns and the public sparse Gram builder.
//
// Method (scatter-gather, the CSR x dense batch product of ThunderSVM's CPU kernel rows, Wen et
// al., JMLR 19, 2018, with the dense side kept compact): the batch is cut into sub-batches of
// `sub_batch_rows` rows; the union U of the batch's columns gets a slot each (a column -> slot
// map of X.cols() int32, per thread, reset after use) and each sub-batch a |U_s| x b block
// holding its b values of a column side by side. Each target row c then filters its non-zeros
// through the map once and, per sub-batch, adds v_ck * block[slot(k)][0..b) into b double
// accumulators, walking c's non-zeros in ascending k. An entry's sum is therefore LIBSVM's
// Kernel::dot for the two points, term for term in the same order: the columns x_r lacks add
// exact zeros (+0 + -0 = +0, and a sum started at +0 never becomes -0), so they change no bit.
// Kernel values come from Kernel::from_dot in double. The values do not depend on the batch,
// the tiling or the thread count; they are LIBSVM's, bit for bit, as long as the compiler does
// not contract v * x + acc into a fused multiply-add (src/CMakeLists.txt compiles this file with
// -ffp-contract=off, so a -march=native build keeps the bits).
#pragma once

#include <cstdint>
#include <vector>

#include "rbfsvm/core/types.hpp"
#include "rbfsvm/data/sparse_rows.hpp"
#include "rbfsvm/kernel/kernel.hpp"

namespace rbfsvm::detail {

// Rows of a point set: [first, first + count), or list[0..count) when list is set.
struct RowSelection {
  Index first = 0;
  Index count = 0;
  const Index* list = nullptr;

  static RowSelection range(Index first, Index count) { return {first, count, nullptr}; }
  static RowSelection of(const std::vector<Index>& rows) {
    return {0, static_cast<Index>(rows.size()), rows.data()};
  }
  Index operator[](Index k) const { return list ? list[k] : first + k; }
  Index size() const { return count; }
};

// out[k * ld + j] = K(X.row(rows[k]), Y.row(targets[j])) for k < rows.size(), j <
// targets.size(), stored as Scalar (float or double). X and Y may differ in width (absent
// columns are zeros). Threaded over fixed tiles of targets on up to n_threads threads (one when
// the block is too small to pay for a parallel region). Per-thread scratch is O(X.cols())
// int32 plus at most 32 doubles per non-zero of a 256-row pass, never rows x X.cols(). Rows
// must be in range and the kernel not precomputed (unchecked: callers validate).
template <typename Scalar>
void sparse_kernel_block(const Kernel& kernel, const SparseRows& X, RowSelection rows,
                         const SparseRows& Y, RowSelection targets, Scalar* out, Index ld,
                         int n_threads);

}  // namespace rbfsvm::detail
