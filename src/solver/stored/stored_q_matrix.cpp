#include "solver/stored/stored_q_matrix.hpp"

#include <algorithm>
#include <limits>
#include <utility>

#include "rbfsvm/core/error.hpp"
#include "solver/pass_splitter.hpp"
#include "solver/stored/column_prefetch.hpp"
#include "solver/wss_loops.hpp"

namespace rbfsvm {
namespace {

// out[t] = (sign_s signs[t]) row[points[t]] for t < length: a signed column of Q gathered from a
// stored kernel row.
void gather_signed(const float* row, const std::int32_t* points, const float* signs, float sign_s,
                   Index length, float* out) {
  for (Index t = 0; t < length; ++t) out[t] = sign_s * signs[t] * row[points[t]];
}

}  // namespace

StoredQMatrix::StoredQMatrix(std::shared_ptr<KernelRowStore> store, std::vector<Index> points,
                             std::vector<signed char> signs, std::vector<float>* local_buffer,
                             bool buffer_holds_q)
    : store_(std::move(store)),
      local_storage_(local_buffer ? local_buffer : &own_local_),
      splitter_(std::make_unique<detail::PassSplitter>(store_->threads(),
                                                       store_->tuning().splitting)),
      avx2_(store_->tuning().avx2) {
  if (signs.size() != points.size()) {
    throw InvalidArgument("StoredQMatrix: one sign per variable is needed");
  }
  if (store_->size() > std::numeric_limits<std::int32_t>::max()) {
    throw InvalidArgument("StoredQMatrix: more than 2^31 points");
  }
  for (std::size_t t = 0; t < points.size(); ++t) {
    if (points[t] < 0 || points[t] >= store_->size()) {
      throw InvalidArgument("StoredQMatrix: point out of range");
    }
    points_.push_back(static_cast<std::int32_t>(points[t]));
    signs_.push_back(signs[t]);
    diagonal_.push_back(store_->diagonal(points[t]));
  }
  const Index n = static_cast<Index>(points_.size());
  const double local_bytes = static_cast<double>(n) * static_cast<double>(n) * sizeof(float);
  if (store_->shareable() && local_bytes <= static_cast<double>(local_limit_bytes)) {
    local_n_ = n;
    copy_local(buffer_holds_q);
    return;
  }
  if (store_->shareable() && !store_->complete()) {
    // Its rows would be computed on demand, which a store shared between threads must not do.
    throw InvalidArgument("StoredQMatrix: a problem over diagonal blocks must fit its local copy");
  }
  for (auto& buffer : buffers_) buffer.values.resize(points_.size());
}

StoredQMatrix::~StoredQMatrix() {
  if (local_n_ > 0 && local_storage_ != &own_local_) undo_local_swaps();
}

void StoredQMatrix::use_tuning(const detail::EngineTuning& tuning) {
  splitter_ = std::make_unique<detail::PassSplitter>(store_->threads(), tuning.splitting);
  avx2_ = tuning.avx2;
  if (!store_->shareable()) store_->use_tuning(tuning);
}

// Q_st = (sign_s sign_t) K(x_point(s), x_point(t)) for all s, t. The variables come in runs of
// consecutive points with one sign (a one-vs-one pair over class-grouped points is two runs), so
// Q is a grid of blocks of K, each copied from the store or computed whole (KernelRowStore::block)
// and then signed: no gather per entry. Blocks below the diagonal are the transposes of those
// above, so Q is exactly symmetric however its blocks were obtained.
void StoredQMatrix::copy_local(bool already_there) {
  struct Run {
    Index begin, end;  // variables [begin, end) stand for points point_begin, point_begin + 1, ...
    std::int32_t point_begin;
    float sign;
  };
  std::vector<Run> runs;
  for (Index t = 0; t < local_n_; ++t) {
    if (!runs.empty() && runs.back().end == t && runs.back().sign == signs_[t] &&
        points_[t] == runs.back().point_begin + static_cast<std::int32_t>(t - runs.back().begin)) {
      runs.back().end = t + 1;
    } else {
      runs.push_back({t, t + 1, points_[t], signs_[t]});
    }
  }
  const std::size_t entries = static_cast<std::size_t>(local_n_) * static_cast<std::size_t>(local_n_);
  if (local_storage_->size() < entries) local_storage_->resize(entries);
  local_rows_.resize(static_cast<std::size_t>(local_n_));
  for (Index s = 0; s < local_n_; ++s) local_rows_[static_cast<std::size_t>(s)] = {stored_row(s), 0};
  if (already_there) return;
  // Scattered points (a cross-validation fold's pair: runs of a few points each) over a complete
  // store: one gather per row costs less than a block copy per pair of runs.
  if (store_->complete() && runs.size() > 16) {
    for (Index s = 0; s < local_n_; ++s) {
      const float* row = store_->complete_row(points_[s]);
      float* out = stored_row(s);
      for (Index t = 0; t < local_n_; ++t) out[t] = signs_[s] * signs_[t] * row[points_[t]];
    }
    return;
  }
  for (std::size_t a = 0; a < runs.size(); ++a) {
    const Run& row_run = runs[a];
    const Index rows = row_run.end - row_run.begin;
    for (std::size_t b = a; b < runs.size(); ++b) {
      const Run& col_run = runs[b];
      const Index cols = col_run.end - col_run.begin;
      float* out = stored_row(row_run.begin) + col_run.begin;
      store_->block(row_run.point_begin, rows, col_run.point_begin, cols, out, local_n_);
      if (row_run.sign * col_run.sign != 1.0f) {
        for (Index r = 0; r < rows; ++r) {
          for (Index c = 0; c < cols; ++c) out[r * local_n_ + c] = -out[r * local_n_ + c];
        }
      }
      if (b == a) continue;
      float* mirror = stored_row(col_run.begin) + row_run.begin;
      for (Index c = 0; c < cols; ++c) {
        for (Index r = 0; r < rows; ++r) mirror[c * local_n_ + r] = out[r * local_n_ + c];
      }
    }
  }
}

const float* StoredQMatrix::column(Index i, Index length) {
  if (local_n_ > 0) return local_row(i);
  for (int b = 0; b < 2; ++b) {
    if (buffers_[b].variable == i && buffers_[b].length >= length) {
      next_buffer_ = 1 - b;  // the column just handed out must survive the next fill
      return buffers_[b].values.data();
    }
  }
  Buffer& out = buffers_[next_buffer_];
  next_buffer_ = 1 - next_buffer_;
  out.variable = i;
  out.length = length;
  const float sign_i = signs_[i];
  float* values = out.values.data();
  last_length_ = length;
  if (const float* packed = packed_row(i, length)) {
    splitter_->run(length, [&](Index begin, Index end, int) {
      if (packed_.in_order()) {
        for (Index t = begin; t < end; ++t) values[t] = sign_i * signs_[t] * packed[t];
      } else {
        gather_signed(packed, packed_.positions() + begin, signs_.data() + begin, sign_i,
                      end - begin, values + begin);
      }
    });
    return values;
  }
  if (segments_stale_) find_segments();
  const float* row = store_->row(points_[i]);
  splitter_->run(length, [&](Index first, Index last, int) {
    for (std::size_t g = 0; g < segments_.size() && segments_[g].begin < last; ++g) {
      const Index segment_end = g + 1 < segments_.size() ? segments_[g + 1].begin : size();
      const Index begin = std::max(first, segments_[g].begin);
      const Index end = std::min(last, segment_end);
      if (end <= begin) continue;
      if (segments_[g].consecutive) {
        const float* in = row + (points_[segments_[g].begin] - segments_[g].begin);
        for (Index t = begin; t < end; ++t) values[t] = sign_i * signs_[t] * in[t];
      } else {
        gather_signed(row, points_.data() + begin, signs_.data() + begin, sign_i, end - begin,
                      values + begin);
      }
    }
  });
  return values;
}

// Generations (packed_rows.hpp) start once at most half the variables are active, and again
// each time the active set has halved or grown out of the generation. A row is packed from the
// stored full row only in generations of at most an eighth of the variables (copying a longer
// one costs more than reading the full row would); otherwise it is computed restricted to the
// generation's points, a fraction of a full row's work.
const float* StoredQMatrix::packed_row(Index i, Index length) {
  if (2 * length <= size() && (!packed_.covers(length) || 2 * length <= packed_.length())) {
    packed_.start(points_.data(), length, size(), store_->size(), store_->spare_bytes());
    generation_columns_ = store_->columns(packed_.points());
  }
  if (!packed_.covers(length)) return nullptr;
  const std::int32_t p = points_[i];
  if (const float* packed = packed_.find(p)) {
    store_->note_read(p);
    return packed;
  }
  if (store_->has_row(p)) {
    return 8 * packed_.length() <= size() ? packed_.add(p, store_->row(p)) : nullptr;
  }
  if (packed_.full()) return nullptr;
  compute_packed({p});
  return packed_.find(p);
}

// Packed rows for `points`, computed as one block.
void StoredQMatrix::compute_packed(const std::vector<std::int32_t>& points) {
  const std::vector<Index> rows(points.begin(), points.end());
  store_->note_computed(rows);
  std::vector<float> block(rows.size() * static_cast<std::size_t>(packed_.length()));
  store_->compute_restricted(rows, generation_columns_, block.data());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    packed_.add_packed(points[k], block.data() + k * static_cast<std::size_t>(packed_.length()));
  }
}

bool StoredQMatrix::has_column(Index i) const {
  if (local_n_ > 0 || store_->has_row(points_[i])) return true;
  return packed_.covers(last_length_) && packed_.find(points_[i]) != nullptr;
}

void StoredQMatrix::find_segments() {
  segments_.clear();
  const Index n = size();
  for (Index begin = 0; begin < n;) {
    Index end = begin + 1;
    while (end < n && points_[end] == points_[end - 1] + 1) ++end;
    const bool consecutive = end - begin >= min_run;
    if (consecutive || segments_.empty() || segments_.back().consecutive) {
      segments_.push_back({begin, consecutive});
    }
    begin = end;
  }
  segments_stale_ = false;
}

void StoredQMatrix::prepare_column(Index t, const PrefetchHints& hints) {
  if (has_column(t)) return;
  prefetch(columns_to_compute(t, batch_size(), hints, [this](Index s) { return has_column(s); }));
}

void StoredQMatrix::prefetch(const std::vector<Index>& variables) {
  if (packed_.covers(last_length_) && !packed_.full()) {
    // Within a generation: packed rows for the points that have no row of either kind.
    std::vector<std::int32_t> missing;
    for (Index t : variables) {
      const std::int32_t p = points_[t];
      if (store_->has_row(p) || packed_.find(p) ||
          std::find(missing.begin(), missing.end(), p) != missing.end()) {
        continue;
      }
      missing.push_back(p);
    }
    if (!missing.empty()) compute_packed(missing);
    return;
  }
  prefetch_full_rows(variables);
}

void StoredQMatrix::prefetch_full_rows(const std::vector<Index>& variables) {
  std::vector<Index> points;
  points.reserve(variables.size());
  for (Index t : variables) points.push_back(points_[t]);
  store_->compute_rows(points);
}

void StoredQMatrix::add_columns(const std::vector<Index>& variables,
                                const std::vector<double>& coefficients, Index begin, Index end,
                                double* out) {
  if (local_n_ > 0) {
    for (std::size_t k = 0; k < variables.size(); ++k) {
      detail::add_scaled_column(out + begin, coefficients[k], local_row(variables[k]) + begin,
                                end - begin, avx2_);
    }
    return;
  }
  // Q(s, t) = sign_s sign_t K(x_point(s), x_point(t)), so the combination at t is
  // sign_t sum[point(t)] with sum[p] = sum_k coefficient_k sign_k K(x_point(k), x_p).
  std::vector<double> sum(static_cast<std::size_t>(store_->size()), 0.0);
  const std::size_t batch = static_cast<std::size_t>(std::max<Index>(1, batch_size()));
  for (std::size_t first = 0; first < variables.size(); first += batch) {
    const std::size_t last = std::min(variables.size(), first + batch);
    if (batch > 1) {
      prefetch_full_rows(std::vector<Index>(variables.begin() + static_cast<std::ptrdiff_t>(first),
                                            variables.begin() + static_cast<std::ptrdiff_t>(last)));
    }
    for (std::size_t k = first; k < last; ++k) {
      // Each row used before the next is fetched (fetching may evict rows under a small budget),
      // in two halves of the points on two threads.
      const float* row = store_->row(points_[variables[k]]);
      const double coefficient = coefficients[k] * signs_[variables[k]];
      splitter_->run(store_->size(), [&](Index from, Index to, int) {
        detail::add_scaled_column(sum.data() + from, coefficient, row + from, to - from, avx2_);
      });
    }
  }
  for (Index t = begin; t < end; ++t) out[t] += signs_[t] * sum[points_[t]];
}

const float* StoredQMatrix::local_row(Index i) {
  LocalRow& row = local_rows_[static_cast<std::size_t>(i)];
  for (; row.swaps_applied < swap_log_.size(); ++row.swaps_applied) {
    const auto [a, b] = swap_log_[row.swaps_applied];
    std::swap(row.values[a], row.values[b]);
  }
  return row.values;
}

// Each row's entries back in the given order: the swaps it has had, undone in reverse order.
// (Its place among the rows is local_rows_'s alone: the storage never moves.)
void StoredQMatrix::undo_local_swaps() {
  for (LocalRow& row : local_rows_) {
    while (row.swaps_applied > 0) {
      const auto [a, b] = swap_log_[--row.swaps_applied];
      std::swap(row.values[a], row.values[b]);
    }
  }
}

void StoredQMatrix::swap_index(Index i, Index j) {
  if (local_n_ > 0) {
    std::swap(local_rows_[static_cast<std::size_t>(i)], local_rows_[static_cast<std::size_t>(j)]);
    swap_log_.emplace_back(i, j);
  }
  std::swap(points_[i], points_[j]);
  std::swap(signs_[i], signs_[j]);
  std::swap(diagonal_[i], diagonal_[j]);
  for (auto& buffer : buffers_) buffer.variable = -1;
  segments_stale_ = true;
  packed_.swap(i, j);
}

}  // namespace rbfsvm
