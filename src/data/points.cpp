#include "rbfsvm/data/points.hpp"

#include "rbfsvm/core/error.hpp"

namespace rbfsvm {
namespace {

// choose_storage's thresholds. A dense copy this small costs little memory, and the dense
// kernels (float GEMM) are the fastest there are for it.
constexpr double small_dense_bytes = 64.0 * 1024 * 1024;
// Below this share of stored entries the sparse kernels do less work than the dense ones.
constexpr double sparse_density = 0.2;
// A dense copy this large is avoided whenever sparse storage halves it.
constexpr double large_dense_bytes = 1024.0 * 1024 * 1024;

}  // namespace

std::string to_string(Storage storage) {
  switch (storage) {
    case Storage::automatic:
      return "auto";
    case Storage::dense:
      return "dense";
    case Storage::sparse:
      return "sparse";
  }
  return "auto";
}

Storage storage_from_string(const std::string& name) {
  if (name == "auto" || name == "automatic") return Storage::automatic;
  if (name == "dense") return Storage::dense;
  if (name == "sparse") return Storage::sparse;
  throw InvalidArgument("unknown storage '" + name + "' (expected auto, dense or sparse)");
}

Storage choose_storage(Index rows, Index cols, std::int64_t nonzeros) {
  const double cells = static_cast<double>(rows) * static_cast<double>(cols);
  // Per stored value: 8 bytes dense; 12 sparse (value and 32-bit index).
  const double dense_bytes = 8.0 * cells;
  const double sparse_bytes = 12.0 * static_cast<double>(nonzeros);
  if (dense_bytes <= small_dense_bytes) return Storage::dense;
  if (static_cast<double>(nonzeros) < sparse_density * cells) return Storage::sparse;
  if (dense_bytes > large_dense_bytes && sparse_bytes < 0.5 * dense_bytes) return Storage::sparse;
  return Storage::dense;
}

std::int64_t PointsRef::stored_values() const {
  return sparse_ ? sparse_->nonzeros() : static_cast<std::int64_t>(dense_->size());
}

const RowMatrix<double>& PointsRef::dense() const {
  if (!dense_) throw InvalidArgument("the points are stored sparse where dense ones are needed");
  return *dense_;
}

const SparseRows& PointsRef::sparse() const {
  if (!sparse_) throw InvalidArgument("the points are stored dense where sparse ones are needed");
  return *sparse_;
}

bool PointsRef::all_finite() const { return sparse_ ? sparse_->all_finite() : dense_->allFinite(); }

std::size_t PointsRef::bytes() const {
  return sparse_ ? sparse_->bytes() : static_cast<std::size_t>(dense_->size()) * sizeof(double);
}

PointsRef PointSet::ref() const {
  if (const auto* sparse = std::get_if<SparseRows>(&points_)) return PointsRef(*sparse);
  return PointsRef(std::get<RowMatrix<double>>(points_));
}

RowMatrix<double> PointSet::release_dense() && {
  ref().dense();  // refuses sparse points
  return std::get<RowMatrix<double>>(std::move(points_));
}

SparseRows PointSet::release_sparse() && {
  ref().sparse();  // refuses dense points
  return std::get<SparseRows>(std::move(points_));
}

PointSet select_rows(PointsRef points, const std::vector<Index>& rows) {
  if (points.is_sparse()) return points.sparse().select(rows);
  const RowMatrix<double>& X = points.dense();
  RowMatrix<double> out(static_cast<Index>(rows.size()), X.cols());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    if (rows[k] < 0 || rows[k] >= X.rows()) throw InvalidArgument("select_rows: row index out of range");
    out.row(static_cast<Index>(k)) = X.row(rows[k]);
  }
  return out;
}

PointSet first_columns(PointsRef points, Index cols) {
  if (points.is_sparse()) return points.sparse().first_columns(cols);
  const RowMatrix<double>& X = points.dense();
  return RowMatrix<double>(X.leftCols(std::min(cols, X.cols())));
}

PointSet stored_as(PointsRef points, Storage storage) {
  if (storage == Storage::automatic)
    storage = choose_storage(points.rows(), points.cols(), points.is_sparse() ? points.sparse().nonzeros() : static_cast<std::int64_t>((points.dense().array() != 0.0).count()));
  if (storage == Storage::sparse)
    return points.is_sparse() ? PointSet(points.sparse()) : PointSet(SparseRows::from_dense(points.dense()));
  return points.is_sparse() ? PointSet(points.sparse().to_dense()) : PointSet(points.dense());
}

}  // namespace rbfsvm
