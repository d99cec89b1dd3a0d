// How a training runs, never what it computes: which SIMD loops run and whether the solver's
// long passes are split between two threads. Both are options of one training
// (TrainOptions::simd, TrainOptions::pass_splitting), so two trainings in one process, even at
// once on different threads, may differ; their models are byte-identical either way.
#pragma once

#include <atomic>
#include <cstdint>

namespace rbfsvm {

// The loops over all variables or kernel entries (working-set selection, gradient update, column
// sums, the exp pass of kernel rows) exist in a baseline version and an AVX2 one (no FMA), which
// compute the same IEEE operations per element in the same order.
enum class Simd {
  automatic,  // sse2 when the environment says RBFSVM_SIMD=sse2, else what the CPU has
  sse2,       // the baseline loops (SSE2 on x86-64)
  avx2,       // the AVX2 loops where the CPU has AVX2, else the baseline
};

// Passes of the solver over the variables (working-set selection, gradient update, column
// copies, single kernel rows), split in two halves on two threads while the second thread keeps
// up (the solver backs off for a while after a split that waited for a descheduled thread).
// Only trainings with two or more threads split.
struct PassSplitting {
  bool enabled = true;
  // Passes shorter than this run whole: a fork and a join cost a few microseconds.
  std::int64_t min_length = 16384;
  // When set, every split this training makes adds one (for tests and profiles). It must
  // outlive the training.
  std::atomic<std::int64_t>* splits_made = nullptr;
};

}  // namespace rbfsvm
