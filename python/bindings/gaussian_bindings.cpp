// The Gaussian helpers of the classroom: the normalized kernel, the RBF Gram matrix, the blur
// and kernel density estimation. Thin: every rule (sizes, borders, bandwidths, refusals) is the
// C++ library's; python/rbfsvm/_gaussian.py validates and converts the input. The long-running
// calls release the GIL.
#include <pybind11/stl.h>

#include <algorithm>
#include <optional>

#include "bindings/arrays.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/gaussian/blur.hpp"
#include "rbfsvm/gaussian/filter.hpp"
#include "rbfsvm/gaussian/image.hpp"
#include "rbfsvm/gaussian/kde.hpp"
#include "rbfsvm/kernel/gram.hpp"

namespace rbfsvm::python {
namespace {

using py::arg;
// Interleaved float samples of an image, shape (height, width, channels), C order: the layout
// of rbfsvm::Image, so copies in and out are one memcpy each.
using FloatArray = py::array_t<float, py::array::c_style>;

void bind_kernel(py::module_& m) {
  m.def(
      "gaussian_kernel",
      [](std::optional<int> size, double sigma) -> Eigen::MatrixXd {
        return size ? gaussian_kernel(*size, sigma) : gaussian_kernel(sigma);
      },
      arg("size"), arg("sigma"),
      "size x size kernel summing to 1; size None: 2 ceil(3 sigma) + 1.");
}

// K(X, Y) and K(X, X) (rbf_gram_symmetric) for the RBF kernel of parameter gamma, dense or
// sparse points.
template <typename Points>
void bind_gram(py::module_& m) {
  const auto guard = py::call_guard<py::gil_scoped_release>();
  m.def(
      "rbf_gram",
      [](const Points& X, const Points& Y, double gamma, int n_threads) {
        return gram(Kernel::rbf(gamma), X, Y, ThreadOptions{n_threads});
      },
      arg("X").noconvert(), arg("Y").noconvert(), arg("gamma"), arg("n_threads") = 0, guard);
  m.def(
      "rbf_gram_symmetric",
      [](const Points& X, double gamma, int n_threads) {
        return gram(Kernel::rbf(gamma), X, ThreadOptions{n_threads});
      },
      arg("X").noconvert(), arg("gamma"), arg("n_threads") = 0, guard);
}

// An Image holding a copy of a (height, width, channels) float array.
Image image_from_array(const FloatArray& samples) {
  if (samples.ndim() != 3) {
    throw InvalidArgument("an image array has 3 dimensions (height, width, channels), got " +
                          std::to_string(samples.ndim()));
  }
  Image image(static_cast<int>(samples.shape(1)), static_cast<int>(samples.shape(0)),
              static_cast<int>(samples.shape(2)));
  std::copy(samples.data(), samples.data() + samples.size(), image.samples().data());
  return image;
}

FloatArray image_to_array(const Image& image) {
  FloatArray samples({image.height(), image.width(), image.channels()});
  std::copy(image.samples().begin(), image.samples().end(), samples.mutable_data());
  return samples;
}

void bind_blur(py::module_& m) {
  py::enum_<BorderMode>(m, "BorderMode")
      .value("reflect101", BorderMode::reflect101)
      .value("reflect", BorderMode::reflect)
      .value("replicate", BorderMode::replicate)
      .value("constant", BorderMode::constant);
  py::class_<BlurOptions>(m, "BlurOptions")
      .def(py::init<>())
      .def_readwrite("size", &BlurOptions::size)
      .def_readwrite("border", &BlurOptions::border)
      .def_readwrite("border_value", &BlurOptions::border_value)
      .def_readwrite("blur_alpha", &BlurOptions::blur_alpha)
      .def_readwrite("n_threads", &BlurOptions::n_threads);
  m.def(
      "gaussian_blur",
      [](const FloatArray& samples, double sigma, const BlurOptions& options) {
        std::optional<Image> blurred;
        {
          py::gil_scoped_release released;
          blurred.emplace(gaussian_blur(image_from_array(samples), sigma, options));
        }
        return image_to_array(*blurred);
      },
      arg("samples").noconvert(), arg("sigma"), arg("options"),
      "The (height, width, channels) float32 samples blurred, as a new array.");
}

// GaussianKde's f(points, ThreadOptions) as Python calls it: f(points, n_threads).
template <typename Method>
auto with_thread_count(Method method) {
  return [method](const GaussianKde& self, const DenseView& points, int n_threads) {
    return (self.*method)(points, ThreadOptions{n_threads});
  };
}

void bind_kde(py::module_& m) {
  py::enum_<BandwidthRule>(m, "BandwidthRule")
      .value("scott", BandwidthRule::scott)
      .value("silverman", BandwidthRule::silverman)
      .value("fixed", BandwidthRule::fixed);
  py::class_<Bandwidth>(m, "Bandwidth")
      .def(py::init([](BandwidthRule rule, double h) {
             return Bandwidth{rule, h};
           }),
           arg("rule"), arg("h") = 0.0)
      .def_readonly("rule", &Bandwidth::rule)
      .def_readonly("h", &Bandwidth::h)
      .def("__repr__", [](const Bandwidth& self) { return to_string(self); });

  const auto guard = py::call_guard<py::gil_scoped_release>();
  py::class_<GaussianKde>(m, "GaussianKde")
      .def(py::init<const DenseView&, Bandwidth>(), arg("data").noconvert(), arg("bandwidth"),
           guard)
      .def_property_readonly("n_samples", &GaussianKde::n_samples)
      .def_property_readonly("n_dimensions", &GaussianKde::n_dimensions)
      .def_property_readonly("bandwidth", &GaussianKde::bandwidth)
      .def_property_readonly("factor", &GaussianKde::factor)
      // Read-only views into the estimate, alive as long as it is.
      .def_property_readonly("data", &GaussianKde::data,
                             py::return_value_policy::reference_internal)
      .def_property_readonly("bandwidth_matrix", &GaussianKde::bandwidth_matrix,
                             py::return_value_policy::reference_internal)
      .def("density", with_thread_count(&GaussianKde::density), arg("points").noconvert(),
           arg("n_threads") = 0, guard)
      .def("log_density", with_thread_count(&GaussianKde::log_density), arg("points").noconvert(),
           arg("n_threads") = 0, guard)
      // Pickled as the data and the bandwidth it was built from; unpickling rebuilds it.
      .def(py::pickle(
          [](const GaussianKde& self) {
            return py::make_tuple(to_numpy(self.data()), static_cast<int>(self.bandwidth().rule),
                                  self.bandwidth().h);
          },
          [](const py::tuple& state) {
            if (state.size() != 3) throw InvalidArgument("a pickled GaussianKde has 3 parts");
            const auto data = state[0].cast<RowMatrix<double>>();
            const int rule_number = state[1].cast<int>();
            if (rule_number < 0 || rule_number > static_cast<int>(BandwidthRule::fixed)) {
              throw InvalidArgument("a pickled GaussianKde has an unknown bandwidth rule");
            }
            const auto rule = static_cast<BandwidthRule>(rule_number);
            return GaussianKde(data, Bandwidth{rule, state[2].cast<double>()});
          }));
}

}  // namespace

void bind_gaussian(py::module_& m) {
  bind_kernel(m);
  bind_gram<DenseView>(m);
  bind_gram<SparseRows>(m);
  bind_blur(m);
  bind_kde(m);
}

}  // namespace rbfsvm::python
