// gram_bench's sparse shapes: kernel rows of sparse points (rbfsvm::gram over SparseRows, the
// sparse engine) against the same product done densely by the float Gram builder (where the
// dense copy fits in memory) and against LIBSVM-style per-entry merge dots.
#pragma once

#include <string>
#include <vector>

namespace rbfsvm::bench {

// Runs the shapes whose name contains `only` (all for ""), prints their table and returns false
// when a 1-thread and a multi-thread result differ in any bit.
bool run_sparse_shapes(bool quick, int reps, const std::string& only,
                       const std::vector<int>& thread_counts);

}  // namespace rbfsvm::bench
