// Training benchmark: rbfsvm::train against LIBSVM 3.24's svm_train (Debian's libsvm-dev), C-SVC
// with the RBF kernel, eps 1e-3, shrinking on, on LIBSVM's benchmark files.
//
//   svm_bench [--data DIR] [--reps N] [--quick] [--out PREFIX] [--only NAME,...] [--threads T]
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
//   models: f = 1/2 c^T K c - sum |c| per class pair, c the pair's coefficients y_i alpha_i
//   (LIBSVM's sv_coef layout), K the exact double RBF kernel, summed over the pairs. Test
//   accuracy with each library's own prediction (rbfsvm::Model::predict, LIBSVM's svm_predict).
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
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "child_process.hpp"
#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/kernel/gram.hpp"
#include "rbfsvm/svm/model.hpp"
#include "rbfsvm/svm/train.hpp"
#include "report.hpp"
#include "support/libsvm_oracle.hpp"

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
};

struct Options {
  std::string data_dir;  // empty: the default locations
  int reps = 3;
  bool reps_given = false;
  bool quick = false;
  std::string out = "svm_bench";
  std::vector<std::string> only;
  int threads = 0;  // 0: OpenMP's default
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

// ---------------------------------------------------------------------------------------------
// Models through the pipe: the parts of ModelData the evaluation needs, SVs dense.

void send_model(PipeWriter& out, const rbfsvm::ModelData& m) {
  out.value(static_cast<std::int64_t>(m.n_classes));
  out.value(static_cast<std::int64_t>(m.support_vectors.rows()));
  out.value(static_cast<std::int64_t>(m.support_vectors.cols()));
  out.value(m.kernel.gamma);
  out.bytes(m.labels.data(), m.labels.size() * sizeof(double));
  out.bytes(m.sv_per_class.data(), m.sv_per_class.size() * sizeof(int));
  out.bytes(m.rho.data(), m.rho.size() * sizeof(double));
  const RowMatrix<double> svs = m.support_vectors.to_dense();
  out.bytes(svs.data(), static_cast<std::size_t>(svs.size()) * sizeof(double));
  out.bytes(m.coefficients.data(), m.coefficients.size() * sizeof(double));
}

rbfsvm::ModelData receive_model(MessageReader& in) {
  rbfsvm::ModelData m;
  m.n_classes = static_cast<int>(in.value<std::int64_t>());
  const auto n_sv = static_cast<Index>(in.value<std::int64_t>());
  const auto d = static_cast<Index>(in.value<std::int64_t>());
  m.kernel = rbfsvm::Kernel::rbf(in.value<double>());
  const auto k = static_cast<std::size_t>(m.n_classes);
  m.labels.resize(k);
  m.sv_per_class.resize(k);
  m.rho.resize(k * (k - 1) / 2);
  RowMatrix<double> svs(n_sv, d);
  m.coefficients.resize(m.n_classes - 1, n_sv);
  in.bytes(m.labels.data(), k * sizeof(double));
  in.bytes(m.sv_per_class.data(), k * sizeof(int));
  in.bytes(m.rho.data(), m.rho.size() * sizeof(double));
  in.bytes(svs.data(), static_cast<std::size_t>(svs.size()) * 8);
  m.support_vectors = std::move(svs);
  in.bytes(m.coefficients.data(), static_cast<std::size_t>(m.coefficients.size()) * 8);
  m.n_features = d;
  return m;
}

// LIBSVM's model sent in the same layout: its SVs are sparse rows, written out dense one at a
// time; sv_coef[c] is row c of the coefficients.
void send_libsvm_model(PipeWriter& out, const svm_model& model, Index d) {
  const int k = model.nr_class;
  out.value(static_cast<std::int64_t>(k));
  out.value(static_cast<std::int64_t>(model.l));
  out.value(static_cast<std::int64_t>(d));
  out.value(model.param.gamma);
  for (int c = 0; c < k; ++c) out.value(static_cast<double>(model.label[c]));
  out.bytes(model.nSV, static_cast<std::size_t>(k) * sizeof(int));
  out.bytes(model.rho, static_cast<std::size_t>(k * (k - 1) / 2) * sizeof(double));
  std::vector<double> dense(static_cast<std::size_t>(d));
  for (int s = 0; s < model.l; ++s) {
    std::fill(dense.begin(), dense.end(), 0.0);
    for (const svm_node* node = model.SV[s]; node->index != -1; ++node) {
      dense[static_cast<std::size_t>(node->index - 1)] = node->value;
    }
    out.bytes(dense.data(), dense.size() * sizeof(double));
  }
  for (int c = 0; c + 1 < k; ++c) {
    out.bytes(model.sv_coef[c], static_cast<std::size_t>(model.l) * sizeof(double));
  }
}

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
  if (in.value<char>() != 0) run.model = receive_model(in);
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
    if (with_model) send_model(out, model.data());
  }));
}

Run train_libsvm(const rbfsvm::Dataset& train, const Case& c, double cache_mb, bool with_model) {
  return read_run(run_in_child([&](PipeWriter& out) {
    const double start_mb = resident_mb();
    const rbfsvm::test::LibsvmProblem problem(train.X, train.labels);
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
    if (with_model) send_libsvm_model(out, *model, train.X.cols());
  }));
}

// ---------------------------------------------------------------------------------------------
// Evaluation (in a child, since it uses OpenMP threads).

// c^T K c with K the RBF kernel matrix of the rows of S, a block of rows of K at a time.
double quadratic_form(const rbfsvm::Kernel& kernel, const RowMatrix<double>& S,
                      const Eigen::VectorXd& c, int threads) {
  constexpr Index kBlock = 512;
  double total = 0;
  for (Index begin = 0; begin < S.rows(); begin += kBlock) {
    const Index rows = std::min(kBlock, S.rows() - begin);
    const RowMatrix<double> K =
        rbfsvm::gram<double>(kernel, S.middleRows(begin, rows), S, rbfsvm::ThreadOptions{threads});
    total += c.segment(begin, rows).dot(K * c);
  }
  return total;
}

// The C-SVC dual objective of a model: per class pair, 1/2 c^T K c - sum |c| over the pair's SVs
// (rbfsvm::test::dual_terms), summed.
double dual_objective(const rbfsvm::ModelData& m, int threads) {
  double total = 0;
  for (const rbfsvm::test::DualTerms& terms : rbfsvm::test::dual_terms(m)) {
    const auto n = static_cast<Index>(terms.support_vectors.size());
    const RowMatrix<double> S =
        rbfsvm::select_rows(m.support_vectors.ref(), terms.support_vectors).to_dense();
    const Eigen::VectorXd c = Eigen::Map<const Eigen::VectorXd>(terms.coefficients.data(), n);
    total += 0.5 * quadratic_form(m.kernel, S, c, threads) - c.cwiseAbs().sum();
  }
  return total;
}

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

Evaluation evaluate(const rbfsvm::ModelData& m, const rbfsvm::Dataset& test, bool libsvm,
                    int threads) {
  const ChildResult child = run_in_child([&](PipeWriter& out) {
    out.value(dual_objective(m, threads));
    const std::vector<double> predicted =
        libsvm ? rbfsvm::test::libsvm_predictions(*rbfsvm::test::LibsvmModelView(m).get(), test.X)
               : rbfsvm::Model(m).predict(test.X, rbfsvm::ThreadOptions{threads});
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
  part.X = data.X.middleRows(begin, count);
  part.labels.assign(data.labels.begin() + begin, data.labels.begin() + begin + count);
  part.source = data.source;
  return part;
}

struct CaseData {
  rbfsvm::Dataset train, test;
};

// Reads the case's files; n_features comes from the training set (a test file may never use
// the last feature: a9a.t lacks 123).
CaseData load_case(const Case& c, const std::string& dir) {
  rbfsvm::ReadOptions libsvm_format;
  libsvm_format.format = rbfsvm::DataFormat::libsvm;
  rbfsvm::Dataset all = rbfsvm::read_dataset(dir + "/" + c.train_file, libsvm_format);
  CaseData data;
  const Index n = all.X.rows();
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
  if (data.test.X.cols() > data.train.X.cols()) {
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

Row run_case(const Case& c, const CaseData& data, const Options& options) {
  Row row;
  row.name = c.name;
  row.n = data.train.X.rows();
  row.d = data.train.X.cols();
  row.classes = class_count(data.train.labels);
  row.C = c.C;
  row.gamma = c.gamma;
  std::vector<Run> ours, libsvm, same_memory;
  for (int rep = 0; rep < options.reps; ++rep) {
    ours.push_back(train_ours(data.train, c, options.threads, rep == 0));
    report_run(c.name, "rbfsvm", rep, options.reps, ours.back());
    libsvm.push_back(train_libsvm(data.train, c, kLibsvmCacheMb, rep == 0));
    report_run(c.name, "libsvm", rep, options.reps, libsvm.back());
    if (!options.quick) {
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
  row.base_mb = ours.front().start_mb;
  row.solver_objective = ours.front().solver_objective;
  for (const Run& run : ours) row.converged = row.converged && run.converged;

  const rbfsvm::ModelData& ours_model = *ours.front().model;
  const rbfsvm::ModelData& libsvm_model = *libsvm.front().model;
  row.ours_sv = ours_model.support_vectors.rows();
  row.libsvm_sv = libsvm_model.support_vectors.rows();
  const Evaluation ours_eval = evaluate(ours_model, data.test, false, options.threads);
  const Evaluation libsvm_eval = evaluate(libsvm_model, data.test, true, options.threads);
  row.ours_objective = ours_eval.objective;
  row.libsvm_objective = libsvm_eval.objective;
  row.ours_accuracy = ours_eval.accuracy;
  row.libsvm_accuracy = libsvm_eval.accuracy;
  row.check = check_row(row);
  if (!row.converged) {
    row.check = (row.check == "OK" ? "FAIL: " : row.check + "; ") + "rbfsvm did not converge";
  }
  return row;
}

// ---------------------------------------------------------------------------------------------
// Command line and data locations.

void usage(std::FILE* to) {
  std::fprintf(
      to,
      "usage: svm_bench [--data DIR] [--reps N] [--quick] [--out PREFIX] [--only NAME,...]\n"
      "                 [--threads T]\n"
      "  --data DIR      LIBSVM data files (a9a, ijcnn1, letter.scale, mnist.scale.t and their\n"
      "                  tests), or the directory holding libsvm/ with them; default\n"
      "                  ../shared/datasets/libsvm here or beside the source tree\n"
      "  --reps N        training runs per variant, the median time is reported (default 3;\n"
      "                  1 with --quick)\n"
      "  --quick         2000 training and 500 test rows per data set, no same-memory variant;\n"
      "                  the bundled heart_scale and a9a_2000 when no data directory exists\n"
      "  --out PREFIX    write PREFIX.md, PREFIX.csv and PREFIX.png (default svm_bench)\n"
      "  --only NAMES    run only these data sets (comma-separated: a9a, ijcnn1, letter, mnist8k;\n"
      "                  heart_scale, a9a_2000 for the bundled ones)\n"
      "  --threads T     rbfsvm's threads (default: OpenMP's default); LIBSVM uses one\n");
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

std::vector<Case> benchmark_cases(bool quick) {
  std::vector<Case> cases = {
      {"a9a", "a9a", "a9a.t", 0, 0, false, 1, 0.5},
      {"ijcnn1", "ijcnn1", "ijcnn1.t", 0, 0, false, 16, 4},
      {"letter", "letter.scale", "letter.scale.t", 0, 0, false, 16, 4},
      {"mnist8k", "mnist.scale.t", "", 8000, 2000, true, 10, 0.02},
  };
  if (quick) {
    for (Case& c : cases) {
      c.test_file.clear();
      c.train_rows = 2000;
      c.test_rows = 500;
      c.test_from_end = false;
    }
  }
  return cases;
}

std::vector<Case> bundled_cases() {
  return {{"heart_scale", "heart_scale", "", 2000, 500, false, 1, 1.0 / 13},
          {"a9a_2000", "a9a_2000", "", 2000, 500, false, 1, 0.5}};
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

  std::ostringstream header;
  header << "Mode " << (options.quick ? "quick" : "full") << ", data " << dir << ", median of "
         << options.reps << " run(s); C-SVC RBF, eps " << kTolerance
         << ", shrinking; hardware threads " << std::thread::hardware_concurrency()
         << ", rbfsvm threads "
         << (options.threads > 0 ? std::to_string(options.threads) : "OpenMP default")
         << ", LIBSVM " << LIBSVM_VERSION << " single-threaded; load " << rbfsvm::bench::load_average() << '\n';
  std::printf("svm_bench: %s", header.str().c_str());
  std::fflush(stdout);

  std::vector<Row> rows;
  bool failed = false;
  const auto start = Clock::now();
  for (const Case& c : cases) {
    const std::string missing = missing_file(c, dir);
    if (!missing.empty()) {
      std::printf("%s: skipped, %s not found\n", c.name.c_str(), missing.c_str());
      continue;
    }
    try {
      const CaseData data = load_case(c, dir);
      std::fprintf(stderr, "%s: %ld training, %ld test points, %ld features\n", c.name.c_str(),
                   static_cast<long>(data.train.X.rows()), static_cast<long>(data.test.X.rows()),
                   static_cast<long>(data.train.X.cols()));
      rows.push_back(run_case(c, data, options));
      if (rows.back().check != "OK") failed = true;
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
