// Trains a C-SVC (RBF) on a LIBSVM-format file read with the chosen storage and reports the
// time, support vectors and objective per one-vs-one pair in LIBSVM's order, so that a run can
// be set beside `svm-train -q -c C -g G FILE` (peak memory: run it under /usr/bin/time -v).
//
//   sparse_train FILE C GAMMA [sparse|dense|auto] [fast|exact] [THREADS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/svm/train.hpp"

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: sparse_train FILE C GAMMA [sparse|dense|auto] [fast|exact] [THREADS]\n");
    return 2;
  }
  using Clock = std::chrono::steady_clock;
  rbfsvm::ReadOptions read;
  read.storage = rbfsvm::storage_from_string(argc > 4 ? argv[4] : "sparse");
  const auto start = Clock::now();
  const rbfsvm::Dataset data = rbfsvm::read_dataset(argv[1], read);
  const double read_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  rbfsvm::TrainOptions options;
  options.C = std::atof(argv[2]);
  options.kernel = rbfsvm::Kernel::rbf(std::atof(argv[3]));
  options.kernel_evaluation = argc > 5 && std::string(argv[5]) == "exact"
                                  ? rbfsvm::KernelEvaluation::exact
                                  : rbfsvm::KernelEvaluation::fast;
  options.n_threads = argc > 6 ? std::atoi(argv[6]) : 0;
  rbfsvm::TrainReport report;
  const auto train_start = Clock::now();
  const rbfsvm::Model model = rbfsvm::train(data, options, &report);
  const double train_seconds = std::chrono::duration<double>(Clock::now() - train_start).count();
  std::printf("%s: %zu x %zu, %s; read %.2f s, train %.2f s; %lld SVs, %lld iterations, "
              "total objective %.6f\n",
              argv[1], data.n_samples(), data.n_features(), data.is_sparse() ? "sparse" : "dense",
              read_seconds, train_seconds, static_cast<long long>(model.n_support_vectors()),
              static_cast<long long>(report.total_iterations()), report.total_objective());
  for (const rbfsvm::SubproblemReport& pair : report.subproblems) {
    std::printf("  obj %.6f rho %.6f nSV %lld nBSV %lld\n", pair.objective, pair.rho,
                static_cast<long long>(pair.n_support_vectors),
                static_cast<long long>(pair.n_bounded));
  }
  return 0;
}
