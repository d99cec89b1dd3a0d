#include "svm/training/validation/shared_kernel_cv.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/core/format.hpp"
#include "svm/training/class_groups.hpp"
#include "svm/training/formulations.hpp"
#include "svm/training/sample_weights.hpp"

namespace rbfsvm::detail {
namespace {

// A fold's training points (those of weight 0 left out, as train() leaves them out) with their
// weights, and its test points.
struct FoldRows {
  std::vector<Index> train, test;
  std::vector<double> w;  // empty: unweighted
};

FoldRows fold_rows(const TrainOptions& options, const FoldSplit& split, int fold) {
  FoldRows rows;
  rows.test = split.test_points(fold);
  for (Index r : split.training_points(fold)) {
    if (options.sample_weights.empty() || options.sample_weights[static_cast<std::size_t>(r)] > 0)
      rows.train.push_back(r);
  }
  rows.w = weights_of(options.sample_weights, rows.train);
  return rows;
}

// K(test point k, training point t) of the fold, gathered once from the shared matrix: every C
// and every pair reads its decision values from it.
RowMatrix<float> test_block(const KernelRowStore& kernel, const FoldRows& rows) {
  RowMatrix<float> block(static_cast<Index>(rows.test.size()), static_cast<Index>(rows.train.size()));
  for (std::size_t k = 0; k < rows.test.size(); ++k) {
    const float* row = kernel.complete_row(rows.test[k]);
    for (std::size_t t = 0; t < rows.train.size(); ++t) {
      block(static_cast<Index>(k), static_cast<Index>(t)) = row[rows.train[t]];
    }
  }
  return block;
}

// f(v) = sum_t coefficients[t] K(v, x_t) - rho for every test point v, where x_t is the training
// point in column columns[t] of the test block.
std::vector<double> decision_values(const RowMatrix<float>& block, const std::vector<Index>& columns,
                                    const std::vector<double>& coefficients, double rho) {
  std::vector<Index> support;  // the support vectors' columns and coefficients
  std::vector<double> weights;
  for (std::size_t t = 0; t < columns.size(); ++t) {
    if (coefficients[t] == 0) continue;
    support.push_back(columns[t]);
    weights.push_back(coefficients[t]);
  }
  std::vector<double> values(static_cast<std::size_t>(block.rows()));
  for (Index v = 0; v < block.rows(); ++v) {
    const float* row = block.row(v).data();
    double sum = 0;
    for (std::size_t s = 0; s < support.size(); ++s) {
      sum += weights[s] * static_cast<double>(row[support[s]]);
    }
    values[static_cast<std::size_t>(v)] = sum - rho;
  }
  return values;
}

// The previous C's solution scaled to this C: alpha C_new / C_old stays in the box (every bound
// scales by the same factor) and keeps y^T alpha = 0.
std::vector<double> scaled(const std::vector<double>& alpha, double factor) {
  std::vector<double> start(alpha.size());
  for (std::size_t t = 0; t < alpha.size(); ++t) start[t] = alpha[t] * factor;
  return start;
}

// One binary problem of a fold: class i (+1) against class j (-1), its points as positions in
// the fold's training rows.
struct Pair {
  int i = 0, j = 0;
  std::vector<Index> positions;
  std::vector<signed char> y;
  std::vector<double> w;
  SharedRows shared;
  std::vector<double> alpha;  // the latest solution, the next C's seed
};

std::vector<Pair> fold_pairs(const ClassGroups& groups, const std::vector<std::pair<int, int>>& pairs,
                             const FoldRows& rows, const std::shared_ptr<KernelRowStore>& kernel) {
  std::vector<Pair> result;
  for (const auto& [i, j] : pairs) {
    Pair pair;
    pair.i = i;
    pair.j = j;
    for (const auto& [c, sign] : {std::pair{i, 1}, {j, -1}}) {
      for (Index r = groups.start[c]; r < groups.start[c] + groups.count[c]; ++r) {
        pair.positions.push_back(groups.order[static_cast<std::size_t>(r)]);
        pair.y.push_back(static_cast<signed char>(sign));
      }
    }
    pair.w = weights_of(rows.w, pair.positions);
    pair.shared.store = kernel;
    for (Index position : pair.positions) {
      pair.shared.points.push_back(rows.train[static_cast<std::size_t>(position)]);
    }
    result.push_back(std::move(pair));
  }
  return result;
}

// One-vs-one votes (LIBSVM's svm_predict_values): the pair's winner gets a vote, the most votes
// win, ties to the class first in the class order.
std::vector<double> vote(const ClassGroups& groups, const std::vector<Pair>& pairs,
                         const std::vector<std::vector<double>>& decisions, Index n_test) {
  std::vector<double> labels(static_cast<std::size_t>(n_test));
  std::vector<int> votes(groups.labels.size());
  for (Index v = 0; v < n_test; ++v) {
    std::fill(votes.begin(), votes.end(), 0);
    for (std::size_t p = 0; p < pairs.size(); ++p) {
      ++votes[static_cast<std::size_t>(decisions[p][static_cast<std::size_t>(v)] > 0 ? pairs[p].i
                                                                                      : pairs[p].j)];
    }
    const auto winner = std::max_element(votes.begin(), votes.end()) - votes.begin();
    labels[static_cast<std::size_t>(v)] = groups.labels[static_cast<std::size_t>(winner)];
  }
  return labels;
}

std::vector<std::vector<double>> classify_along_C(const Dataset& data, const TrainOptions& options,
                                                  const std::vector<double>& Cs, const FoldRows& rows,
                                                  const std::shared_ptr<KernelRowStore>& kernel,
                                                  bool warm_start) {
  std::vector<double> labels;
  for (Index r : rows.train) labels.push_back(data.labels[static_cast<std::size_t>(r)]);
  ClassGroups groups = group_classes(labels, options.class_order);
  groups.weight = class_weight_totals(groups, rows.w);
  if (groups.labels.size() < 2) {
    throw InvalidArgument("a fold's training set has a single class (label " +
                          six_digits(groups.labels[0]) + "); a classifier needs at least two");
  }
  std::vector<Pair> pairs = fold_pairs(groups, class_pairs(groups, options), rows, kernel);
  const RowMatrix<float> block = test_block(*kernel, rows);
  std::vector<float> local_buffer;
  std::vector<std::vector<double>> predictions;
  for (std::size_t c = 0; c < Cs.size(); ++c) {
    TrainOptions at_C = options;
    at_C.C = Cs[c];
    const std::vector<double> class_C = weighted_C(groups, at_C);
    std::vector<std::vector<double>> decisions;
    for (Pair& pair : pairs) {
      pair.shared.local_buffer = &local_buffer;
      const bool seeded = warm_start && c > 0;
      const std::vector<double> start = seeded ? scaled(pair.alpha, Cs[c] / Cs[c - 1]) : std::vector<double>{};
      BinarySolution solution =
          solve_binary(data.points(), pair.y, pair.w, class_C[pair.i], class_C[pair.j], at_C, 0, 1,
                       &pair.shared, seeded ? &start : nullptr);
      decisions.push_back(
          decision_values(block, pair.positions, solution.coefficients, solution.report.rho));
      pair.alpha = std::move(solution.alpha);
    }
    predictions.push_back(vote(groups, pairs, decisions, block.rows()));
  }
  return predictions;
}

std::vector<std::vector<double>> regress_along_C(const Dataset& data, const TrainOptions& options,
                                                 const std::vector<double>& Cs, const FoldRows& rows,
                                                 const std::shared_ptr<KernelRowStore>& kernel,
                                                 bool warm_start) {
  std::vector<double> z;
  std::vector<Index> positions;
  SharedRows shared;
  shared.store = kernel;
  shared.points = rows.train;
  for (std::size_t t = 0; t < rows.train.size(); ++t) {
    z.push_back(data.labels[static_cast<std::size_t>(rows.train[t])]);
    positions.push_back(static_cast<Index>(t));
  }
  std::vector<float> local_buffer;
  shared.local_buffer = &local_buffer;
  const RowMatrix<float> block = test_block(*kernel, rows);
  std::vector<double> alpha;
  std::vector<std::vector<double>> predictions;
  for (std::size_t c = 0; c < Cs.size(); ++c) {
    TrainOptions at_C = options;
    at_C.C = Cs[c];
    const bool seeded = warm_start && c > 0;
    const std::vector<double> start = seeded ? scaled(alpha, Cs[c] / Cs[c - 1]) : std::vector<double>{};
    BinarySolution solution = solve_epsilon_svr(data.points(), z, rows.w, at_C, 0, 1, &shared,
                                                seeded ? &start : nullptr);
    predictions.push_back(
        decision_values(block, positions, solution.coefficients, solution.report.rho));
    alpha = std::move(solution.alpha);
  }
  return predictions;
}

}  // namespace

bool shares_kernel(const TrainOptions& options) {
  return (options.svm_type == SvmType::c_svc || options.svm_type == SvmType::epsilon_svr) &&
         use_row_store(options) && !options.probability && !options.scaling;
}

std::size_t shared_kernel_bytes(Index n) {
  return static_cast<std::size_t>(n) * static_cast<std::size_t>(n) * sizeof(float);
}

std::shared_ptr<KernelRowStore> shared_kernel(const Dataset& data, const TrainOptions& options,
                                              std::size_t budget_bytes, int threads) {
  auto kernel = std::make_shared<KernelRowStore>(options.kernel, data.points(), budget_bytes,
                                                 threads, tuning_of(options));
  if (!kernel->compute_all()) return nullptr;
  return kernel;
}

std::vector<std::vector<double>> fold_predictions_along_C(
    const Dataset& data, const TrainOptions& options, const std::vector<double>& Cs,
    const FoldSplit& split, int fold, const std::shared_ptr<KernelRowStore>& kernel,
    bool warm_start) {
  const FoldRows rows = fold_rows(options, split, fold);
  if (rows.train.empty()) {
    throw InvalidArgument("a fold's training set has no point of positive weight");
  }
  return options.svm_type == SvmType::epsilon_svr
             ? regress_along_C(data, options, Cs, rows, kernel, warm_start)
             : classify_along_C(data, options, Cs, rows, kernel, warm_start);
}

}  // namespace rbfsvm::detail
