// Internal: the Gram builder of rbfsvm/kernel/gram.hpp with the SIMD choice explicit (`avx2`:
// run the AVX2 version of the exp pass, core/simd.hpp), for the engine, which follows a
// training's setting (rbfsvm/core/tuning.hpp). The public functions use the process default.
// Same arguments and values otherwise.
#pragma once

#include "rbfsvm/kernel/gram.hpp"

namespace rbfsvm::detail {

// The builder's tile: a row block of X against a column block of Y, 128 x 512 (256 KiB of
// floats, in L2 between the GEMM that writes a tile and the element-wise pass). A product made
// in pieces whose row offsets are multiples of gram_tile_rows and column offsets multiples of
// gram_tile_cols is made of the very tiles of the whole product: the same values, bit for bit
// (Eigen's GEMM may sum a tile of another shape in another order).
inline constexpr Eigen::Index gram_tile_rows = 128;
inline constexpr Eigen::Index gram_tile_cols = 512;

template <typename Scalar>
RowMatrix<Scalar> gram(const Kernel& kernel, const Eigen::Ref<const RowMatrix<Scalar>>& X,
                       const Eigen::Ref<const RowMatrix<Scalar>>& Y, ThreadOptions threads,
                       bool avx2);
template <typename Scalar>
RowMatrix<Scalar> gram(const Kernel& kernel, const Eigen::Ref<const RowMatrix<Scalar>>& X,
                       ThreadOptions threads, bool avx2);
template <typename Scalar>
void gram_into(const Kernel& kernel, const Eigen::Ref<const RowMatrix<Scalar>>& X,
               const Eigen::Ref<const RowMatrix<Scalar>>& Y, Eigen::Ref<RowMatrix<Scalar>> out,
               ThreadOptions threads, bool avx2);
template <typename Scalar>
void gram_into(const Kernel& kernel, const Eigen::Ref<const RowMatrix<Scalar>>& X,
               Eigen::Ref<RowMatrix<Scalar>> out, ThreadOptions threads, bool avx2);
template <typename Scalar>
void gram_rows(const Kernel& kernel, const Eigen::Ref<const RowMatrix<Scalar>>& X,
               const Eigen::Ref<const Vector<Scalar>>& x_norms, const std::vector<Eigen::Index>& rows,
               const Eigen::Ref<const RowMatrix<Scalar>>& Y,
               const Eigen::Ref<const Vector<Scalar>>& y_norms, Eigen::Ref<RowMatrix<Scalar>> out,
               ThreadOptions threads, bool avx2);
template <typename Scalar>
void gram_row_transposed(const Kernel& kernel, const Eigen::Ref<const Vector<Scalar>>& x,
                         Scalar x_norm, const Eigen::Ref<const RowMatrix<Scalar>>& Yt,
                         const Eigen::Ref<const Vector<Scalar>>& y_norms, Scalar* out, bool avx2);

}  // namespace rbfsvm::detail
