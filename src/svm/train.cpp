#include "rbfsvm/svm/train.hpp"
#include "solver/smo_solver.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <numeric>
#include <memory>
#include <random>
#include <sstream>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/svm/evaluation.hpp"
#include "rbfsvm/svm/probability.hpp"
#include "kernel/kernel_values.hpp"
#include "core/threads.hpp"

namespace rbfsvm {
namespace {

std::string text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

// One binary (or one-class / regression) solve in the form the model needs: signed
// coefficients y_i alpha_i per point and the bias.
struct BinarySolution {
  std::vector<double> coefficients;
  SubproblemReport report;
  PlattSigmoid sigmoid;  // when a probability model was asked for
};

SmoOptions solver_options(const TrainOptions& options, int threads) {
  SmoOptions smo;
  smo.n_threads = threads;
  smo.eps = options.tolerance;
  smo.shrinking = options.shrinking;
  smo.deferred_bound_gradient = options.kernel_evaluation == KernelEvaluation::fast;
  smo.max_iterations = options.max_iterations;
  smo.progress = options.progress;
  smo.should_stop = options.should_stop;
  smo.simd = options.simd;
  smo.pass_splitting = options.pass_splitting;
  return smo;
}

// The data copies a training run makes (the one-vs-one pairs copy their rows, one per thread
// at a time; scaling copies the whole set; the fast path keeps the points in float, twice (as
// rows and transposed) and, for several pairs, grouped by class), in MB.
double data_copies_mb(const Dataset& data, const TrainOptions& options) {
  const double data_mb = static_cast<double>(data.X.size()) * sizeof(double) / (1024.0 * 1024.0);
  const double fast_path = options.kernel_evaluation == KernelEvaluation::fast ? 2.0 : 0.0;
  const double copies = 1.0 + (options.scaling ? 1.0 : 0.0) + fast_path +
                        static_cast<double>(detail::resolve_threads(options.n_threads));
  return data_mb * copies;
}

double memory_limit_mb(const TrainOptions& options) {
  return options.max_memory_mb > 0 ? options.max_memory_mb : default_max_memory_mb();
}

void check_memory(const Dataset& data, const TrainOptions& options) {
  const double limit = memory_limit_mb(options);
  const double data_mb = data_copies_mb(data, options);
  const double need = data_mb + options.cache_mb;
  if (limit > 0 && need > limit) {
    std::ostringstream message;
    message << "training would need about " << std::llround(need) << " MB (data copies "
            << std::llround(data_mb) << " MB";
    if (options.cache_mb > 0) message << " + kernel cache " << options.cache_mb << " MB";
    message << "), more than the memory limit of " << std::llround(limit) << " MB; "
            << (options.cache_mb > 0 ? "lower the cache (--cache-mb), " : "")
            << "use fewer threads, or raise --max-memory";
    throw InvalidArgument(message.str());
  }
}

std::size_t cache_bytes(const TrainOptions& options, int parallel_solves) {
  return static_cast<std::size_t>(options.cache_mb * 1024.0 * 1024.0 / parallel_solves);
}

bool use_row_store(const TrainOptions& options) {
  return options.kernel_evaluation == KernelEvaluation::fast &&
         options.kernel.type != KernelType::precomputed;
}

std::vector<Index> first_points(Index n) {
  std::vector<Index> points(static_cast<std::size_t>(n));
  std::iota(points.begin(), points.end(), Index{0});
  return points;
}

// The one-vs-one pairs' shared store over the whole (class-grouped) training set: its complete
// kernel matrix or its diagonal blocks. A pair's points are points of it.
struct SharedRows {
  std::shared_ptr<KernelRowStore> store;
  std::vector<Index> points;
  std::vector<float>* local_buffer = nullptr;  // the solving thread's, for the pair's copy of Q
};

// Q over the points of X with the given signs, for the evaluation the options ask for.
std::unique_ptr<QMatrix> make_q(const RowMatrix<double>& X, const std::vector<signed char>& signs,
                                const TrainOptions& options, std::size_t cache, int threads,
                                const SharedRows* shared = nullptr) {
  if (shared) {
    return std::make_unique<StoredQMatrix>(shared->store, shared->points, signs,
                                           shared->local_buffer);
  }
  if (!use_row_store(options)) {
    return std::make_unique<KernelQMatrix>(options.kernel, X, signs, cache, threads);
  }
  auto store = std::make_shared<KernelRowStore>(options.kernel, X, cache, threads);
  std::vector<signed char> all_signs =
      signs.empty() ? std::vector<signed char>(static_cast<std::size_t>(X.rows()), 1) : signs;
  return std::make_unique<StoredQMatrix>(std::move(store), first_points(X.rows()),
                                         std::move(all_signs));
}

BinarySolution finish(const SmoResult& result, std::vector<double> coefficients,
                      const std::vector<double>& upper_bound) {
  BinarySolution solution;
  solution.report.objective = result.objective;
  solution.report.rho = result.rho;
  solution.report.iterations = result.iterations;
  solution.report.converged = result.converged;
  solution.report.gap = result.gap;
  for (std::size_t t = 0; t < coefficients.size(); ++t) {
    if (std::fabs(coefficients[t]) > 0) {
      ++solution.report.n_support_vectors;
      if (std::fabs(coefficients[t]) >= upper_bound[t]) ++solution.report.n_bounded;
    }
  }
  solution.coefficients = std::move(coefficients);
  return solution;
}

// C-SVC: min 1/2 a^T Q a - e^T a, y^T a = 0, 0 <= a_i <= C_{y_i}, Q_ij = y_i y_j K_ij.
BinarySolution solve_c_svc(const RowMatrix<double>& X, const std::vector<signed char>& y,
                           double C_positive, double C_negative, const TrainOptions& options,
                           std::size_t cache, int threads, const SharedRows* shared) {
  const std::size_t n = y.size();
  SmoProblem problem;
  problem.p.assign(n, -1.0);
  problem.y = y;
  problem.alpha.assign(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    problem.upper_bound.push_back(y[i] > 0 ? C_positive : C_negative);
  }
  const auto Q = make_q(X, y, options, cache, threads, shared);
  const std::vector<double> bounds = problem.upper_bound;
  const SmoResult result = solve_smo(*Q, std::move(problem), solver_options(options, threads));
  std::vector<double> coefficients(n);
  for (std::size_t i = 0; i < n; ++i) coefficients[i] = result.alpha[i] * y[i];
  return finish(result, std::move(coefficients), bounds);
}

// nu-SVC (Schoelkopf et al. 2000) in LIBSVM's scaled form: min 1/2 a^T Q a, y^T a = 0,
// e^T a = nu n, 0 <= a_i <= 1; the solution divided by r is the C-SVC one with C = 1 / r
// (Chang & Lin 2011, §2.2 and §4.2.4).
BinarySolution solve_nu_svc(const RowMatrix<double>& X, const std::vector<signed char>& y,
                            const TrainOptions& options, std::size_t cache, int threads,
                            const SharedRows* shared) {
  const std::size_t n = y.size();
  SmoProblem problem;
  problem.p.assign(n, 0.0);
  problem.y = y;
  problem.upper_bound.assign(n, 1.0);
  double sum_positive = options.nu * static_cast<double>(n) / 2;
  double sum_negative = sum_positive;
  for (std::size_t i = 0; i < n; ++i) {
    double& remaining = y[i] > 0 ? sum_positive : sum_negative;
    problem.alpha.push_back(std::min(1.0, remaining));
    remaining -= problem.alpha.back();
  }
  const auto Q = make_q(X, y, options, cache, threads, shared);
  SmoOptions smo = solver_options(options, threads);
  smo.nu_variant = true;
  SmoResult result = solve_smo(*Q, std::move(problem), smo);
  const double r = result.r;
  std::vector<double> coefficients(n);
  for (std::size_t i = 0; i < n; ++i) coefficients[i] = result.alpha[i] * y[i] / r;
  result.rho /= r;
  result.objective /= r * r;
  return finish(result, std::move(coefficients), std::vector<double>(n, 1.0 / r));
}

// The pair's (or binary problem's) solve on given rows, for cross-validation.
BinarySolution solve_binary(const RowMatrix<double>& X, const std::vector<signed char>& y,
                            double C_positive, double C_negative, const TrainOptions& options,
                            std::size_t cache, int threads, const SharedRows* shared = nullptr) {
  return options.svm_type == SvmType::nu_svc
             ? solve_nu_svc(X, y, options, cache, threads, shared)
             : solve_c_svc(X, y, C_positive, C_negative, options, cache, threads, shared);
}

// Platt's sigmoid for one binary problem, fitted to decision values from 5-fold
// cross-validation on its points (LIBSVM's svm_binary_svc_probability). The folds come from a
// shuffle seeded by `seed`; a training fold holding a single class predicts that class (+-1).
PlattSigmoid binary_probability(const RowMatrix<double>& X, const std::vector<signed char>& y,
                                double C_positive, double C_negative, const TrainOptions& options,
                                std::size_t cache, int threads, unsigned seed) {
  constexpr Index folds = 5;
  const Index n = X.rows();
  std::vector<Index> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), Index{0});
  std::shuffle(order.begin(), order.end(), std::mt19937(seed));
  std::vector<double> decision(static_cast<std::size_t>(n), 0.0), labels(y.begin(), y.end());
  for (Index fold = 0; fold < folds; ++fold) {
    const Index begin = fold * n / folds, end = (fold + 1) * n / folds;
    std::vector<Index> train_rows, test_rows;
    for (Index k = 0; k < n; ++k) (k >= begin && k < end ? test_rows : train_rows).push_back(order[k]);
    if (test_rows.empty()) continue;
    RowMatrix<double> X_train(static_cast<Index>(train_rows.size()), X.cols());
    std::vector<signed char> y_train;
    for (std::size_t r = 0; r < train_rows.size(); ++r) {
      X_train.row(static_cast<Index>(r)) = X.row(train_rows[r]);
      y_train.push_back(y[train_rows[r]]);
    }
    const bool has_positive = std::count(y_train.begin(), y_train.end(), 1) > 0;
    const bool has_negative = std::count(y_train.begin(), y_train.end(), -1) > 0;
    if (!(has_positive && has_negative)) {
      for (Index row : test_rows) decision[row] = has_positive ? 1.0 : has_negative ? -1.0 : 0.0;
      continue;
    }
    const BinarySolution solution =
        solve_binary(X_train, y_train, C_positive, C_negative, options, cache, threads);
    RowMatrix<double> X_test(static_cast<Index>(test_rows.size()), X.cols());
    for (std::size_t r = 0; r < test_rows.size(); ++r) X_test.row(static_cast<Index>(r)) = X.row(test_rows[r]);
    const Eigen::Map<const Eigen::VectorXd> coefficients(solution.coefficients.data(),
                                                         static_cast<Index>(solution.coefficients.size()));
    const Eigen::VectorXd values =
        detail::kernel_values(options.kernel, X_test, X_train, ThreadOptions{threads}) * coefficients;
    for (std::size_t r = 0; r < test_rows.size(); ++r) {
      decision[test_rows[r]] = values(static_cast<Index>(r)) - solution.report.rho;
    }
  }
  return fit_platt_sigmoid(decision, labels);
}

// One-class SVM (Schoelkopf et al. 2001): min 1/2 a^T K a, e^T a = nu n, 0 <= a_i <= 1.
BinarySolution solve_one_class(const RowMatrix<double>& X, const TrainOptions& options,
                               std::size_t cache, int threads) {
  const std::size_t n = static_cast<std::size_t>(X.rows());
  SmoProblem problem;
  problem.p.assign(n, 0.0);
  problem.y.assign(n, 1);
  problem.upper_bound.assign(n, 1.0);
  problem.alpha.assign(n, 0.0);
  const double total = options.nu * static_cast<double>(n);
  const std::size_t whole = static_cast<std::size_t>(total);
  for (std::size_t i = 0; i < whole && i < n; ++i) problem.alpha[i] = 1.0;
  if (whole < n) problem.alpha[whole] = total - static_cast<double>(whole);
  const auto Q = make_q(X, {}, options, cache, threads);
  const SmoResult result = solve_smo(*Q, std::move(problem), solver_options(options, threads));
  return finish(result, result.alpha, std::vector<double>(n, 1.0));
}

// epsilon-SVR and nu-SVR over 2n variables (alpha, alpha*) with y = [+1; -1]:
//   epsilon-SVR: p = [eps - z; eps + z], 0 <= a <= C;
//   nu-SVR:      p = [-z; z], e^T a = C nu n, 0 <= a <= C (epsilon found by the solver: -r).
BinarySolution solve_regression(const RowMatrix<double>& X, const std::vector<double>& z,
                                const TrainOptions& options, std::size_t cache, int threads) {
  const std::size_t n = z.size();
  const bool nu = options.svm_type == SvmType::nu_svr;
  SmoProblem problem;
  problem.p.resize(2 * n);
  problem.y.resize(2 * n);
  problem.alpha.assign(2 * n, 0.0);
  problem.upper_bound.assign(2 * n, options.C);
  double remaining = options.C * options.nu * static_cast<double>(n) / 2;
  for (std::size_t i = 0; i < n; ++i) {
    problem.y[i] = 1;
    problem.y[i + n] = -1;
    if (nu) {
      problem.p[i] = -z[i];
      problem.p[i + n] = z[i];
      problem.alpha[i] = problem.alpha[i + n] = std::min(remaining, options.C);
      remaining -= problem.alpha[i];
    } else {
      problem.p[i] = options.epsilon - z[i];
      problem.p[i + n] = options.epsilon + z[i];
    }
  }
  std::unique_ptr<QMatrix> Q;
  if (use_row_store(options)) {
    // Variables t and t + n both stand for point t.
    std::vector<Index> points = first_points(static_cast<Index>(n));
    points.insert(points.end(), points.begin(), points.end());
    Q = std::make_unique<StoredQMatrix>(
        std::make_shared<KernelRowStore>(options.kernel, X, cache, threads), std::move(points),
        problem.y);
  } else {
    Q = std::make_unique<RegressionQMatrix>(options.kernel, X, cache, threads);
  }
  SmoOptions smo = solver_options(options, threads);
  smo.nu_variant = nu;
  const SmoResult result = solve_smo(*Q, std::move(problem), smo);
  std::vector<double> coefficients(n);
  for (std::size_t i = 0; i < n; ++i) coefficients[i] = result.alpha[i] - result.alpha[i + n];
  return finish(result, std::move(coefficients), std::vector<double>(n, options.C));
}

// Classes in order of first appearance, except that a two-class -1/+1 set always puts +1 first,
// so the binary problem's positive class is +1 (LIBSVM's svm_group_classes).
struct ClassGroups {
  std::vector<double> labels;
  std::vector<Index> count, start;
  std::vector<Index> order;  // training rows grouped by class, in original order within a class
};

ClassGroups group_classes(const std::vector<double>& labels) {
  ClassGroups groups;
  std::vector<std::size_t> class_of(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const auto found = std::find(groups.labels.begin(), groups.labels.end(), labels[i]);
    class_of[i] = static_cast<std::size_t>(found - groups.labels.begin());
    if (found == groups.labels.end()) {
      groups.labels.push_back(labels[i]);
      groups.count.push_back(0);
    }
    ++groups.count[class_of[i]];
  }
  if (groups.labels.size() == 2 && groups.labels[0] == -1 && groups.labels[1] == 1) {
    std::swap(groups.labels[0], groups.labels[1]);
    std::swap(groups.count[0], groups.count[1]);
    for (auto& c : class_of) c = 1 - c;
  }
  groups.start.assign(groups.labels.size(), 0);
  for (std::size_t c = 1; c < groups.labels.size(); ++c) {
    groups.start[c] = groups.start[c - 1] + groups.count[c - 1];
  }
  groups.order.resize(labels.size());
  std::vector<Index> next = groups.start;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    groups.order[next[class_of[i]]++] = static_cast<Index>(i);
  }
  return groups;
}

void check_data(const Dataset& data, const TrainOptions& options) {
  if (data.n_samples() == 0) throw InvalidArgument("the training set is empty");
  if (static_cast<Index>(data.n_samples()) != data.X.rows()) {
    throw InvalidArgument("the data set has " + std::to_string(data.X.rows()) + " points but " +
                          std::to_string(data.n_samples()) + " labels");
  }
  if (!data.X.allFinite()) throw InvalidArgument("the training points contain NaN or infinity");
  for (std::size_t i = 0; i < data.labels.size(); ++i) {
    if (!std::isfinite(data.labels[i])) {
      throw InvalidArgument("label of point " + std::to_string(i + 1) + " is not finite");
    }
    if (is_classification(options.svm_type) && data.labels[i] != std::floor(data.labels[i])) {
      throw InvalidArgument("class labels must be integers (LIBSVM's model format stores them as "
                            "integers); point " + std::to_string(i + 1) + " has label " +
                            text(data.labels[i]) +
                            ". For real-valued targets train a regression (epsilon_svr or nu_svr)");
    }
  }
}

// A precomputed-kernel model keeps only each support vector's serial number (LIBSVM's "0:s").
Index sv_width(const Dataset& data, const TrainOptions& options) {
  return options.kernel.type == KernelType::precomputed ? 1 : data.X.cols();
}

ModelData regression_or_one_class(const Dataset& data, const TrainOptions& options,
                                  TrainReport* report) {
  const int threads = detail::resolve_threads(options.n_threads);
  const BinarySolution solution =
      options.svm_type == SvmType::one_class
          ? solve_one_class(data.X, options, cache_bytes(options, 1), threads)
          : solve_regression(data.X, data.labels, options, cache_bytes(options, 1), threads);
  ModelData model;
  model.svm_type = options.svm_type;
  model.kernel = options.kernel;
  model.n_classes = 2;
  model.rho = {solution.report.rho};
  std::vector<Index> rows;
  for (std::size_t i = 0; i < solution.coefficients.size(); ++i) {
    if (std::fabs(solution.coefficients[i]) > 0) rows.push_back(static_cast<Index>(i));
  }
  model.support_vectors.resize(static_cast<Index>(rows.size()), sv_width(data, options));
  model.coefficients.resize(1, static_cast<Index>(rows.size()));
  for (std::size_t k = 0; k < rows.size(); ++k) {
    model.support_vectors.row(static_cast<Index>(k)) =
        data.X.row(rows[k]).leftCols(model.support_vectors.cols());
    model.coefficients(0, static_cast<Index>(k)) = solution.coefficients[rows[k]];
    model.sv_indices.push_back(static_cast<int>(rows[k] + 1));
  }
  if (options.probability && options.svm_type == SvmType::one_class) {
    // Density marks from the training points' own decision values (LIBSVM 3.3x).
    const Model fitted(model);
    const RowMatrix<double> values = fitted.decision_values(data.X, ThreadOptions{threads});
    model.prob_density_marks =
        one_class_density_marks(std::vector<double>(values.data(), values.data() + values.size()));
  } else if (options.probability) {
    // Laplace scale of 5-fold cross-validated residuals (LIBSVM's svm_svr_probability). The
    // data are already scaled here, so the folds train without scaling or probabilities.
    TrainOptions fold_options = options;
    fold_options.probability = false;
    fold_options.scaling.reset();
    const std::vector<double> predicted = cross_validation_predictions(data, fold_options, 5);
    std::vector<double> residuals(predicted.size());
    for (std::size_t i = 0; i < predicted.size(); ++i) residuals[i] = data.labels[i] - predicted[i];
    model.prob_a = {fit_laplace_scale(residuals)};
  }
  if (report) report->subproblems = {solution.report};
  return model;
}

// One-vs-one: k (k - 1) / 2 binary problems, class i as +1 against class j as -1, solved in
// parallel (each with its share of the cache); a point is a support vector of the model when it
// is one in any pair (LIBSVM's svm_train).
ModelData one_vs_one(const Dataset& data, const TrainOptions& options, TrainReport* report) {
  const ClassGroups groups = group_classes(data.labels);
  const int k = static_cast<int>(groups.labels.size());
  if (k < 2) {
    throw InvalidArgument("the training set has a single class (label " +
                          text(groups.labels[0]) + "); a classifier needs at least two");
  }
  std::vector<double> weighted_C(static_cast<std::size_t>(k), options.C);
  for (const auto& [label, weight] : options.class_weights) {
    const auto found = std::find(groups.labels.begin(), groups.labels.end(), label);
    if (found == groups.labels.end()) {
      throw InvalidArgument("class weight given for label " + text(label) +
                            ", which is not in the training set");
    }
    weighted_C[found - groups.labels.begin()] *= weight;
  }
  std::vector<std::pair<int, int>> pairs;
  for (int i = 0; i < k; ++i) {
    for (int j = i + 1; j < k; ++j) {
      // nu-SVC needs nu (n_i + n_j) / 2 <= min(n_i, n_j): each class can carry at most its own
      // size of the e^T alpha = nu n budget (Chang & Lin 2011, §2.2).
      const double n_i = static_cast<double>(groups.count[i]);
      const double n_j = static_cast<double>(groups.count[j]);
      if (options.svm_type == SvmType::nu_svc && options.nu * (n_i + n_j) / 2 > std::min(n_i, n_j)) {
        throw InvalidArgument("nu " + text(options.nu) + " is infeasible for classes " +
                              text(groups.labels[i]) + " (" + text(n_i) + " points) and " +
                              text(groups.labels[j]) + " (" + text(n_j) + " points): it must be "
                              "at most 2 min(n_i, n_j) / (n_i + n_j) = " +
                              text(2 * std::min(n_i, n_j) / (n_i + n_j)));
      }
      pairs.emplace_back(i, j);
    }
  }
  const Index n_pairs = static_cast<Index>(pairs.size());
  const int threads = detail::resolve_threads(options.n_threads);
  // Fast path, several pairs: the points grouped by class, so that a pair's points are two
  // contiguous runs, in one store shared read-only by the pairs. When every pair's Q fits its
  // local copy, the store keeps only the diagonal blocks K(class c, class c), which many pairs
  // read; each pair computes its own off-diagonal block K(class i, class j) into its copy. The
  // kernel work is then that of one symmetric Gram build, and the memory a fraction 1 / k of
  // it. Otherwise the whole kernel matrix is built once when the budget holds it, and the pairs
  // gather their columns from its rows. Failing both, each pair computes its own rows, and the
  // pairs run one after another with the whole budget, so that no pair's budget (and so its
  // batches of rows) depends on the thread count.
  std::shared_ptr<KernelRowStore> shared_store;
  std::size_t local_copy_bytes = 0;  // the largest pair's local Q, when pairs copy theirs
  Index max_workers = n_pairs;
  if (use_row_store(options) && n_pairs > 1) {
    RowMatrix<double> grouped(data.X.rows(), data.X.cols());
    for (Index r = 0; r < grouped.rows(); ++r) grouped.row(r) = data.X.row(groups.order[r]);
    const std::size_t budget = cache_bytes(options, 1);
    auto store = std::make_shared<KernelRowStore>(options.kernel, grouped, budget, threads);
    // Bytes of a square float matrix over `points` points.
    const auto square_bytes = [](Index points) {
      return static_cast<double>(points) * static_cast<double>(points) * sizeof(float);
    };
    double largest_pair = 0, blocks = 0;
    for (int c = 0; c < k; ++c) blocks += square_bytes(groups.count[c]);
    for (const auto& [i, j] : pairs) {
      largest_pair = std::max(largest_pair, square_bytes(groups.count[i] + groups.count[j]));
    }
    const bool pairs_copy_q = largest_pair <= static_cast<double>(StoredQMatrix::local_limit_bytes);
    if (pairs_copy_q && blocks + largest_pair <= static_cast<double>(budget)) {
      std::vector<Index> starts = groups.start;
      starts.push_back(grouped.rows());
      store->compute_diagonal_blocks(starts);
      shared_store = std::move(store);
      // As many pairs at a time as the budget holds local copies of (the values do not depend
      // on how many run at once).
      max_workers = std::max<Index>(1, static_cast<Index>((static_cast<double>(budget) - blocks) / largest_pair));
    } else if (store->compute_all()) {
      shared_store = std::move(store);
    }
    if (shared_store && pairs_copy_q) local_copy_bytes = static_cast<std::size_t>(largest_pair);
  }
  const bool pairs_in_parallel = !use_row_store(options) || shared_store;
  const int outer =
      pairs_in_parallel ? static_cast<int>(std::min<Index>({threads, n_pairs, max_workers})) : 1;
  const int inner = outer > 1 ? 1 : threads;
  // What the pairs' own caches (probability folds, or rows without a shared store) may use.
  const std::size_t reserved =
      shared_store ? shared_store->bytes_in_use() + static_cast<std::size_t>(outer) * local_copy_bytes : 0;
  const std::size_t pair_cache =
      (cache_bytes(options, 1) - std::min(cache_bytes(options, 1), reserved)) / static_cast<std::size_t>(outer);
  std::vector<BinarySolution> solutions(pairs.size());
  // One buffer per thread for the pairs' copies of Q, reused from pair to pair.
  std::vector<std::vector<float>> local_buffers(static_cast<std::size_t>(outer));
  std::exception_ptr failure;
  detail::parallel_for_workers(n_pairs, outer, [&](Index p, int worker) {
    try {
      const auto [i, j] = pairs[p];
      const Index n_i = groups.count[i], n_j = groups.count[j];
      RowMatrix<double> X(n_i + n_j, data.X.cols());
      std::vector<signed char> y(static_cast<std::size_t>(n_i + n_j));
      for (Index r = 0; r < n_i; ++r) {
        X.row(r) = data.X.row(groups.order[groups.start[i] + r]);
        y[r] = +1;
      }
      for (Index r = 0; r < n_j; ++r) {
        X.row(n_i + r) = data.X.row(groups.order[groups.start[j] + r]);
        y[n_i + r] = -1;
      }
      SharedRows shared;
      if (shared_store) {
        shared.store = shared_store;
        shared.local_buffer = &local_buffers[static_cast<std::size_t>(worker)];
        for (Index r = 0; r < n_i; ++r) shared.points.push_back(groups.start[i] + r);
        for (Index r = 0; r < n_j; ++r) shared.points.push_back(groups.start[j] + r);
      }
      solutions[p] = solve_binary(X, y, weighted_C[i], weighted_C[j], options, pair_cache, inner,
                                  shared_store ? &shared : nullptr);
      if (options.probability) {
        // One seed per pair: the folds do not depend on which thread solves which pair.
        solutions[p].sigmoid = binary_probability(X, y, weighted_C[i], weighted_C[j], options,
                                                  pair_cache, inner, options.seed + static_cast<unsigned>(p));
      }
    } catch (...) {
#pragma omp critical(rbfsvm_train_failure)
      if (!failure) failure = std::current_exception();
    }
  });
  if (failure) std::rethrow_exception(failure);

  // Which grouped rows are support vectors in some pair.
  const Index n = static_cast<Index>(data.n_samples());
  std::vector<char> is_sv(static_cast<std::size_t>(n), 0);
  for (Index p = 0; p < n_pairs; ++p) {
    const auto [i, j] = pairs[p];
    for (Index r = 0; r < groups.count[i]; ++r)
      if (solutions[p].coefficients[r] != 0) is_sv[groups.start[i] + r] = 1;
    for (Index r = 0; r < groups.count[j]; ++r)
      if (solutions[p].coefficients[groups.count[i] + r] != 0) is_sv[groups.start[j] + r] = 1;
  }
  ModelData model;
  model.svm_type = options.svm_type;
  model.kernel = options.kernel;
  model.n_classes = k;
  model.labels = groups.labels;
  std::vector<Index> sv_position(static_cast<std::size_t>(n), -1);  // grouped row -> SV column
  std::vector<Index> rows;
  for (int c = 0; c < k; ++c) {
    int count = 0;
    for (Index r = groups.start[c]; r < groups.start[c] + groups.count[c]; ++r) {
      if (!is_sv[r]) continue;
      sv_position[r] = static_cast<Index>(rows.size());
      rows.push_back(r);
      ++count;
    }
    model.sv_per_class.push_back(count);
  }
  const Index total = static_cast<Index>(rows.size());
  model.support_vectors.resize(total, sv_width(data, options));
  for (Index s = 0; s < total; ++s) {
    model.support_vectors.row(s) =
        data.X.row(groups.order[rows[s]]).leftCols(model.support_vectors.cols());
    model.sv_indices.push_back(static_cast<int>(groups.order[rows[s]] + 1));
  }
  model.coefficients = RowMatrix<double>::Zero(k - 1, total);
  for (Index p = 0; p < n_pairs; ++p) {
    const auto [i, j] = pairs[p];
    const auto& coefficients = solutions[p].coefficients;
    for (Index r = 0; r < groups.count[i]; ++r) {
      const Index s = sv_position[groups.start[i] + r];
      if (s >= 0) model.coefficients(j - 1, s) = coefficients[r];
    }
    for (Index r = 0; r < groups.count[j]; ++r) {
      const Index s = sv_position[groups.start[j] + r];
      if (s >= 0) model.coefficients(i, s) = coefficients[groups.count[i] + r];
    }
    model.rho.push_back(solutions[p].report.rho);
    if (options.probability) {
      model.prob_a.push_back(solutions[p].sigmoid.A);
      model.prob_b.push_back(solutions[p].sigmoid.B);
    }
  }
  if (report) {
    report->subproblems.clear();
    for (const auto& solution : solutions) report->subproblems.push_back(solution.report);
  }
  return model;
}

}  // namespace

void TrainOptions::validate() const {
  kernel.validate();
  if (kernel.type == KernelType::precomputed && scaling) {
    throw InvalidArgument("a precomputed kernel cannot be combined with feature scaling");
  }
  const bool uses_C = svm_type == SvmType::c_svc || svm_type == SvmType::epsilon_svr ||
                      svm_type == SvmType::nu_svr;
  if (uses_C && !(C > 0 && std::isfinite(C))) {
    throw InvalidArgument("C must be a finite number > 0, got " + text(C));
  }
  const bool uses_nu = svm_type == SvmType::nu_svc || svm_type == SvmType::one_class ||
                       svm_type == SvmType::nu_svr;
  if (uses_nu && !(nu > 0 && nu <= 1)) {
    throw InvalidArgument("nu must be in (0, 1], got " + text(nu));
  }
  if (svm_type == SvmType::epsilon_svr && !(epsilon >= 0 && std::isfinite(epsilon))) {
    throw InvalidArgument("epsilon must be a finite number >= 0, got " + text(epsilon));
  }
  if (!(tolerance > 0 && std::isfinite(tolerance))) {
    throw InvalidArgument("tolerance (eps) must be a finite number > 0, got " + text(tolerance));
  }
  if (!(cache_mb >= 0 && std::isfinite(cache_mb))) {
    throw InvalidArgument("cache size must be a finite number of MB >= 0 (0: automatic), got " +
                          text(cache_mb));
  }
  for (const auto& [label, weight] : class_weights) {
    if (!(weight > 0 && std::isfinite(weight))) {
      throw InvalidArgument("weight of class " + text(label) + " must be finite and > 0, got " +
                            text(weight));
    }
  }
  if (max_iterations < 0) throw InvalidArgument("max_iterations must be >= 0");
  if (!(time_limit_seconds >= 0) || !std::isfinite(time_limit_seconds)) {
    throw InvalidArgument("the time limit must be a finite number of seconds >= 0, got " +
                          text(time_limit_seconds));
  }
  if (!(max_memory_mb >= 0) || !std::isfinite(max_memory_mb)) {
    throw InvalidArgument("the memory limit must be a finite number of MB >= 0, got " +
                          text(max_memory_mb));
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
  if (data.X.size() == 0) throw InvalidArgument("the data set has no features");
  const double mean = data.X.mean();
  const double variance = (data.X.array() - mean).square().mean();
  if (!(variance > 0)) {
    throw InvalidArgument("gamma 'scale' needs data with non-zero variance; give gamma or sigma");
  }
  return 1.0 / (static_cast<double>(data.n_features()) * variance);
}

double default_max_memory_mb() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0) return 0;
  return static_cast<double>(pages) * static_cast<double>(page_size) / (2.0 * 1024.0 * 1024.0);
}

double kernel_budget_mb(const Dataset& data, const TrainOptions& options) {
  if (options.cache_mb > 0) return options.cache_mb;
  const double limit = memory_limit_mb(options);
  if (!(limit > 0)) return 1024;
  // What the limit leaves after the data, and at least LIBSVM's default of 100 MB (check_memory
  // refuses a run whose data alone exceed the limit).
  return std::max(100.0, limit - data_copies_mb(data, options));
}

Model train(const Dataset& input, const TrainOptions& given, TrainReport* report) {
  given.validate();
  check_data(input, given);
  check_memory(input, given);
  // The time limit becomes one more reason to stop, measured from here.
  TrainOptions options = given;
  options.cache_mb = kernel_budget_mb(input, given);
  if (given.time_limit_seconds > 0) {
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::duration<double>(given.time_limit_seconds);
    options.should_stop = [deadline, outer = given.should_stop] {
      return std::chrono::steady_clock::now() >= deadline || (outer && outer());
    };
  }
  Dataset scaled;
  std::optional<Scaling> scaling;
  if (options.scaling) {
    scaling = *options.scaling == ScalingKind::min_max ? Scaling::fit_min_max(input.X)
                                                       : Scaling::fit_z_score(input.X);
    scaled = input;
    scaling->apply(scaled.X);
  }
  const Dataset& data = options.scaling ? scaled : input;
  detail::check_kernel_range(options.kernel, data.X, "training point");
  ModelData model = is_classification(options.svm_type) ? one_vs_one(data, options, report)
                                                        : regression_or_one_class(data, options, report);
  model.scaling = scaling;
  model.class_names = data.class_names;
  model.feature_names = data.feature_names;
  model.n_features = options.kernel.type == KernelType::precomputed ? 0 : data.X.cols();
  return Model(std::move(model));
}

}  // namespace rbfsvm
