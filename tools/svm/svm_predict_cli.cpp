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
#include "rbfsvm/svm/prediction_data.hpp"

namespace rbfsvm::cli {
namespace {

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

// Everything svm_predict's command line sets.
struct PredictCommand {
  std::string test_path, model_path, output_path, label_column;
  bool confusion = false, quiet = false;
  int probability = 0;
  int threads = 0;
};

void add_options(CLI::App& app, PredictCommand& command) {
  app.add_option("test_file", command.test_path, "CSV or LIBSVM-format data with true labels")
      ->required();
  app.add_option("model_file", command.model_path, "model file")->required();
  app.add_option("output_file", command.output_path, "write one prediction per line here");
  app.add_flag("--confusion", command.confusion, "print the confusion matrix (classification)");
  app.add_option("-b,--probability", command.probability,
                 "1: predict with the model's probability estimates and write them to the output "
                 "file (svm-predict's format); 0 (default): decision values")
      ->check(CLI::IsMember({0, 1}));
  app.add_option("--label", command.label_column, "CSV label column, by name or 1-based index");
  app.add_option("--threads", command.threads, "threads (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  app.add_flag("-q,--quiet", command.quiet, "print nothing but errors");
}

// The predicted labels, and with -b 1 the probabilities (one row per point; for one-class the
// columns P(normal, +1), P(outlier, -1)).
struct Predictions {
  std::vector<double> labels;
  RowMatrix<double> probabilities;
};

Predictions predict(const Model& model, const Dataset& data, const PredictCommand& command) {
  if (command.probability == 1 && !model.has_probability()) {
    throw InvalidArgument("the model has no probability estimates: train it with -b 1");
  }
  const ThreadOptions threads{command.threads};
  Predictions predicted;
  if (command.probability == 1 && is_classification(model.svm_type())) {
    predicted.probabilities = model.predict_probabilities(data, threads);
    for (Index i = 0; i < predicted.probabilities.rows(); ++i) {
      predicted.labels.push_back(
          model.label_from_probabilities(predicted.probabilities.row(i).data()));
    }
  } else if (command.probability == 1 && model.svm_type() == SvmType::one_class) {
    predicted.probabilities = model.predict_probabilities(data, threads);
    predicted.labels = model.predict(data, threads);
  } else {
    predicted.labels = model.predict(data, threads);
  }
  return predicted;
}

// One label per line; with probabilities, svm-predict -b 1's format: a "labels" line (one-class:
// "labels 1 -1 ..."), then the label and one probability per class.
void write_predictions(const Model& model, const Predictions& predicted, std::ostream& file) {
  if (predicted.probabilities.size() > 0) {
    file << "labels";
    if (model.svm_type() == SvmType::one_class) file << " 1 -1";
    for (double label : model.data().labels) file << ' ' << label_text(model, label);
    file << '\n' << std::setprecision(6);
    for (Index i = 0; i < predicted.probabilities.rows(); ++i) {
      file << label_text(model, predicted.labels[static_cast<std::size_t>(i)]);
      for (Index c = 0; c < predicted.probabilities.cols(); ++c) {
        file << ' ' << predicted.probabilities(i, c);
      }
      file << '\n';
    }
    return;
  }
  for (double label : predicted.labels) file << label_text(model, label) << '\n';
}

// Accuracy (and --confusion) for classifiers and one-class models against `truth`, in the
// model's numbering; the regression metrics otherwise.
void print_scores(const Model& model, const Dataset& data, const std::vector<double>& truth,
                  const std::vector<double>& predicted, const PredictCommand& command,
                  std::ostream& out) {
  const bool classifier = is_classification(model.svm_type());
  const bool one_class = model.svm_type() == SvmType::one_class;
  if (command.probability == 1 && !classifier && !one_class) {
    out << "Prob. model for test data: target value = predicted value + z,\n"
        << "z: Laplace distribution e^(-|z|/sigma)/(2sigma),sigma=" << model.laplace_scale()
        << '\n';
  }
  if (classifier || one_class) {
    const double fraction = accuracy(truth, predicted);
    const std::size_t correct =
        static_cast<std::size_t>(std::llround(fraction * static_cast<double>(truth.size())));
    out << "Accuracy = " << 100.0 * fraction << "% (" << correct << "/" << truth.size()
        << ") (classification)\n";
    if (command.confusion && classifier) print_confusion(model, truth, predicted, out);
  } else {
    const RegressionMetrics metrics = regression_metrics(data.labels, predicted);
    out << "Mean squared error = " << metrics.mean_squared_error << " (regression)\n"
        << "Squared correlation coefficient = " << metrics.squared_correlation
        << " (regression)\n";
  }
}

}  // namespace

int run_svm_predict(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"Predicts with a model from svm_train (or LIBSVM's svm-train) and reports accuracy.",
               "svm_predict"};
  PredictCommand command;
  add_options(app, command);
  return run_tool(app, "svm_predict", args, out, err, [&] {
    const Model model = load_model(command.model_path);
    ReadOptions read_options;
    read_options.label_column = command.label_column;
    const Dataset data = read_dataset_for(model, command.test_path, read_options);
    const std::string wider = extra_features_warning(model, data);
    if (!wider.empty()) err << "svm_predict: warning: " << wider << '\n';
    const Predictions predicted = predict(model, data, command);
    // Text labels are matched to the model's classes before anything is written, so that a
    // refusal leaves the output file alone.
    const bool scored = !command.quiet && (is_classification(model.svm_type()) ||
                                           model.svm_type() == SvmType::one_class);
    const std::vector<double> truth = scored ? labels_in_model_numbering(data, model) : data.labels;
    if (!command.output_path.empty()) {
      write_text_atomically(command.output_path, [&](std::ostream& file) {
        write_predictions(model, predicted, file);
      });
    }
    if (command.quiet) return exit_success;
    print_scores(model, data, truth, predicted.labels, command, out);
    return exit_success;
  });
}

}  // namespace rbfsvm::cli
