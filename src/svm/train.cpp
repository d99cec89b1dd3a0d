#include "rbfsvm/svm/train.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <string>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/core/format.hpp"
#include "core/threads.hpp"
#include "kernel/kernel_values.hpp"
#include "svm/training/formulations.hpp"
#include "svm/training/memory_budget.hpp"
#include "svm/training/one_vs_one.hpp"
#include "svm/training/probability_fit.hpp"
#include "svm/training/sample_weights.hpp"
#include "svm/training/training_checks.hpp"
#include "svm/training/scaled_data.hpp"

namespace rbfsvm {
namespace {

// The model of a one-class SVM or a regression: one problem over all points.
ModelData regression_or_one_class(const Dataset& data, const TrainOptions& options,
                                  TrainReport* report) {
  const int threads = detail::resolve_threads(options.n_threads);
  const std::size_t cache = detail::cache_bytes(options, 1);
  const std::vector<double>& w = options.sample_weights;
  const detail::BinarySolution solution =
      options.svm_type == SvmType::one_class
          ? detail::solve_one_class(data.points(), w, options, cache, threads)
      : options.svm_type == SvmType::nu_svr
          ? detail::solve_nu_svr(data.points(), data.labels, w, options, cache, threads)
          : detail::solve_epsilon_svr(data.points(), data.labels, w, options, cache, threads);
  ModelData model;
  model.svm_type = options.svm_type;
  model.kernel = options.kernel;
  model.n_classes = 2;
  model.rho = {solution.report.rho};
  std::vector<Index> rows;
  for (std::size_t i = 0; i < solution.coefficients.size(); ++i) {
    if (std::fabs(solution.coefficients[i]) > 0) rows.push_back(static_cast<Index>(i));
  }
  model.support_vectors = detail::support_vectors_of(data, rows, options);
  model.coefficients.resize(1, static_cast<Index>(rows.size()));
  for (std::size_t k = 0; k < rows.size(); ++k) {
    model.coefficients(0, static_cast<Index>(k)) = solution.coefficients[rows[k]];
    model.sv_indices.push_back(static_cast<int>(rows[k] + 1));
  }
  if (options.probability && options.svm_type == SvmType::one_class) {
    model.prob_density_marks = detail::one_class_marks(model, data.points(), threads);
  } else if (options.probability) {
    model.prob_a = {detail::svr_laplace_scale(
        data, options, [](const Dataset& part, const TrainOptions& fold_options) {
          return train(part, fold_options);
        })};
  }
  if (report) report->subproblems = {solution.report};
  return model;
}

// scikit-learn's remove_zero_weight: the points of weight 0 are left out of the training, and
// the model's sv_indices renumbered to the rows given.
Model train_without_zero_weights(const Dataset& data, const TrainOptions& options,
                                 TrainReport* report) {
  const std::vector<Index> kept = detail::positive_rows(options.sample_weights);
  TrainOptions kept_options = options;
  kept_options.sample_weights = detail::weights_of(options.sample_weights, kept);
  ModelData model = train(select_rows(data, kept), kept_options, report).data();
  for (int& index : model.sv_indices) {
    index = static_cast<int>(kept[static_cast<std::size_t>(index - 1)] + 1);
  }
  return Model(std::move(model));
}

}  // namespace

void TrainOptions::validate() const {
  kernel.validate();
  if (kernel.type == KernelType::precomputed && scaling) {
    throw InvalidArgument("a precomputed kernel cannot be combined with feature scaling");
  }
  if (kernel.type == KernelType::precomputed && storage == Storage::sparse) {
    throw InvalidArgument("a precomputed kernel's rows are stored dense (storage sparse given)");
  }
  // The fast path computes kernel rows in float: a gamma (or coef0) beyond float's range would
  // turn every kernel value into inf or NaN.
  const double float_max = static_cast<double>(std::numeric_limits<float>::max());
  for (const auto& [name, value] : {std::pair{"gamma", kernel.gamma}, {"coef0", kernel.coef0}}) {
    if (kernel_evaluation == KernelEvaluation::fast && std::fabs(value) > float_max) {
      throw InvalidArgument(std::string(name) + " " + six_digits(value) +
                            " is beyond the float range of the fast kernel rows (3.4e38); use "
                            "exact kernel evaluation (--exact)");
    }
  }
  const bool uses_C =
      svm_type == SvmType::c_svc || svm_type == SvmType::epsilon_svr || svm_type == SvmType::nu_svr;
  if (uses_C && !(C > 0 && std::isfinite(C))) {
    throw InvalidArgument("C must be a finite number > 0, got " + six_digits(C));
  }
  const bool uses_nu =
      svm_type == SvmType::nu_svc || svm_type == SvmType::one_class || svm_type == SvmType::nu_svr;
  if (uses_nu && !(nu > 0 && nu <= 1)) {
    throw InvalidArgument("nu must be in (0, 1], got " + six_digits(nu));
  }
  if (svm_type == SvmType::epsilon_svr && !(epsilon >= 0 && std::isfinite(epsilon))) {
    throw InvalidArgument("epsilon must be a finite number >= 0, got " + six_digits(epsilon));
  }
  if (!(tolerance > 0 && std::isfinite(tolerance))) {
    throw InvalidArgument("tolerance (eps) must be a finite number > 0, got " +
                          six_digits(tolerance));
  }
  if (!(cache_mb >= 0 && std::isfinite(cache_mb))) {
    throw InvalidArgument("cache size must be a finite number of MB >= 0 (0: automatic), got " +
                          six_digits(cache_mb));
  }
  for (std::size_t i = 0; i < sample_weights.size(); ++i) {
    if (!(sample_weights[i] >= 0 && std::isfinite(sample_weights[i]))) {
      throw InvalidArgument("sample weight of point " + std::to_string(i + 1) +
                            " must be finite and >= 0, got " + six_digits(sample_weights[i]));
    }
  }
  if (!sample_weights.empty() &&
      std::none_of(sample_weights.begin(), sample_weights.end(), [](double w) { return w > 0; })) {
    throw InvalidArgument("every sample weight is 0: there is nothing to train on");
  }
  for (const auto& [label, weight] : class_weights) {
    if (!(weight > 0 && std::isfinite(weight))) {
      throw InvalidArgument("weight of class " + six_digits(label) +
                            " must be finite and > 0, got " + six_digits(weight));
    }
  }
  if (max_iterations < 0) throw InvalidArgument("max_iterations must be >= 0");
  if (!(time_limit_seconds >= 0) || !std::isfinite(time_limit_seconds)) {
    throw InvalidArgument("the time limit must be a finite number of seconds >= 0, got " +
                          six_digits(time_limit_seconds));
  }
  if (!(max_memory_mb >= 0) || !std::isfinite(max_memory_mb)) {
    throw InvalidArgument("the memory limit must be a finite number of MB >= 0, got " +
                          six_digits(max_memory_mb));
  }
  if (n_threads < 0) throw InvalidArgument("n_threads must be >= 0");
}

std::int64_t TrainReport::total_iterations() const {
  std::int64_t total = 0;
  for (const auto& s : subproblems) total += s.iterations;
  return total;
}

double TrainReport::total_objective() const {
  double total = 0;
  for (const auto& s : subproblems) total += s.objective;
  return total;
}

bool TrainReport::converged() const {
  return std::all_of(subproblems.begin(), subproblems.end(),
                     [](const SubproblemReport& s) { return s.converged; });
}

double default_gamma(const Dataset& data) {
  if (data.n_features() == 0) throw InvalidArgument("the data set has no features");
  return 1.0 / static_cast<double>(data.n_features());
}

double scale_gamma(const Dataset& data) {
  const PointsRef points = data.points();
  if (points.rows() == 0 || points.cols() == 0) throw InvalidArgument("the data set has no features");
  // Var over all n d entries, the zeros a sparse set leaves out included.
  const double count = static_cast<double>(points.rows()) * static_cast<double>(points.cols());
  double variance = 0;
  if (points.is_sparse()) {
    const std::vector<double>& values = points.sparse().values();
    double sum = 0;
    for (double v : values) sum += v;
    const double mean = sum / count;
    double squares = 0;
    for (double v : values) squares += (v - mean) * (v - mean);
    variance = (squares + (count - static_cast<double>(values.size())) * mean * mean) / count;
  } else {
    const double mean = points.dense().mean();
    variance = (points.dense().array() - mean).square().mean();
  }
  if (!(variance > 0)) {
    throw InvalidArgument("gamma 'scale' needs data with non-zero variance; give gamma or sigma");
  }
  return 1.0 / (static_cast<double>(data.n_features()) * variance);
}

Model train(const Dataset& input, const TrainOptions& given, TrainReport* report) {
  detail::check_training_input(input, given);
  if (detail::has_zero_weight(given.sample_weights)) {
    return train_without_zero_weights(input, given, report);
  }
  if (given.storage != Storage::automatic &&
      input.is_sparse() != (given.storage == Storage::sparse)) {
    TrainOptions as_stored = given;
    as_stored.storage = Storage::automatic;
    return train(detail::with_points(input, stored_as(input.points(), given.storage)), as_stored,
                 report);
  }
  detail::check_memory(input, given);
  // The time limit becomes one more reason to stop, measured from here.
  TrainOptions options = given;
  options.cache_mb = kernel_budget_mb(input, given);
  if (given.time_limit_seconds > 0) {
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::duration<double>(given.time_limit_seconds);
    options.should_stop = [deadline, outer = given.should_stop] {
      return std::chrono::steady_clock::now() >= deadline || (outer && outer());
    };
  }
  Dataset scaled;
  std::optional<Scaling> scaling;
  if (options.scaling) {
    scaling = Scaling::fit(detail::scaling_for(*options.scaling, input), input.points());
    scaled = detail::scaled_copy(input, *scaling);
  }
  const Dataset& data = options.scaling ? scaled : input;
  detail::check_kernel_range(options.kernel, data.points(), "training point");
  ModelData model = is_classification(options.svm_type)
                        ? detail::one_vs_one(data, options, report)
                        : regression_or_one_class(data, options, report);
  model.scaling = scaling;
  model.class_names = data.class_names;
  model.feature_names = data.feature_names;
  model.n_features = options.kernel.type == KernelType::precomputed ? 0 : data.points().cols();
  return Model(std::move(model));
}

}  // namespace rbfsvm
