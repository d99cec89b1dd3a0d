#include "svm/training/memory_budget.hpp"


#include <algorithm>
#include <cmath>
#include <sstream>

#include "rbfsvm/core/error.hpp"
#include "core/platform.hpp"
#include "core/threads.hpp"

namespace rbfsvm {
namespace {

// The data copies a training run makes (the one-vs-one pairs copy their rows, one per thread
// at a time; scaling copies the whole set; the fast path keeps the points in float, twice (as
// rows and transposed) and, for several pairs, grouped by class), in MB.
double data_copies_mb(const Dataset& data, const TrainOptions& options) {
  const double data_mb = static_cast<double>(data.points().bytes()) / (1024.0 * 1024.0);
  const double fast_path = options.kernel_evaluation == KernelEvaluation::fast ? 2.0 : 0.0;
  const double copies = 1.0 + (options.scaling ? 1.0 : 0.0) + fast_path +
                        static_cast<double>(detail::resolve_threads(options.n_threads));
  return data_mb * copies;
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
