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
#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/svm/evaluation.hpp"
#include "rbfsvm/svm/model_io.hpp"
#include "rbfsvm/plot/decision_plot.hpp"
#include "rbfsvm/plot/plot.hpp"
#include "rbfsvm/svm/train.hpp"

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

SvmType parse_svm_type(const std::string& text) {
  if (text.size() == 1 && text[0] >= '0' && text[0] <= '4') return static_cast<SvmType>(text[0] - '0');
  return svm_type_from_string(text);
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
  write_decision_boundary_png(model, data.X, data.labels, path, plot);
}

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
  app.set_help_flag("--help", "print this help and exit");  // -h is LIBSVM's shrinking flag
  std::string data_path, model_path;
  std::string type_text = "c_svc", kernel_text = "rbf", gamma_text, label_column;
  std::optional<double> sigma;
  TrainOptions options;
  int shrinking = 1, probability = 0, folds = 0;
  std::vector<std::string> weights;
  bool quiet = false;
  app.add_option("training_file", data_path, "CSV or LIBSVM-format data")->required();
  app.add_option("model_file", model_path, "where to write the model (default TRAINING_FILE.model)");
  app.add_option("-s,--type", type_text,
                 "c_svc (0), nu_svc (1), one_class (2), epsilon_svr (3), nu_svr (4); default c_svc");
  app.add_option("-t,--kernel", kernel_text,
                 "linear (0), polynomial (1), rbf (2), sigmoid (3), precomputed (4: LIBSVM's "
                 "'label 0:serial 1:K(x,x1) ...' rows); default rbf");
  app.add_option("--sigma", sigma, "RBF width: gamma = 1 / (2 sigma^2)");
  app.add_option("-g,--gamma", gamma_text,
                 "kernel gamma, or 'scale' for 1 / (n_features * Var(X)) (scikit-learn); "
                 "default 1 / n_features (LIBSVM)");
  app.add_option("-d,--degree", options.kernel.degree, "polynomial degree (default 3)");
  app.add_option("-r,--coef0", options.kernel.coef0, "polynomial / sigmoid coef0 (default 0)");
  app.add_option("-c,-C,--cost", options.C, "C of C-SVC, epsilon-SVR and nu-SVR (default 1)");
  app.add_option("-n,--nu", options.nu, "nu of nu-SVC, one-class and nu-SVR (default 0.5)");
  app.add_option("-p,--epsilon", options.epsilon, "epsilon of epsilon-SVR (default 0.1)");
  app.add_option("-e,--tol", options.tolerance, "stopping tolerance (default 0.001)");
  app.add_option("-m,--cache-mb", options.cache_mb,
                 "kernel rows / cache budget in MB (default 0: what --max-memory leaves after the "
                 "data)");
  bool exact = false;
  app.add_flag("--exact", exact,
               "evaluate the kernel entry by entry in double precision, as LIBSVM (slower; the "
               "default computes kernel rows in blocks, in float)");
  app.add_option("-h,--shrinking", shrinking, "shrinking heuristics, 0 or 1 (default 1)")
      ->check(CLI::IsMember({0, 1}));
  app.add_option("-b,--probability", probability, "train a probability model, 0 or 1")
      ->check(CLI::IsMember({0, 1}));
  app.add_option("--weight", weights, "LABEL=W: multiply C of class LABEL by W (LIBSVM: -wLABEL W)")
      ->allow_extra_args(false);
  CLI::Option* cv_option =
      app.add_option("-v,--cv", folds, "K-fold cross-validation: print accuracy, save no model");
  app.add_option("--threads", options.n_threads, "threads (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--seed", options.seed, "seed for cross-validation folds (default 1)");
  app.add_option("--label", label_column, "CSV label column, by name or 1-based index");
  app.add_option("--max-iterations", options.max_iterations,
                 "iteration cap per subproblem (default max(10^7, 100 n))");
  std::string scale_text;
  app.add_flag("--scale{minmax}", scale_text,
               "scale features, fitted on the training data, saved with the model and applied by "
               "svm_predict: --scale or --scale=minmax (to [-1, 1], as svm-scale), --scale=zscore")
      ->check(CLI::IsMember({"minmax", "zscore"}));
  app.add_option("--time-limit", options.time_limit_seconds,
                 "stop training after this many seconds with a usable, not optimal, model");
  app.add_option("--max-memory", options.max_memory_mb,
                 "refuse to start when data and kernel cache would need more MB than this "
                 "(default: half of physical memory)");
  std::string plot_path;
  app.add_option("--plot", plot_path,
                 "also draw the decision function, the boundary, the margins and the support "
                 "vectors over the training points as a PNG (classifiers on 2-feature data only)")
      ->excludes(cv_option);
  app.add_flag("-q,--quiet", quiet, "print nothing but errors");
  const std::vector<std::string> args = rewrite_libsvm_weights(raw_args);

  return run_tool(app, "svm_train", args, out, err, [&] {
    const Clock::time_point start = Clock::now();
    options.svm_type = parse_svm_type(type_text);
    options.kernel.type = parse_kernel_type(kernel_text);
    if (exact) options.kernel_evaluation = rbfsvm::KernelEvaluation::exact;
    options.shrinking = shrinking == 1;
    options.probability = probability == 1;
    if (!scale_text.empty()) {
      options.scaling = scale_text == "minmax" ? ScalingKind::min_max : ScalingKind::z_score;
    }
    for (const std::string& weight : weights) options.class_weights.push_back(parse_weight(weight));
    if (sigma && !gamma_text.empty()) {
      throw InvalidArgument("give --sigma or --gamma, not both (gamma = 1 / (2 sigma^2))");
    }

    ReadOptions read_options;
    read_options.label_column = label_column;
    if (options.kernel.type == KernelType::precomputed) {
      read_options.format = DataFormat::libsvm;
      read_options.precomputed_kernel = true;
    }
    const Dataset data = read_dataset(data_path, read_options);
    if (!plot_path.empty()) check_plottable(data, options);

    if (sigma) {
      options.kernel.gamma = gamma_from_sigma(*sigma);
    } else if (gamma_text == "scale") {
      // scikit-learn's rule on the data the kernel will see: scaled first when --scale is given.
      Dataset seen = data;
      if (options.scaling == ScalingKind::min_max) Scaling::fit_min_max(seen.X).apply(seen.X);
      if (options.scaling == ScalingKind::z_score) Scaling::fit_z_score(seen.X).apply(seen.X);
      options.kernel.gamma = scale_gamma(seen);
    } else if (!gamma_text.empty()) {
      try {
        std::size_t used = 0;
        options.kernel.gamma = std::stod(gamma_text, &used);
        if (used != gamma_text.size()) throw std::exception();
      } catch (const std::exception&) {
        throw InvalidArgument("--gamma expects a number or 'scale', got '" + gamma_text + "'");
      }
    } else {
      options.kernel.gamma = default_gamma(data);
    }
    options.kernel.validate();

    // Progress on stderr once a run has taken more than a second.
    std::mutex progress_mutex;
    bool progress_shown = false;
    if (!quiet) {
      options.progress = [&](const SmoProgress& progress) {
        const double elapsed = seconds_since(start);
        if (elapsed < 1.0) return;
        std::lock_guard<std::mutex> lock(progress_mutex);
        err << "\rsvm_train: iteration " << progress.iterations << ", gap " << std::setprecision(3)
            << progress.gap << ", active " << progress.active_size << ", " << std::fixed
            << std::setprecision(1) << elapsed << " s   " << std::defaultfloat << std::setprecision(6) << std::flush;
        progress_shown = true;
      };
    }

    const InterruptGuard interrupt_guard;
    options.should_stop = [] { return interrupted != 0; };
    const auto refuse_if_interrupted = [&] {
      if (interrupted == 0) return false;
      if (progress_shown) err << '\n';
      err << "svm_train: interrupted: no model written\n";
      return true;
    };

    if (folds != 0) {
      const std::vector<double> predicted = cross_validation_predictions(data, options, folds);
      if (refuse_if_interrupted()) return exit_interrupted;
      if (progress_shown) err << '\n';
      if (is_classification(options.svm_type) || options.svm_type == SvmType::one_class) {
        out << "Cross Validation Accuracy = " << 100.0 * accuracy(data.labels, predicted) << "%\n";
      } else {
        const RegressionMetrics metrics = regression_metrics(data.labels, predicted);
        out << "Cross Validation Mean squared error = " << metrics.mean_squared_error << '\n'
            << "Cross Validation Squared correlation coefficient = "
            << metrics.squared_correlation << '\n';
      }
      return exit_success;
    }

    TrainReport report;
    ModelData trained = train(data, options, &report).data();
    if (refuse_if_interrupted()) return exit_interrupted;
    if (sigma) trained.sigma = *sigma;
    const Model model(std::move(trained));
    if (model_path.empty()) model_path = data_path + ".model";
    save_model(model, model_path);
    if (progress_shown) err << '\n';
    if (!plot_path.empty()) plot_model(model, data, options, sigma, plot_path);
    if (!report.converged()) {
      err << "svm_train: warning: the iteration cap or the time limit was reached before the "
             "tolerance; the model is usable but not optimal (raise --max-iterations, "
             "--time-limit or --tol)\n";
    }
    if (!quiet) {
      out << "points " << data.n_samples() << ", features " << data.n_features();
      if (is_classification(options.svm_type)) out << ", classes " << model.n_classes();
      out << "\nkernel " << to_string(options.kernel.type);
      if (options.kernel.type != KernelType::linear &&
          options.kernel.type != KernelType::precomputed) {
        out << ", gamma " << options.kernel.gamma;
        if (options.kernel.type == KernelType::rbf) {
          out << " (sigma " << sigma_from_gamma(options.kernel.gamma) << ")";
        }
      }
      out << ", C " << options.C << "\nsupport vectors " << model.n_support_vectors()
          << ", iterations " << report.total_iterations() << ", objective "
          << std::setprecision(10) << report.total_objective() << std::setprecision(6) << "\n"
          << "time " << std::fixed << std::setprecision(3) << seconds_since(start) << " s\n"
          << std::defaultfloat << "model written to " << model_path << '\n';
      if (!plot_path.empty()) out << "decision boundary drawn in " << plot_path << '\n';
    }
    return exit_success;
  });
}

}  // namespace rbfsvm::cli
