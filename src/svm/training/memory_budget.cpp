#include "svm/training/memory_budget.hpp"


#include <algorithm>
#include <cmath>
#include <sstream>

#include "rbfsvm/core/error.hpp"
#include "core/platform.hpp"
#include "core/threads.hpp"

namespace rbfsvm {
namespace {

// The data copies a training run makes, in MB: the one-vs-one pairs copy their rows (one per
// thread at a time); scaling copies the whole set; the fast path groups the points by class for
// several pairs (one copy) and its row store keeps dense points in float twice (as rows and
// transposed: one copy's worth) or sparse points as one CSR copy, plus per thread the sparse
// engine's scratch (a column map of 4 bytes a column, for at most 2^24 columns, and one pass's
// scattered block: at most 256 rows' non-zeros x 32 doubles; kernel/sparse_gram_engine.cpp).
double data_copies_mb(const Dataset& data, const TrainOptions& options) {
  const PointsRef points = data.points();
  const double mb = 1024.0 * 1024.0;
  const double data_mb = static_cast<double>(points.bytes()) / mb;
  const double threads = static_cast<double>(detail::resolve_threads(options.n_threads));
  const bool fast = options.kernel_evaluation == KernelEvaluation::fast;
  double scratch_mb = 0;
  if (fast && points.is_sparse() && points.rows() > 0) {
    const double row_nonzeros = static_cast<double>(points.stored_values()) / static_cast<double>(points.rows());
    const double mapped_columns = std::min(static_cast<double>(points.cols()), 16777216.0);
    scratch_mb = threads * (4.0 * mapped_columns + 256.0 * row_nonzeros * 32.0 * 8.0) / mb;
  }
  const double copies = 1.0 + (options.scaling ? 1.0 : 0.0) + (fast ? 2.0 : 0.0) + threads;
  return data_mb * copies + scratch_mb;
}

double memory_limit_mb(const TrainOptions& options) {
  return options.max_memory_mb > 0 ? options.max_memory_mb : default_max_memory_mb();
}

}  // namespace

namespace detail {

void check_memory(const Dataset& data, const TrainOptions& options) {
  const double limit = memory_limit_mb(options);
  const double data_mb = data_copies_mb(data, options);
  const double need = data_mb + options.cache_mb;
  if (limit > 0 && need > limit) {
    std::ostringstream message;
    message << "training would need about " << std::llround(need) << " MB (data copies "
            << std::llround(data_mb) << " MB";
    if (options.cache_mb > 0) message << " + kernel cache " << options.cache_mb << " MB";
    message << "), more than the memory limit of " << std::llround(limit) << " MB; "
            << (options.cache_mb > 0 ? "lower the cache (--cache-mb), " : "")
            << "use fewer threads, or raise --max-memory";
    throw InvalidArgument(message.str());
  }
}

std::size_t cache_bytes(const TrainOptions& options, int parallel_solves) {
  return static_cast<std::size_t>(options.cache_mb * 1024.0 * 1024.0 / parallel_solves);
}

}  // namespace detail

double default_max_memory_mb() {
  return static_cast<double>(detail::physical_memory_bytes()) / (2.0 * 1024.0 * 1024.0);
}

double kernel_budget_mb(const Dataset& data, const TrainOptions& options) {
  if (options.cache_mb > 0) return options.cache_mb;
  const double limit = memory_limit_mb(options);
  if (!(limit > 0)) return 1024;
  // What the limit leaves after the data, and at least LIBSVM's default of 100 MB (check_memory
  // refuses a run whose data alone exceed the limit).
  return std::max(100.0, limit - data_copies_mb(data, options));
}

}  // namespace rbfsvm
