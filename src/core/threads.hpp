// Internal: the one place the library starts OpenMP threads.
#pragma once

#include <Eigen/Core>

#ifdef RBFSVM_HAVE_OPENMP
#include <omp.h>
#endif

namespace rbfsvm::detail {

inline int resolve_threads(int requested) {
#ifdef RBFSVM_HAVE_OPENMP
  return requested > 0 ? requested : omp_get_max_threads();
#else
  (void)requested;
  return 1;
#endif
}

// Runs body(t, worker) for t in [0, count), worker in [0, n_threads) being the number of the
// thread running it in the team started here (0 when it runs serially, even inside another
// parallel region), for per-thread scratch space.
template <typename Body>
void parallel_for_workers(Eigen::Index count, int n_threads, Body&& body) {
  const int threads = resolve_threads(n_threads);
#ifdef RBFSVM_HAVE_OPENMP
  if (threads > 1 && count > 1) {
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (Eigen::Index t = 0; t < count; ++t) body(t, omp_get_thread_num());
    return;
  }
#endif
  (void)threads;
  for (Eigen::Index t = 0; t < count; ++t) body(t, 0);
}

// Runs body(t) for t in [0, count). Dynamic scheduling: each task is independent and written to
// its own output, so results do not depend on how tasks land on threads, and a thread without a
// core (a busy shared machine) does not hold the others back.
template <typename Body>
void parallel_for(Eigen::Index count, int n_threads, Body&& body) {
  parallel_for_workers(count, n_threads, [&](Eigen::Index t, int /*worker*/) { body(t); });
}

}  // namespace rbfsvm::detail
