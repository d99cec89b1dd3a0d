#include "solver/pass_splitter.hpp"

#include <algorithm>
#include <chrono>

#ifdef RBFSVM_HAVE_OPENMP
#include <omp.h>
#endif

#include "core/threads.hpp"

namespace rbfsvm::detail {
namespace {

// A split that cost this much more than one thread alone would have means the other thread had
// no core (on an idle machine the excess stays in microseconds).
constexpr double late_seconds = 200e-6;
constexpr std::int64_t max_pause = 65536;
constexpr std::int64_t reset_streak = 256;

struct Backoff {
  std::int64_t pause = 0;       // passes still to run whole
  std::int64_t next_pause = 1;  // after the next split that waited
  std::int64_t streak = 0;      // splits in a row that did not wait
};

// Per calling thread: shared by the solver, its Q matrix and its kernel rows.
Backoff& backoff() {
  static thread_local Backoff state;
  return state;
}

}  // namespace

bool pass_splitting_built() {
#ifdef RBFSVM_HAVE_OPENMP
  return true;
#else
  return false;
#endif
}

void reset_pass_split_pause() { backoff() = Backoff{}; }

PassSplitter::PassSplitter(int threads, const PassSplitting& splitting)
    : enabled_(splitting.enabled && resolve_threads(threads) >= 2),
      min_length_(static_cast<Eigen::Index>(splitting.min_length)),
      splits_made_(splitting.splits_made) {}

void PassSplitter::run_halves(Eigen::Index n, Half half, void* context) {
#ifdef RBFSVM_HAVE_OPENMP
  Backoff& state = backoff();
  const bool split = enabled_ && n >= min_length_ && n >= 32 && !omp_in_parallel();
  if (split && state.pause > 0) {
    --state.pause;
  } else if (split) {
    using Clock = std::chrono::steady_clock;
    const Eigen::Index middle = n / 2 / 16 * 16;
    const Clock::time_point fork = Clock::now();
    Clock::time_point start, first_done;
    bool alone = false;
#pragma omp parallel num_threads(2)
    {
      if (omp_get_num_threads() < 2) {
        alone = true;
        half(context, 0, n, 0);
      } else if (omp_get_thread_num() == 0) {
        start = Clock::now();
        half(context, 0, middle, 0);
        first_done = Clock::now();
      } else {
        half(context, middle, n, 1);
      }
    }
    if (alone) return;
    ++splits_;
    if (splits_made_) splits_made_->fetch_add(1, std::memory_order_relaxed);
    // One thread alone would have taken about twice the first thread's half.
    const auto excess = (Clock::now() - fork) - 2 * (first_done - start);
    if (excess > std::chrono::duration<double>(late_seconds)) {
      state.pause = state.next_pause;
      state.next_pause = std::min<std::int64_t>(2 * state.next_pause, max_pause);
      state.streak = 0;
    } else if (++state.streak >= reset_streak) {
      state.next_pause = 1;
      state.streak = 0;
    }
    return;
  }
#endif
  half(context, 0, n, 0);
}

}  // namespace rbfsvm::detail
