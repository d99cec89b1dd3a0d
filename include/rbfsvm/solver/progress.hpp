// What the SMO solver reports while it runs (TrainOptions::progress): the one part of the
// solver engine (src/solver/) that users see.
#pragma once

#include <cstdint>

#include "rbfsvm/core/types.hpp"

namespace rbfsvm {

struct SmoProgress {
  std::int64_t iterations;
  double gap;         // m(alpha) - M(alpha) at the last shrinking check
  Index active_size;  // variables not shrunk
};

}  // namespace rbfsvm
