#include "rbfsvm/kernel/gram.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>

#include "rbfsvm/core/error.hpp"
#include "core/platform.hpp"
#include "core/simd.hpp"
#include "core/threads.hpp"
#include "kernel/gram_engine.hpp"

namespace rbfsvm {
namespace {

// Tile shape: detail::gram_tile_rows x detail::gram_tile_cols (gram_engine.hpp).
constexpr Eigen::Index tile_rows = detail::gram_tile_rows;
constexpr Eigen::Index tile_cols = detail::gram_tile_cols;

template <typename Scalar>
void check_shapes(const Kernel& kernel, Eigen::Index x_cols, Eigen::Index y_cols) {
  kernel.validate();
  if (kernel.type == KernelType::precomputed) {
    throw InvalidArgument("the Gram builder cannot evaluate a precomputed kernel");
  }
  if (x_cols != y_cols) {
    throw InvalidArgument("point sets differ in dimension: " + std::to_string(x_cols) + " vs " +
                          std::to_string(y_cols) + " features");
  }
}

void check_output(Eigen::Index rows, Eigen::Index cols, Eigen::Index expected_rows,
                  Eigen::Index expected_cols, const char* who) {
  if (rows != expected_rows || cols != expected_cols) {
    throw InvalidArgument(std::string(who) + ": output is " + std::to_string(rows) + " x " +
                          std::to_string(cols) + ", expected " + std::to_string(expected_rows) +
                          " x " + std::to_string(expected_cols));
  }
}

// exp(x) for x <= 0, written so that compilers vectorize it: Eigen's own exp() is accurate but
// slow on the baseline x86-64 target (SSE2 has no rounding or 64-bit conversion instructions, so
// its floor and ldexp steps are emulated; measured 1.5-2x slower than this, see
// docs/performance.md). Cephes's method, as in Eigen: exp(x) = 2^n exp(r) with n = round(x / ln 2)
// taken from a magic-number addition, r = x - n ln 2 in two steps (Cody-Waite), exp(r) by a
// polynomial (float, Estrin scheme) or a Pade approximant (double), and 2^n added into the exponent
// bits. Kernel values agree with the former Eigen exp() pass to 1.5 ulp, except that values below
// the smallest normal number are 0 here (Eigen's float exp returns ~3e-39 for any x < -88.4).
template <typename Scalar>
struct ExpParts;

template <>
struct ExpParts<float> {
  using Bits = std::uint32_t;
  static constexpr int mantissa_bits = 23;
  // exp(lowest) is still a normal number with room for the exponent step; below it we flush to 0.
  static constexpr float lowest = -87.0f;
  static constexpr float magic = 12582912.0f;  // 1.5 * 2^23: x + magic rounds x to an integer
  static constexpr float log2e = 1.44269504088896341f;
  static constexpr float ln2_hi = 0.693359375f;  // few bits, so n * ln2_hi is exact
  static constexpr float ln2_lo = -2.12194440e-4f;
  static float exp_reduced(float r) {  // exp(r) for |r| <= ln(2) / 2
    const float z = r * r;
    const float z2 = z * z;
    const float a = 5.0000001201E-1f + 1.6666665459E-1f * r;
    const float b = 4.1665795894E-2f + 8.3334519073E-3f * r;
    const float c = 1.3981999507E-3f + 1.9875691500E-4f * r;
    return (r + 1.0f) + z * ((a + z * b) + z2 * c);
  }
};

template <>
struct ExpParts<double> {
  using Bits = std::uint64_t;
  static constexpr int mantissa_bits = 52;
  static constexpr double lowest = -708.0;
  static constexpr double magic = 6755399441055744.0;  // 1.5 * 2^52
  static constexpr double log2e = 1.4426950408889634073599;
  static constexpr double ln2_hi = 6.93145751953125E-1;
  static constexpr double ln2_lo = 1.42860682030941723212E-6;
  static double exp_reduced(double r) {  // exp(r) = 1 + 2 r P(r^2) / (Q(r^2) - r P(r^2))
    const double z = r * r;
    const double z2 = z * z;
    const double p = (1.26177193074810590878E-4 * z + 3.02994407707441961300E-2) * z +
                     9.99999999999999999910E-1;
    const double q = (3.00198505138664455042E-6 * z + 2.52448340349684104192E-3) * z2 +
                     (2.27265548208155028766E-1 * z + 2.00000000000000000009E0);
    const double rp = r * p;
    return 1.0 + 2.0 * (rp / (q - rp));
  }
};

template <typename To, typename From>
To bit_cast(From from) {
  static_assert(sizeof(To) == sizeof(From));
  To to;
  std::memcpy(&to, &from, sizeof(To));
  return to;
}

// One row of an RBF tile in place: row[j] = exp(gamma * min(0, 2 row[j] - x_norm - y_norms[j])).
// Three short passes over chunks that stay in L1 (distances; range reduction; polynomial and
// scaling): each loop has no branches (every select is a compare and a blend), so it vectorizes
// with whatever SIMD width the build targets, and its dependency chain is short enough for the
// CPU to overlap iterations (one fused loop measured ~15% slower: latency-bound). `lowest` must
// be a run-time value (ExpParts::lowest / gamma): with a compile-time bound GCC duplicates the
// loop body around the clamp and then refuses to vectorize it. NaN distances give NaN; distances
// beyond `lowest` give exactly 0. Vector lanes and scalar remainders run the same operations in
// the same order, so a value does not depend on which of them produced it, nor on whether the
// baseline or the AVX2 copy (below) ran.
template <typename Scalar>
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
inline void rbf_row_body(Scalar* row, const Scalar* y_norms, Eigen::Index count, Scalar x_norm,
                         Scalar gamma, Scalar lowest) {
  using Parts = ExpParts<Scalar>;
  using Bits = typename Parts::Bits;
  constexpr Eigen::Index chunk = 128;
  alignas(64) Scalar shifted[chunk];  // n + magic, n = round(x / ln 2)
  alignas(64) Scalar weight[chunk];   // 1, or 0 where exp() underflows, or NaN
  const Scalar gamma_log2e = gamma * Parts::log2e;
  const Bits magic_bits = bit_cast<Bits>(Parts::magic);
  for (Eigen::Index begin = 0; begin < count; begin += chunk) {
    Scalar* values = row + begin;
    const Scalar* norms = y_norms + begin;
    const Eigen::Index size = std::min(chunk, count - begin);
    for (Eigen::Index j = 0; j < size; ++j) {
      // -||x - y||^2 = 2<x, y> - |x|^2 - |y|^2, clamped at 0 against round-off.
      Scalar v = (Scalar(2) * values[j] - x_norm) - norms[j];
      v = v < Scalar(0) ? v : Scalar(0);
      weight[j] = v != v ? std::numeric_limits<Scalar>::quiet_NaN()
                         : (v > lowest ? Scalar(1) : Scalar(0));
      values[j] = v > lowest ? v : lowest;
    }
    for (Eigen::Index j = 0; j < size; ++j) {
      // x = gamma v = n ln 2 + r with |r| <= ln(2) / 2.
      const Scalar v = values[j];
      const Scalar t = v * gamma_log2e + Parts::magic;
      const Scalar n = t - Parts::magic;
      shifted[j] = t;
      values[j] = (v * gamma - n * Parts::ln2_hi) - n * Parts::ln2_lo;
    }
    for (Eigen::Index j = 0; j < size; ++j) {
      // exp(r) 2^n: n goes straight into the exponent bits.
      const Bits scaled = bit_cast<Bits>(Parts::exp_reduced(values[j])) +
                          ((bit_cast<Bits>(shifted[j]) - magic_bits) << Parts::mantissa_bits);
      values[j] = bit_cast<Scalar>(scaled) * weight[j];
    }
  }
}

// The same loops compiled for AVX2 (eight floats or four doubles per instruction, no FMA).
template <typename Scalar>
RBFSVM_TARGET_AVX2 void rbf_row_avx2(Scalar* row, const Scalar* y_norms, Eigen::Index count,
                                     Scalar x_norm, Scalar gamma, Scalar lowest) {
  rbf_row_body(row, y_norms, count, x_norm, gamma, lowest);
}

template <typename Scalar>
void rbf_row(Scalar* row, const Scalar* y_norms, Eigen::Index count, Scalar x_norm, Scalar gamma,
             Scalar lowest, bool avx2) {
  if (avx2) {
    rbf_row_avx2(row, y_norms, count, x_norm, gamma, lowest);
  } else {
    rbf_row_body(row, y_norms, count, x_norm, gamma, lowest);
  }
}

// Turns a block of inner products <x_i, y_j> into kernel values in place.
template <typename Scalar, typename Block, typename XNorms, typename YNorms>
void dots_to_kernel(const Kernel& kernel, Block&& block, const XNorms& x_norms,
                    const YNorms& y_norms, bool avx2) {
  using BlockType = std::decay_t<Block>;
  static_assert(BlockType::IsRowMajor && BlockType::InnerStrideAtCompileTime == 1,
                "tiles are row-major with contiguous rows");
  const Scalar gamma = static_cast<Scalar>(kernel.gamma);
  const Scalar coef0 = static_cast<Scalar>(kernel.coef0);
  auto values = block.array();
  switch (kernel.type) {
    case KernelType::linear:
    case KernelType::precomputed:
      return;
    case KernelType::rbf: {
      if (block.cols() == 0) return;
      // -||x - y||^2 below this gives exp() under the smallest normal number: flushed to 0.
      const Scalar lowest =
          std::max(ExpParts<Scalar>::lowest / gamma, -std::numeric_limits<Scalar>::max());
      for (Eigen::Index r = 0; r < block.rows(); ++r) {
        rbf_row<Scalar>(&block.coeffRef(r, 0), y_norms.data(), block.cols(), x_norms(r), gamma,
                        lowest, avx2);
      }
      return;
    }
    case KernelType::polynomial:
      values = (gamma * values + coef0).unaryExpr(
          [&](Scalar v) { return static_cast<Scalar>(Kernel::power(v, kernel.degree)); });
      return;
    case KernelType::sigmoid:
      values = (gamma * values + coef0).tanh();
      return;
  }
}

// out = K(A, B) for one tile; A is r x d, B is c x d.
template <typename Scalar, typename ABlock, typename BBlock, typename ANorms, typename BNorms,
          typename Out>
void kernel_tile(const Kernel& kernel, const ABlock& A, const ANorms& a_norms, const BBlock& B,
                 const BNorms& b_norms, Out&& out, bool avx2) {
  out.noalias() = A * B.transpose();
  dots_to_kernel<Scalar>(kernel, out, a_norms, b_norms, avx2);
}

// The result matrix. It is written once, tile by tile, so for large results most of the cost
// beyond the arithmetic is first-touch page faults (measured 0.12 s for 200 MB in a VM, a sixth of
// a d = 100 float Gram). On Linux large results ask for transparent huge pages, as NumPy does for
// its arrays: 512 times fewer faults, about 2.5x less first-touch time. Only a hint; if the kernel
// ignores it nothing changes.
template <typename Scalar>
RowMatrix<Scalar> allocate_result(Eigen::Index rows, Eigen::Index cols) {
  RowMatrix<Scalar> K(rows, cols);
  detail::advise_huge_pages(K.data(), static_cast<std::size_t>(K.size()) * sizeof(Scalar));
  return K;
}

Eigen::Index count_tiles(Eigen::Index extent, Eigen::Index tile) {
  return (extent + tile - 1) / tile;
}

}  // namespace

template <typename Scalar>
Vector<Scalar> squared_norms(const Eigen::Ref<const RowMatrix<Scalar>>& X) {
  return X.rowwise().squaredNorm();
}

namespace detail {

template <typename Scalar>
void gram_into(const Kernel& kernel, const Eigen::Ref<const RowMatrix<Scalar>>& X,
               const Eigen::Ref<const RowMatrix<Scalar>>& Y, Eigen::Ref<RowMatrix<Scalar>> out,
               ThreadOptions threads, bool avx2) {
  check_shapes<Scalar>(kernel, X.cols(), Y.cols());
  check_output(out.rows(), out.cols(), X.rows(), Y.rows(), "gram_into");
  const Vector<Scalar> x_norms = squared_norms<Scalar>(X);
  const Vector<Scalar> y_norms = squared_norms<Scalar>(Y);
  const Eigen::Index row_tiles = count_tiles(X.rows(), tile_rows);
  const Eigen::Index col_tiles = count_tiles(Y.rows(), tile_cols);
  detail::parallel_for(row_tiles * col_tiles, threads.n_threads, [&](Eigen::Index t) {
    const Eigen::Index r0 = (t / col_tiles) * tile_rows;
    const Eigen::Index c0 = (t % col_tiles) * tile_cols;
    const Eigen::Index r = std::min(tile_rows, X.rows() - r0);
    const Eigen::Index c = std::min(tile_cols, Y.rows() - c0);
    kernel_tile<Scalar>(kernel, X.middleRows(r0, r), x_norms.segment(r0, r), Y.middleRows(c0, c),
                        y_norms.segment(c0, c), out.block(r0, c0, r, c), avx2);
  });
}

template <typename Scalar>
void gram_into(const Kernel& kernel, const Eigen::Ref<const RowMatrix<Scalar>>& X,
               Eigen::Ref<RowMatrix<Scalar>> out, ThreadOptions threads, bool avx2) {
  check_shapes<Scalar>(kernel, X.cols(), X.cols());
  const Eigen::Index n = X.rows();
  check_output(out.rows(), out.cols(), n, n, "gram_into");
  const Vector<Scalar> norms = squared_norms<Scalar>(X);
  // Square tiles on and above the diagonal; the tiles below are their transposes.
  constexpr Eigen::Index tile = 256;
  const Eigen::Index tiles = count_tiles(n, tile);
  std::vector<std::pair<Eigen::Index, Eigen::Index>> upper;
  for (Eigen::Index i = 0; i < tiles; ++i) {
    for (Eigen::Index j = i; j < tiles; ++j) upper.emplace_back(i, j);
  }
  detail::parallel_for(static_cast<Eigen::Index>(upper.size()), threads.n_threads,
                       [&](Eigen::Index t) {
    const Eigen::Index r0 = upper[t].first * tile;
    const Eigen::Index c0 = upper[t].second * tile;
    const Eigen::Index r = std::min(tile, n - r0);
    const Eigen::Index c = std::min(tile, n - c0);
    auto block = out.block(r0, c0, r, c);
    kernel_tile<Scalar>(kernel, X.middleRows(r0, r), norms.segment(r0, r), X.middleRows(c0, c),
                        norms.segment(c0, c), block, avx2);
    if (r0 == c0) {
      // Diagonal tile: make it exactly symmetric (GEMM need not be) by copying the upper half.
      // The RBF diagonal is exactly exp(0) = 1; the expanded distance would only add round-off.
      for (Eigen::Index i = 0; i < r; ++i) {
        for (Eigen::Index j = 0; j < i; ++j) block(i, j) = block(j, i);
        if (kernel.type == KernelType::rbf) block(i, i) = Scalar(1);
      }
    } else {
      out.block(c0, r0, c, r) = block.transpose();
    }
  });
}

template <typename Scalar>
RowMatrix<Scalar> gram(const Kernel& kernel, const Eigen::Ref<const RowMatrix<Scalar>>& X,
                       const Eigen::Ref<const RowMatrix<Scalar>>& Y, ThreadOptions threads, bool avx2) {
  check_shapes<Scalar>(kernel, X.cols(), Y.cols());
  RowMatrix<Scalar> K = allocate_result<Scalar>(X.rows(), Y.rows());
  gram_into<Scalar>(kernel, X, Y, K, threads, avx2);
  return K;
}

template <typename Scalar>
RowMatrix<Scalar> gram(const Kernel& kernel, const Eigen::Ref<const RowMatrix<Scalar>>& X,
                       ThreadOptions threads, bool avx2) {
  check_shapes<Scalar>(kernel, X.cols(), X.cols());
  RowMatrix<Scalar> K = allocate_result<Scalar>(X.rows(), X.rows());
  gram_into<Scalar>(kernel, X, K, threads, avx2);
  return K;
}

template <typename Scalar>
void gram_rows(const Kernel& kernel, const Eigen::Ref<const RowMatrix<Scalar>>& X,
               const Eigen::Ref<const Vector<Scalar>>& x_norms,
               const std::vector<Eigen::Index>& rows,
               const Eigen::Ref<const RowMatrix<Scalar>>& Y,
               const Eigen::Ref<const Vector<Scalar>>& y_norms, Eigen::Ref<RowMatrix<Scalar>> out,
               ThreadOptions threads, bool avx2) {
  check_shapes<Scalar>(kernel, X.cols(), Y.cols());
  const Eigen::Index q = static_cast<Eigen::Index>(rows.size());
  check_output(out.rows(), out.cols(), q, Y.rows(), "gram_rows");
  RowMatrix<Scalar> selected(q, X.cols());
  Vector<Scalar> selected_norms(q);
  for (Eigen::Index k = 0; k < q; ++k) {
    if (rows[k] < 0 || rows[k] >= X.rows()) {
      throw InvalidArgument("gram_rows: row index " + std::to_string(rows[k]) + " out of range");
    }
    selected.row(k) = X.row(rows[k]);
    selected_norms(k) = x_norms(rows[k]);
  }
  const Eigen::Index col_tiles = count_tiles(Y.rows(), tile_cols);
  detail::parallel_for(col_tiles, threads.n_threads, [&](Eigen::Index t) {
    const Eigen::Index c0 = t * tile_cols;
    const Eigen::Index c = std::min(tile_cols, Y.rows() - c0);
    kernel_tile<Scalar>(kernel, selected, selected_norms, Y.middleRows(c0, c),
                        y_norms.segment(c0, c), out.middleCols(c0, c), avx2);
  });
}

template <typename Scalar>
void gram_row_transposed(const Kernel& kernel, const Eigen::Ref<const Vector<Scalar>>& x,
                         Scalar x_norm, const Eigen::Ref<const RowMatrix<Scalar>>& Yt,
                         const Eigen::Ref<const Vector<Scalar>>& y_norms, Scalar* out, bool avx2) {
  check_shapes<Scalar>(kernel, x.size(), Yt.rows());
  check_output(y_norms.size(), 1, Yt.cols(), 1, "gram_row_transposed");
  Eigen::Map<RowMatrix<Scalar>> row(out, 1, Yt.cols());
  row.noalias() = x.transpose() * Yt;
  const Eigen::Matrix<Scalar, 1, 1> x_norms(x_norm);
  dots_to_kernel<Scalar>(kernel, row, x_norms, y_norms, avx2);
}

}  // namespace detail

// The public entry points: the SIMD loops every caller without a training's setting gets.
template <typename Scalar>
RowMatrix<Scalar> gram(const Kernel& kernel, const Eigen::Ref<const RowMatrix<Scalar>>& X,
                       const Eigen::Ref<const RowMatrix<Scalar>>& Y, ThreadOptions threads) {
  return detail::gram<Scalar>(kernel, X, Y, threads, detail::avx2_by_default());
}

template <typename Scalar>
RowMatrix<Scalar> gram(const Kernel& kernel, const Eigen::Ref<const RowMatrix<Scalar>>& X,
                       ThreadOptions threads) {
  return detail::gram<Scalar>(kernel, X, threads, detail::avx2_by_default());
}

template <typename Scalar>
void gram_into(const Kernel& kernel, const Eigen::Ref<const RowMatrix<Scalar>>& X,
               const Eigen::Ref<const RowMatrix<Scalar>>& Y, Eigen::Ref<RowMatrix<Scalar>> out,
               ThreadOptions threads) {
  detail::gram_into<Scalar>(kernel, X, Y, out, threads, detail::avx2_by_default());
}

template <typename Scalar>
void gram_into(const Kernel& kernel, const Eigen::Ref<const RowMatrix<Scalar>>& X,
               Eigen::Ref<RowMatrix<Scalar>> out, ThreadOptions threads) {
  detail::gram_into<Scalar>(kernel, X, out, threads, detail::avx2_by_default());
}

template <typename Scalar>
void gram_rows(const Kernel& kernel, const Eigen::Ref<const RowMatrix<Scalar>>& X,
               const Eigen::Ref<const Vector<Scalar>>& x_norms,
               const std::vector<Eigen::Index>& rows,
               const Eigen::Ref<const RowMatrix<Scalar>>& Y,
               const Eigen::Ref<const Vector<Scalar>>& y_norms, Eigen::Ref<RowMatrix<Scalar>> out,
               ThreadOptions threads) {
  detail::gram_rows<Scalar>(kernel, X, x_norms, rows, Y, y_norms, out, threads,
                            detail::avx2_by_default());
}

template <typename Scalar>
void gram_row_transposed(const Kernel& kernel, const Eigen::Ref<const Vector<Scalar>>& x,
                         Scalar x_norm, const Eigen::Ref<const RowMatrix<Scalar>>& Yt,
                         const Eigen::Ref<const Vector<Scalar>>& y_norms, Scalar* out) {
  detail::gram_row_transposed<Scalar>(kernel, x, x_norm, Yt, y_norms, out,
                                      detail::avx2_by_default());
}

#define RBFSVM_INSTANTIATE_GRAM(Scalar)                                                         \
  template RowMatrix<Scalar> detail::gram<Scalar>(                                           \
      const Kernel&, const Eigen::Ref<const RowMatrix<Scalar>>&,                                \
      const Eigen::Ref<const RowMatrix<Scalar>>&, ThreadOptions, bool);                         \
  template RowMatrix<Scalar> detail::gram<Scalar>(                                           \
      const Kernel&, const Eigen::Ref<const RowMatrix<Scalar>>&, ThreadOptions, bool);          \
  template void detail::gram_into<Scalar>(                                                   \
      const Kernel&, const Eigen::Ref<const RowMatrix<Scalar>>&,                                \
      const Eigen::Ref<const RowMatrix<Scalar>>&, Eigen::Ref<RowMatrix<Scalar>>, ThreadOptions, \
      bool);                                                                                    \
  template void detail::gram_into<Scalar>(                                                   \
      const Kernel&, const Eigen::Ref<const RowMatrix<Scalar>>&, Eigen::Ref<RowMatrix<Scalar>>, \
      ThreadOptions, bool);                                                                     \
  template void detail::gram_rows<Scalar>(                                                   \
      const Kernel&, const Eigen::Ref<const RowMatrix<Scalar>>&,                                \
      const Eigen::Ref<const Vector<Scalar>>&, const std::vector<Eigen::Index>&,                \
      const Eigen::Ref<const RowMatrix<Scalar>>&, const Eigen::Ref<const Vector<Scalar>>&,      \
      Eigen::Ref<RowMatrix<Scalar>>, ThreadOptions, bool);                                      \
  template void detail::gram_row_transposed<Scalar>(                                         \
      const Kernel&, const Eigen::Ref<const Vector<Scalar>>&, Scalar,                          \
      const Eigen::Ref<const RowMatrix<Scalar>>&, const Eigen::Ref<const Vector<Scalar>>&,      \
      Scalar*, bool);                                                                           \
  template Vector<Scalar> squared_norms<Scalar>(const Eigen::Ref<const RowMatrix<Scalar>>&);    \
  template RowMatrix<Scalar> gram<Scalar>(const Kernel&, const Eigen::Ref<const RowMatrix<Scalar>>&, \
                                          const Eigen::Ref<const RowMatrix<Scalar>>&,            \
                                          ThreadOptions);                                        \
  template RowMatrix<Scalar> gram<Scalar>(const Kernel&, const Eigen::Ref<const RowMatrix<Scalar>>&, \
                                          ThreadOptions);                                        \
  template void gram_into<Scalar>(const Kernel&, const Eigen::Ref<const RowMatrix<Scalar>>&,      \
                                  const Eigen::Ref<const RowMatrix<Scalar>>&,                   \
                                  Eigen::Ref<RowMatrix<Scalar>>, ThreadOptions);                \
  template void gram_into<Scalar>(const Kernel&, const Eigen::Ref<const RowMatrix<Scalar>>&,      \
                                  Eigen::Ref<RowMatrix<Scalar>>, ThreadOptions);                \
  template void gram_rows<Scalar>(                                                              \
      const Kernel&, const Eigen::Ref<const RowMatrix<Scalar>>&,                                \
      const Eigen::Ref<const Vector<Scalar>>&, const std::vector<Eigen::Index>&,                \
      const Eigen::Ref<const RowMatrix<Scalar>>&, const Eigen::Ref<const Vector<Scalar>>&,      \
      Eigen::Ref<RowMatrix<Scalar>>, ThreadOptions);                                           \
  template void gram_row_transposed<Scalar>(                                                    \
      const Kernel&, const Eigen::Ref<const Vector<Scalar>>&, Scalar,                          \
      const Eigen::Ref<const RowMatrix<Scalar>>&, const Eigen::Ref<const Vector<Scalar>>&,      \
      Scalar*);

RBFSVM_INSTANTIATE_GRAM(float)
RBFSVM_INSTANTIATE_GRAM(double)
#undef RBFSVM_INSTANTIATE_GRAM

}  // namespace rbfsvm
