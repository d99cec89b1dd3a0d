#include "solver/stored/packed_rows.hpp"

#include <algorithm>
#include <numeric>

namespace rbfsvm {

void PackedRows::start(const std::int32_t* points, Index length, Index variables,
                       Index point_count, std::size_t max_bytes) {
  points_.assign(points, points + length);
  position_.assign(static_cast<std::size_t>(variables), -1);
  std::iota(position_.begin(), position_.begin() + length, std::int32_t{0});
  row_of_point_.assign(static_cast<std::size_t>(point_count), -1);
  rows_.clear();
  max_rows_ = length > 0 ? max_bytes / (static_cast<std::size_t>(length) * sizeof(float)) : 0;
  length_ = length;
  uncovered_first_ = length;
  in_order_ = true;
}

void PackedRows::swap(Index a, Index b) {
  if (!started()) return;
  if (a == b) return;
  std::swap(position_[a], position_[b]);
  if (a < length_ || b < length_) in_order_ = false;
  if (position_[a] < 0) uncovered_first_ = std::min(uncovered_first_, a);
  if (position_[b] < 0) uncovered_first_ = std::min(uncovered_first_, b);
}

const float* PackedRows::find(std::int32_t p) const {
  if (p < 0 || static_cast<std::size_t>(p) >= row_of_point_.size()) return nullptr;
  const std::int32_t row = row_of_point_[static_cast<std::size_t>(p)];
  return row < 0 ? nullptr : rows_.data() + static_cast<std::size_t>(row) * static_cast<std::size_t>(length_);
}

bool PackedRows::full() const {
  return rows_.size() / static_cast<std::size_t>(std::max<Index>(length_, 1)) >= max_rows_;
}

// A new packed row for p, left for the caller to fill, or nullptr.
float* PackedRows::new_row(std::int32_t p) {
  if (p < 0 || static_cast<std::size_t>(p) >= row_of_point_.size() || full()) return nullptr;
  const std::size_t offset = rows_.size();
  row_of_point_[static_cast<std::size_t>(p)] =
      static_cast<std::int32_t>(offset / static_cast<std::size_t>(length_));
  rows_.resize(offset + static_cast<std::size_t>(length_));
  return rows_.data() + offset;
}

const float* PackedRows::add(std::int32_t p, const float* row) {
  float* packed = new_row(p);
  if (packed) {
    for (Index k = 0; k < length_; ++k) packed[k] = row[points_[static_cast<std::size_t>(k)]];
  }
  return packed;
}

const float* PackedRows::add_packed(std::int32_t p, const float* values) {
  float* packed = new_row(p);
  if (packed) std::copy(values, values + length_, packed);
  return packed;
}

}  // namespace rbfsvm
