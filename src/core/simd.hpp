// Internal: run-time choice between the baseline (SSE2) and AVX2 versions of the loops that run
// over all n variables or kernel entries many times per training: working-set selection, the
// gradient update, column gathers and the exp pass of the Gram builder.
//
// The build targets baseline x86-64, so that one binary runs anywhere; the AVX2 versions are
// compiled for AVX2 only through a function attribute and chosen when the CPU has it. They are
// compiled without FMA, and every version runs the same IEEE operations in the same order for
// each element (maxima and minima do not depend on the order), so results are bit-identical
// whichever version runs: a model does not depend on the machine's SIMD width. The tests train
// with both and compare the model files byte for byte.
#pragma once

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
#define RBFSVM_HAVE_AVX2_DISPATCH 1
#define RBFSVM_TARGET_AVX2 __attribute__((target("avx2")))
#else
#define RBFSVM_HAVE_AVX2_DISPATCH 0
#define RBFSVM_TARGET_AVX2
#endif

namespace rbfsvm::detail {

// True when the AVX2 loops run: the CPU has AVX2, and neither RBFSVM_SIMD=sse2 in the
// environment (read at the first call) nor use_avx2(false) switched them off.
bool avx2_enabled();

// Switches the AVX2 loops off (false) or back on where the CPU has AVX2 (true); returns whether
// they now run. For tests and benchmarks: set it before training, not during.
bool use_avx2(bool enabled);

}  // namespace rbfsvm::detail
