// Internal: a training's tuning (rbfsvm/core/tuning.hpp) as the engine uses it, the SIMD choice
// resolved once. solve_smo hands it to its Q supply (QMatrix::use_tuning), which hands it to its
// kernel rows; a store shared between several problems gets it at construction.
#pragma once

#include "core/simd.hpp"
#include "rbfsvm/core/tuning.hpp"

namespace rbfsvm::detail {

struct EngineTuning {
  bool avx2 = avx2_by_default();  // run the AVX2 loops
  PassSplitting splitting;

  static EngineTuning of(Simd simd, const PassSplitting& splitting) {
    return {resolve_avx2(simd), splitting};
  }
};

}  // namespace rbfsvm::detail
