#include "solver/exact/kernel_cache.hpp"

#include <algorithm>
#include <utility>

namespace rbfsvm {

KernelCache::KernelCache(Index n_columns, std::size_t budget_bytes)
    : entries_(static_cast<std::size_t>(n_columns)),
      budget_floats_(std::max(budget_bytes / sizeof(float),
                              2 * static_cast<std::size_t>(n_columns))) {}

void KernelCache::touch(Index column) {
  Entry& entry = entries_[column];
  if (entry.cached) lru_.erase(entry.position);
  lru_.push_front(column);
  entry.position = lru_.begin();
  entry.cached = true;
}

void KernelCache::evict(Index column) {
  Entry& entry = entries_[column];
  used_floats_ -= entry.values.size();
  std::vector<float>().swap(entry.values);
  lru_.erase(entry.position);
  entry.cached = false;
}

float* KernelCache::get(Index column, Index length, Index* filled) {
  Entry& entry = entries_[column];
  const std::size_t have = entry.values.size();
  const std::size_t need = static_cast<std::size_t>(length);
  touch(column);
  if (have < need) {
    // Make room by dropping the least recently used columns (never this one: it is at the front).
    while (used_floats_ + (need - have) > budget_floats_ && lru_.back() != column) {
      evict(lru_.back());
    }
    entry.values.resize(need);
    used_floats_ += need - have;
  }
  *filled = static_cast<Index>(std::min(have, need));
  return entry.values.data();
}

void KernelCache::swap_index(Index i, Index j) {
  if (i == j) return;
  std::swap(entries_[i], entries_[j]);
  if (entries_[i].cached) *entries_[i].position = i;
  if (entries_[j].cached) *entries_[j].position = j;
  const std::size_t low = static_cast<std::size_t>(std::min(i, j));
  const std::size_t high = static_cast<std::size_t>(std::max(i, j));
  for (auto it = lru_.begin(); it != lru_.end();) {
    Entry& entry = entries_[*it];
    ++it;  // evict() below erases the current node
    if (entry.values.size() > high) {
      std::swap(entry.values[low], entry.values[high]);
    } else if (entry.values.size() > low) {
      evict(*std::prev(it));
    }
  }
}

}  // namespace rbfsvm
