#include "bindings/arrays.hpp"

#include <vector>

namespace rbfsvm::python {

SparseRows sparse_from_csr(const DoubleArray& data, const Int32Array& indices,
                           const Int64Array& indptr, Index n_cols) {
  const auto copy = [](const auto& array) {
    using T = typename std::decay_t<decltype(array)>::value_type;
    return std::vector<T>(array.data(), array.data() + array.size());
  };
  return SparseRows(n_cols, copy(indptr), copy(indices), copy(data));
}

py::tuple csr_parts(const SparseRows& rows) {
  return py::make_tuple(to_numpy(rows.values()), to_numpy(rows.indices()),
                        to_numpy(rows.offsets()));
}

DoubleArray to_numpy(const RowMatrix<double>& matrix) {
  DoubleArray array({static_cast<py::ssize_t>(matrix.rows()),
                     static_cast<py::ssize_t>(matrix.cols())});
  std::copy(matrix.data(), matrix.data() + matrix.size(), array.mutable_data());
  return array;
}

py::object points_to_python(const PointSet& points) {
  if (points.is_sparse()) return py::cast(points.sparse());
  return to_numpy(points.dense());
}

}  // namespace rbfsvm::python
