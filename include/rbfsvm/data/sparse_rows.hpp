// Points stored sparse: compressed sparse rows (CSR), the layout of LIBSVM's files and of
// scipy.sparse.csr_matrix. Row i holds the entries [offsets[i], offsets[i + 1]) of indices
// (0-based columns, strictly ascending within a row) and values (as read: an explicit zero in a
// file stays an entry, as it does in LIBSVM's svm_node lists). Column indices are 32-bit (a
// dimension up to 2^31 - 1), row offsets 64-bit (any number of non-zeros). Each row's squared
// norm |x_i|^2 is computed once, when the rows are made: every kernel needs it (LIBSVM's
// x_square).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "rbfsvm/core/types.hpp"

namespace rbfsvm {

class SparseRows {
 public:
  // One row's entries.
  struct Row {
    const std::int32_t* indices;
    const double* values;
    Index size;
  };

  // No rows, `cols` columns.
  explicit SparseRows(Index cols = 0);
  // From CSR arrays. Throws InvalidArgument unless offsets has rows + 1 entries rising from 0
  // to indices.size(), indices and values have the same length, and each row's indices are
  // strictly ascending and in [0, cols).
  SparseRows(Index cols, std::vector<std::int64_t> offsets, std::vector<std::int32_t> indices,
             std::vector<double> values);
  // The non-zero entries of a dense matrix.
  static SparseRows from_dense(const Eigen::Ref<const RowMatrix<double>>& X);
  RowMatrix<double> to_dense() const;

  Index rows() const { return static_cast<Index>(offsets_.size()) - 1; }
  Index cols() const { return cols_; }
  std::int64_t nonzeros() const { return static_cast<std::int64_t>(indices_.size()); }
  // Stored entries over rows x cols (0 for an empty set).
  double density() const;

  Row row(Index i) const {
    const std::int64_t begin = offsets_[static_cast<std::size_t>(i)];
    return {indices_.data() + begin, values_.data() + begin,
            static_cast<Index>(offsets_[static_cast<std::size_t>(i) + 1] - begin)};
  }
  const std::vector<std::int64_t>& offsets() const { return offsets_; }
  const std::vector<std::int32_t>& indices() const { return indices_; }
  const std::vector<double>& values() const { return values_; }
  // |x_i|^2 for every row, summed in index order (LIBSVM's dot(x, x)).
  const Vector<double>& squared_norms() const { return squared_norms_; }

  // More columns (a test set widened to a model's dimension); throws InvalidArgument when
  // `cols` is below the current count.
  void widen(Index cols);
  // The given rows, in that order (repeats allowed).
  SparseRows select(const std::vector<Index>& rows) const;
  // The same rows without the entries of columns >= cols.
  SparseRows first_columns(Index cols) const;
  // A copy with `values` in place of the stored values (the same pattern): what a
  // zero-preserving scaling produces. Throws InvalidArgument when the length differs.
  SparseRows with_values(std::vector<double> values) const;
  bool all_finite() const;
  // Memory held, in bytes.
  std::size_t bytes() const;

 private:
  void compute_norms();

  Index cols_ = 0;
  std::vector<std::int64_t> offsets_{0};
  std::vector<std::int32_t> indices_;
  std::vector<double> values_;
  Vector<double> squared_norms_;
};

}  // namespace rbfsvm
