// Training, models and model files. Training and prediction release the GIL, so Python threads
// (joblib's threading backend, GridSearchCV) run them side by side.
#include <pybind11/stl.h>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "bindings/arrays.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/svm/grid_search.hpp"
#include "rbfsvm/svm/model.hpp"
#include "rbfsvm/svm/model_io.hpp"
#include "rbfsvm/svm/train.hpp"

namespace rbfsvm::python {
namespace {

using py::arg;

// A data set over copies of the points (train() needs its own), with the labels as given.
template <typename Points>
Dataset make_dataset(Points points, std::vector<double> labels,
                     std::vector<std::string> class_names,
                     std::vector<std::string> feature_names) {
  Dataset data;
  data.labels = std::move(labels);
  data.class_names = std::move(class_names);
  data.feature_names = std::move(feature_names);
  data.set_points(PointSet(std::move(points)));
  data.source = "training data";
  return data;
}

// What the Python layer reads from a training report: per-subproblem iterations and whether
// every solver converged.
py::dict report_to_python(const TrainReport& report) {
  std::vector<std::int64_t> iterations;
  for (const SubproblemReport& sub : report.subproblems) iterations.push_back(sub.iterations);
  py::dict result;
  result["iterations"] = to_numpy(iterations);
  result["converged"] = report.converged();
  return result;
}

// Ctrl-C during a fit: the solvers poll should_stop every thousand iterations or so. The
// calling thread (which runs a solver itself) takes the GIL for a moment to ask Python whether
// a signal arrived; the other solver threads read the flag it sets. The fit then stops, and
// the KeyboardInterrupt Python raised is thrown instead of a model.
class InterruptCheck {
 public:
  std::function<bool()> poll() {
    return [this] {
      if (std::this_thread::get_id() == caller_ && !interrupted_.load()) {
        py::gil_scoped_acquire acquired;
        if (PyErr_CheckSignals() != 0) {
          error_ = std::make_unique<py::error_already_set>();
          interrupted_.store(true);
        }
      }
      return interrupted_.load();
    };
  }
  // Rethrows Python's exception (with the GIL held) when a signal handler raised one.
  void rethrow() {
    if (error_) throw std::move(*error_);
  }

 private:
  std::thread::id caller_ = std::this_thread::get_id();
  std::atomic<bool> interrupted_{false};
  std::unique_ptr<py::error_already_set> error_;
};

template <typename Points>
py::tuple train_on(Points points, std::vector<double> labels, TrainOptions options,
                   std::vector<std::string> class_names, std::vector<std::string> feature_names) {
  TrainReport report;
  std::optional<Model> model;
  InterruptCheck interrupt;
  options.should_stop = interrupt.poll();
  {
    py::gil_scoped_release released;
    const Dataset data = make_dataset(std::move(points), std::move(labels), std::move(class_names),
                                      std::move(feature_names));
    model.emplace(train(data, options, &report));
  }
  interrupt.rethrow();
  return py::make_tuple(std::move(*model), report_to_python(report));
}

// grid_search over given C and gamma values (the estimator's training options as the base):
// (scores gamma-major, each point's fold).
template <typename Points>
py::tuple grid_search_on(Points points, std::vector<double> labels, TrainOptions options,
                         std::vector<double> Cs, std::vector<double> gammas, int folds,
                         int n_threads, bool share_kernel, bool warm_start) {
  GridSearchOptions grid;
  grid.folds = folds;
  grid.n_threads = n_threads;
  grid.share_kernel = share_kernel;
  grid.warm_start = warm_start;
  std::optional<GridSearchResult> result;
  InterruptCheck interrupt;
  options.should_stop = interrupt.poll();
  {
    py::gil_scoped_release released;
    const Dataset data = make_dataset(std::move(points), std::move(labels), {}, {});
    result.emplace(grid_search(data, options, Cs, gammas, grid));
  }
  interrupt.rethrow();
  std::vector<double> scores;
  for (const GridPoint& point : result->points) scores.push_back(point.score);
  return py::make_tuple(to_numpy(scores), to_numpy(result->test_fold));
}

void bind_options(py::module_& m) {
  py::enum_<SvmType>(m, "SvmType")
      .value("c_svc", SvmType::c_svc)
      .value("nu_svc", SvmType::nu_svc)
      .value("one_class", SvmType::one_class)
      .value("epsilon_svr", SvmType::epsilon_svr)
      .value("nu_svr", SvmType::nu_svr);
  py::enum_<KernelType>(m, "KernelType")
      .value("linear", KernelType::linear)
      .value("polynomial", KernelType::polynomial)
      .value("rbf", KernelType::rbf)
      .value("sigmoid", KernelType::sigmoid)
      .value("precomputed", KernelType::precomputed);
  py::enum_<KernelEvaluation>(m, "KernelEvaluation")
      .value("fast", KernelEvaluation::fast)
      .value("exact", KernelEvaluation::exact);

  py::enum_<ClassOrder>(m, "ClassOrder")
      .value("first_appearance", ClassOrder::first_appearance)
      .value("ascending", ClassOrder::ascending);

  py::class_<Kernel>(m, "Kernel")
      .def(py::init<>())
      .def_readwrite("type", &Kernel::type)
      .def_readwrite("gamma", &Kernel::gamma)
      .def_readwrite("coef0", &Kernel::coef0)
      .def_readwrite("degree", &Kernel::degree)
      .def("validate", &Kernel::validate);

  py::class_<TrainOptions>(m, "TrainOptions")
      .def(py::init<>())
      .def_readwrite("svm_type", &TrainOptions::svm_type)
      .def_readwrite("kernel", &TrainOptions::kernel)
      .def_readwrite("C", &TrainOptions::C)
      .def_readwrite("nu", &TrainOptions::nu)
      .def_readwrite("epsilon", &TrainOptions::epsilon)
      .def_readwrite("tolerance", &TrainOptions::tolerance)
      .def_readwrite("cache_mb", &TrainOptions::cache_mb)
      .def_readwrite("kernel_evaluation", &TrainOptions::kernel_evaluation)
      .def_readwrite("shrinking", &TrainOptions::shrinking)
      .def_readwrite("probability", &TrainOptions::probability)
      .def_readwrite("class_weights", &TrainOptions::class_weights)
      .def_readwrite("sample_weights", &TrainOptions::sample_weights)
      .def_readwrite("class_order", &TrainOptions::class_order)
      .def_readwrite("max_iterations", &TrainOptions::max_iterations)
      .def_readwrite("n_threads", &TrainOptions::n_threads)
      .def_readwrite("seed", &TrainOptions::seed)
      .def_readwrite("max_memory_mb", &TrainOptions::max_memory_mb)
      .def("validate", &TrainOptions::validate);
}

void bind_sparse_rows(py::module_& m) {
  py::class_<SparseRows>(m, "SparseRows")
      .def(py::init(&sparse_from_csr), arg("data"), arg("indices"), arg("indptr"), arg("n_cols"))
      .def_property_readonly("shape", [](const SparseRows& rows) {
        return py::make_tuple(rows.rows(), rows.cols());
      })
      .def("csr", &csr_parts, "(data, indices, indptr), new arrays");
}

// Decision values, labels and probabilities of dense and sparse points.
template <typename Points>
void bind_prediction(py::class_<Model>& model) {
  const auto guard = py::call_guard<py::gil_scoped_release>();
  model
      .def(
          "decision_values",
          [](const Model& self, const Points& X, int n_threads) {
            return self.decision_values(X, ThreadOptions{n_threads});
          },
          arg("X").noconvert(), arg("n_threads") = 0, guard)
      .def(
          "predict",
          [](const Model& self, const Points& X, int n_threads) {
            return self.predict(X, ThreadOptions{n_threads});
          },
          arg("X").noconvert(), arg("n_threads") = 0, guard)
      .def(
          "predict_probabilities",
          [](const Model& self, const Points& X, int n_threads) {
            return self.predict_probabilities(X, ThreadOptions{n_threads});
          },
          arg("X").noconvert(), arg("n_threads") = 0, guard);
}

void bind_model(py::module_& m) {
  py::class_<Model> model(m, "Model");
  model.def_property_readonly("svm_type", &Model::svm_type)
      .def_property_readonly("kernel", &Model::kernel)
      .def_property_readonly("n_classes", &Model::n_classes)
      .def_property_readonly("n_features", &Model::dimension)
      .def_property_readonly("has_probability", &Model::has_probability)
      .def_property_readonly("labels", [](const Model& self) { return self.data().labels; })
      .def_property_readonly("class_names",
                             [](const Model& self) { return self.data().class_names; })
      .def_property_readonly("feature_names",
                             [](const Model& self) { return self.data().feature_names; })
      .def_property_readonly("sv_per_class",
                             [](const Model& self) { return to_numpy(self.data().sv_per_class); })
      .def_property_readonly("sv_indices",
                             [](const Model& self) { return to_numpy(self.data().sv_indices); })
      .def_property_readonly(
          "support_vectors",
          [](const Model& self) { return points_to_python(self.data().support_vectors); })
      .def_property_readonly("coefficients",
                             [](const Model& self) { return to_numpy(self.data().coefficients); })
      .def_property_readonly("rho", [](const Model& self) { return to_numpy(self.data().rho); })
      .def_property_readonly("prob_a",
                             [](const Model& self) { return to_numpy(self.data().prob_a); })
      .def_property_readonly("prob_b",
                             [](const Model& self) { return to_numpy(self.data().prob_b); })
      .def_property_readonly("scaled", [](const Model& self) {
        return self.data().scaling.has_value();
      });
  bind_prediction<DenseView>(model);
  bind_prediction<SparseRows>(model);

  // Model files and pickling go through the texts the CLI reads and writes.
  model
      .def("texts",
           [](const Model& self) {
             const ModelTexts texts = model_to_texts(self);
             return py::make_tuple(py::bytes(texts.model), py::bytes(texts.sidecar));
           })
      .def_static(
          "from_texts",
          [](const std::string& text, const std::string& sidecar, const std::string& name) {
            return model_from_texts(ModelTexts{text, sidecar}, name);
          },
          arg("model"), arg("sidecar"), arg("name") = "model")
      .def("save", [](const Model& self, const std::string& path) { save_model(self, path); },
           arg("path"))
      .def_static("load", &load_model, arg("path"))
      .def(py::pickle(
          [](const Model& self) {
            const ModelTexts texts = model_to_texts(self);
            return py::make_tuple(py::bytes(texts.model), py::bytes(texts.sidecar));
          },
          [](const py::tuple& state) {
            if (state.size() != 2) throw InvalidArgument("a pickled rbfsvm model has two texts");
            return model_from_texts(
                ModelTexts{state[0].cast<std::string>(), state[1].cast<std::string>()},
                "pickled model");
          }));
}

}  // namespace

void bind_svm(py::module_& m) {
  bind_options(m);
  bind_sparse_rows(m);
  bind_model(m);
  m.def("train", &train_on<RowMatrix<double>>, arg("X"), arg("y"), arg("options"),
        arg("class_names") = std::vector<std::string>{},
        arg("feature_names") = std::vector<std::string>{},
        "Trains on dense points (copied); returns (model, report).");
  m.def("train", &train_on<SparseRows>, arg("X"), arg("y"), arg("options"),
        arg("class_names") = std::vector<std::string>{},
        arg("feature_names") = std::vector<std::string>{},
        "Trains on sparse points; returns (model, report).");
  m.def("grid_search", &grid_search_on<RowMatrix<double>>, arg("X"), arg("y"), arg("options"),
        arg("Cs"), arg("gammas"), arg("folds"), arg("n_threads"), arg("share_kernel"),
        arg("warm_start"),
        "Cross-validates every (C, gamma) on dense points; returns (scores gamma-major, "
        "test_fold).");
  m.def("grid_search", &grid_search_on<SparseRows>, arg("X"), arg("y"), arg("options"),
        arg("Cs"), arg("gammas"), arg("folds"), arg("n_threads"), arg("share_kernel"),
        arg("warm_start"), "The same on sparse points.");
  m.def("gamma_from_sigma", &gamma_from_sigma, arg("sigma"));
}

}  // namespace rbfsvm::python
