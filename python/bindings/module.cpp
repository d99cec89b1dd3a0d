// The extension module rbfsvm._rbfsvm: thin bindings of the C++ library, called by the
// estimators of the Python package (python/rbfsvm/). Library errors become Python's:
// InvalidArgument and ParseError a ValueError, IoError an OSError, with the library's message.
#include <pybind11/pybind11.h>

#include "rbfsvm/core/error.hpp"

namespace py = pybind11;

namespace rbfsvm::python {
void bind_svm(py::module_& m);
void bind_gaussian(py::module_& m);
}  // namespace rbfsvm::python

PYBIND11_MODULE(_rbfsvm, m) {
  m.doc() = "rbfsvm's C++ library (Gaussian kernels, SVM training and prediction)";
  py::register_exception_translator([](std::exception_ptr error) {
    try {
      if (error) std::rethrow_exception(error);
    } catch (const rbfsvm::IoError& e) {
      PyErr_SetString(PyExc_OSError, e.what());
    } catch (const rbfsvm::InvalidArgument& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const rbfsvm::ParseError& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    }
  });
  rbfsvm::python::bind_svm(m);
  rbfsvm::python::bind_gaussian(m);
}
