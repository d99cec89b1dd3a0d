// Kernel rows cut down to the solver's active variables, for StoredQMatrix.
//
// Once shrinking has left a small share of the n variables active, a column still reads its
// values from a full kernel row of n floats: one scattered read per active variable, most of
// them in a different cache line, from rows that live in main memory. Here each row the solver
// asks for is kept once restricted to the variables active when a "generation" started, in their
// order then (computed so, or copied from a full row): a packed row that fits in the CPU's
// caches, from which columns are then read. Shrinking only ever removes variables from the active set, so a generation serves
// every later column until the active set grows again (LIBSVM's unshrink) or has halved, when
// the next generation starts. LIBSVM's cache keeps its columns at the active length for the
// same reason (Chang & Lin 2011, §5.2).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "rbfsvm/kernel/gram.hpp"

namespace rbfsvm {

class PackedRows {
 public:
  // A new generation over variables [0, length), whose points are points[0..length); there are
  // `variables` variables and points 0..point_count - 1 in all. Packed rows take at most
  // max_bytes. Drops the previous generation's rows.
  void start(const std::int32_t* points, Index length, Index variables, Index point_count,
             std::size_t max_bytes);
  bool started() const { return length_ > 0; }
  // Variables in the generation when it started.
  Index length() const { return length_; }
  // Whether every variable in [0, length) belongs to the generation.
  bool covers(Index length) const { return started() && length <= uncovered_first_; }
  // Variables a and b trade places.
  void swap(Index a, Index b);

  // The packed row of point p, or nullptr when it has none.
  const float* find(std::int32_t p) const;
  // Packs `row` (a full kernel row of point p) and returns the packed row, or nullptr when the
  // memory allowed is used up.
  const float* add(std::int32_t p, const float* row);
  // Keeps `packed` (length() values: K(x_p, x) for the generation's points, in its order) as the
  // packed row of p, as add() does.
  const float* add_packed(std::int32_t p, const float* packed);
  bool full() const;
  // The generation's points, in its order.
  const std::vector<std::int32_t>& points() const { return points_; }
  // For each variable, its position in the packed rows (-1 when not in the generation).
  const std::int32_t* positions() const { return position_.data(); }
  // No variable has moved since the generation started: position t holds variable t.
  bool in_order() const { return in_order_; }

 private:
  float* new_row(std::int32_t p);

  std::vector<std::int32_t> points_;    // the generation's points, in its order
  std::vector<std::int32_t> position_;  // per variable
  std::vector<std::int32_t> row_of_point_;  // index into rows_ / length_, -1 when not packed
  std::vector<float> rows_;
  std::size_t max_rows_ = 0;
  Index length_ = 0;
  Index uncovered_first_ = 0;  // every variable before this one is in the generation
  bool in_order_ = true;
};

}  // namespace rbfsvm
