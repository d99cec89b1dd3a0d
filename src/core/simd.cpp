#include "core/simd.hpp"

#include <cstdlib>
#include <cstring>

namespace rbfsvm::detail {

bool cpu_has_avx2() {
#if RBFSVM_HAVE_AVX2_DISPATCH
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") != 0;
#else
  return false;
#endif
}

bool avx2_by_default() {
  static const bool enabled = [] {
    const char* setting = std::getenv("RBFSVM_SIMD");
    const bool baseline_only = setting != nullptr && std::strcmp(setting, "sse2") == 0;
    return !baseline_only && cpu_has_avx2();
  }();
  return enabled;
}

bool resolve_avx2(Simd simd) {
  switch (simd) {
    case Simd::sse2:
      return false;
    case Simd::avx2:
      return cpu_has_avx2();
    case Simd::automatic:
      break;
  }
  return avx2_by_default();
}

}  // namespace rbfsvm::detail
