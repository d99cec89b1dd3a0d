// Internal: long passes of the solver (working-set selection, gradient update, column copies,
// single kernel rows) split into two halves for two threads, while the second thread keeps up.
//
// Whether and from which length passes split is a setting of each training (PassSplitting in
// rbfsvm/core/tuning.hpp). A pass over n variables takes tens to hundreds of microseconds, so a split costs a fork and a
// join each time. On an idle machine two threads then take 15-20% off ijcnn1's training. But
// where another process holds a core, the second thread is often descheduled, and the first
// waits a time slice for it (a few milliseconds) at the fork or the join: ijcnn1 took 11-17 s
// instead of 4 s with `yes` running beside it. So every split is timed against twice the first
// thread's own half (about what one thread alone would have taken). A split that cost more than
// that by over 200 microseconds (far more than a split can save; on an idle machine the excess
// stays in microseconds) means the other thread had no core: the next 1, then 2, 4, ... up to
// 65,536 passes run on one thread; 256 splits in a row without such a wait reset the pause.
// The state is kept per calling thread, shared by the solver, its Q matrix and its kernel rows.
//
// The split never changes a result: each half does the same arithmetic per element as the
// whole pass, and the callers merge halves as the sequential pass would (the later half wins
// ties, as the last index attaining an extreme does), so which passes were split depends on
// timing but the model does not.
#pragma once

#include <Eigen/Core>
#include <atomic>
#include <cstdint>
#include <type_traits>

#include "rbfsvm/core/tuning.hpp"

namespace rbfsvm::detail {

// Whether the library was built with OpenMP (without it nothing is split).
bool pass_splitting_built();
// Forgets the calling thread's pause after late splits (tests: the next long pass splits).
void reset_pass_split_pause();

class PassSplitter {
 public:
  // Splits only when `threads` (0: OpenMP's default) resolves to at least two and `splitting`
  // (a training's setting, rbfsvm/core/tuning.hpp) is enabled, passes of at least its
  // min_length.
  explicit PassSplitter(int threads = 1, const PassSplitting& splitting = {});

  // body(begin, end, half) for [0, n): halves 0 and 1 on two threads, or half 0 = [0, n) alone.
  // The split point is a multiple of 16, so that vector loops see the same alignment.
  template <typename Body>
  void run(Eigen::Index n, Body&& body) {
    if (!enabled_ || n < min_length_) {
      body(Eigen::Index{0}, n, 0);  // no split: inline, as most passes of small problems run
      return;
    }
    using BodyType = std::remove_reference_t<Body>;
    run_halves(n,
               [](void* context, Eigen::Index begin, Eigen::Index end, int half) {
                 (*static_cast<BodyType*>(context))(begin, end, half);
               },
               const_cast<void*>(static_cast<const void*>(&body)));
  }

  // Splits made since construction.
  std::int64_t splits() const { return splits_; }

 private:
  using Half = void (*)(void* context, Eigen::Index begin, Eigen::Index end, int half);
  void run_halves(Eigen::Index n, Half half, void* context);

  bool enabled_;
  Eigen::Index min_length_;
  std::atomic<std::int64_t>* splits_made_;  // the training's count, when it keeps one
  std::int64_t splits_ = 0;
};

}  // namespace rbfsvm::detail
