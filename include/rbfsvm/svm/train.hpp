// Training: every SVM type reduced to the dual of smo_solver.hpp (Chang & Lin 2011, §2), and
// one-vs-one multiclass (Knerr et al. 1990; LIBSVM's svm_train).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rbfsvm/core/tuning.hpp"
#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/svm/model.hpp"
#include "rbfsvm/solver/progress.hpp"

namespace rbfsvm {

// How the solver gets its kernel values.
enum class KernelEvaluation {
  // Rows computed a block at a time through the Gram builder (float GEMM) and kept while the
  // kernel budget holds them (src/solver/stored/): several times faster, values within ~1e-6 of
  // the exact ones.
  fast,
  // One double dot product per entry and an LRU column cache: LIBSVM's arithmetic. Always used
  // for precomputed kernels.
  exact,
};

// How a classifier numbers its classes: the order of the model's labels, of its support vectors
// (grouped by class) and of its class pairs.
enum class ClassOrder {
  // LIBSVM's svm_group_classes: the order in which the labels first appear in the training set,
  // except that a two-class -1/+1 set always puts +1 first.
  first_appearance,
  // Increasing label order, -1/+1 included, as scikit-learn's modified LIBSVM numbers them
  // (sklearn/svm/src/libsvm/svm.cpp, svm_group_classes sorts the labels): with y encoded as
  // 0..k-1 the model is laid out as scikit-learn's.
  ascending,
};

// Every training default lives here.
struct TrainOptions {
  SvmType svm_type = SvmType::c_svc;
  Kernel kernel = Kernel::rbf(1.0);
  double C = 1.0;           // C-SVC, epsilon-SVR, nu-SVR (LIBSVM's -c)
  double nu = 0.5;          // nu-SVC, one-class, nu-SVR (-n)
  double epsilon = 0.1;     // epsilon-SVR insensitive zone (-p)
  double tolerance = 1e-3;  // stopping tolerance (-e)
  // Kernel rows / cache budget in MB (-m); 0 chooses what the memory limit leaves after the
  // data (so never more than half of the physical memory by default).
  double cache_mb = 0;
  KernelEvaluation kernel_evaluation = KernelEvaluation::fast;
  bool shrinking = true;    // (-h)
  bool probability = false; // Platt / SVR-Laplace probability model (-b)
  // (label, weight) pairs: C of that class is multiplied by the weight (-wLABEL W).
  std::vector<std::pair<double, double>> class_weights;
  // Per-point weights w_i (scikit-learn's sample_weight, as its modified LIBSVM applies them,
  // sklearn/svm/src/libsvm/svm.cpp): empty for none, else one finite w_i >= 0 per training point.
  // Point i's dual variables get the upper bound w_i times the unweighted one:
  //   C-SVC        C_i = w_i C weight(y_i)        (weight(y_i): class_weights, 1 when absent)
  //   epsilon-SVR  C_i = C*_i = w_i C
  //   nu-SVR       C_i = C*_i = w_i C,  e^T (alpha + alpha*) = C nu sum_i w_i
  //   nu-SVC       C_i = w_i,           e^T alpha = nu sum_i w_i (per class pair), and nu is
  //                feasible for classes a and b when nu (W_a + W_b) / 2 <= min(W_a, W_b),
  //                W_c the total weight of class c
  //   one-class    C_i = w_i,           e^T alpha = nu sum_i w_i
  // the nu starting points filled greedily, alpha_i = min(C_i, what remains), in point order.
  // Integer weights thus act as repeated points. Points of weight 0 are removed before anything
  // else (the scaling is then fitted without them); the model's sv_indices still number the
  // rows given. The probability fits' internal cross-validation and the one-vs-one pairs carry
  // each point's weight; the Platt and Laplace fits themselves are unweighted, as in
  // scikit-learn. Refused (InvalidArgument): a length other than the number of points, a
  // negative or non-finite weight, all weights 0, and for a classifier a class whose points all
  // weigh 0.
  std::vector<double> sample_weights;
  ClassOrder class_order = ClassOrder::first_appearance;
  std::int64_t max_iterations = 0;  // 0: LIBSVM's max(10^7, 100 n) per subproblem
  int n_threads = 0;                // 0: OpenMP's default
  // Fit this scaling to the training data, train on the scaled data and keep it in the model.
  // On sparse data min_max becomes max_abs, which keeps zeros (and the data sparse), and z_score
  // is refused (it would fill in every zero).
  std::optional<ScalingKind> scaling;
  // How the points are held while training: automatic keeps the data set's storage; dense or
  // sparse converts a copy when the data set is stored the other way. The model's support
  // vectors are stored the same way.
  Storage storage = Storage::automatic;
  unsigned seed = 1;                // for the internal cross-validation of probability models
  std::function<void(const SmoProgress&)> progress;
  // Stop every solver once this many seconds have passed since train() began (0: no limit).
  // The model is then usable but not optimal: the report says converged = false.
  double time_limit_seconds = 0;
  // Polled with the progress: true stops every solver early, as the time limit does (for an
  // interrupt, say). May be empty.
  std::function<bool()> should_stop;
  // Refuse up front when the data copies and the kernel cache would need more than this many
  // MB; 0 means half of the machine's physical memory.
  double max_memory_mb = 0;
  // How this training runs, never what it computes (rbfsvm/core/tuning.hpp): which SIMD loops
  // run (automatic: RBFSVM_SIMD=sse2 in the environment turns AVX2 off, else what the CPU has)
  // and whether the solver splits its long passes between two threads (by default passes of at
  // least 16,384 variables, when n_threads resolves to two or more). The model is the same,
  // byte for byte, for every setting.
  Simd simd = Simd::automatic;
  PassSplitting pass_splitting;

  // Throws InvalidArgument naming the first bad value.
  void validate() const;
};

// What one subproblem's solve reported (one per class pair, or one).
struct SubproblemReport {
  double objective = 0;
  double rho = 0;
  std::int64_t iterations = 0;
  Index n_support_vectors = 0;
  Index n_bounded = 0;  // alpha at the upper bound
  bool converged = true;
  double gap = 0;
};

struct TrainReport {
  std::vector<SubproblemReport> subproblems;
  std::int64_t total_iterations() const;
  double total_objective() const;
  bool converged() const;
};

// LIBSVM's default gamma, 1 / n_features.
double default_gamma(const Dataset& data);
// scikit-learn's gamma = 'scale', 1 / (n_features * Var(X)) over all entries of X.
double scale_gamma(const Dataset& data);

// Half of the physical memory in MB (the default memory limit); 0 when it cannot be read.
double default_max_memory_mb();

// The kernel budget train() uses, in MB: options.cache_mb when set, else the memory limit less
// the data copies (1 GB when the physical memory cannot be read). Parallel work that trains
// several models at once (cross-validation, grid search) divides this between them.
double kernel_budget_mb(const Dataset& data, const TrainOptions& options);

// Trains a model. Throws InvalidArgument for bad options, an empty data set, a classification
// set with fewer than two classes, labels that are not finite numbers, or an estimated memory
// need above options.max_memory_mb.
Model train(const Dataset& data, const TrainOptions& options, TrainReport* report = nullptr);

}  // namespace rbfsvm
