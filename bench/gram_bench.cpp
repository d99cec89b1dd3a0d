// Gram-builder benchmark: the RBF Gram rbfsvm::gram against Eigen's bare GEMM of the same shape
// and against a naive double loop; then sparse shapes (gram_bench_sparse.cpp: the sparse engine
// against a dense Gram of the densified points and LIBSVM's per-entry merge dots).
//
//   gram_bench [--quick] [--csv FILE] [--reps N] [--only TEXT] [--cpu-time]
//
// For every shape (symmetric K(X, X) with n x n output, or rectangular K(X, Y) with n x m output),
// scalar type and thread count (1 and 2) it reports the best of N (default 3) wall-clock times
// (std::chrono::steady_clock) of:
//   Gram   rbfsvm::gram<Scalar>(Kernel::rbf(g), X) or gram(kernel, X, Y), including the allocation
//          and first touch of the returned matrix (that is part of what the API costs);
//   GEMM   C = X * Y^T (Y = X for symmetric shapes) into a preallocated, already touched row-major
//          n x m matrix. Eigen's own threading is off (EIGEN_DONT_PARALLELIZE); with 1 thread it is
//          one single-threaded GEMM over the whole matrix, with T threads the rows are split into
//          T contiguous slices by OpenMP and each thread runs one single-threaded GEMM on its slice.
//          For symmetric shapes this is the full n x n product, although the Gram builder only
//          multiplies the tiles on and above the diagonal.
//   exp    one element-wise pass over that GEMM output turning dots into RBF values with Eigen's
//          array exp() (what the library did before its own vectorized exp), row slices per
//          thread: what an unfused "GEMM, then Eigen exp" pass would add on top of the GEMM;
//   naive  a plain triple loop exp(-g sum_f (x_f - y_f)^2) on a subset (about 2000 x 2000, fewer
//          rows for large d), extrapolated per element to the full shape; reported as naive/Gram.
// GFLOP/s counts 2 n m d flops (the full product, also for the symmetric Gram).
// --cpu-time measures the calling thread's CPU time instead, with 1 thread only: on a shared
// machine busy with other work, wall times are inflated by preemption, CPU times much less.
// Repetitions interleave the three timings (a shared machine's slow spells then hit all alike).
// The 1-thread and 2-thread Gram results are compared bit for bit (through a 64-bit hash of the
// raw bytes, so only one n x m result is alive at a time): OK or MISMATCH; the exit status is 1 on
// any mismatch.
#include <Eigen/Core>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <limits>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "gram_bench_sparse.hpp"
#include "rbfsvm/kernel/gram.hpp"
#include "rbfsvm/kernel/kernel.hpp"

namespace {

using Eigen::Index;
using rbfsvm::RowMatrix;
using rbfsvm::Vector;
using Clock = std::chrono::steady_clock;

struct Shape {
  Index n;  // rows of X
  Index m;  // rows of Y (== n for symmetric)
  Index d;  // features
  bool symmetric;
};

struct Options {
  bool quick = false;
  int reps = 3;
  std::string csv;
  std::string only;  // run only the shapes whose name contains this
  bool cpu_time = false;
};

struct Row {
  std::string shape;
  std::string type;
  int threads = 1;
  double gram_s = 0;
  double gemm_s = 0;
  double exp_s = 0;
  double naive_ratio = 0;  // extrapolated naive time / Gram time
  double gram_gflops = 0;
  double gemm_gflops = 0;
  std::string identical;
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Measured intervals: wall time (steady_clock), or with --cpu-time the calling thread's CPU time,
// which a busy shared machine does not inflate by preempting us (used with 1 thread only).
bool use_thread_cpu_time = false;

double timer_seconds() {
#ifdef CLOCK_THREAD_CPUTIME_ID
  if (use_thread_cpu_time) {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
  }
#endif
  return std::chrono::duration<double>(Clock::now().time_since_epoch()).count();
}

int max_threads() {
#ifdef _OPENMP
  return omp_get_max_threads();
#else
  return 1;
#endif
}

// Rows [begin, end) of slice `part` out of `parts` equal contiguous slices of `rows`.
std::pair<Index, Index> slice(Index rows, int part, int parts) {
  return {rows * part / parts, rows * (part + 1) / parts};
}

// Runs body(begin, end) on `threads` contiguous row slices of [0, rows), one per OpenMP thread.
template <typename Body>
void split_rows(Index rows, int threads, Body&& body) {
#ifdef _OPENMP
  if (threads > 1) {
#pragma omp parallel num_threads(threads)
    {
      const auto [begin, end] = slice(rows, omp_get_thread_num(), omp_get_num_threads());
      if (end > begin) body(begin, end);
    }
    return;
  }
#endif
  (void)threads;
  body(Index{0}, rows);
}

template <typename Scalar>
RowMatrix<Scalar> random_points(Index n, Index d, unsigned seed) {
  std::mt19937 engine(seed);
  std::normal_distribution<Scalar> normal(Scalar(0), Scalar(1));
  RowMatrix<Scalar> X(n, d);
  for (Index i = 0; i < n; ++i)
    for (Index j = 0; j < d; ++j) X(i, j) = normal(engine);
  return X;
}

// 64-bit hash of the raw bytes (four independent multiply-xor lanes, so it runs near memory speed).
template <typename Scalar>
std::uint64_t bit_hash(const RowMatrix<Scalar>& K) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(K.data());
  const std::size_t size = static_cast<std::size_t>(K.size()) * sizeof(Scalar);
  constexpr std::uint64_t prime = 0x100000001b3ULL;
  std::uint64_t lane[4] = {0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL, 0x9e3779b97f4a7c15ULL,
                           0x7f4a7c159e3779b9ULL};
  std::size_t pos = 0;
  for (; pos + 32 <= size; pos += 32) {
    for (int l = 0; l < 4; ++l) {
      std::uint64_t word;
      std::memcpy(&word, bytes + pos + 8 * static_cast<std::size_t>(l), 8);
      lane[l] = (lane[l] ^ word) * prime;
    }
  }
  for (; pos < size; ++pos) lane[0] = (lane[0] ^ bytes[pos]) * prime;
  return ((lane[0] * 31 + lane[1]) * 31 + lane[2]) * 31 + lane[3] + size;
}

// C = X * Y^T, Eigen single-threaded per row slice.
template <typename Scalar>
void bare_gemm(const RowMatrix<Scalar>& X, const RowMatrix<Scalar>& Y, RowMatrix<Scalar>& C,
               int threads) {
  split_rows(X.rows(), threads, [&](Index begin, Index end) {
    C.middleRows(begin, end - begin).noalias() = X.middleRows(begin, end - begin) * Y.transpose();
  });
}

// In place: dots -> exp(-gamma max(0, |x|^2 + |y|^2 - 2 dot)), the library's expression.
template <typename Scalar>
void exp_pass(RowMatrix<Scalar>& C, const Vector<Scalar>& x_norms, const Vector<Scalar>& y_norms,
              Scalar gamma, int threads) {
  split_rows(C.rows(), threads, [&](Index begin, Index end) {
    for (Index r = begin; r < end; ++r) {
      auto row = C.row(r).array();
      row = (((Scalar(2) * row - x_norms(r)) - y_norms.transpose().array()).min(Scalar(0)) * gamma)
                .exp();
    }
  });
}

// Seconds per kernel value of the naive loop, measured on rows x cols points of X and Y.
template <typename Scalar>
double naive_seconds_per_value(const RowMatrix<Scalar>& X, const RowMatrix<Scalar>& Y, Scalar gamma,
                               Index rows, Index cols, int threads, int reps) {
  const Index d = X.cols();
  RowMatrix<Scalar> out(rows, cols);
  double best = std::numeric_limits<double>::infinity();
  for (int rep = 0; rep < reps; ++rep) {
    const double start = timer_seconds();
    split_rows(rows, threads, [&](Index begin, Index end) {
      for (Index i = begin; i < end; ++i) {
        const Scalar* x = X.data() + i * d;
        for (Index j = 0; j < cols; ++j) {
          const Scalar* y = Y.data() + j * d;
          Scalar distance = 0;
          for (Index f = 0; f < d; ++f) {
            const Scalar diff = x[f] - y[f];
            distance += diff * diff;
          }
          out(i, j) = std::exp(-gamma * distance);
        }
      }
    });
    best = std::min(best, timer_seconds() - start);
  }
  volatile Scalar sink = out.sum();  // keep the loop alive
  (void)sink;
  return best / static_cast<double>(rows * cols);
}

std::string shape_name(const Shape& s) {
  return s.symmetric ? "K(X,X) " + std::to_string(s.n) + "^2 d=" + std::to_string(s.d)
                     : "K(X,Y) " + std::to_string(s.n) + "x" + std::to_string(s.m) +
                           " d=" + std::to_string(s.d);
}

template <typename Scalar>
const char* type_name() {
  return sizeof(Scalar) == sizeof(float) ? "float" : "double";
}

template <typename Scalar>
void run_shape(const Shape& shape, const Options& options, const std::vector<int>& thread_counts,
               std::map<std::tuple<int, Index, int>, double>& naive_cache, std::vector<Row>& rows,
               bool& all_identical) {
  const RowMatrix<Scalar> X = random_points<Scalar>(shape.n, shape.d, 11);
  RowMatrix<Scalar> Y_storage;
  if (!shape.symmetric) Y_storage = random_points<Scalar>(shape.m, shape.d, 12);
  const RowMatrix<Scalar>& Y = shape.symmetric ? X : Y_storage;
  // |x - y|^2 is about 2d for standard normal points: K values around exp(-1).
  const double gamma_value = 1.0 / (2.0 * static_cast<double>(shape.d));
  const Scalar gamma = static_cast<Scalar>(gamma_value);
  const rbfsvm::Kernel kernel = rbfsvm::Kernel::rbf(gamma_value);
  const Vector<Scalar> x_norms = rbfsvm::squared_norms<Scalar>(X);
  const Vector<Scalar> y_norms = rbfsvm::squared_norms<Scalar>(Y);
  const double flops = 2.0 * static_cast<double>(shape.n) * static_cast<double>(shape.m) *
                       static_cast<double>(shape.d);
  const double values = static_cast<double>(shape.n) * static_cast<double>(shape.m);

  std::vector<std::uint64_t> hashes;
  const std::size_t first_row = rows.size();
  for (const int threads : thread_counts) {
    Row row;
    row.shape = shape_name(shape);
    row.type = type_name<Scalar>();
    row.threads = threads;
    std::fprintf(stderr, "  %s %s %d thread(s)...\n", row.shape.c_str(), row.type.c_str(), threads);

    // Repetitions interleave GEMM, exp pass and Gram, so that a slow spell of a shared machine
    // hits all three alike; only one n x m matrix is alive at a time.
    row.gemm_s = row.exp_s = row.gram_s = std::numeric_limits<double>::infinity();
    for (int rep = 0; rep < options.reps; ++rep) {
      {  // Bare GEMM and the unfused exp pass, into a preallocated and touched matrix.
        RowMatrix<Scalar> C(shape.n, shape.m);
        C.setZero();
        double start = timer_seconds();
        bare_gemm(X, Y, C, threads);
        row.gemm_s = std::min(row.gemm_s, timer_seconds() - start);
        start = timer_seconds();
        exp_pass(C, x_norms, y_norms, gamma, threads);
        row.exp_s = std::min(row.exp_s, timer_seconds() - start);
      }
      {  // The Gram builder, allocation of its result included.
        const double start = timer_seconds();
        const RowMatrix<Scalar> K =
            shape.symmetric ? rbfsvm::gram<Scalar>(kernel, X, rbfsvm::ThreadOptions{threads})
                            : rbfsvm::gram<Scalar>(kernel, X, Y, rbfsvm::ThreadOptions{threads});
        row.gram_s = std::min(row.gram_s, timer_seconds() - start);
        if (rep + 1 == options.reps) hashes.push_back(bit_hash(K));
      }
    }

    // Naive loop: per-value time depends on (type, d, threads) only, so measure it once.
    const auto key = std::make_tuple(static_cast<int>(sizeof(Scalar)), shape.d, threads);
    auto cached = naive_cache.find(key);
    if (cached == naive_cache.end()) {
      const Index cols = std::min<Index>(shape.m, options.quick ? 500 : 2000);
      const Index budget = options.quick ? 500 * 500 * 100 : 2000 * 2000 * 100;  // values * d
      const Index naive_rows =
          std::clamp<Index>(budget / (cols * shape.d), Index{64}, std::min<Index>(shape.n, cols));
      const double per_value =
          naive_seconds_per_value(X, Y, gamma, naive_rows, cols, threads, options.reps);
      cached = naive_cache.emplace(key, per_value).first;
    }
    row.naive_ratio = cached->second * values / row.gram_s;
    row.gram_gflops = flops / row.gram_s * 1e-9;
    row.gemm_gflops = flops / row.gemm_s * 1e-9;
    rows.push_back(row);
  }
  bool identical = true;
  for (const std::uint64_t h : hashes) identical = identical && h == hashes.front();
  if (hashes.size() < 2) {
    rows[first_row].identical = "n/a";
    return;
  }
  all_identical = all_identical && identical;
  for (std::size_t r = first_row; r < rows.size(); ++r) rows[r].identical = identical ? "OK" : "MISMATCH";
}

// The 1-minute load average where /proc/loadavg exists (timings on a busy machine are noisy).
std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string value;
  if (!(in >> value)) return "n/a";
  return value;
}

std::string format(const char* spec, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, spec, value);
  return buffer;
}

const char* header_text[] = {"shape", "type", "thr", "Gram s", "GEMM s", "exp s", "Gram/GEMM",
                             "naive/Gram", "Gram GF/s", "GEMM GF/s", "1T==2T"};

std::vector<std::string> cells(const Row& r) {
  return {r.shape,
          r.type,
          std::to_string(r.threads),
          format("%.3f", r.gram_s),
          format("%.3f", r.gemm_s),
          format("%.3f", r.exp_s),
          format("%.2f", r.gram_s / r.gemm_s),
          format("%.0f", r.naive_ratio),
          format("%.1f", r.gram_gflops),
          format("%.1f", r.gemm_gflops),
          r.identical};
}

// A Markdown table, columns padded so that it also reads as plain text.
void print_table(const std::vector<Row>& rows) {
  std::vector<std::vector<std::string>> table;
  table.emplace_back(std::begin(header_text), std::end(header_text));
  for (const Row& r : rows) table.push_back(cells(r));
  std::vector<std::size_t> width(table.front().size(), 0);
  for (const auto& line : table)
    for (std::size_t c = 0; c < line.size(); ++c) width[c] = std::max(width[c], line[c].size());
  auto print_line = [&](const std::vector<std::string>& line) {
    std::printf("|");
    for (std::size_t c = 0; c < line.size(); ++c) {
      // Text columns left-aligned, numbers right-aligned.
      if (c < 2) {
        std::printf(" %-*s |", static_cast<int>(width[c]), line[c].c_str());
      } else {
        std::printf(" %*s |", static_cast<int>(width[c]), line[c].c_str());
      }
    }
    std::printf("\n");
  };
  print_line(table.front());
  std::string rule = "|";
  for (std::size_t c = 0; c < width.size(); ++c) {
    const std::string dashes(width[c] + 1, '-');
    rule += (c < 2 ? ":" + dashes : dashes + ":") + "|";
  }
  std::printf("%s\n", rule.c_str());
  for (std::size_t i = 1; i < table.size(); ++i) print_line(table[i]);
}

void write_csv(const std::string& path, const std::vector<Row>& rows) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error("cannot write " + path);
  out << "shape,type,threads,gram_s,gemm_s,exp_s,gram_over_gemm,naive_over_gram,gram_gflops,"
         "gemm_gflops,identical_1t_2t\n";
  for (const Row& r : rows) {
    out << '"' << r.shape << "\"," << r.type << ',' << r.threads << ',' << format("%.6f", r.gram_s)
        << ',' << format("%.6f", r.gemm_s) << ',' << format("%.6f", r.exp_s) << ','
        << format("%.4f", r.gram_s / r.gemm_s) << ',' << format("%.2f", r.naive_ratio) << ','
        << format("%.3f", r.gram_gflops) << ',' << format("%.3f", r.gemm_gflops) << ','
        << r.identical << '\n';
  }
  if (!out) throw std::runtime_error("error writing " + path);
}

void usage(std::FILE* to) {
  std::fprintf(to,
               "usage: gram_bench [--quick] [--csv FILE] [--reps N] [--only TEXT] [--cpu-time]\n"
               "  --quick     small shapes (a few seconds; what CI runs)\n"
               "  --csv FILE  also write the table as CSV\n"
               "  --reps N    repetitions per measurement, best is reported (default 3)\n"
               "  --only TEXT run only the shapes whose name contains TEXT, e.g. 'K(X,Y)' or 'd=100'\n"
               "  --cpu-time  time with the thread's CPU clock instead of steady_clock, 1 thread\n"
               "              only: robust to other processes on a busy machine\n");
}

// The command line; --help and usage errors exit here (status 0 and 2).
Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--quick") {
      options.quick = true;
    } else if (arg == "--csv" && i + 1 < argc) {
      options.csv = argv[++i];
    } else if (arg == "--reps" && i + 1 < argc) {
      options.reps = std::atoi(argv[++i]);
      if (options.reps < 1) {
        usage(stderr);
        std::exit(2);
      }
    } else if (arg == "--cpu-time") {
      options.cpu_time = true;
    } else if (arg == "--only" && i + 1 < argc) {
      options.only = argv[++i];
    } else if (arg == "--help" || arg == "-h") {
      usage(stdout);
      std::exit(0);
    } else {
      std::fprintf(stderr, "gram_bench: unknown or incomplete option '%s'\n", arg.c_str());
      usage(stderr);
      std::exit(2);
    }
  }
  return options;
}

// Symmetric shapes first, then rectangular ones; each is run in float and double.
std::vector<Shape> benchmark_shapes(bool quick) {
  if (quick) {
    return {{1500, 1500, 20, true},   {1500, 1500, 100, true},  {1000, 1000, 800, true},
            {1500, 1000, 20, false},  {1500, 1000, 100, false}, {1000, 700, 800, false}};
  }
  return {{20000, 20000, 20, true},  {10000, 10000, 100, true}, {5000, 5000, 800, true},
          {20000, 5000, 20, false},  {10000, 5000, 100, false}, {5000, 5000, 800, false}};
}

void print_header(const Options& options) {
  std::printf("gram_bench (%s mode): best of %d, %s; hardware threads %u, OpenMP max threads %d\n",
              options.quick ? "quick" : "full", options.reps,
              use_thread_cpu_time ? "thread CPU time" : "wall time (steady_clock)",
              std::thread::hardware_concurrency(), max_threads());
  std::printf("Eigen %d.%d.%d, SIMD: %s, Eigen threads: %d (EIGEN_DONT_PARALLELIZE); load %s\n",
              EIGEN_WORLD_VERSION, EIGEN_MAJOR_VERSION, EIGEN_MINOR_VERSION,
              Eigen::SimdInstructionSetsInUse(), Eigen::nbThreads(), load_average().c_str());
  std::fflush(stdout);
}
}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  const std::vector<Shape> shapes = benchmark_shapes(options.quick);
  std::vector<int> thread_counts = {1};
#ifdef _OPENMP
  if (!options.cpu_time) thread_counts.push_back(2);
#endif
#ifdef CLOCK_THREAD_CPUTIME_ID
  use_thread_cpu_time = options.cpu_time;
#else
  if (options.cpu_time) std::fprintf(stderr, "gram_bench: no thread CPU clock, using steady_clock\n");
#endif
  print_header(options);

  std::vector<Row> rows;
  std::map<std::tuple<int, Index, int>, double> naive_cache;
  bool all_identical = true;
  const auto start = Clock::now();
  try {
    for (const Shape& shape : shapes) {
      if (shape_name(shape).find(options.only) == std::string::npos) continue;
      run_shape<float>(shape, options, thread_counts, naive_cache, rows, all_identical);
      run_shape<double>(shape, options, thread_counts, naive_cache, rows, all_identical);
    }
    if (!options.cpu_time) {
      all_identical = rbfsvm::bench::run_sparse_shapes(options.quick, options.reps, options.only,
                                                       thread_counts) && all_identical;
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "gram_bench: %s\n", error.what());
    return 1;
  }
  if (!rows.empty()) print_table(rows);
  std::printf("total %.1f s, load %s; 1-thread vs 2-thread Gram results: %s\n",
              seconds_since(start), load_average().c_str(),
              thread_counts.size() < 2 ? "not compared (one thread count)"
              : all_identical          ? "bit-identical"
                                       : "MISMATCH");
  if (!options.csv.empty()) {
    try {
      write_csv(options.csv, rows);
    } catch (const std::exception& error) {
      std::fprintf(stderr, "gram_bench: %s\n", error.what());
      return 1;
    }
  }
  return all_identical ? 0 : 1;
}
