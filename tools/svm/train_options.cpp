#include "train_options.hpp"

#include <CLI/CLI.hpp>
#include <map>
#include <sstream>

namespace rbfsvm::cli {
namespace {

// "WHAT (default VALUE[NOTE])", VALUE written as an ostream writes it (0.001, 0.5, 3).
template <typename Value>
std::string with_default(const std::string& what, const Value& value, const std::string& note = "") {
  std::ostringstream text;
  text << what << " (default " << value << note << ")";
  return text.str();
}

}  // namespace

void add_train_options(CLI::App& app, TrainOptions& options, TrainingTool tool) {
  const TrainOptions defaults;
  const bool train = tool == TrainingTool::svm_train;
  if (train) {
    app.add_option("-d,--degree", options.kernel.degree,
                   with_default("polynomial degree", defaults.kernel.degree));
    app.add_option("-r,--coef0", options.kernel.coef0,
                   with_default("polynomial / sigmoid coef0", defaults.kernel.coef0));
    app.add_option("-c,-C,--cost", options.C,
                   with_default("C of C-SVC, epsilon-SVR and nu-SVR", defaults.C));
  }
  app.add_option("-n,--nu", options.nu,
                 with_default(train ? "nu of nu-SVC, one-class and nu-SVR" : "nu for nu_svc / nu_svr",
                              defaults.nu));
  app.add_option("-p,--epsilon", options.epsilon,
                 with_default(train ? "epsilon of epsilon-SVR" : "epsilon of epsilon_svr",
                              defaults.epsilon));
  app.add_option("-e,--tol", options.tolerance, with_default("stopping tolerance", defaults.tolerance));
  app.add_option("-m,--cache-mb", options.cache_mb,
                 train ? with_default("kernel rows / cache budget in MB", defaults.cache_mb,
                                      ": what --max-memory leaves after the data")
                       : with_default("kernel budget of the whole search in MB, shared by the "
                                      "points that run at once",
                                      defaults.cache_mb, ": what the memory limit leaves after the data"));
}

void add_seed_option(CLI::App& app, TrainOptions& options, TrainingTool tool) {
  app.add_option("--seed", options.seed,
                 with_default(tool == TrainingTool::svm_train ? "seed for cross-validation folds"
                                                              : "seed of the fold assignment",
                              TrainOptions{}.seed));
}

void add_scale_option(CLI::App& app, std::string& scale_text, TrainingTool tool) {
  app.add_flag("--scale{minmax}", scale_text,
               tool == TrainingTool::svm_train
                   ? "scale features, fitted on the training data, saved with the model and "
                     "applied by svm_predict: --scale or --scale=minmax (to [-1, 1], as "
                     "svm-scale; sparse data gets maxabs, which keeps zeros), --scale=zscore, "
                     "--scale=maxabs (x / max|x|)"
                   : "scale features in each fold: --scale, --scale=zscore, --scale=maxabs")
      ->check(CLI::IsMember({"minmax", "zscore", "maxabs"}));
}

std::optional<ScalingKind> scaling_from_option(const std::string& scale_text) {
  if (scale_text.empty()) return std::nullopt;
  if (scale_text == "minmax") return ScalingKind::min_max;
  return scale_text == "zscore" ? ScalingKind::z_score : ScalingKind::max_abs;
}

void add_storage_option(CLI::App& app, Storage& storage) {
  app.add_option("--storage", storage,
                 "how the points are held: auto (sparse for LIBSVM files whose dense copy would "
                 "pass 64 MB with under 20% non-zeros), dense or sparse (default auto)")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, Storage>{{"auto", Storage::automatic},
                                         {"dense", Storage::dense},
                                         {"sparse", Storage::sparse}}));
}

SvmType parse_svm_type(const std::string& text) {
  if (text.size() == 1 && text[0] >= '0' && text[0] <= '4') return static_cast<SvmType>(text[0] - '0');
  return svm_type_from_string(text);
}

}  // namespace rbfsvm::cli
