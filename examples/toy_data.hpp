// Three small two-dimensional data sets that no straight line separates, generated from a fixed
// seed so that every run (and every machine) draws the same points:
//
//   xor_blobs      four Gaussian blobs at (+-1, +-1); a point's class is the sign of x1 * x2
//   two_moons      two interleaving half circles (scikit-learn's make_moons)
//   circles        a small circle inside a large one (scikit-learn's make_circles)
//
// Labels are +1 and -1. The random numbers come from std::mt19937, whose output the C++ standard
// fixes, turned into uniform and normal numbers here (std::normal_distribution may differ
// between standard libraries).
#pragma once

#include <cmath>
#include <cstdint>
#include <random>

#include <rbfsvm/data/dataset.hpp>

namespace toy {

class Random {
 public:
  explicit Random(std::uint32_t seed) : engine_(seed) {}
  // Uniform in (0, 1).
  double uniform() { return (static_cast<double>(engine_()) + 0.5) / 4294967296.0; }
  // Standard normal, by the Box-Muller transform.
  double normal() {
    const double pi = std::acos(-1.0);
    return std::sqrt(-2.0 * std::log(uniform())) * std::cos(2.0 * pi * uniform());
  }

 private:
  std::mt19937 engine_;
};

inline rbfsvm::Dataset empty_dataset(int n) {
  rbfsvm::Dataset data;
  data.X.resize(n, 2);
  data.labels.resize(static_cast<std::size_t>(n));
  data.feature_names = {"x1", "x2"};
  return data;
}

// n points, a quarter around each corner (+-1, +-1) with standard deviation `spread`.
inline rbfsvm::Dataset xor_blobs(int n, double spread = 0.4, std::uint32_t seed = 1) {
  Random random(seed);
  rbfsvm::Dataset data = empty_dataset(n);
  for (int i = 0; i < n; ++i) {
    const double sx = (i % 2 == 0) ? 1.0 : -1.0;
    const double sy = (i % 4 < 2) ? 1.0 : -1.0;
    data.X(i, 0) = sx + spread * random.normal();
    data.X(i, 1) = sy + spread * random.normal();
    data.labels[static_cast<std::size_t>(i)] = sx * sy;  // same signs: +1
  }
  data.source = "xor";
  return data;
}

// n points on two half circles of radius 1: the upper one centred at (0, 0), the lower one at
// (1, 0.5) and upside down, each point moved by normal noise of standard deviation `noise`.
inline rbfsvm::Dataset two_moons(int n, double noise = 0.15, std::uint32_t seed = 2) {
  const double pi = std::acos(-1.0);
  Random random(seed);
  rbfsvm::Dataset data = empty_dataset(n);
  for (int i = 0; i < n; ++i) {
    const double t = pi * random.uniform();
    const bool upper = i % 2 == 0;
    data.X(i, 0) = (upper ? std::cos(t) : 1.0 - std::cos(t)) + noise * random.normal();
    data.X(i, 1) = (upper ? std::sin(t) : 0.5 - std::sin(t)) + noise * random.normal();
    data.labels[static_cast<std::size_t>(i)] = upper ? 1.0 : -1.0;
  }
  data.source = "moons";
  return data;
}

// n points on two circles around the origin, radius 1 (class -1) and `inner` (class +1), moved
// by normal noise of standard deviation `noise`.
inline rbfsvm::Dataset circles(int n, double inner = 0.45, double noise = 0.1,
                               std::uint32_t seed = 3) {
  const double pi = std::acos(-1.0);
  Random random(seed);
  rbfsvm::Dataset data = empty_dataset(n);
  for (int i = 0; i < n; ++i) {
    const double t = 2.0 * pi * random.uniform();
    const bool inside = i % 2 == 0;
    const double radius = inside ? inner : 1.0;
    data.X(i, 0) = radius * std::cos(t) + noise * random.normal();
    data.X(i, 1) = radius * std::sin(t) + noise * random.normal();
    data.labels[static_cast<std::size_t>(i)] = inside ? 1.0 : -1.0;
  }
  data.source = "circles";
  return data;
}

}  // namespace toy
