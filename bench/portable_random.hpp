// Random draws that give the same numbers with every standard library: the engine is
// std::mt19937_64, whose output the standard fixes ([rand.predef]: the 10000th value is
// 9981545732273789042), but std::uniform_int_distribution, std::discrete_distribution and the
// rest are left to each library, and libstdc++, libc++ and MSVC differ. So the draws are made
// here, from the engine's 64-bit words alone.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

namespace rbfsvm::bench {

class PortableRandom {
 public:
  explicit PortableRandom(std::uint64_t seed) : engine_(seed) {}

  // Uniform in [0, 1): the top 53 bits of one word, the resolution of a double.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

  // Uniform in [0, n), n >= 1: the remainder of a word drawn from [2^64 mod n, 2^64), a range
  // whose size is a multiple of n (OpenBSD's arc4random_uniform); exact for any n, and a redraw
  // is needed with probability below n / 2^64.
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t threshold = (0 - n) % n;  // 2^64 mod n
    for (;;) {
      const std::uint64_t word = engine_();
      if (word >= threshold) return word % n;
    }
  }

  // Approximately standard normal: the Irwin-Hall sum of 12 uniforms less 6 (mean 0, variance
  // 1, within [-6, 6]). Plain arithmetic, so unlike Box-Muller it needs no log, sqrt or cos.
  double normal() {
    double sum = 0;
    for (int i = 0; i < 12; ++i) sum += uniform();
    return sum - 6;
  }

 private:
  std::mt19937_64 engine_;
};

// A discrete distribution over 0 .. n-1 drawn by inverse transform: the cumulative weights
// are computed once, and a draw is a binary search for a uniform number among them
// (Devroye, Non-Uniform Random Variate Generation, 1986, §III.2).
class CumulativeTable {
 public:
  explicit CumulativeTable(const std::vector<double>& weights) : cumulative_(weights.size()) {
    double total = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (!(weights[i] >= 0)) throw std::invalid_argument("negative or NaN weight");
      total += weights[i];
      cumulative_[i] = total;
    }
    if (!(total > 0)) throw std::invalid_argument("weights summing to zero");
  }

  std::size_t size() const { return cumulative_.size(); }

  std::size_t draw(PortableRandom& random) const {
    const double target = random.uniform() * cumulative_.back();
    const auto found = std::upper_bound(cumulative_.begin(), cumulative_.end(), target);
    // target < total, so found is inside, except where rounding made target == total.
    return std::min(static_cast<std::size_t>(found - cumulative_.begin()), size() - 1);
  }

 private:
  std::vector<double> cumulative_;
};

}  // namespace rbfsvm::bench
