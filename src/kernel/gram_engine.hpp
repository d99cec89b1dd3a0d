// Internal: the Gram builder of rbfsvm/kernel/gram.hpp with the SIMD choice explicit (`avx2`:
// run the AVX2 version of the exp pass, core/simd.hpp), for the engine, which follows a
// training's setting (rbfsvm/core/tuning.hpp). The public functions use the process default.
// Same arguments and values otherwise.
#pragma once

#include "rbfsvm/kernel/gram.hpp"

namespace rbfsvm::detail {

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
