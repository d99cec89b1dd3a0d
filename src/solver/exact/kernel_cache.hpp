// A least-recently-used cache of kernel (Q matrix) columns, stored as float (as LIBSVM's Qfloat)
// to double the capacity of a given memory budget.
#pragma once

#include <cstddef>
#include <list>
#include <vector>

#include "rbfsvm/kernel/gram.hpp"

namespace rbfsvm {

class KernelCache {
 public:
  // Columns have at most n_columns entries. The budget is raised to hold at least two full
  // columns, since the solver needs Q_i and Q_j at the same time.
  KernelCache(Index n_columns, std::size_t budget_bytes);

  // Storage for the first `length` entries of `column`. On return *filled holds how many
  // leading entries are already valid; the caller computes [*filled, length). The pointer
  // stays valid until the next call that needs to evict (so two consecutive calls are safe).
  float* get(Index column, Index length, Index* filled);

  // The solver reordered its variables: columns i and j trade places, and so do entries i and j
  // of every cached column (a column holding only one of the two entries is dropped, as LIBSVM).
  void swap_index(Index i, Index j);

  std::size_t budget_bytes() const { return budget_floats_ * sizeof(float); }
  std::size_t used_bytes() const { return used_floats_ * sizeof(float); }

 private:
  struct Entry {
    std::vector<float> values;
    std::list<Index>::iterator position;  // in lru_ when cached
    bool cached = false;
  };

  void evict(Index column);
  void touch(Index column);

  std::vector<Entry> entries_;
  std::list<Index> lru_;  // most recent at the front
  std::size_t budget_floats_;
  std::size_t used_floats_ = 0;
};

}  // namespace rbfsvm
