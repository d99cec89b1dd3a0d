#include "svm/training/one_vs_one.hpp"

#include <algorithm>
#include <memory>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/core/format.hpp"
#include "core/parallel.hpp"
#include "core/threads.hpp"
#include "solver/stored/kernel_row_store.hpp"
#include "solver/stored/stored_q_matrix.hpp"
#include "svm/training/class_groups.hpp"
#include "svm/training/formulations.hpp"
#include "svm/training/memory_budget.hpp"
#include "svm/training/probability_fit.hpp"
#include "svm/training/sample_weights.hpp"

namespace rbfsvm::detail {
namespace {

// How the pairs run: which store they share, how many at a time, with what.
struct PairPlan {
  std::vector<double> C;  // per class
  std::vector<std::pair<int, int>> pairs;
  std::shared_ptr<KernelRowStore> shared_store;  // null: each pair computes its own rows
  int outer = 1;                                 // pairs at a time
  int inner = 1;                                 // threads per pair
  std::size_t pair_cache = 0;  // each pair's own cache (probability folds, rows without a store)
};

// Fast path, several pairs: the points grouped by class, so that a pair's points are two
// contiguous runs, in one store shared read-only by the pairs. When every pair's Q fits its
// local copy, the store keeps only the diagonal blocks K(class c, class c), which many pairs
// read; each pair computes its own off-diagonal block K(class i, class j) into its copy. The
// kernel work is then that of one symmetric Gram build, and the memory a fraction 1 / k of
// it. Otherwise the whole kernel matrix is built once when the budget holds it, and the pairs
// gather their columns from its rows. Failing both, each pair computes its own rows, and the
// pairs run one after another with the whole budget, so that no pair's budget (and so its
// batches of rows) depends on the thread count.
PairPlan plan_pairs(const Dataset& data, const ClassGroups& groups, const TrainOptions& options) {
  PairPlan plan;
  plan.C = weighted_C(groups, options);
  plan.pairs = class_pairs(groups, options);
  const Index n_pairs = static_cast<Index>(plan.pairs.size());
  const int threads = resolve_threads(options.n_threads);
  std::size_t local_copy_bytes = 0;  // the largest pair's local Q, when pairs copy theirs
  Index max_workers = n_pairs;
  if (use_row_store(options) && n_pairs > 1) {
    const PointSet grouped = select_rows(data.points(), groups.order);
    const std::size_t budget = cache_bytes(options, 1);
    auto store = std::make_shared<KernelRowStore>(options.kernel, grouped.ref(), budget, threads,
                                                  tuning_of(options));
    // Bytes of a square float matrix over `points` points.
    const auto square_bytes = [](Index points) {
      return static_cast<double>(points) * static_cast<double>(points) * sizeof(float);
    };
    double largest_pair = 0, blocks = 0;
    for (Index count : groups.count) blocks += square_bytes(count);
    for (const auto& [i, j] : plan.pairs) {
      largest_pair = std::max(largest_pair, square_bytes(groups.count[i] + groups.count[j]));
    }
    const bool pairs_copy_q = largest_pair <= static_cast<double>(StoredQMatrix::local_limit_bytes);
    if (pairs_copy_q && blocks + largest_pair <= static_cast<double>(budget)) {
      std::vector<Index> starts = groups.start;
      starts.push_back(grouped.rows());
      store->compute_diagonal_blocks(starts);
      plan.shared_store = std::move(store);
      // As many pairs at a time as the budget holds local copies of (the values do not depend
      // on how many run at once).
      max_workers = std::max<Index>(
          1, static_cast<Index>((static_cast<double>(budget) - blocks) / largest_pair));
    } else if (store->compute_all()) {
      plan.shared_store = std::move(store);
    }
    if (plan.shared_store && pairs_copy_q)
      local_copy_bytes = static_cast<std::size_t>(largest_pair);
  }
  const bool pairs_in_parallel = !use_row_store(options) || plan.shared_store;
  plan.outer =
      pairs_in_parallel ? static_cast<int>(std::min<Index>({threads, n_pairs, max_workers})) : 1;
  plan.inner = plan.outer > 1 ? 1 : threads;
  const std::size_t reserved = plan.shared_store
                                   ? plan.shared_store->bytes_in_use() +
                                         static_cast<std::size_t>(plan.outer) * local_copy_bytes
                                   : 0;
  plan.pair_cache = (cache_bytes(options, 1) - std::min(cache_bytes(options, 1), reserved)) /
                    static_cast<std::size_t>(plan.outer);
  return plan;
}

// Pair p's binary problem, and its sigmoid when a probability model is asked for.
// `local_buffer` is the solving thread's, for the pair's copy of Q.
BinarySolution solve_pair(const Dataset& data, const ClassGroups& groups, const PairPlan& plan,
                          const TrainOptions& options, Index p, std::vector<float>* local_buffer) {
  const auto [i, j] = plan.pairs[static_cast<std::size_t>(p)];
  const Index n_i = groups.count[i], n_j = groups.count[j];
  std::vector<Index> rows(static_cast<std::size_t>(n_i + n_j));
  std::vector<signed char> y(static_cast<std::size_t>(n_i + n_j));
  for (Index r = 0; r < n_i; ++r) {
    rows[r] = groups.order[groups.start[i] + r];
    y[r] = +1;
  }
  for (Index r = 0; r < n_j; ++r) {
    rows[n_i + r] = groups.order[groups.start[j] + r];
    y[n_i + r] = -1;
  }
  const std::vector<double> w = weights_of(options.sample_weights, rows);
  const PointSet pair_points = select_rows(data.points(), rows);
  const PointsRef X = pair_points.ref();
  SharedRows shared;
  if (plan.shared_store) {
    shared.store = plan.shared_store;
    shared.local_buffer = local_buffer;
    for (Index r = 0; r < n_i; ++r) shared.points.push_back(groups.start[i] + r);
    for (Index r = 0; r < n_j; ++r) shared.points.push_back(groups.start[j] + r);
  }
  BinarySolution solution = solve_binary(X, y, w, plan.C[i], plan.C[j], options, plan.pair_cache,
                                         plan.inner, plan.shared_store ? &shared : nullptr);
  if (options.probability) {
    // One seed per pair: the folds do not depend on which thread solves which pair.
    solution.sigmoid =
        platt_sigmoid_by_cross_validation(X, y, w, plan.C[i], plan.C[j], options, plan.pair_cache,
                                          plan.inner, options.seed + static_cast<unsigned>(p));
  }
  return solution;
}

// Every pair's solution, plan.outer pairs at a time (each with its share of the cache).
std::vector<BinarySolution> solve_pairs(const Dataset& data, const ClassGroups& groups,
                                        const PairPlan& plan, const TrainOptions& options) {
  std::vector<BinarySolution> solutions(plan.pairs.size());
  // One buffer per thread for the pairs' copies of Q, reused from pair to pair.
  std::vector<std::vector<float>> local_buffers(static_cast<std::size_t>(plan.outer));
  FirstException failure;
  parallel_for_workers(static_cast<Index>(plan.pairs.size()), plan.outer, [&](Index p, int worker) {
    failure.capture([&] {
      solutions[static_cast<std::size_t>(p)] = solve_pair(
          data, groups, plan, options, p, &local_buffers[static_cast<std::size_t>(worker)]);
    });
  });
  failure.rethrow();
  return solutions;
}

// Which grouped rows are support vectors in some pair.
std::vector<char> support_vector_rows(const ClassGroups& groups, const PairPlan& plan,
                                      const std::vector<BinarySolution>& solutions) {
  std::vector<char> is_sv(groups.order.size(), 0);
  for (std::size_t p = 0; p < plan.pairs.size(); ++p) {
    const auto [i, j] = plan.pairs[p];
    for (Index r = 0; r < groups.count[i]; ++r)
      if (solutions[p].coefficients[r] != 0) is_sv[groups.start[i] + r] = 1;
    for (Index r = 0; r < groups.count[j]; ++r)
      if (solutions[p].coefficients[groups.count[i] + r] != 0) is_sv[groups.start[j] + r] = 1;
  }
  return is_sv;
}

// The model: the support vectors grouped by class, and column s of the coefficients the
// k - 1 coefficients of support vector s in the pairs of its class (LIBSVM's sv_coef layout).
ModelData assemble_model(const Dataset& data, const TrainOptions& options,
                         const ClassGroups& groups, const PairPlan& plan,
                         const std::vector<BinarySolution>& solutions) {
  const int k = static_cast<int>(groups.labels.size());
  const std::vector<char> is_sv = support_vector_rows(groups, plan, solutions);
  ModelData model;
  model.svm_type = options.svm_type;
  model.kernel = options.kernel;
  model.n_classes = k;
  model.labels = groups.labels;
  std::vector<Index> sv_position(is_sv.size(), -1);  // grouped row -> SV column
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
  std::vector<Index> data_rows;
  for (Index s = 0; s < total; ++s) {
    data_rows.push_back(groups.order[rows[s]]);
    model.sv_indices.push_back(static_cast<int>(groups.order[rows[s]] + 1));
  }
  model.support_vectors = support_vectors_of(data, data_rows, options);
  model.coefficients = RowMatrix<double>::Zero(k - 1, total);
  for (std::size_t p = 0; p < plan.pairs.size(); ++p) {
    const auto [i, j] = plan.pairs[p];
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
  return model;
}

}  // namespace

ModelData one_vs_one(const Dataset& data, const TrainOptions& options, TrainReport* report) {
  ClassGroups groups = group_classes(data.labels, options.class_order);
  groups.weight = class_weight_totals(groups, options.sample_weights);
  if (groups.labels.size() < 2) {
    throw InvalidArgument("the training set has a single class (label " +
                          six_digits(groups.labels[0]) + "); a classifier needs at least two");
  }
  const PairPlan plan = plan_pairs(data, groups, options);
  const std::vector<BinarySolution> solutions = solve_pairs(data, groups, plan, options);
  ModelData model = assemble_model(data, options, groups, plan, solutions);
  if (report) {
    report->subproblems.clear();
    for (const auto& solution : solutions) report->subproblems.push_back(solution.report);
  }
  return model;
}

}  // namespace rbfsvm::detail
