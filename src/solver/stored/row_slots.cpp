#include "solver/stored/row_slots.hpp"

#include <algorithm>
#include <limits>

#include "core/platform.hpp"

namespace rbfsvm {
namespace {

// Row memory is mapped this many bytes at a time (at least one row).
constexpr std::size_t chunk_bytes = std::size_t{8} << 20;

}  // namespace

RowSlots::RowSlots(Index points, Index row_length, Index capacity)
    : row_length_(row_length), capacity_(capacity) {
  const std::size_t row_bytes = static_cast<std::size_t>(std::max<Index>(row_length, 1)) * sizeof(float);
  rows_per_chunk_ = std::clamp<Index>(static_cast<Index>(chunk_bytes / row_bytes), 1, capacity_);
  slot_of_point_.assign(static_cast<std::size_t>(points), -1);
}

float* RowSlots::data(Index slot) {
  const std::size_t chunk = static_cast<std::size_t>(slot / rows_per_chunk_);
  while (chunks_.size() <= chunk) {
    const Index first = static_cast<Index>(chunks_.size()) * rows_per_chunk_;
    const Index rows = std::min(rows_per_chunk_, capacity_ - first);
    chunks_.push_back(detail::allocate_populated_floats(static_cast<std::size_t>(rows) * static_cast<std::size_t>(row_length_)));
  }
  return chunks_[chunk].get() + (slot % rows_per_chunk_) * row_length_;
}

std::vector<Index> RowSlots::claim(Index count, std::vector<Index>& evicted) {
  std::vector<char> claimed(static_cast<std::size_t>(capacity_), 0);
  std::vector<Index> slots;
  for (Index k = 0; k < count; ++k) {
    const Index used = static_cast<Index>(point_of_slot_.size());
    Index slot = used;
    if (used < capacity_) {
      point_of_slot_.push_back(-1);
      last_used_.push_back(0);
    } else {
      std::uint64_t oldest = std::numeric_limits<std::uint64_t>::max();
      for (Index s = 0; s < used; ++s) {
        if (!claimed[static_cast<std::size_t>(s)] && last_used_[s] < oldest) {
          oldest = last_used_[s];
          slot = s;
        }
      }
      evicted.push_back(point_of_slot_[slot]);
      slot_of_point_[point_of_slot_[slot]] = -1;
      point_of_slot_[slot] = -1;
    }
    claimed[static_cast<std::size_t>(slot)] = 1;
    slots.push_back(slot);
  }
  return slots;
}

void RowSlots::assign(Index slot, Index p) {
  slot_of_point_[p] = slot;
  point_of_slot_[slot] = p;
  last_used_[slot] = ++clock_;
}

void RowSlots::touch(Index p) { last_used_[static_cast<std::size_t>(slot_of(p))] = ++clock_; }

float* RowSlots::contiguous(const std::vector<Index>& slots) {
  const Index first = slots.front();
  if (first / rows_per_chunk_ != slots.back() / rows_per_chunk_) return nullptr;
  for (std::size_t k = 1; k < slots.size(); ++k) {
    if (slots[k] != first + static_cast<Index>(k)) return nullptr;
  }
  return data(first);
}

void RowSlots::clear() {
  chunks_.clear();
  std::fill(slot_of_point_.begin(), slot_of_point_.end(), -1);
  point_of_slot_.clear();
  last_used_.clear();
}

std::size_t RowSlots::bytes() const {
  const Index rows = std::min(capacity_, static_cast<Index>(chunks_.size()) * rows_per_chunk_);
  return static_cast<std::size_t>(rows) * static_cast<std::size_t>(row_length_) * sizeof(float);
}

}  // namespace rbfsvm
