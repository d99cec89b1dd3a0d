#include "svm/training/validation/shared_kernel_cv.hpp"

#include <algorithm>
#include <numeric>
#include <string>
#include <utility>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/core/format.hpp"
#include "svm/training/class_groups.hpp"
#include "svm/training/formulations.hpp"
#include "svm/training/sample_weights.hpp"
#include "svm/training/training_checks.hpp"
#include "svm/training/validation/decision_products.hpp"
#include "kernel/kernel_values.hpp"
#include "solver/active_set.hpp"
#include "solver/stored/stored_q_matrix.hpp"

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

// K(test point k, column point t) of the fold, gathered once from the shared matrix (in double,
// for the products below): every C and every pair reads its decision values from it.
RowMatrix<double> test_block(const FoldKernel& kernel, const std::vector<Index>& test,
                             const std::vector<Index>& columns) {
  RowMatrix<double> block(static_cast<Index>(test.size()), static_cast<Index>(columns.size()));
  std::vector<Index> at(columns.size());
  for (std::size_t t = 0; t < columns.size(); ++t) at[t] = kernel.row_of[static_cast<std::size_t>(columns[t])];
  for (std::size_t k = 0; k < test.size(); ++k) {
    const float* row = kernel.store->complete_row(kernel.row_of[static_cast<std::size_t>(test[k])]);
    double* out = block.row(static_cast<Index>(k)).data();
    for (std::size_t t = 0; t < at.size(); ++t) out[t] = row[at[t]];
  }
  return block;
}

// A solve's result along the C path: the next C's seed comes from it.
struct PathPoint {
  BinarySolution solution;
  double linear = 0;  // p^T alpha; the solution's objective is 1/2 alpha^T Q alpha + p^T alpha
};

// Whether the solve at C_new (>= C_old) can start from the previous one.
bool seeded(bool warm_start, const std::vector<double>& Cs, std::size_t c) {
  return warm_start && c > 0 && Cs[c] >= Cs[c - 1];
}

// Whether a seeded solve would stop where it starts: with no alpha at its upper bound the box
// constraints are inactive, so the optimality conditions (and the solver's stopping test) at the
// larger C are those the previous solution already meets.
bool still_optimal(const PathPoint& previous) { return previous.solution.report.n_bounded == 0; }

// The seed for the next C: the previous solution times the r in [1, C_new / C_old] that lowers
// the dual objective most along its ray. Every such r alpha is feasible (the box grows by
// C_new / C_old, y^T alpha = 0 is kept). With a = alpha^T Q alpha = 2 (f - p^T alpha),
// f(r alpha) = r^2 a / 2 + r p^T alpha is least at r = -p^T alpha / a. r = C_new / C_old is
// DeCoste & Wagstaff's seeding (alpha seeding, KDD 2000), exact while every alpha sits at its
// bound; r = 1 keeps a solution whose alphas have all left their bounds (a hard margin reached),
// which that scaling would overshoot.
std::vector<double> seed(const PathPoint& previous, double ratio) {
  const std::vector<double>& alpha = previous.solution.alpha;
  const double a = 2 * (previous.solution.report.objective - previous.linear);
  const double r = a > 0 ? std::clamp(-previous.linear / a, 1.0, ratio) : ratio;
  std::vector<double> start(alpha.size());
  for (std::size_t t = 0; t < start.size(); ++t) start[t] = alpha[t] * r;
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
  PathPoint latest;  // the latest solution
};

// Seeded solves of at most this many variables (a pair's points, twice an SVR fold's) may take
// active-set steps (solve_seeded), after SMO has run active_set_after times as many iterations;
// their dual's Q is then gathered in double, 8 variables^2 bytes.
constexpr std::int64_t active_set_variables = 1024;
constexpr std::int64_t active_set_after = 4;

// A seeded solve's dual as the active-set steps read it: min 1/2 a^T Q a + p^T a, y^T a fixed,
// 0 <= a <= upper, Q in double as the solver reads it (y_s y_t K(x_s, x_t)). Q and p are the
// same at every C of a path; each solve sets the bounds.
struct SteppedDual {
  Eigen::MatrixXd Q;
  std::vector<double> p, upper;
  std::vector<signed char> y;
};

// y_s y_t K(points_s, points_t) from the store's complete matrix.
Eigen::MatrixXd signed_q(const KernelRowStore& store, const std::vector<Index>& points,
                         const std::vector<signed char>& y) {
  const auto n = static_cast<Index>(points.size());
  const auto at = [](Index t) { return static_cast<std::size_t>(t); };
  Eigen::MatrixXd Q(n, n);
  for (Index t = 0; t < n; ++t) {
    const float* row = store.complete_row(points[at(t)]);
    for (Index s = 0; s < n; ++s) {
      Q(s, t) = y[at(s)] * y[at(t)] * static_cast<double>(row[points[at(s)]]);
    }
  }
  return Q;
}

// A seeded solve at at_C.C from `start`: `solve(&from)` runs SMO from `from` over the problem's
// shared rows, `dual()` gives its SteppedDual at this C (gathered on first use). SMO runs first for
// at most active_set_after times the variables in iterations, which most warm starts need no
// more than; a solve still running then is one where SMO creeps (a near hard margin: a small
// gamma with a large C, the ill-conditioned Q and many free variables), and active-set steps
// from where it stands (refine_by_active_set, to a quarter of the tolerance) carry it to about
// the optimum for SMO to check and finish. heart_scale's grid: 834,936 SMO iterations without
// the steps, 143,511 with them (92 solves took 760 steps).
template <typename Solve, typename Dual>
BinarySolution solve_seeded(const Solve& solve, const Dual& dual, std::size_t variables,
                            TrainOptions& at_C, SharedRows& shared,
                            const std::vector<double>& start) {
  const auto n = static_cast<std::int64_t>(variables);
  if (n > active_set_variables || at_C.max_iterations > 0) return solve(&start);
  at_C.max_iterations = active_set_after * n;
  BinarySolution first = solve(&start);
  at_C.max_iterations = 0;
  if (first.report.converged) return first;
  shared.local_buffer_holds_q = true;  // the first solve left the problem's Q in the buffer
  const SteppedDual& stepped_dual = dual();
  const ActiveSetResult stepped =
      refine_by_active_set(stepped_dual.Q, stepped_dual.p, stepped_dual.y, stepped_dual.upper,
                           std::move(first.alpha), at_C.tolerance / 4);
  BinarySolution solution = solve(&stepped.alpha);
  solution.report.iterations += first.report.iterations;
  return solution;
}

std::vector<Pair> fold_pairs(const ClassGroups& groups, const std::vector<std::pair<int, int>>& pairs,
                             const FoldRows& rows, const FoldKernel& kernel) {
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
    pair.shared.store = kernel.store;
    for (Index position : pair.positions) {
      pair.shared.points.push_back(
          kernel.row_of[static_cast<std::size_t>(rows.train[static_cast<std::size_t>(position)])]);
    }
    result.push_back(std::move(pair));
  }
  return result;
}

// Every pair's decision values at every C of the path, f_ij(v) = sum_t coef_t K(v, x_t) - rho_ij,
// as one matrix product per class rather than one sum per pair, C and test point: class c's
// points take part in the pairs of c with each other class d, so their coefficients form the
// columns of a count_c x (up to k n_C) matrix A_c (column (C, d): their coefficients in the pair
// {c, d} at that C), and P_c = K(test, class c) A_c holds class c's part of every such pair's
// sum; f_ij = P_i(:, (C, j)) + P_j(:, (C, i)) - rho_ij. One product for the path (or a stretch of
// it), a band of test points at a time, rather than one per C. A pair whose solution did not
// change from the previous C (not solved again) reuses its columns. The block's columns are the
// fold's training points in class order (ClassGroups::order).
class PathDecisions {
 public:
  PathDecisions(const ClassGroups& groups, std::size_t n_pairs, std::size_t n_C,
                std::size_t decision_bytes)
      : groups_(groups),
        decision_bytes_(decision_bytes),
        k_(static_cast<Index>(groups.labels.size())),
        n_C_(n_C),
        A_(groups.labels.size()),
        used_(groups.labels.size(), 0),
        column_(groups.labels.size(), std::vector<Index>(static_cast<std::size_t>(k_) * n_C, -1)),
        rho_(n_C * n_pairs) {
    for (std::size_t c = 0; c < A_.size(); ++c) A_[c].resize(groups.count[c], k_ * static_cast<Index>(n_C));
  }
  // The p-th pair's solution at the c-th C; `unchanged`: the same as at the (c-1)-th.
  void add(std::size_t c, std::size_t p, const Pair& pair, const std::vector<double>& coefficients,
           double rho, bool unchanged) {
    const auto i = static_cast<std::size_t>(pair.i), j = static_cast<std::size_t>(pair.j);
    const std::size_t at = c * static_cast<std::size_t>(k_);
    if (unchanged && c > 0) {
      column_[i][at + j] = column_[i][at - static_cast<std::size_t>(k_) + j];
      column_[j][at + i] = column_[j][at - static_cast<std::size_t>(k_) + i];
    } else {
      column_[i][at + j] = used_[i]++;
      column_[j][at + i] = used_[j]++;
      const Index n_i = groups_.count[i];
      A_[i].col(column_[i][at + j]) = Eigen::Map<const Eigen::VectorXd>(coefficients.data(), n_i);
      A_[j].col(column_[j][at + i]) =
          Eigen::Map<const Eigen::VectorXd>(coefficients.data() + n_i, groups_.count[j]);
    }
    rho_[c * (rho_.size() / n_C_) + p] = rho;
  }
  // One-vs-one votes (LIBSVM's svm_predict_values): the pair's winner gets a vote, the most votes
  // win, ties to the class first in the class order. labels[c][v]: test point v's at the c-th C.
  std::vector<std::vector<double>> vote(const std::vector<Pair>& pairs,
                                        const RowMatrix<double>& block, bool avx2) const {
    // Up to 64 test points at a time, fewer when the parts of so many would pass decision_bytes.
    const auto per_point = static_cast<std::size_t>(k_) * static_cast<std::size_t>(k_) * n_C_ * sizeof(double);
    const Index band = static_cast<Index>(std::clamp<std::size_t>(decision_bytes_ / per_point, 1, 64));
    std::vector<std::vector<double>> labels(n_C_, std::vector<double>(static_cast<std::size_t>(block.rows())));
    std::vector<PackedColumns> packed;
    for (std::size_t c = 0; c < A_.size(); ++c) packed.emplace_back(A_[c].leftCols(used_[c]));
    std::vector<RowMatrix<double>> parts(A_.size());
    for (std::size_t c = 0; c < A_.size(); ++c) parts[c].resize(band, used_[c]);
    std::vector<int> votes(A_.size());
    for (Index first = 0; first < block.rows(); first += band) {
      const Index rows = std::min(band, block.rows() - first);
      for (std::size_t c = 0; c < A_.size(); ++c) {
        multiply_packed(block.data() + first * block.cols() + groups_.start[c], block.cols(), rows,
                        packed[c], parts[c].data(), used_[c], avx2);
      }
      for (Index v = 0; v < rows; ++v) {
        for (std::size_t c = 0; c < n_C_; ++c) {
          const std::size_t at = c * static_cast<std::size_t>(k_);
          const double* rho = rho_.data() + c * pairs.size();
          std::fill(votes.begin(), votes.end(), 0);
          for (std::size_t p = 0; p < pairs.size(); ++p) {
            const auto i = static_cast<std::size_t>(pairs[p].i), j = static_cast<std::size_t>(pairs[p].j);
            const double f = parts[i](v, column_[i][at + j]) + parts[j](v, column_[j][at + i]) - rho[p];
            ++votes[f > 0 ? i : j];
          }
          const auto winner = std::max_element(votes.begin(), votes.end()) - votes.begin();
          labels[c][static_cast<std::size_t>(first + v)] = groups_.labels[static_cast<std::size_t>(winner)];
        }
      }
    }
    return labels;
  }

 private:
  const ClassGroups& groups_;
  std::size_t decision_bytes_;
  Index k_;
  std::size_t n_C_;
  std::vector<Eigen::MatrixXd> A_;
  std::vector<Index> used_;                 // per class, the columns of A_ filled
  std::vector<std::vector<Index>> column_;  // column_[class][C * k + other class]: A_'s column
  std::vector<double> rho_;                 // rho_[c * n_pairs + p]
};

std::vector<std::vector<double>> classify_along_C(const Dataset& data, const TrainOptions& options,
                                                  const std::vector<double>& Cs, const FoldRows& rows,
                                                  const FoldKernel& kernel, bool warm_start,
                                                  std::vector<float>& local_buffer,
                                                  std::size_t decision_bytes) {
  std::vector<double> labels;
  for (Index r : rows.train) labels.push_back(data.labels[static_cast<std::size_t>(r)]);
  ClassGroups groups = group_classes(labels, options.class_order);
  groups.weight = class_weight_totals(groups, rows.w);
  if (groups.labels.size() < 2) {
    throw InvalidArgument("a fold's training set has a single class (label " +
                          six_digits(groups.labels[0]) + "); a classifier needs at least two");
  }
  // Each class's points in matrix order, fold after fold, so that a pair's points are a few runs
  // of the shared matrix's rows; the classes keep the numbering of the data order.
  for (std::size_t c = 0; c < groups.labels.size(); ++c) {
    const auto first = groups.order.begin() + groups.start[c];
    std::sort(first, first + groups.count[c], [&](Index a, Index b) {
      return kernel.row_of[static_cast<std::size_t>(rows.train[static_cast<std::size_t>(a)])] <
             kernel.row_of[static_cast<std::size_t>(rows.train[static_cast<std::size_t>(b)])];
    });
  }
  std::vector<Pair> pairs = fold_pairs(groups, class_pairs(groups, options), rows, kernel);
  std::vector<Index> columns;  // the fold's training points in class order
  for (Index position : groups.order) columns.push_back(rows.train[static_cast<std::size_t>(position)]);
  const RowMatrix<double> block = test_block(kernel, rows.test, columns);
  // The path in stretches of Cs whose coefficients (n k doubles per C) fit decision_bytes: the
  // whole path unless the classes are very many. Within a stretch, pair after pair, each along
  // the stretch's Cs: its solves follow one another over the same points, and all but the first
  // find the pair's copy of Q in the buffer, as the first left it.
  const std::size_t per_C = columns.size() * groups.labels.size() * sizeof(double);
  const std::size_t stretch = std::clamp<std::size_t>(decision_bytes / per_C, 1, Cs.size());
  // The options at each C, copied once per task rather than once per pair and C (they hold the
  // sample weights), and each class's C there.
  TrainOptions at_C = options;
  std::vector<std::vector<double>> class_C;
  for (double C : Cs) {
    at_C.C = C;
    class_C.push_back(weighted_C(groups, at_C));
  }
  std::vector<std::vector<double>> predictions;
  for (std::size_t first = 0; first < Cs.size(); first += stretch) {
    const std::size_t last = std::min(Cs.size(), first + stretch);
    PathDecisions decisions(groups, pairs.size(), last - first, decision_bytes);
    for (std::size_t p = 0; p < pairs.size(); ++p) {
      Pair& pair = pairs[p];
      pair.shared.local_buffer = &local_buffer;
      pair.shared.local_buffer_holds_q = false;
      SteppedDual dual;  // for the active-set steps, gathered at the pair's first such solve
      for (std::size_t c = first; c < last; ++c) {
        const bool warm = seeded(warm_start, Cs, c);
        const bool unchanged = warm && still_optimal(pair.latest);
        if (!unchanged) {
          at_C.C = Cs[c];
          const auto solve = [&](const std::vector<double>* from) {
            return solve_binary(data.points(), pair.y, pair.w, class_C[c][pair.i],
                                class_C[c][pair.j], at_C, 0, 1, &pair.shared, from);
          };
          const auto pair_dual = [&]() -> const SteppedDual& {
            if (dual.Q.size() == 0) {
              dual.Q = signed_q(*pair.shared.store, pair.shared.points, pair.y);
              dual.p.assign(pair.y.size(), -1.0);  // C-SVC
              dual.y = pair.y;
            }
            dual.upper.resize(pair.y.size());
            for (std::size_t t = 0; t < pair.y.size(); ++t) {
              dual.upper[t] = weight_of(pair.w, t) * class_C[c][pair.y[t] > 0 ? pair.i : pair.j];
            }
            return dual;
          };
          pair.latest.solution =
              warm ? solve_seeded(solve, pair_dual, pair.y.size(), at_C, pair.shared,
                                  seed(pair.latest, Cs[c] / Cs[c - 1]))
                   : solve(nullptr);
          pair.shared.local_buffer_holds_q = true;  // the next solves find the pair's Q there
          const std::vector<double>& alpha = pair.latest.solution.alpha;
          pair.latest.linear = -std::accumulate(alpha.begin(), alpha.end(), 0.0);  // C-SVC: p = -1
        }
        decisions.add(c - first, p, pair, pair.latest.solution.coefficients,
                      pair.latest.solution.report.rho, unchanged);
      }
    }
    for (std::vector<double>& predicted : decisions.vote(pairs, block, tuning_of(options).avx2)) {
      predictions.push_back(std::move(predicted));
    }
  }
  return predictions;
}

std::vector<std::vector<double>> regress_along_C(const Dataset& data, const TrainOptions& options,
                                                 const std::vector<double>& Cs, const FoldRows& rows,
                                                 const FoldKernel& kernel, bool warm_start,
                                                 std::vector<float>& local_buffer) {
  // The training points in matrix order, fold after fold: a few runs of the shared matrix's rows.
  std::vector<Index> positions(rows.train.size());
  std::iota(positions.begin(), positions.end(), Index{0});
  auto row = [&](Index position) {
    return kernel.row_of[static_cast<std::size_t>(rows.train[static_cast<std::size_t>(position)])];
  };
  std::sort(positions.begin(), positions.end(), [&](Index a, Index b) { return row(a) < row(b); });
  std::vector<double> z;
  std::vector<Index> train;
  SharedRows shared;
  shared.store = kernel.store;
  for (Index position : positions) {
    train.push_back(rows.train[static_cast<std::size_t>(position)]);
    z.push_back(data.labels[static_cast<std::size_t>(train.back())]);
    shared.points.push_back(row(position));
  }
  const std::vector<double> w = weights_of(rows.w, positions);
  shared.local_buffer = &local_buffer;
  const RowMatrix<double> block = test_block(kernel, rows.test, train);
  PathPoint latest;
  Eigen::MatrixXd coefficients(block.cols(), static_cast<Index>(Cs.size()));  // column c: at Cs[c]
  Eigen::RowVectorXd rho(static_cast<Index>(Cs.size()));
  TrainOptions at_C = options;  // copied once (it holds the sample weights), C set per solve
  const std::size_t n = z.size();
  SteppedDual dual;  // for the active-set steps, gathered at the fold's first such solve
  for (std::size_t c = 0; c < Cs.size(); ++c) {
    at_C.C = Cs[c];
    const bool warm = seeded(warm_start, Cs, c);
    if (!(warm && still_optimal(latest))) {
      const auto solve = [&](const std::vector<double>* from) {
        return solve_epsilon_svr(data.points(), z, w, at_C, 0, 1, &shared, from);
      };
      // epsilon-SVR's variables alpha (p = epsilon - z, y = +1) then alpha* (p = epsilon + z,
      // y = -1), both over the fold's points, 0 <= alpha_t, alpha*_t <= w_t C.
      const auto fold_dual = [&]() -> const SteppedDual& {
        if (dual.Q.size() == 0) {
          std::vector<Index> points = shared.points;
          points.insert(points.end(), shared.points.begin(), shared.points.end());
          dual.y.assign(n, 1);
          dual.y.resize(2 * n, -1);
          dual.Q = signed_q(*shared.store, points, dual.y);
          for (double target : z) dual.p.push_back(options.epsilon - target);
          for (double target : z) dual.p.push_back(options.epsilon + target);
        }
        dual.upper.resize(2 * n);
        for (std::size_t t = 0; t < n; ++t) dual.upper[t] = dual.upper[n + t] = weight_of(w, t) * Cs[c];
        return dual;
      };
      latest.solution = warm ? solve_seeded(solve, fold_dual, 2 * n, at_C, shared,
                                            seed(latest, Cs[c] / Cs[c - 1]))
                             : solve(nullptr);
      shared.local_buffer_holds_q = true;  // the next solves find the fold's Q there
      const std::vector<double>& alpha = latest.solution.alpha;
      latest.linear = 0;
      for (std::size_t t = 0; t < n; ++t) {
        latest.linear += (options.epsilon - z[t]) * alpha[t] + (options.epsilon + z[t]) * alpha[n + t];
      }
    }
    coefficients.col(static_cast<Index>(c)) =
        Eigen::Map<const Eigen::VectorXd>(latest.solution.coefficients.data(), block.cols());
    rho(static_cast<Index>(c)) = latest.solution.report.rho;
  }
  // f(v) = sum_t coef_t K(v, x_t) - rho, at every C in one product.
  const Eigen::MatrixXd values = (block * coefficients).rowwise() - rho;
  std::vector<std::vector<double>> predictions;
  for (Index c = 0; c < values.cols(); ++c) {
    predictions.emplace_back(values.col(c).data(), values.col(c).data() + values.rows());
  }
  return predictions;
}

}  // namespace

bool shares_kernel(const Dataset& data, const TrainOptions& options) {
  const bool as_stored = options.storage == Storage::automatic ||
                         data.is_sparse() == (options.storage == Storage::sparse);
  return (options.svm_type == SvmType::c_svc || options.svm_type == SvmType::epsilon_svr) &&
         use_row_store(options) && !options.probability && !options.scaling && as_stored &&
         !(options.time_limit_seconds > 0);
}

void check_shared_input(const Dataset& data, const TrainOptions& options) {
  check_training_input(data, options);
  check_kernel_range(options.kernel, data.points(), "training point");
}

std::size_t shared_kernel_bytes(Index n) {
  return static_cast<std::size_t>(n) * static_cast<std::size_t>(n) * sizeof(float);
}

std::size_t fold_task_bytes(Index n, int folds, std::size_t classes, std::size_t n_C) {
  const auto held_out = static_cast<std::size_t>(n / folds + 1);
  // The active-set steps' Q: a pair's (at most n points) or an SVR fold's (2 n variables).
  const auto stepped = static_cast<std::size_t>(std::min<std::int64_t>(2 * n, active_set_variables));
  // A classifier's coefficients at the path's Cs, n k doubles per C up to decision_bytes, held
  // twice while they are packed for the products (PathDecisions); a regression's one column per C.
  const std::size_t coefficients = static_cast<std::size_t>(n) * classes * n_C * sizeof(double);
  const std::size_t decisions =
      classes > 1 ? 2 * std::min(coefficients, default_decision_bytes) : coefficients;
  return std::min(shared_kernel_bytes(n), StoredQMatrix::local_limit_bytes) +
         held_out * static_cast<std::size_t>(n) * sizeof(double) +
         stepped * stepped * sizeof(double) +
         decisions;
}

std::size_t matrices_that_fit(const Dataset& data, const TrainOptions& options, int folds,
                              int workers, std::size_t n_C) {
  const Index n = static_cast<Index>(data.n_samples());
  const std::size_t classes = is_classification(options.svm_type)
                                  ? group_classes(data.labels, options.class_order).labels.size()
                                  : 1;
  const auto budget = static_cast<std::size_t>(kernel_budget_mb(data, options) * 1024 * 1024);
  const std::size_t reserve =
      static_cast<std::size_t>(workers) * fold_task_bytes(n, folds, classes, n_C);
  return budget > reserve ? (budget - reserve) / shared_kernel_bytes(n) : 0;
}

FoldKernel fold_kernel(const Dataset& data, const TrainOptions& options, const FoldSplit& split,
                       std::size_t budget_bytes, int threads) {
  const bool by_class = is_classification(options.svm_type);
  std::vector<Index> order(data.n_samples());
  std::iota(order.begin(), order.end(), Index{0});
  std::stable_sort(order.begin(), order.end(), [&](Index a, Index b) {
    const auto ua = static_cast<std::size_t>(a), ub = static_cast<std::size_t>(b);
    if (split.fold[ua] != split.fold[ub]) return split.fold[ua] < split.fold[ub];
    return by_class && data.labels[ua] < data.labels[ub];
  });
  FoldKernel kernel;
  kernel.row_of.resize(order.size());
  for (std::size_t k = 0; k < order.size(); ++k) kernel.row_of[static_cast<std::size_t>(order[k])] = static_cast<Index>(k);
  kernel.store = std::make_shared<KernelRowStore>(options.kernel, select_rows(data, order).points(),
                                                  budget_bytes, threads, tuning_of(options));
  if (!kernel.store->compute_all()) kernel.store = nullptr;
  return kernel;
}

std::vector<std::vector<double>> fold_predictions_along_C(
    const Dataset& data, const TrainOptions& options, const std::vector<double>& Cs,
    const FoldSplit& split, int fold, const FoldKernel& kernel, bool warm_start,
    std::vector<float>& local_buffer, std::size_t decision_bytes) {
  const FoldRows rows = fold_rows(options, split, fold);
  if (rows.train.empty()) {
    throw InvalidArgument("a fold's training set has no point of positive weight");
  }
  return options.svm_type == SvmType::epsilon_svr
             ? regress_along_C(data, options, Cs, rows, kernel, warm_start, local_buffer)
             : classify_along_C(data, options, Cs, rows, kernel, warm_start, local_buffer,
                                decision_bytes);
}

}  // namespace rbfsvm::detail
