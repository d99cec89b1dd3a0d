#include "svm_predict_cli.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iomanip>
#include <map>

#include "cli_common.hpp"
#include "rbfsvm/core/atomic_file.hpp"
#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/svm/evaluation.hpp"
#include "rbfsvm/svm/model_io.hpp"

namespace rbfsvm::cli {
namespace {

// Test labels written as text are numbered by their own first appearance; renumber them as the
// model's class names (-1 for a name the model never saw, which then counts as an error).
std::vector<double> labels_in_model_numbering(const Dataset& data, const Model& model) {
  if (data.class_names.empty()) return data.labels;
  const auto& names = model.data().class_names;
  if (names.empty()) {
    throw InvalidArgument("the test labels are text but the model was trained on numeric labels");
  }
  std::vector<double> labels;
  for (double code : data.labels) {
    const std::string& name = data.class_names[static_cast<std::size_t>(code)];
    const auto found = std::find(names.begin(), names.end(), name);
    labels.push_back(found == names.end() ? -1.0 : static_cast<double>(found - names.begin()));
  }
  return labels;
}

std::string label_text(const Model& model, double label) {
  const auto& names = model.data().class_names;
  if (!names.empty() && label >= 0 && label < static_cast<double>(names.size())) {
    return names[static_cast<std::size_t>(label)];
  }
  std::ostringstream text;
  text << std::setprecision(17) << label;
  return text.str();
}

void print_confusion(const Model& model, const std::vector<double>& truth,
                     const std::vector<double>& predicted, std::ostream& out) {
  const auto& labels = model.data().labels;
  std::map<std::pair<double, double>, int> counts;
  for (std::size_t i = 0; i < truth.size(); ++i) ++counts[{truth[i], predicted[i]}];
  out << "Confusion matrix (rows: true class, columns: predicted class)\n" << std::setw(12) << "";
  for (double label : labels) out << ' ' << std::setw(10) << label_text(model, label);
  out << '\n';
  for (double row : labels) {
    out << std::setw(12) << label_text(model, row);
    for (double column : labels) out << ' ' << std::setw(10) << counts[{row, column}];
    out << '\n';
  }
}

}  // namespace

int run_svm_predict(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"Predicts with a model from svm_train (or LIBSVM's svm-train) and reports accuracy.",
               "svm_predict"};
  std::string test_path, model_path, output_path, label_column;
  bool confusion = false, quiet = false;
  int probability = 0;
  int threads = 0;
  app.add_option("test_file", test_path, "CSV or LIBSVM-format data with true labels")->required();
  app.add_option("model_file", model_path, "model file")->required();
  app.add_option("output_file", output_path, "write one prediction per line here");
  app.add_flag("--confusion", confusion, "print the confusion matrix (classification)");
  app.add_option("-b,--probability", probability,
                 "1: predict with the model's probability estimates and write them to the output "
                 "file (svm-predict's format); 0 (default): decision values")
      ->check(CLI::IsMember({0, 1}));
  app.add_option("--label", label_column, "CSV label column, by name or 1-based index");
  app.add_option("--threads", threads, "threads (default: all cores)")->check(CLI::NonNegativeNumber);
  app.add_flag("-q,--quiet", quiet, "print nothing but errors");

  return run_tool(app, "svm_predict", args, out, err, [&] {
    const Model model = load_model(model_path);
    ReadOptions read_options;
    read_options.label_column = label_column;
    read_options.min_features = static_cast<std::size_t>(model.dimension());
    if (model.kernel().type == KernelType::precomputed) {
      read_options.format = DataFormat::libsvm;
      read_options.precomputed_kernel = true;
      read_options.min_features = 0;
    }
    const Dataset data = read_dataset(test_path, read_options);
    if (model.data().n_features > 0 && data.X.cols() > model.data().n_features) {
      throw InvalidArgument("'" + test_path + "' has " + std::to_string(data.X.cols()) +
                            " features but the model was trained on " +
                            std::to_string(model.data().n_features));
    }
    const bool classifier = is_classification(model.svm_type());
    if (probability == 1 && !model.has_probability()) {
      throw InvalidArgument("the model has no probability estimates: train it with -b 1");
    }
    std::vector<double> predicted;
    RowMatrix<double> probabilities;
    const bool one_class = model.svm_type() == SvmType::one_class;
    if (probability == 1 && classifier) {
      probabilities = model.predict_probabilities(data.X, ThreadOptions{threads});
      for (Index i = 0; i < probabilities.rows(); ++i) {
        predicted.push_back(model.label_from_probabilities(probabilities.row(i).data()));
      }
    } else if (probability == 1 && one_class) {
      probabilities = model.predict_probabilities(data.X, ThreadOptions{threads});
      predicted = model.predict(data.X, ThreadOptions{threads});
    } else {
      predicted = model.predict(data.X, ThreadOptions{threads});
    }
    // Text labels are matched to the model's classes before anything is written, so that a
    // refusal leaves the output file alone.
    const bool scored = !quiet && (is_classification(model.svm_type()) || one_class);
    const std::vector<double> truth = scored ? labels_in_model_numbering(data, model) : data.labels;
    if (!output_path.empty()) {
      write_text_atomically(output_path, [&](std::ostream& file) {
        if (probabilities.size() > 0) {
          // svm-predict -b 1: a "labels" line, then the label and one probability per class.
          // One-class: the columns are P(normal, +1) and P(outlier, -1).
          file << "labels";
          if (one_class) file << " 1 -1";
          for (double label : model.data().labels) file << ' ' << label_text(model, label);
          file << '\n' << std::setprecision(6);
          for (Index i = 0; i < probabilities.rows(); ++i) {
            file << label_text(model, predicted[static_cast<std::size_t>(i)]);
            for (Index c = 0; c < probabilities.cols(); ++c) file << ' ' << probabilities(i, c);
            file << '\n';
          }
          return;
        }
        for (double label : predicted) file << label_text(model, label) << '\n';
      });
    }
    if (quiet) return exit_success;
    if (probability == 1 && !classifier && !one_class) {
      out << "Prob. model for test data: target value = predicted value + z,\n"
          << "z: Laplace distribution e^(-|z|/sigma)/(2sigma),sigma=" << model.laplace_scale()
          << '\n';
    }
    if (scored) {
      const double fraction = accuracy(truth, predicted);
      const std::size_t correct =
          static_cast<std::size_t>(std::llround(fraction * static_cast<double>(truth.size())));
      out << "Accuracy = " << 100.0 * fraction << "% (" << correct << "/" << truth.size()
          << ") (classification)\n";
      if (confusion && is_classification(model.svm_type())) print_confusion(model, truth, predicted, out);
    } else {
      const RegressionMetrics metrics = regression_metrics(data.labels, predicted);
      out << "Mean squared error = " << metrics.mean_squared_error << " (regression)\n"
          << "Squared correlation coefficient = " << metrics.squared_correlation
          << " (regression)\n";
    }
    return exit_success;
  });
}

}  // namespace rbfsvm::cli
