// Training benchmark: rbfsvm::train against LIBSVM 3.24's svm_train (Debian's libsvm-dev), C-SVC
// with the RBF kernel, eps 1e-3, shrinking on, on LIBSVM's benchmark files and on text-shaped
// sparse sets.
//
//   svm_bench [--data DIR] [--reps N] [--quick] [--out PREFIX] [--only NAME,...] [--threads T]
//             [--work DIR] [--storage auto|dense|sparse] [--with-libsvm]
//
// Cases. Dense ones: a9a, ijcnn1, letter, mnist8k (LIBSVM's files). Text ones, stored sparse
// (--storage): brown_genre (real passages, ../shared/datasets/sparse), and sets made by
// text_data.hpp's generator into --work DIR (cached there by shape and seed): text_email
// (4,200 x 51,000) and text_news20 (20,000 x 1,350,000; rbfsvm alone unless --with-libsvm,
// LIBSVM being hours there), 80% to train, the last 20% to test; --quick runs text_small
// (2,000 x 20,000) instead. Text cases use C 10, gamma 1: rows of unit length have squared
// distances in [0, 4], so gamma 1 spans the kernel's useful range (LIBSVM's default 1/d would
// be ~1e-5 here, a near-linear kernel).
//
// Method.
// - Every training run happens in a child process of its own (fork): the child trains, sends its
//   time and model down a pipe and exits. So the peak memory of one run is the child's maximum
//   resident set (wait4's ru_maxrss, in KB on Linux), and no run inherits another's allocator
//   state, kernel cache or warm pages. A forked child starts with the parent's resident pages
//   mapped (the data sets, which the parent reads once), so every peak includes that base; the
//   tables give it as "base MB" (the child's resident set as it starts).
// - The time is the training call alone (steady_clock around rbfsvm::train or svm_train, in the
//   child); building LIBSVM's sparse problem from the data, reading files and evaluating are not
//   timed. Each variant's median over the repetitions is reported. Repetitions interleave the
//   variants (rbfsvm, LIBSVM, LIBSVM -m, rbfsvm, ...) so that a slow spell of a shared machine
//   hits them alike.
// - Variants: rbfsvm with its defaults (its kernel budget is automatic: what the memory limit
//   leaves after the data); LIBSVM with its default 100 MB kernel cache; LIBSVM given the memory
//   rbfsvm used: -m set to the peak resident set of the first rbfsvm run, in MB ("libsvm -m MB").
// - The models of the first rbfsvm and LIBSVM runs are evaluated in another child (the parent
//   must never start OpenMP threads: GNU libgomp's thread pool does not survive fork, and a
//   child using OpenMP after its parent did can hang). Dual objective, the same formula for both
//   models (dual_objective.hpp). Test accuracy with each library's own prediction
//   (rbfsvm::Model::predict, LIBSVM's svm_predict). Models travel from the training child with
//   their SVs stored as trained (model_transfer.hpp). A case run by rbfsvm alone reports its
//   solver's objective and is checked for convergence only.
// - A case passes when the objectives agree within 1e-3 relative, the test accuracies within
//   0.2 percentage points and the SV counts within 2%; the exit status is 1 when any case fails or
//   any run fails, so --quick doubles as a correctness smoke check (ctest svm_bench_quick).
#include <libsvm/svm.h>

#include <Eigen/Core>
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <numeric>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "child_process.hpp"
#include "dual_objective.hpp"
#include "model_transfer.hpp"
#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/svm/model.hpp"
#include "rbfsvm/svm/train.hpp"
#include "report.hpp"
#include "support/libsvm_oracle.hpp"
#include "text_data.hpp"

namespace {

namespace fs = std::filesystem;
using Eigen::Index;
using rbfsvm::RowMatrix;
using Clock = std::chrono::steady_clock;
using rbfsvm::bench::ChildResult;
using rbfsvm::bench::kNaN;
using rbfsvm::bench::MessageReader;
using rbfsvm::bench::PipeWriter;
using rbfsvm::bench::resident_mb;
using rbfsvm::bench::Row;
using rbfsvm::bench::run_in_child;
using rbfsvm::bench::TextShape;

constexpr double kTolerance = 1e-3;           // eps (-e) for both libraries
constexpr double kLibsvmCacheMb = 100;        // LIBSVM's default -m
constexpr double kObjectiveTolerance = 1e-3;  // relative
constexpr double kAccuracyTolerance = 0.2;    // percentage points (the speed issue's bar)
constexpr double kSvTolerance = 0.02;         // relative

// One benchmark problem. The test set is test_file, or, without one, rows of the training file:
// `test_rows` after the training rows, or the last `test_rows` rows with test_from_end.
struct Case {
  std::string name;
  std::string train_file;
  std::string test_file;
  Index train_rows = 0;  // 0: all
  Index test_rows = 0;
  bool test_from_end = false;
  double C = 1;
  double gamma = 1;
  // Text: stored as --storage says (sparse by default); the files are in the sparse folder, or
  // generated from `shape` into the work folder.
  bool text = false;
  std::optional<TextShape> shape;
  bool libsvm = true;  // false: rbfsvm alone, unless --with-libsvm
};

struct Options {
  std::string data_dir;  // empty: the default locations
  int reps = 3;
  bool reps_given = false;
  bool quick = false;
  std::string out = "svm_bench";
  std::vector<std::string> only;
  int threads = 0;  // 0: OpenMP's default
  std::string work_dir;  // generated sets; empty: <temp>/rbfsvm-bench-data
  rbfsvm::Storage storage = rbfsvm::Storage::sparse;  // the text cases'
  bool with_libsvm = false;  // LIBSVM on the rbfsvm-only cases too
};

// What one training child sends back.
struct Run {
  double seconds = kNaN;
  double peak_mb = kNaN;   // ru_maxrss of the child
  double start_mb = kNaN;  // its resident set when it began
  double solver_objective = kNaN;
  bool converged = true;
  std::optional<rbfsvm::ModelData> model;  // sent by the first run of a variant only
};

// The options of both libraries' runs (for LIBSVM through libsvm_parameters, which gives the
// same C-SVC, RBF, eps, shrinking; its cache is options.cache_mb, 100 MB when 0).
rbfsvm::TrainOptions train_options(const Case& c, int threads) {
  rbfsvm::TrainOptions options;
  options.kernel = rbfsvm::Kernel::rbf(c.gamma);
  options.C = c.C;
  options.tolerance = kTolerance;
  options.shrinking = true;
  options.n_threads = threads;
  return options;
}

// ---------------------------------------------------------------------------------------------
// Training runs (each in its own child).

void write_run_header(PipeWriter& out, double seconds, double start_mb, double objective,
                      bool converged, bool with_model) {
  out.value(seconds);
  out.value(start_mb);
  out.value(objective);
  out.value(static_cast<char>(converged));
  out.value(static_cast<char>(with_model));
}

Run read_run(const ChildResult& child) {
  MessageReader in(child.message);
  Run run;
  run.peak_mb = child.peak_mb;
  run.seconds = in.value<double>();
  run.start_mb = in.value<double>();
  run.solver_objective = in.value<double>();
  run.converged = in.value<char>() != 0;
  if (in.value<char>() != 0) run.model = rbfsvm::bench::receive_model(in);
  return run;
}

Run train_ours(const rbfsvm::Dataset& train, const Case& c, int threads, bool with_model) {
  return read_run(run_in_child([&](PipeWriter& out) {
    const double start_mb = resident_mb();
    const rbfsvm::TrainOptions options = train_options(c, threads);
    rbfsvm::TrainReport report;
    const auto start = Clock::now();
    const rbfsvm::Model model = rbfsvm::train(train, options, &report);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    write_run_header(out, seconds, start_mb, report.total_objective(), report.converged(),
                     with_model);
    if (with_model) rbfsvm::bench::send_model(out, model.data());
  }));
}

Run train_libsvm(const rbfsvm::Dataset& train, const Case& c, double cache_mb, bool with_model) {
  return read_run(run_in_child([&](PipeWriter& out) {
    const double start_mb = resident_mb();
    const rbfsvm::test::LibsvmProblem problem(train.points(), train.labels);
    rbfsvm::TrainOptions options = train_options(c, 0);
    options.cache_mb = cache_mb;
    const rbfsvm::test::LibsvmParameters parameters = rbfsvm::test::libsvm_parameters(options);
    if (const char* error = svm_check_parameter(problem.get(), &parameters.parameter)) {
      throw std::runtime_error(std::string("LIBSVM: ") + error);
    }
    const auto start = Clock::now();
    const rbfsvm::test::LibsvmModel model = rbfsvm::test::train_libsvm(problem, parameters);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    write_run_header(out, seconds, start_mb, kNaN, true, with_model);
    if (with_model) {
      rbfsvm::bench::send_libsvm_model(out, *model, train.points().cols(), train.is_sparse());
    }
  }));
}

// ---------------------------------------------------------------------------------------------
// Evaluation (in a child, since it uses OpenMP threads).

double percent_correct(const std::vector<double>& predicted, const std::vector<double>& truth) {
  std::size_t correct = 0;
  for (std::size_t i = 0; i < truth.size(); ++i) correct += predicted[i] == truth[i] ? 1 : 0;
  return truth.empty() ? kNaN
                       : 100.0 * static_cast<double>(correct) / static_cast<double>(truth.size());
}

struct Evaluation {
  double objective = kNaN;
  double accuracy = kNaN;
};

std::vector<double> predict(const rbfsvm::Model& model, rbfsvm::PointsRef X, int threads) {
  const rbfsvm::ThreadOptions options{threads};
  return X.is_sparse() ? model.predict(X.sparse(), options) : model.predict(X.dense(), options);
}

// The objective is NaN unless `objective`: recomputing it takes n_sv^2 kernel values, worth it
// only for the comparison with LIBSVM.
Evaluation evaluate(const rbfsvm::ModelData& m, const rbfsvm::Dataset& test, bool libsvm,
                    bool objective, int threads) {
  const ChildResult child = run_in_child([&](PipeWriter& out) {
    out.value(objective ? rbfsvm::bench::dual_objective(m, threads) : kNaN);
    const std::vector<double> predicted =
        libsvm ? rbfsvm::test::libsvm_predictions(*rbfsvm::test::LibsvmModelView(m).get(),
                                                  test.points())
               : predict(rbfsvm::Model(m), test.points(), threads);
    out.value(percent_correct(predicted, test.labels));
  });
  MessageReader in(child.message);
  Evaluation result;
  result.objective = in.value<double>();
  result.accuracy = in.value<double>();
  return result;
}

// ---------------------------------------------------------------------------------------------
// Data.

rbfsvm::Dataset row_range(const rbfsvm::Dataset& data, Index begin, Index count) {
  rbfsvm::Dataset part;
  if (data.is_sparse()) {
    std::vector<Index> rows(static_cast<std::size_t>(count));
    std::iota(rows.begin(), rows.end(), begin);
    part.sparse = data.sparse->select(rows);
  } else {
    part.X = data.X.middleRows(begin, count);
  }
  part.labels.assign(data.labels.begin() + begin, data.labels.begin() + begin + count);
  part.source = data.source;
  return part;
}

struct CaseData {
  rbfsvm::Dataset train, test;
};

// Reads the case's files; n_features comes from the training set (a test file may never use
// the last feature: a9a.t lacks 123). Text is stored as `text_storage` says, the others as
// the reader chooses (dense, for these files).
CaseData load_case(const Case& c, const std::string& dir, rbfsvm::Storage text_storage) {
  rbfsvm::ReadOptions libsvm_format;
  libsvm_format.format = rbfsvm::DataFormat::libsvm;
  libsvm_format.storage = c.text ? text_storage : rbfsvm::Storage::automatic;
  rbfsvm::Dataset all = rbfsvm::read_dataset(dir + "/" + c.train_file, libsvm_format);
  CaseData data;
  const auto n = static_cast<Index>(all.n_samples());
  if (!c.test_file.empty()) {
    data.train = c.train_rows > 0 ? row_range(all, 0, std::min(c.train_rows, n)) : std::move(all);
    rbfsvm::ReadOptions test_format = libsvm_format;
    test_format.min_features = data.train.n_features();
    data.test = rbfsvm::read_dataset(dir + "/" + c.test_file, test_format);
  } else {
    // Small files (the bundled ones) keep a fifth of their rows for testing.
    const Index train_rows = std::min(c.train_rows, n - n / 5);
    const Index test_rows = std::min(c.test_rows, n - train_rows);
    data.train = row_range(all, 0, train_rows);
    data.test = row_range(all, c.test_from_end ? n - test_rows : train_rows, test_rows);
  }
  // Sparse points wider than the SVs are zero-padded, as in LIBSVM (words seen only in the test
  // set); a dense test set must fit the training width.
  if (!data.test.is_sparse() && data.test.X.cols() > data.train.X.cols()) {
    throw std::runtime_error(c.test_file + " has " + std::to_string(data.test.X.cols()) +
                             " features, more than the training set's " +
                             std::to_string(data.train.X.cols()));
  }
  return data;
}

// The first of the case's files that does not exist, or "".
std::string missing_file(const Case& c, const std::string& dir) {
  for (const std::string& file : {c.train_file, c.test_file}) {
    if (!file.empty() && !fs::exists(dir + "/" + file)) return dir + "/" + file;
  }
  return "";
}

int class_count(const std::vector<double>& labels) {
  return static_cast<int>(std::set<double>(labels.begin(), labels.end()).size());
}

// ---------------------------------------------------------------------------------------------
// One case: the runs, then the evaluation of the first models.

double median(std::vector<double> values) {
  if (values.empty()) return kNaN;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
}

double largest(const std::vector<Run>& runs, double Run::*field) {
  double result = kNaN;
  for (const Run& run : runs)
    result = std::isnan(result) ? run.*field : std::max(result, run.*field);
  return result;
}

std::vector<double> times(const std::vector<Run>& runs) {
  std::vector<double> result;
  for (const Run& run : runs) result.push_back(run.seconds);
  return result;
}

void report_run(const std::string& name, const std::string& variant, int rep, int reps,
                const Run& run) {
  std::fprintf(stderr, "  %s %s rep %d/%d: %.3f s, peak %.0f MB\n", name.c_str(), variant.c_str(),
               rep + 1, reps, run.seconds, run.peak_mb);
}

std::string check_row(const Row& row) {
  std::string failures;
  const auto fail = [&](const std::string& what) {
    failures += (failures.empty() ? "" : "; ") + what;
  };
  const double rel = std::abs(row.ours_objective - row.libsvm_objective) /
                     std::max(std::abs(row.libsvm_objective), 1e-300);
  if (!(rel <= kObjectiveTolerance)) fail("objective");
  if (!(std::abs(row.ours_accuracy - row.libsvm_accuracy) <= kAccuracyTolerance)) fail("accuracy");
  const double sv_gap = std::abs(static_cast<double>(row.ours_sv - row.libsvm_sv));
  if (!(sv_gap <= kSvTolerance * static_cast<double>(row.libsvm_sv))) fail("nSV");
  return failures.empty() ? "OK" : "FAIL: " + failures;
}

bool is_failure(const Row& row) { return row.check.rfind("FAIL", 0) == 0; }

// The runs of one case. An rbfsvm run that fails (a build whose solver refuses the storage, say)
// fails the case but the LIBSVM runs still go ahead and are reported.
Row run_case(const Case& c, const CaseData& data, const Options& options) {
  Row row;
  row.name = c.name;
  row.storage = data.train.is_sparse() ? "sparse" : "dense";
  row.n = static_cast<Index>(data.train.n_samples());
  row.d = static_cast<Index>(data.train.n_features());
  row.classes = class_count(data.train.labels);
  row.C = c.C;
  row.gamma = c.gamma;
  const bool with_libsvm = c.libsvm || options.with_libsvm;
  std::string ours_error;
  std::vector<Run> ours, libsvm, same_memory;
  for (int rep = 0; rep < options.reps; ++rep) {
    if (ours_error.empty()) {
      try {
        ours.push_back(train_ours(data.train, c, options.threads, rep == 0));
        report_run(c.name, "rbfsvm", rep, options.reps, ours.back());
      } catch (const std::exception& error) {
        ours_error = error.what();
        std::fprintf(stderr, "  %s rbfsvm: %s\n", c.name.c_str(), error.what());
      }
    }
    if (!with_libsvm) continue;
    libsvm.push_back(train_libsvm(data.train, c, kLibsvmCacheMb, rep == 0));
    report_run(c.name, "libsvm", rep, options.reps, libsvm.back());
    if (!options.quick && !ours.empty()) {
      row.same_memory_mb = std::ceil(ours.front().peak_mb);
      same_memory.push_back(train_libsvm(data.train, c, row.same_memory_mb, false));
      report_run(c.name, "libsvm -m " + std::to_string(static_cast<long>(row.same_memory_mb)), rep,
                 options.reps, same_memory.back());
    }
  }
  row.ours_s = median(times(ours));
  row.libsvm_s = median(times(libsvm));
  row.same_memory_s = median(times(same_memory));
  row.ours_peak_mb = largest(ours, &Run::peak_mb);
  row.libsvm_peak_mb = largest(libsvm, &Run::peak_mb);
  row.same_memory_peak_mb = largest(same_memory, &Run::peak_mb);
  for (const Run& run : ours) row.converged = row.converged && run.converged;

  if (!ours.empty()) {
    const rbfsvm::ModelData& model = *ours.front().model;
    row.base_mb = ours.front().start_mb;
    row.solver_objective = ours.front().solver_objective;
    row.ours_sv = model.support_vectors.rows();
    const Evaluation evaluation = evaluate(model, data.test, false, with_libsvm, options.threads);
    // rbfsvm alone: its solver's objective (nothing to recompute it for).
    row.ours_objective = with_libsvm ? evaluation.objective : row.solver_objective;
    row.ours_accuracy = evaluation.accuracy;
  }
  if (with_libsvm) {
    const rbfsvm::ModelData& model = *libsvm.front().model;
    row.libsvm_sv = model.support_vectors.rows();
    const Evaluation evaluation = evaluate(model, data.test, true, true, options.threads);
    row.libsvm_objective = evaluation.objective;
    row.libsvm_accuracy = evaluation.accuracy;
  }
  if (!ours_error.empty()) {
    row.check = "FAIL: rbfsvm: " + ours_error;
  } else {
    row.check = with_libsvm ? check_row(row) : "rbfsvm only";
    if (!row.converged) {
      row.check = (is_failure(row) ? row.check + "; " : "FAIL: ") + "rbfsvm did not converge";
    }
  }
  return row;
}

// ---------------------------------------------------------------------------------------------
// Command line and data locations.

void usage(std::FILE* to) {
  std::fprintf(
      to,
      "usage: svm_bench [--data DIR] [--reps N] [--quick] [--out PREFIX] [--only NAME,...]\n"
      "                 [--threads T] [--work DIR] [--storage auto|dense|sparse] [--with-libsvm]\n"
      "  --data DIR      LIBSVM data files (a9a, ijcnn1, letter.scale, mnist.scale.t and their\n"
      "                  tests), or the directory holding libsvm/ with them; default\n"
      "                  ../shared/datasets/libsvm here or beside the source tree; the text\n"
      "                  files (brown-genre.train.gz, .test.gz) in DIR/sparse or DIR/../sparse\n"
      "  --reps N        training runs per variant, the median time is reported (default 3;\n"
      "                  1 with --quick)\n"
      "  --quick         2000 training and 500 test rows per data set, no same-memory variant;\n"
      "                  the bundled heart_scale and a9a_2000 when no data directory exists\n"
      "  --out PREFIX    write PREFIX.md, PREFIX.csv and PREFIX.png (default svm_bench)\n"
      "  --only NAMES    run only these data sets (comma-separated: a9a, ijcnn1, letter, mnist8k,\n"
      "                  brown_genre, text_email, text_news20; with --quick text_small;\n"
      "                  heart_scale, a9a_2000 for the bundled ones)\n"
      "  --threads T     rbfsvm's threads (default: OpenMP's default); LIBSVM uses one\n"
      "  --work DIR      where generated text sets are written and kept for later runs\n"
      "                  (default: <temp>/rbfsvm-bench-data)\n"
      "  --storage S     how the text cases' points are stored: sparse (default), dense, auto\n"
      "  --with-libsvm   also run LIBSVM where rbfsvm runs alone by default (text_news20)\n");
}

[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr, "svm_bench: %s\n", message.c_str());
  usage(stderr);
  std::exit(2);
}

int positive_integer(const std::string& option, const std::string& text) {
  int value = 0;
  std::size_t used = 0;
  try {
    value = std::stoi(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || value < 1) {
    usage_error(option + " needs a positive integer, not '" + text + "'");
  }
  return value;
}

std::vector<std::string> split_names(const std::string& text) {
  std::vector<std::string> names;
  std::stringstream in(text);
  std::string name;
  while (std::getline(in, name, ',')) {
    if (!name.empty()) names.push_back(name);
  }
  if (names.empty()) usage_error("--only needs data set names");
  return names;
}

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto next = [&]() -> std::string {
      if (i + 1 >= argc) usage_error(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--quick") {
      options.quick = true;
    } else if (arg == "--data") {
      options.data_dir = next();
    } else if (arg == "--reps") {
      options.reps = positive_integer(arg, next());
      options.reps_given = true;
    } else if (arg == "--out") {
      options.out = next();
      if (options.out.empty()) usage_error("--out needs a non-empty prefix");
    } else if (arg == "--only") {
      options.only = split_names(next());
    } else if (arg == "--threads") {
      options.threads = positive_integer(arg, next());
    } else if (arg == "--work") {
      options.work_dir = next();
    } else if (arg == "--storage") {
      try {
        options.storage = rbfsvm::storage_from_string(next());
      } catch (const std::exception& error) {
        usage_error(std::string("--storage: ") + error.what());
      }
    } else if (arg == "--with-libsvm") {
      options.with_libsvm = true;
    } else if (arg == "--help" || arg == "-h") {
      usage(stdout);
      std::exit(0);
    } else {
      usage_error("unknown option '" + arg + "'");
    }
  }
  if (options.quick && !options.reps_given) options.reps = 1;
  return options;
}

bool is_directory(const std::string& path) {
  std::error_code error;
  return fs::is_directory(path, error);
}

// The LIBSVM data directory: --data (or its libsvm/), else ../shared/datasets/libsvm from here
// or from beside the source tree; empty when there is none.
std::string data_directory(const Options& options) {
  if (!options.data_dir.empty()) {
    if (is_directory(options.data_dir + "/libsvm")) return options.data_dir + "/libsvm";
    if (is_directory(options.data_dir)) return options.data_dir;
    usage_error("--data " + options.data_dir + ": no such directory");
  }
  for (const std::string& candidate :
       {std::string("../shared/datasets/libsvm"),
        std::string(RBFSVM_SOURCE_DIR) + "/../shared/datasets/libsvm"}) {
    if (is_directory(candidate)) return candidate;
  }
  return "";
}

// A case of files: train_file with test_file, or rows of train_file (see Case).
Case file_case(const std::string& name, const std::string& train_file,
               const std::string& test_file, Index train_rows, Index test_rows, bool test_from_end,
               double C, double gamma) {
  Case c;
  c.name = name;
  c.train_file = train_file;
  c.test_file = test_file;
  c.train_rows = train_rows;
  c.test_rows = test_rows;
  c.test_from_end = test_from_end;
  c.C = C;
  c.gamma = gamma;
  return c;
}

// The text cases: brown_genre's files, and generated sets split 80% / 20% (the test rows last).
Case generated_case(const std::string& name, const std::string& shape_name, bool libsvm) {
  Case c;
  c.name = name;
  c.shape = rbfsvm::bench::text_shape(shape_name);
  c.train_file = rbfsvm::bench::text_file_name(*c.shape);
  c.test_rows = c.shape->rows / 5;
  c.train_rows = c.shape->rows - c.test_rows;
  c.test_from_end = true;
  c.C = 10;
  c.gamma = 1;
  c.text = true;
  c.libsvm = libsvm;
  return c;
}

std::vector<Case> text_cases(bool quick) {
  if (quick) return {generated_case("text_small", "small", true)};
  Case brown = file_case("brown_genre", "brown-genre.train.gz", "brown-genre.test.gz", 0, 0,
                         false, 10, 1);
  brown.text = true;
  return {brown, generated_case("text_email", "email", true),
          generated_case("text_news20", "news20", false)};
}

std::vector<Case> benchmark_cases(bool quick) {
  std::vector<Case> cases = {
      file_case("a9a", "a9a", "a9a.t", 0, 0, false, 1, 0.5),
      file_case("ijcnn1", "ijcnn1", "ijcnn1.t", 0, 0, false, 16, 4),
      file_case("letter", "letter.scale", "letter.scale.t", 0, 0, false, 16, 4),
      file_case("mnist8k", "mnist.scale.t", "", 8000, 2000, true, 10, 0.02),
  };
  if (quick) {
    for (Case& c : cases) {
      c.test_file.clear();
      c.train_rows = 2000;
      c.test_rows = 500;
      c.test_from_end = false;
    }
  }
  for (Case& c : text_cases(quick)) cases.push_back(std::move(c));
  return cases;
}

// Without the shared data (--quick only): the bundled files, and the generated text set.
std::vector<Case> bundled_cases() {
  std::vector<Case> cases = {
      file_case("heart_scale", "heart_scale", "", 2000, 500, false, 1, 1.0 / 13),
      file_case("a9a_2000", "a9a_2000", "", 2000, 500, false, 1, 0.5)};
  for (Case& c : text_cases(true)) cases.push_back(std::move(c));
  return cases;
}

// Where a case's files are: the work folder for generated sets (which are generated there
// unless a previous run left them), the text folder beside the LIBSVM one for text files.
std::string case_directory(const Case& c, const std::string& dir, const std::string& work_dir) {
  if (c.shape) {
    const std::string path = work_dir + "/" + c.train_file;
    if (!fs::exists(path)) {
      fs::create_directories(work_dir);
      std::fprintf(stderr, "%s: generating %s\n", c.name.c_str(), path.c_str());
      const auto start = Clock::now();
      rbfsvm::bench::write_text_file(*c.shape, path);
      std::fprintf(stderr, "%s: generated in %.1f s\n", c.name.c_str(),
                   std::chrono::duration<double>(Clock::now() - start).count());
    }
    return work_dir;
  }
  if (c.text) {
    for (const std::string& candidate : {dir + "/sparse", dir + "/../sparse"}) {
      if (is_directory(candidate)) return candidate;
    }
  }
  return dir;
}

std::string work_directory(const Options& options) {
  if (!options.work_dir.empty()) return options.work_dir;
  return (fs::temp_directory_path() / "rbfsvm-bench-data").string();
}

std::vector<Case> selected(const std::vector<Case>& cases, const std::vector<std::string>& only) {
  if (only.empty()) return cases;
  std::vector<Case> result;
  for (const std::string& name : only) {
    const auto found =
        std::find_if(cases.begin(), cases.end(), [&](const Case& c) { return c.name == name; });
    if (found == cases.end()) {
      std::string known;
      for (const Case& c : cases) known += (known.empty() ? "" : ", ") + c.name;
      usage_error("--only: unknown data set '" + name + "' (here: " + known + ")");
    }
    result.push_back(*found);
  }
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  std::string dir = data_directory(options);
  std::vector<Case> cases;
  if (!dir.empty()) {
    cases = benchmark_cases(options.quick);
  } else if (options.quick) {
    dir = std::string(RBFSVM_SOURCE_DIR) + "/datasets";
    cases = bundled_cases();
  } else {
    usage_error("no data directory: ../shared/datasets/libsvm is neither here nor beside " +
                std::string(RBFSVM_SOURCE_DIR) + "; give --data DIR (or --quick)");
  }
  cases = selected(cases, options.only);
  const std::string work_dir = work_directory(options);

  std::ostringstream header;
  header << "Mode " << (options.quick ? "quick" : "full") << ", data " << dir << ", median of "
         << options.reps << " run(s); C-SVC RBF, eps " << kTolerance
         << ", shrinking; hardware threads " << std::thread::hardware_concurrency()
         << ", rbfsvm threads "
         << (options.threads > 0 ? std::to_string(options.threads) : "OpenMP default")
         << ", LIBSVM " << LIBSVM_VERSION << " single-threaded; text cases stored "
         << rbfsvm::to_string(options.storage) << ", generated sets in " << work_dir << "; load "
         << rbfsvm::bench::load_average() << '\n';
  std::printf("svm_bench: %s", header.str().c_str());
  std::fflush(stdout);

  std::vector<Row> rows;
  bool failed = false;
  const auto start = Clock::now();
  for (const Case& c : cases) {
    try {
      const std::string case_dir = case_directory(c, dir, work_dir);
      const std::string missing = missing_file(c, case_dir);
      if (!missing.empty()) {
        std::printf("%s: skipped, %s not found\n", c.name.c_str(), missing.c_str());
        continue;
      }
      const CaseData data = load_case(c, case_dir, options.storage);
      std::fprintf(stderr, "%s: %ld training, %ld test points, %ld features, %s\n",
                   c.name.c_str(), static_cast<long>(data.train.n_samples()),
                   static_cast<long>(data.test.n_samples()),
                   static_cast<long>(data.train.n_features()),
                   data.train.is_sparse() ? "sparse" : "dense");
      rows.push_back(run_case(c, data, options));
      if (is_failure(rows.back())) failed = true;
    } catch (const std::exception& error) {
      std::fprintf(stderr, "svm_bench: %s: %s\n", c.name.c_str(), error.what());
      failed = true;
    }
  }
  if (rows.empty()) {
    std::fprintf(stderr, "svm_bench: no data set was run\n");
    return 1;
  }
  const std::string table = rbfsvm::bench::markdown_table(rows);
  std::printf("%s", table.c_str());
  std::printf("total %.1f s, load %s\n",
              std::chrono::duration<double>(Clock::now() - start).count(), rbfsvm::bench::load_average().c_str());
  bool chart = false;
  try {
    rbfsvm::bench::write_markdown(options.out + ".md", header.str(), table, options.reps);
    rbfsvm::bench::write_csv(options.out + ".csv", rows);
    chart = rbfsvm::bench::write_chart(options.out + ".png", rows);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "svm_bench: %s\n", error.what());
    return 1;
  }
  std::printf("wrote %s.md, %s.csv", options.out.c_str(), options.out.c_str());
  if (chart) std::printf(", %s.png", options.out.c_str());
  std::printf("\n");
  for (const Row& r : rows) {
    if (r.check != "OK") std::printf("%s: %s\n", r.name.c_str(), r.check.c_str());
  }
  return failed ? 1 : 0;
}
