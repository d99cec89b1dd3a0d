// Internal: the points prediction reads, dense (any row stride: what an Eigen::Ref brings) or
// sparse, without a copy. Blocked prediction reads them a block of rows at a time.
#pragma once

#include <Eigen/Core>

#include "rbfsvm/core/types.hpp"
#include "rbfsvm/data/sparse_rows.hpp"

namespace rbfsvm::detail {

class TestPoints {
 public:
  using DenseRows = Eigen::Map<const RowMatrix<double>, 0, Eigen::OuterStride<>>;

  // The caller keeps the points alive while this view is in use.
  explicit TestPoints(const Eigen::Ref<const RowMatrix<double>>& dense)
      : dense_(dense.data(), dense.rows(), dense.cols(), Eigen::OuterStride<>(dense.outerStride())) {}
  explicit TestPoints(const SparseRows& sparse) : sparse_(&sparse) {}

  bool is_sparse() const { return sparse_ != nullptr; }
  Index rows() const { return sparse_ ? sparse_->rows() : dense_.rows(); }
  Index cols() const { return sparse_ ? sparse_->cols() : dense_.cols(); }
  // Stored entries per row on average (every column when dense).
  double entries_per_row() const {
    if (!sparse_) return static_cast<double>(dense_.cols());
    return rows() == 0 ? 0.0
                       : static_cast<double>(sparse_->nonzeros()) / static_cast<double>(rows());
  }
  const DenseRows& dense() const { return dense_; }  // valid when !is_sparse()
  const SparseRows& sparse() const { return *sparse_; }  // valid when is_sparse()

 private:
  DenseRows dense_{nullptr, 0, 0, Eigen::OuterStride<>(0)};
  const SparseRows* sparse_ = nullptr;
};

}  // namespace rbfsvm::detail
