// Data crossing the Python boundary: numpy arrays and the parts of a scipy.sparse CSR matrix in,
// numpy arrays out. Dense input is read in place (a C-contiguous float64 array binds to
// DenseView without a copy); sparse input is copied once into rbfsvm's SparseRows.
#pragma once

#include <pybind11/eigen.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstdint>

#include "rbfsvm/core/types.hpp"
#include "rbfsvm/data/points.hpp"
#include "rbfsvm/data/sparse_rows.hpp"

namespace rbfsvm::python {

namespace py = pybind11;

using DenseView = Eigen::Ref<const RowMatrix<double>>;
// Only arrays that need no conversion (forcecast off): the Python layer converts, once.
using DoubleArray = py::array_t<double, py::array::c_style>;
using Int32Array = py::array_t<std::int32_t, py::array::c_style>;
using Int64Array = py::array_t<std::int64_t, py::array::c_style>;

// A CSR matrix from scipy's arrays (data, indices, indptr) and its column count. The indices
// of each row must be strictly ascending (scipy's canonical format); throws InvalidArgument
// otherwise, as SparseRows does.
SparseRows sparse_from_csr(const DoubleArray& data, const Int32Array& indices,
                           const Int64Array& indptr, Index n_cols);

// (data, indices, indptr) of a CSR matrix, as new numpy arrays.
py::tuple csr_parts(const SparseRows& rows);

// A numpy copy of a dense matrix or vector.
DoubleArray to_numpy(const RowMatrix<double>& matrix);
template <typename T>
py::array_t<T> to_numpy(const std::vector<T>& values) {
  return py::array_t<T>(static_cast<py::ssize_t>(values.size()), values.data());
}

// Points of a PointSet as Python sees them: a 2-D numpy array, or a SparseRows.
py::object points_to_python(const PointSet& points);

}  // namespace rbfsvm::python
