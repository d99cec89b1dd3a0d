// Internal: run-time choice between the baseline (SSE2) and AVX2 versions of the loops that run
// over all n variables or kernel entries many times per training: working-set selection, the
// gradient update, column gathers and the exp pass of the Gram builder.
//
// The build targets baseline x86-64, so that one binary runs anywhere; the AVX2 versions are
// compiled for AVX2 only through a function attribute and chosen when the CPU has it (and the training's Simd setting allows, rbfsvm/core/tuning.hpp). They are
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

#include "rbfsvm/core/tuning.hpp"

namespace rbfsvm::detail {

bool cpu_has_avx2();

// Simd::automatic: the AVX2 loops where the CPU has them, unless the environment says
// RBFSVM_SIMD=sse2 (read at the first call). What everything without a training's setting uses
// (the public Gram builder, the exact path).
bool avx2_by_default();

// Whether a training with this setting runs the AVX2 loops.
bool resolve_avx2(Simd simd);

}  // namespace rbfsvm::detail
