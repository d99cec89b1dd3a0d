// Internal: how much memory training may use, and how the kernel budget is shared. The public
// half (default_max_memory_mb, kernel_budget_mb) is declared in rbfsvm/svm/train.hpp.
#pragma once

#include <cstddef>

#include "rbfsvm/svm/train.hpp"

namespace rbfsvm::detail {

// Throws InvalidArgument when the data copies and the kernel cache would need more than the
// memory limit (options.max_memory_mb, else default_max_memory_mb()).
void check_memory(const Dataset& data, const TrainOptions& options);

// Each of `parallel_solves` solves' equal share of options.cache_mb, in bytes.
std::size_t cache_bytes(const TrainOptions& options, int parallel_solves);

}  // namespace rbfsvm::detail
