#include "core/simd.hpp"

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace rbfsvm::detail {
namespace {

bool cpu_has_avx2() {
#if RBFSVM_HAVE_AVX2_DISPATCH
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") != 0;
#else
  return false;
#endif
}

bool avx2_from_environment() {
  const char* setting = std::getenv("RBFSVM_SIMD");
  const bool baseline_only = setting != nullptr && std::strcmp(setting, "sse2") == 0;
  return !baseline_only && cpu_has_avx2();
}

std::atomic<bool>& avx2_flag() {
  static std::atomic<bool> flag{avx2_from_environment()};
  return flag;
}

}  // namespace

bool avx2_enabled() { return avx2_flag().load(std::memory_order_relaxed); }

bool use_avx2(bool enabled) {
  const bool on = enabled && cpu_has_avx2();
  avx2_flag().store(on, std::memory_order_relaxed);
  return on;
}

}  // namespace rbfsvm::detail
