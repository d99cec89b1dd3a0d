// Internal: each SVM type as the one dual problem of solver/smo_solver.hpp (LIBSVM's solve_c_svc,
// solve_nu_svc, solve_one_class, solve_epsilon_svr, solve_nu_svr; Chang & Lin 2011, §2), over
// the Q matrix the options ask for.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "rbfsvm/svm/probability.hpp"
#include "rbfsvm/svm/train.hpp"
#include "solver/engine_tuning.hpp"
#include "solver/smo_solver.hpp"
#include "solver/stored/kernel_row_store.hpp"

namespace rbfsvm::detail {

// One binary (or one-class / regression) solve in the form the model needs: signed
// coefficients y_i alpha_i per point and the bias.
struct BinarySolution {
  std::vector<double> coefficients;
  std::vector<double> alpha;  // the solver's variables (2n for regression): a warm start's seed
  SubproblemReport report;
  PlattSigmoid sigmoid;  // when a probability model was asked for
};

// The one-vs-one pairs' shared store over the whole (class-grouped) training set: its complete
// kernel matrix or its diagonal blocks. A pair's points are points of it.
struct SharedRows {
  std::shared_ptr<KernelRowStore> store;
  std::vector<Index> points;
  std::vector<float>* local_buffer = nullptr;  // the solving thread's, for the pair's copy of Q
  // The buffer already holds this problem's copy of Q, left by an earlier solve over the same
  // points (StoredQMatrix's buffer_holds_q): the C path's solves after its first.
  bool local_buffer_holds_q = false;
};

// Whether the options' kernel rows come from a KernelRowStore (the fast path).
bool use_row_store(const TrainOptions& options);

// The solver's settings from the training options.
SmoOptions solver_options(const TrainOptions& options, int threads);

// The training's SIMD and pass-splitting choice as the engine takes it, for kernel-row stores
// built before any solve (solve_smo hands it to the stores it owns).
EngineTuning tuning_of(const TrainOptions& options);

// Q over the points of X with the given signs (none: all +1), for the evaluation the options
// ask for; over `shared`'s points of its store when given.
std::unique_ptr<QMatrix> make_q(PointsRef X, const std::vector<signed char>& signs,
                                const TrainOptions& options, std::size_t cache, int threads,
                                const SharedRows* shared = nullptr);

// In each solve, w holds the points' sample weights (TrainOptions::sample_weights, all positive;
// empty: all 1), which multiply their variables' upper bounds; options.sample_weights is not
// read.

// C-SVC or nu-SVC (options.svm_type) of the points X with labels y = +-1; C_positive and
// C_negative are the classes' weighted C (C-SVC only). `cache` is this solve's kernel budget
// in bytes.
// `start`, when given (C-SVC only), is a starting alpha: a solution for another C scaled to
// this one (DeCoste & Wagstaff 2000), feasible for y^T alpha = 0; it is clamped into the box.
BinarySolution solve_binary(PointsRef X, const std::vector<signed char>& y,
                            const std::vector<double>& w, double C_positive, double C_negative,
                            const TrainOptions& options, std::size_t cache, int threads,
                            const SharedRows* shared = nullptr,
                            const std::vector<double>* start = nullptr);

BinarySolution solve_one_class(PointsRef X, const std::vector<double>& w,
                               const TrainOptions& options, std::size_t cache, int threads);

// Regression of the targets z; over `shared`'s points of its store when given, from `start`
// (2n values, alpha then alpha*, scaled as for solve_binary) when given.
BinarySolution solve_epsilon_svr(PointsRef X, const std::vector<double>& z,
                                 const std::vector<double>& w, const TrainOptions& options,
                                 std::size_t cache, int threads,
                                 const SharedRows* shared = nullptr,
                                 const std::vector<double>* start = nullptr);
BinarySolution solve_nu_svr(PointsRef X, const std::vector<double>& z,
                            const std::vector<double>& w, const TrainOptions& options,
                            std::size_t cache, int threads);

// The support vectors a model keeps: the given rows of the data, stored as the data is; for a
// precomputed-kernel model only each one's serial number (LIBSVM's "0:s").
PointSet support_vectors_of(const Dataset& data, const std::vector<Index>& rows,
                            const TrainOptions& options);

}  // namespace rbfsvm::detail
