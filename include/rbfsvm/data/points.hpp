// A set of points stored dense (a row-major matrix) or sparse (SparseRows): PointSet owns one,
// PointsRef refers to one without copying. Every layer from the kernels up takes PointsRef, so
// a dense table and a sparse text collection go through the same training and prediction code;
// only the kernel blocks differ (src/kernel/).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "rbfsvm/core/types.hpp"
#include "rbfsvm/data/sparse_rows.hpp"

namespace rbfsvm {

// How points are stored. automatic: sparse when the data is sparse enough for it to pay
// (choose_storage), dense otherwise.
enum class Storage { automatic, dense, sparse };

std::string to_string(Storage storage);              // "auto", "dense", "sparse"
Storage storage_from_string(const std::string& name);  // throws InvalidArgument

// What `automatic` resolves to for n rows x d columns with `nonzeros` stored entries: dense
// when a dense copy takes at most 64 MiB; otherwise sparse when under a fifth of the entries
// are stored, or when a dense copy would take more than 1 GiB and sparse storage less than
// half of that; dense otherwise.
Storage choose_storage(Index rows, Index cols, std::int64_t nonzeros);

class PointsRef {
 public:
  PointsRef(const RowMatrix<double>& dense) : dense_(&dense) {}  // NOLINT: a view of either
  PointsRef(const SparseRows& sparse) : sparse_(&sparse) {}      // NOLINT

  bool is_sparse() const { return sparse_ != nullptr; }
  Index rows() const { return sparse_ ? sparse_->rows() : dense_->rows(); }
  Index cols() const { return sparse_ ? sparse_->cols() : dense_->cols(); }
  // Stored values: rows x cols dense, the non-zeros sparse.
  std::int64_t stored_values() const;
  // Throw InvalidArgument when the points are stored the other way.
  const RowMatrix<double>& dense() const;
  const SparseRows& sparse() const;
  bool all_finite() const;
  // Memory held by the points, in bytes.
  std::size_t bytes() const;

 private:
  const RowMatrix<double>* dense_ = nullptr;
  const SparseRows* sparse_ = nullptr;
};

class PointSet {
 public:
  PointSet() = default;
  PointSet(RowMatrix<double> dense) : points_(std::move(dense)) {}  // NOLINT: owns either
  PointSet(SparseRows sparse) : points_(std::move(sparse)) {}       // NOLINT

  PointsRef ref() const;
  bool is_sparse() const { return std::holds_alternative<SparseRows>(points_); }
  Index rows() const { return ref().rows(); }
  Index cols() const { return ref().cols(); }
  const RowMatrix<double>& dense() const { return ref().dense(); }
  const SparseRows& sparse() const { return ref().sparse(); }
  // A dense copy, whichever way the points are stored.
  RowMatrix<double> to_dense() const { return is_sparse() ? sparse().to_dense() : dense(); }
  // The points moved out (InvalidArgument when they are stored the other way).
  RowMatrix<double> release_dense() &&;
  SparseRows release_sparse() &&;

 private:
  std::variant<RowMatrix<double>, SparseRows> points_;
};

// The given rows of `points`, in that order, stored the same way.
PointSet select_rows(PointsRef points, const std::vector<Index>& rows);
// The points with only their first `cols` columns (the support vectors' width).
PointSet first_columns(PointsRef points, Index cols);
// The points stored as `storage` asks (automatic: choose_storage), converting when needed.
PointSet stored_as(PointsRef points, Storage storage);

}  // namespace rbfsvm
