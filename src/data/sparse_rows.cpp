#include "rbfsvm/data/sparse_rows.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "rbfsvm/core/error.hpp"

namespace rbfsvm {
namespace {

[[noreturn]] void refuse(const std::string& what) { throw InvalidArgument("SparseRows: " + what); }

}  // namespace

SparseRows::SparseRows(Index cols) : cols_(cols) {
  if (cols < 0 || cols > std::numeric_limits<std::int32_t>::max()) refuse("column count out of range");
  squared_norms_.resize(0);
}

SparseRows::SparseRows(Index cols, std::vector<std::int64_t> offsets,
                       std::vector<std::int32_t> indices, std::vector<double> values)
    : cols_(cols), offsets_(std::move(offsets)), indices_(std::move(indices)), values_(std::move(values)) {
  if (cols < 0 || cols > std::numeric_limits<std::int32_t>::max()) refuse("column count out of range");
  if (offsets_.empty() || offsets_.front() != 0) refuse("row offsets must start at 0");
  if (indices_.size() != values_.size()) refuse("as many values as indices are needed");
  if (offsets_.back() != static_cast<std::int64_t>(indices_.size()))
    refuse("the last row offset must be the number of entries");
  for (std::size_t i = 0; i + 1 < offsets_.size(); ++i) {
    if (offsets_[i + 1] < offsets_[i]) refuse("row offsets must not decrease");
    for (std::int64_t e = offsets_[i]; e < offsets_[i + 1]; ++e) {
      const std::int32_t column = indices_[static_cast<std::size_t>(e)];
      if (column < 0 || column >= cols_) refuse("column index out of range");
      if (e > offsets_[i] && column <= indices_[static_cast<std::size_t>(e - 1)])
        refuse("column indices must ascend within a row");
    }
  }
  compute_norms();
}

SparseRows SparseRows::from_dense(const Eigen::Ref<const RowMatrix<double>>& X) {
  std::vector<std::int64_t> offsets{0};
  std::vector<std::int32_t> indices;
  std::vector<double> values;
  offsets.reserve(static_cast<std::size_t>(X.rows()) + 1);
  for (Index i = 0; i < X.rows(); ++i) {
    for (Index j = 0; j < X.cols(); ++j) {
      if (X(i, j) != 0.0) {
        indices.push_back(static_cast<std::int32_t>(j));
        values.push_back(X(i, j));
      }
    }
    offsets.push_back(static_cast<std::int64_t>(indices.size()));
  }
  return SparseRows(X.cols(), std::move(offsets), std::move(indices), std::move(values));
}

RowMatrix<double> SparseRows::to_dense() const {
  RowMatrix<double> X = RowMatrix<double>::Zero(rows(), cols_);
  for (Index i = 0; i < rows(); ++i) {
    const Row r = row(i);
    for (Index e = 0; e < r.size; ++e) X(i, r.indices[e]) = r.values[e];
  }
  return X;
}

double SparseRows::density() const {
  const double cells = static_cast<double>(rows()) * static_cast<double>(cols_);
  return cells > 0 ? static_cast<double>(nonzeros()) / cells : 0.0;
}

void SparseRows::compute_norms() {
  squared_norms_.resize(rows());
  for (Index i = 0; i < rows(); ++i) {
    const Row r = row(i);
    double sum = 0;
    for (Index e = 0; e < r.size; ++e) sum += r.values[e] * r.values[e];
    squared_norms_(i) = sum;
  }
}

void SparseRows::widen(Index cols) {
  if (cols < cols_) refuse("widen cannot drop columns");
  if (cols > std::numeric_limits<std::int32_t>::max()) refuse("column count out of range");
  cols_ = cols;
}

SparseRows SparseRows::select(const std::vector<Index>& rows_wanted) const {
  std::vector<std::int64_t> offsets{0};
  offsets.reserve(rows_wanted.size() + 1);
  std::int64_t total = 0;
  for (Index i : rows_wanted) {
    if (i < 0 || i >= rows()) refuse("row index out of range");
    total += row(i).size;
    offsets.push_back(total);
  }
  std::vector<std::int32_t> indices(static_cast<std::size_t>(total));
  std::vector<double> values(static_cast<std::size_t>(total));
  SparseRows out(cols_);
  std::size_t at = 0;
  for (Index i : rows_wanted) {
    const Row r = row(i);
    std::copy(r.indices, r.indices + r.size, indices.begin() + static_cast<std::ptrdiff_t>(at));
    std::copy(r.values, r.values + r.size, values.begin() + static_cast<std::ptrdiff_t>(at));
    at += static_cast<std::size_t>(r.size);
  }
  out.offsets_ = std::move(offsets);
  out.indices_ = std::move(indices);
  out.values_ = std::move(values);
  out.squared_norms_.resize(static_cast<Index>(rows_wanted.size()));
  for (std::size_t k = 0; k < rows_wanted.size(); ++k)
    out.squared_norms_(static_cast<Index>(k)) = squared_norms_(rows_wanted[k]);
  return out;
}

SparseRows SparseRows::first_columns(Index cols) const {
  if (cols >= cols_) return *this;
  std::vector<std::int64_t> offsets{0};
  std::vector<std::int32_t> indices;
  std::vector<double> values;
  for (Index i = 0; i < rows(); ++i) {
    const Row r = row(i);
    for (Index e = 0; e < r.size && r.indices[e] < cols; ++e) {
      indices.push_back(r.indices[e]);
      values.push_back(r.values[e]);
    }
    offsets.push_back(static_cast<std::int64_t>(indices.size()));
  }
  return SparseRows(cols, std::move(offsets), std::move(indices), std::move(values));
}

SparseRows SparseRows::with_values(std::vector<double> values) const {
  if (values.size() != values_.size()) refuse("with_values needs one value per entry");
  SparseRows out(cols_);
  out.offsets_ = offsets_;
  out.indices_ = indices_;
  out.values_ = std::move(values);
  out.compute_norms();
  return out;
}

bool SparseRows::all_finite() const {
  for (double v : values_)
    if (!std::isfinite(v)) return false;
  return true;
}

std::size_t SparseRows::bytes() const {
  return offsets_.capacity() * sizeof(std::int64_t) + indices_.capacity() * sizeof(std::int32_t) +
         values_.capacity() * sizeof(double) + static_cast<std::size_t>(squared_norms_.size()) * sizeof(double);
}

}  // namespace rbfsvm
