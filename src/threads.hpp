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

// The calling thread's number inside parallel_for's body (0 .. n_threads - 1), 0 outside.
inline int thread_index() {
#ifdef RBFSVM_HAVE_OPENMP
  return omp_get_thread_num();
#else
  return 0;
#endif
}

// Runs body(t) for t in [0, count). Dynamic scheduling: each task is independent and written to
// its own output, so results do not depend on how tasks land on threads, and a thread without a
// core (a busy shared machine) does not hold the others back.
template <typename Body>
void parallel_for(Eigen::Index count, int n_threads, Body&& body) {
  const int threads = resolve_threads(n_threads);
#ifdef RBFSVM_HAVE_OPENMP
  if (threads > 1 && count > 1) {
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (Eigen::Index t = 0; t < count; ++t) body(t);
    return;
  }
#endif
  (void)threads;
  for (Eigen::Index t = 0; t < count; ++t) body(t);
}

}  // namespace rbfsvm::detail
