// The slots that hold kernel rows of n floats for KernelRowStore: at most `capacity` rows at
// once, and when all are taken a new row replaces the least recently used one (the usual cache
// rule; LIBSVM's kernel cache evicts the same way, Chang & Lin 2011, §5.2). Row memory is mapped
// a chunk of rows at a time (core/platform.hpp, pages in place at once), so a budget that is never
// filled is never allocated; slot s is row s % rows_per_chunk of chunk s / rows_per_chunk.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "rbfsvm/kernel/gram.hpp"

namespace rbfsvm {

class RowSlots {
 public:
  // Slots for rows of `row_length` floats, one per point 0..points - 1 at most; `capacity` >= 1.
  RowSlots(Index points, Index row_length, Index capacity);

  Index capacity() const { return capacity_; }
  bool holds(Index p) const { return slot_of_point_[static_cast<std::size_t>(p)] >= 0; }
  Index slot_of(Index p) const { return slot_of_point_[static_cast<std::size_t>(p)]; }
  // The row in `slot`, mapping its chunk when it is the first use of it.
  float* data(Index slot);
  // `count` distinct slots for new rows: unused ones while fewer than capacity() are in use,
  // otherwise the least recently used, whose points (appended to `evicted`) are dropped.
  std::vector<Index> claim(Index count, std::vector<Index>& evicted);
  // The row of point p now lives in `slot` (one of claim()'s), as the most recently used.
  void assign(Index slot, Index p);
  // Row p was read: the most recently used.
  void touch(Index p);
  // The first row when `slots` follow one another within one chunk (a block of rows written in
  // place), else null.
  float* contiguous(const std::vector<Index>& slots);
  // Every row dropped and its memory returned.
  void clear();
  // Row memory mapped so far.
  std::size_t bytes() const;

 private:
  Index row_length_;
  Index capacity_;
  Index rows_per_chunk_ = 1;
  std::vector<std::shared_ptr<float>> chunks_;
  std::vector<Index> slot_of_point_;       // -1 when not stored
  std::vector<Index> point_of_slot_;       // -1 while claimed and not yet assigned
  std::vector<std::uint64_t> last_used_;   // per slot
  std::uint64_t clock_ = 0;
};

}  // namespace rbfsvm
