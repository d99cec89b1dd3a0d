#include "svm_train_cli.hpp"

#include <CLI/CLI.hpp>
#include <signal.h>

#include <chrono>
#include <csignal>
#include <cmath>
#include <iomanip>
#include <mutex>
#include <optional>
#include <sstream>

#include "cli_common.hpp"
#include "rbfsvm/config.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/svm/evaluation.hpp"
#include "rbfsvm/svm/gamma.hpp"
#include "rbfsvm/svm/model_io.hpp"
#include "rbfsvm/svm/train.hpp"
#include "train_options.hpp"
#if RBFSVM_WITH_PLOT
#include "rbfsvm/plot/decision_plot.hpp"
#endif

namespace rbfsvm::cli {
namespace {

using Clock = std::chrono::steady_clock;

// Set by SIGINT while training: the solvers stop at their next check and no model is written.
volatile std::sig_atomic_t interrupted = 0;

void on_interrupt(int) { interrupted = 1; }

// Catches SIGINT for its lifetime and restores the previous handler afterwards.
class InterruptGuard {
 public:
  InterruptGuard() {
    interrupted = 0;
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, &previous_);
  }
  ~InterruptGuard() { ::sigaction(SIGINT, &previous_, nullptr); }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  struct sigaction previous_ {};
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

KernelType parse_kernel_type(const std::string& text) {
  if (text.size() == 1 && text[0] >= '0' && text[0] <= '4') {
    return static_cast<KernelType>(text[0] - '0');
  }
  return kernel_type_from_string(text);
}

// --plot draws a classifier's decision function over its two features: refused before any
// training when that cannot be done.
void check_plottable(const Dataset& data, const TrainOptions& options) {
  if (options.kernel.type == KernelType::precomputed) {
    throw InvalidArgument(
        "--plot cannot draw a model with a precomputed kernel: it has no features to plot over");
  }
  if (!is_classification(options.svm_type) && options.svm_type != SvmType::one_class) {
    throw InvalidArgument("--plot draws the decision boundary of a classifier; " +
                          to_string(options.svm_type) + " is regression");
  }
  if (data.n_features() != 2) {
    throw InvalidArgument("--plot draws 2-feature data only; " + data.source + " has " +
                          std::to_string(data.n_features()) + " features");
  }
}

#if RBFSVM_WITH_PLOT
// The decision-boundary picture of a model trained on `data` (2 features).
void plot_model(const Model& model, const Dataset& data, const TrainOptions& options,
                const std::optional<double>& sigma, const std::string& path) {
  DecisionPlotOptions plot;
  std::ostringstream title;
  const std::string name = data.source.substr(data.source.find_last_of('/') + 1);
  title << name << ": " << to_string(options.svm_type) << ", " << to_string(options.kernel.type);
  if (options.kernel.type == KernelType::rbf) {
    title << " sigma " << std::setprecision(3)
          << (sigma ? *sigma : sigma_from_gamma(options.kernel.gamma));
  }
  if (options.svm_type == SvmType::c_svc) title << ", C " << options.C;
  if (options.svm_type != SvmType::c_svc) title << ", nu " << options.nu;
  plot.title = title.str();
  if (data.feature_names.size() == 2) {
    plot.x_label = data.feature_names[0];
    plot.y_label = data.feature_names[1];
  }
  plot.class_names = data.class_names;
  write_decision_boundary_png(model, data.is_sparse() ? data.sparse->to_dense() : data.X,
                              data.labels, path, plot);
}
#else
// Never called: draws_picture refuses --plot while the command line is parsed.
void plot_model(const Model&, const Dataset&, const TrainOptions&, const std::optional<double>&,
                const std::string&) {}
#endif

std::pair<double, double> parse_weight(const std::string& text) {
  const std::size_t equals = text.find('=');
  if (equals == std::string::npos) {
    throw InvalidArgument("--weight expects LABEL=W, got '" + text + "'");
  }
  try {
    std::size_t used_label = 0, used_weight = 0;
    const double label = std::stod(text.substr(0, equals), &used_label);
    const double weight = std::stod(text.substr(equals + 1), &used_weight);
    if (used_label != equals || used_weight != text.size() - equals - 1) throw std::exception();
    return {label, weight};
  } catch (const std::exception&) {
    throw InvalidArgument("--weight expects LABEL=W with numbers, got '" + text + "'");
  }
}

// Everything svm_train's command line sets.
struct TrainCommand {
  std::string data_path, model_path, label_column, plot_path;
  std::string type_text = "c_svc", kernel_text = "rbf", scale_text;
  GammaChoice gamma;
  TrainOptions options;
  int shrinking = 1, probability = 0, folds = 0;
  std::vector<std::string> weights;
  bool exact = false, quiet = false;
};

void add_options(CLI::App& app, TrainCommand& command) {
  app.set_help_flag("--help", "print this help and exit");  // -h is LIBSVM's shrinking flag
  TrainOptions& options = command.options;
  app.add_option("training_file", command.data_path, "CSV or LIBSVM-format data")->required();
  app.add_option("model_file", command.model_path,
                 "where to write the model (default TRAINING_FILE.model)");
  app.add_option("-s,--type", command.type_text,
                 "c_svc (0), nu_svc (1), one_class (2), epsilon_svr (3), nu_svr (4); default c_svc");
  app.add_option("-t,--kernel", command.kernel_text,
                 "linear (0), polynomial (1), rbf (2), sigmoid (3), precomputed (4: LIBSVM's "
                 "'label 0:serial 1:K(x,x1) ...' rows); default rbf");
  app.add_option("--sigma", command.gamma.sigma, "RBF width: gamma = 1 / (2 sigma^2)");
  app.add_option("-g,--gamma", command.gamma.gamma,
                 "kernel gamma, or 'scale' for 1 / (n_features * Var(X)) (scikit-learn); "
                 "default 1 / n_features (LIBSVM)");
  add_train_options(app, options, TrainingTool::svm_train);
  app.add_flag("--exact", command.exact,
               "evaluate the kernel entry by entry in double precision, as LIBSVM (slower; the "
               "default computes kernel rows in blocks, in float)");
  app.add_option("-h,--shrinking", command.shrinking, "shrinking heuristics, 0 or 1 (default 1)")
      ->check(CLI::IsMember({0, 1}));
  app.add_option("-b,--probability", command.probability, "train a probability model, 0 or 1")
      ->check(CLI::IsMember({0, 1}));
  app.add_option("--weight", command.weights,
                 "LABEL=W: multiply C of class LABEL by W (LIBSVM: -wLABEL W)")
      ->allow_extra_args(false);
  CLI::Option* cv_option = app.add_option("-v,--cv", command.folds,
                                          "K-fold cross-validation: print accuracy, save no model");
  app.add_option("--threads", options.n_threads, "threads (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  add_seed_option(app, options, TrainingTool::svm_train);
  app.add_option("--label", command.label_column, "CSV label column, by name or 1-based index");
  app.add_option("--max-iterations", options.max_iterations,
                 "iteration cap per subproblem (default max(10^7, 100 n))");
  add_scale_option(app, command.scale_text, TrainingTool::svm_train);
  add_storage_option(app, options.storage);
  app.add_option("--time-limit", options.time_limit_seconds,
                 "stop training after this many seconds with a usable, not optimal, model");
  app.add_option("--max-memory", options.max_memory_mb,
                 "refuse to start when data and kernel cache would need more MB than this "
                 "(default: half of physical memory)");
  draws_picture(app.add_option("--plot", command.plot_path,
                               "also draw the decision function, the boundary, the margins and "
                               "the support vectors over the training points as a PNG "
                               "(classifiers on 2-feature data only)"))
      ->excludes(cv_option);
  app.add_flag("-q,--quiet", command.quiet, "print nothing but errors");
}

// The command line's texts and numbers turned into TrainOptions (all but gamma).
void apply_choices(TrainCommand& command) {
  TrainOptions& options = command.options;
  options.svm_type = parse_svm_type(command.type_text);
  options.kernel.type = parse_kernel_type(command.kernel_text);
  if (command.exact) options.kernel_evaluation = KernelEvaluation::exact;
  options.shrinking = command.shrinking == 1;
  options.probability = command.probability == 1;
  options.scaling = scaling_from_option(command.scale_text);
  for (const std::string& weight : command.weights) {
    options.class_weights.push_back(parse_weight(weight));
  }
}

Dataset read_training_data(const TrainCommand& command) {
  ReadOptions read_options;
  read_options.label_column = command.label_column;
  read_options.storage = command.options.storage;
  if (command.options.kernel.type == KernelType::precomputed) {
    read_options.format = DataFormat::libsvm;
    read_options.precomputed_kernel = true;
  }
  return read_dataset(command.data_path, read_options);
}

// The progress line on stderr, shown once a run has taken more than a second, and the
// refusal to write a model after SIGINT.
class ProgressLine {
 public:
  ProgressLine(Clock::time_point start, std::ostream& err) : start_(start), err_(err) {}

  // Called from the solvers, possibly on several threads.
  void show(const SmoProgress& progress) {
    const double elapsed = seconds_since(start_);
    if (elapsed < 1.0) return;
    std::lock_guard<std::mutex> lock(mutex_);
    err_ << "\rsvm_train: iteration " << progress.iterations << ", gap " << std::setprecision(3)
         << progress.gap << ", active " << progress.active_size << ", " << std::fixed
         << std::setprecision(1) << elapsed << " s   " << std::defaultfloat << std::setprecision(6)
         << std::flush;
    shown_ = true;
  }

  // Ends the progress line, if one was shown, so that what follows starts a line of its own.
  void finish() {
    if (shown_) err_ << '\n';
  }

  // After SIGINT: says that no model is written and returns true.
  bool refuse_if_interrupted() {
    if (interrupted == 0) return false;
    finish();
    err_ << "svm_train: interrupted: no model written\n";
    return true;
  }

 private:
  Clock::time_point start_;
  std::ostream& err_;
  std::mutex mutex_;
  bool shown_ = false;
};

// -v K: prints the cross-validated accuracy, or the regression metrics; saves no model.
int cross_validate(const Dataset& data, const TrainCommand& command, ProgressLine& progress,
                   std::ostream& out) {
  const TrainOptions& options = command.options;
  const std::vector<double> predicted = cross_validation_predictions(data, options, command.folds);
  if (progress.refuse_if_interrupted()) return exit_interrupted;
  progress.finish();
  if (is_classification(options.svm_type) || options.svm_type == SvmType::one_class) {
    out << "Cross Validation Accuracy = " << 100.0 * accuracy(data.labels, predicted) << "%\n";
  } else {
    const RegressionMetrics metrics = regression_metrics(data.labels, predicted);
    out << "Cross Validation Mean squared error = " << metrics.mean_squared_error << '\n'
        << "Cross Validation Squared correlation coefficient = " << metrics.squared_correlation
        << '\n';
  }
  return exit_success;
}

void print_summary(const Dataset& data, const TrainCommand& command, const Model& model,
                   const TrainReport& report, Clock::time_point start, std::ostream& out) {
  const TrainOptions& options = command.options;
  out << "points " << data.n_samples() << ", features " << data.n_features();
  if (is_classification(options.svm_type)) out << ", classes " << model.n_classes();
  out << "\nkernel " << to_string(options.kernel.type);
  if (options.kernel.type != KernelType::linear && options.kernel.type != KernelType::precomputed) {
    out << ", gamma " << options.kernel.gamma;
    if (options.kernel.type == KernelType::rbf) {
      out << " (sigma " << sigma_from_gamma(options.kernel.gamma) << ")";
    }
  }
  out << ", C " << options.C << "\nsupport vectors " << model.n_support_vectors()
      << ", iterations " << report.total_iterations() << ", objective " << std::setprecision(10)
      << report.total_objective() << std::setprecision(6) << "\n"
      << "time " << std::fixed << std::setprecision(3) << seconds_since(start) << " s\n"
      << std::defaultfloat << "model written to " << command.model_path << '\n';
  if (!command.plot_path.empty()) out << "decision boundary drawn in " << command.plot_path << '\n';
}

// Trains, writes the model (and the --plot picture), warns when the solver stopped early.
int train_and_save(const Dataset& data, TrainCommand& command, ProgressLine& progress,
                   Clock::time_point start, std::ostream& out, std::ostream& err) {
  TrainReport report;
  ModelData trained = train(data, command.options, &report).data();
  if (progress.refuse_if_interrupted()) return exit_interrupted;
  if (command.gamma.sigma) trained.sigma = *command.gamma.sigma;
  const Model model(std::move(trained));
  if (command.model_path.empty()) command.model_path = command.data_path + ".model";
  save_model(model, command.model_path);
  progress.finish();
  if (!command.plot_path.empty()) {
    plot_model(model, data, command.options, command.gamma.sigma, command.plot_path);
  }
  if (!report.converged()) {
    err << "svm_train: warning: the iteration cap or the time limit was reached before the "
           "tolerance; the model is usable but not optimal (raise --max-iterations, "
           "--time-limit or --tol)\n";
  }
  if (!command.quiet) print_summary(data, command, model, report, start, out);
  return exit_success;
}

}  // namespace

std::vector<std::string> rewrite_libsvm_weights(const std::vector<std::string>& args) {
  std::vector<std::string> rewritten;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.size() > 2 && arg.compare(0, 2, "-w") == 0 && i + 1 < args.size()) {
      rewritten.push_back("--weight");
      rewritten.push_back(arg.substr(2) + "=" + args[++i]);
    } else {
      rewritten.push_back(arg);
    }
  }
  return rewritten;
}

int run_svm_train(const std::vector<std::string>& raw_args, std::ostream& out, std::ostream& err) {
  CLI::App app{"Trains a support vector machine (LIBSVM-compatible) and writes the model.",
               "svm_train"};
  TrainCommand command;
  add_options(app, command);
  return run_tool(app, "svm_train", rewrite_libsvm_weights(raw_args), out, err, [&] {
    const Clock::time_point start = Clock::now();
    apply_choices(command);
    command.gamma.check_exclusive();
    const Dataset data = read_training_data(command);
    TrainOptions& options = command.options;
    if (!command.plot_path.empty()) check_plottable(data, options);
    options.kernel.gamma = resolve_gamma(command.gamma, data, options.scaling);
    options.kernel.validate();

    ProgressLine progress(start, err);
    if (!command.quiet) options.progress = [&](const SmoProgress& step) { progress.show(step); };
    const InterruptGuard interrupt_guard;
    options.should_stop = [] { return interrupted != 0; };
    if (command.folds != 0) return cross_validate(data, command, progress, out);
    return train_and_save(data, command, progress, start, out, err);
  });
}

}  // namespace rbfsvm::cli
