#include "entry_points.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "rbfsvm/config.hpp"
#if RBFSVM_WITH_GAUSSIAN
#include "gaussian_kernel_cli.hpp"
#endif
#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/svm/model_io.hpp"
#include "rbfsvm/data/scaling.hpp"
#include "svm_predict_cli.hpp"
#include "svm_scale_cli.hpp"
#include "svm_train_cli.hpp"

namespace rbfsvm::fuzz {

namespace fs = std::filesystem;

namespace {

// A broken invariant: escapes the entry point, so libFuzzer reports a crash and the regression
// test a failure.
[[noreturn]] void broken(const std::string& what) { throw std::logic_error("fuzz invariant: " + what); }

void check(bool condition, const std::string& what) {
  if (!condition) broken(what);
}

std::string as_text(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
  out.close();
  if (!out) broken("cannot write the harness file " + path.string());
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

// ---------------------------------------------------------------------------------------------
// Data sets

bool is_integer(double value) { return std::isfinite(value) && value == std::floor(value); }

void check_dataset(const Dataset& data, const ReadOptions& options, DataFormat format_used) {
  check(data.points().rows() >= 1, "a data set without rows was returned");
  check(static_cast<std::size_t>(data.points().rows()) == data.labels.size(), "rows != labels");
  check(data.points().all_finite(), "a non-finite feature value was returned");
  for (double label : data.labels) check(std::isfinite(label), "a non-finite label was returned");
  if (!data.class_names.empty()) {
    for (double label : data.labels)
      check(is_integer(label) && label >= 0 &&
                label < static_cast<double>(data.class_names.size()),
            "a text label's index is outside class_names");
  }
  check(data.feature_names.empty() ||
            data.feature_names.size() == data.n_features(),
        "feature_names and columns differ in number");
  if (format_used == DataFormat::libsvm) {
    check(data.n_features() >= options.min_features,
          "fewer columns than min_features");
    if (options.precomputed_kernel) {
      check(data.X.cols() >= 1, "a precomputed-kernel row without its serial number");
      for (Index i = 0; i < data.X.rows(); ++i)
        check(is_integer(data.X(i, 0)) && data.X(i, 0) >= 1, "a bad serial number was returned");
    }
  }
}

// Scaling fitted to the data must map every training value to a finite number in the target
// interval (a range that overflows double included).
void check_scalings(const Dataset& data) {
  if (data.is_sparse()) {
    if (data.sparse->nonzeros() == 0 || data.sparse->nonzeros() > 100000 || data.n_features() > 100000) return;
    const SparseRows scaled = Scaling::fit_max_abs(*data.sparse).apply(*data.sparse);
    check(scaled.all_finite(), "max-abs scaling of finite sparse data gave a non-finite value");
    for (double v : scaled.values())
      check(v >= -1.0 && v <= 1.0, "max-abs scaling left [-1, 1] on its own training data");
    return;
  }
  if (data.X.size() == 0 || data.X.size() > 100000) return;
  for (const bool z_score : {false, true}) {
    const Scaling scaling = z_score ? Scaling::fit_z_score(data.X) : Scaling::fit_min_max(data.X);
    RowMatrix<double> X = data.X;
    scaling.apply(X);
    check(X.allFinite(), std::string(z_score ? "z-score" : "min-max") +
                             " scaling of finite data gave a non-finite value");
    if (!z_score)
      check((X.array() >= -1.0).all() && (X.array() <= 1.0).all(),
            "min-max scaling left [-1, 1] on its own training data");
  }
}

// ---------------------------------------------------------------------------------------------
// Models

void check_predictions(const Model& model) {
  const ModelData& m = model.data();
  const Index n_sv = model.n_support_vectors();
  if (n_sv > 10000) return;
  RowMatrix<double> X;
  if (m.kernel.type == KernelType::precomputed) {
    // One kernel column per serial number the model refers to, each point's serial 1.
    double largest = 1;
    for (Index s = 0; s < n_sv; ++s) largest = std::max(largest, m.support_vectors.dense()(s, 0));
    if (largest > 1000) return;
    X = RowMatrix<double>::Constant(3, static_cast<Index>(largest) + 1, 0.5);
    X.col(0).setOnes();
  } else {
    const Index dimension = model.dimension();
    if (dimension > 64 || static_cast<double>(dimension) * static_cast<double>(n_sv) > 1e6) return;
    X = RowMatrix<double>::Zero(3, dimension);
    for (Index j = 0; j < dimension; ++j) {
      X(1, j) = 0.5;
      X(2, j) = j % 2 == 0 ? -1.0 : 2.0;
    }
  }
  try {
    const std::vector<double> labels = model.predict(X);
    check(labels.size() == 3, "predict returned the wrong number of labels");
    if (is_classification(m.svm_type))
      for (double label : labels)
        check(std::find(m.labels.begin(), m.labels.end(), label) != m.labels.end(),
              "predict returned a label the model does not have");
    if (m.svm_type == SvmType::one_class)
      for (double label : labels) check(label == 1 || label == -1, "one-class label not +-1");
    if (model.has_probability() && (is_classification(m.svm_type) || m.svm_type == SvmType::one_class)) {
      const RowMatrix<double> p = model.predict_probabilities(X);
      check(p.rows() == 3, "predict_probabilities returned the wrong number of rows");
    }
  } catch (const Error&) {
    // e.g. a precomputed serial number with no kernel column: a refusal, not a bug
  }
}

// What the model writes must read back, and write again to the same text.
void check_round_trip(const Model& model) {
  std::ostringstream first;
  write_model(model, first);
  std::istringstream in(first.str());
  Model again = [&] {
    try {
      return read_model(in, "round-trip");
    } catch (const Error& error) {
      broken(std::string("a model written by write_model does not read back: ") + error.what() +
             "\n" + first.str());
    }
  }();
  std::ostringstream second;
  write_model(again, second);
  check(first.str() == second.str(), "write(read(write(model))) differs from write(model)");
}

// ---------------------------------------------------------------------------------------------
// The command-line tools

struct FixedFile {
  const char* name;
  const char* text;
};

const FixedFile data_files[] = {
    {"a.csv",
     "x,y,label\n0,0,a\n1,1,b\n0,1,a\n1,0,b\n0.2,0.1,a\n0.9,0.8,b\n0.1,0.3,a\n0.7,0.9,b\n"},
    {"b.txt",
     "1 1:0.1 2:0.2\n2 1:0.9 2:0.1\n3 1:0.5 2:0.9\n1 1:0.2 2:0.1\n2 1:0.8\n3 2:0.8\n"
     "1 1:0.1 2:0.3\n2 1:0.9 2:0.2\n3 1:0.4 2:0.9\n1 1:0.3 2:0.2\n2 1:0.7 2:0.1\n3 1:0.5 2:0.7\n"},
    {"r.csv", "x,t\n0,0.1\n1,0.9\n2,2.1\n3,2.9\n4,4.2\n5,5.1\n"},
    {"k.txt",
     "1 0:1 1:1 2:0.9 3:0 4:0.1\n1 0:2 1:0.9 2:0.82 3:0.1 4:0.18\n"
     "-1 0:3 1:0 2:0.1 3:1 4:0.9\n-1 0:4 1:0.1 2:0.18 3:0.9 4:0.82\n"},
    {"range.txt", "x\n-1 1\n1 0 1\n2 0 1\n"},
};

class CliSandbox {
 public:
  CliSandbox() : dir_(fs::path(work_directory()) / "cli") {
    fs::create_directories(dir_);
    const Inside inside(*this);
    for (const FixedFile& file : data_files) files_[file.name] = file.text;
    restore();
    // Two models to predict with: text classes with a sidecar, and a 3-class probability model.
    train({"-q", "a.csv", "m.model"});
    train({"-q", "-b", "1", "b.txt", "n.model"});
    for (const char* name : {"m.model", "m.model.json", "n.model"}) {
      if (!fs::exists(dir_ / name)) continue;
      files_[name] = read_bytes(dir_ / name);
    }
  }

  // Puts back the fixed files and removes everything else.
  void restore() const {
    std::vector<fs::path> extra;
    for (const auto& entry : fs::directory_iterator(dir_))
      if (files_.count(entry.path().filename().string()) == 0) extra.push_back(entry.path());
    for (const fs::path& path : extra) fs::remove_all(path);
    for (const auto& [name, text] : files_) write_bytes(dir_ / name, text);
  }

  // After a failed svm_train or svm_predict: nothing created or changed (svm_scale may have
  // saved its range file before failing on its output, as svm-scale does).
  void check_unchanged() const {
    std::size_t count = 0;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      const std::string name = entry.path().filename().string();
      const auto fixed = files_.find(name);
      check(fixed != files_.end(), "a failed run left a new file: " + name);
      check(entry.is_regular_file() && read_bytes(entry.path()) == fixed->second,
            "a failed run changed " + name);
      ++count;
    }
    check(count == files_.size(), "a failed run removed a file");
  }

  // Temporary files of write_file_atomically left behind: an atomic write that was not.
  void check_no_temporaries() const {
    for (const auto& entry : fs::directory_iterator(dir_))
      check(entry.path().filename().string().find(".tmp.") == std::string::npos,
            "a temporary file was left behind: " + entry.path().filename().string());
  }

  const fs::path& dir() const { return dir_; }

  // The working directory is the sandbox while one of these lives (the tools resolve the
  // relative names they are given there), and the caller's again afterwards (libFuzzer reads its
  // corpus by the names it was given).
  class Inside {
   public:
    explicit Inside(const CliSandbox& box) : previous_(fs::current_path()) {
      if (::chdir(box.dir().c_str()) != 0) broken("cannot chdir to " + box.dir().string());
    }
    ~Inside() { fs::current_path(previous_); }
    Inside(const Inside&) = delete;
    Inside& operator=(const Inside&) = delete;

   private:
    fs::path previous_;
  };

 private:
  void train(const std::vector<std::string>& args) const {
    std::ostringstream out, err;
    if (cli::run_svm_train(args, out, err) != 0) broken("harness model training failed: " + err.str());
  }

  fs::path dir_;
  std::map<std::string, std::string> files_;
};

CliSandbox& sandbox() {
  static CliSandbox instance;
  return instance;
}

// A number in `token` (or after its '=') that could make gaussian_kernel build and print a
// large matrix.
bool asks_for_large_kernel(const std::string& token) {
  if (token.find("0b") != std::string::npos || token.find("0B") != std::string::npos) return true;
  std::vector<std::string> candidates{token};
  const std::size_t equals = token.find('=');
  if (equals != std::string::npos) candidates.push_back(token.substr(equals + 1));
  for (const std::string& candidate : candidates) {
    char* end = nullptr;
    const double value = std::strtod(candidate.c_str(), &end);
    if (end != candidate.c_str() && !(std::fabs(value) <= 200)) return true;
  }
  return false;
}

// Whether the tool's "TOOL: error: MESSAGE" carries the what() of a standard-library exception,
// which only a bug lets through to run_tool's catch (rbfsvm's own messages never start so).
bool is_standard_library_failure(const std::string& err) {
  const std::size_t at = err.find(": error: ");
  if (at == std::string::npos) return false;
  const std::string message = err.substr(at + 9, err.find('\n', at) - at - 9);
  for (const char* exact : {"stod", "stoi", "stol", "stoll", "stoul", "stoull", "stof", "map::at",
                            "unordered_map::at", "bad optional access", "bad_function_call",
                            "std::bad_alloc", "std::bad_array_new_length"})
    if (message == exact) return true;
  for (const char* prefix : {"vector::", "basic_string::", "filesystem error:", "std::bad_",
                             "bitset::", "deque::", "array::"})
    if (message.rfind(prefix, 0) == 0) return true;
  return false;
}

}  // namespace

const std::string& work_directory() {
  static const std::string directory = [] {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/rbfsvm-fuzz-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) broken("mkdtemp failed");
    const std::string made = fs::absolute(pattern).string();
    static const std::string for_exit = made;
    std::atexit([] {
      std::error_code ignored;
      fs::remove_all(for_exit, ignored);
    });
    return made;
  }();
  return directory;
}

void dataset_reader(const std::uint8_t* data, std::size_t size, bool prefer_libsvm) {
  if (size == 0) return;
  const std::uint8_t bits = data[0];
  ReadOptions options;
  switch (bits & 3) {
    case 0: options.format = prefer_libsvm ? DataFormat::libsvm : DataFormat::csv; break;
    case 1: options.format = DataFormat::automatic; break;
    case 2: options.format = prefer_libsvm ? DataFormat::csv : DataFormat::libsvm; break;
    default: options.format = prefer_libsvm ? DataFormat::libsvm : DataFormat::csv; break;
  }
  switch ((bits >> 2) & 3) {
    case 1: options.header = true; break;
    case 2: options.header = false; break;
    default: break;
  }
  options.precomputed_kernel = (bits >> 4) & 1;
  static const char* const label_columns[] = {"", "", "1", "label"};
  options.label_column = label_columns[(bits >> 5) & 3];
  if (bits >> 7) {
    options.delimiter = ';';
    options.min_features = 3;
  }
  const std::string text = as_text(data + 1, size - 1);
  std::istringstream input(text);
  try {
    const Dataset parsed = parse_dataset(input, "fuzz", options);
    // With automatic detection the reader that ran is not known here: its own checks are skipped.
    check_dataset(parsed, options, options.format);
    check_scalings(parsed);
    if (options.format == DataFormat::libsvm && !options.precomputed_kernel) {
      // Sparse storage holds the same points as dense storage.
      ReadOptions sparse_options = options;
      sparse_options.storage = Storage::sparse;
      std::istringstream again(text);
      const Dataset sparse = parse_dataset(again, "fuzz", sparse_options);
      check(sparse.is_sparse(), "sparse storage was asked for but not given");
      check(sparse.labels == parsed.labels, "sparse storage changed the labels");
      check(sparse.n_features() == parsed.n_features(), "sparse storage changed the dimension");
      if (!parsed.is_sparse() && parsed.X.size() <= 100000)
        check(sparse.sparse->to_dense() == parsed.X, "sparse and dense storage hold different points");
      check_scalings(sparse);
    }
  } catch (const Error&) {
  }
}

void model_reader(const std::uint8_t* data, std::size_t size) {
  const std::string text = as_text(data, size);
  try {
    std::istringstream input(text);
    const Model model = read_model(input, "fuzz");
    check_round_trip(model);
    check_predictions(model);
  } catch (const Error&) {
  }

  // The same through files, with the sidecar after the separator.
  static const fs::path dir = [] {
    const fs::path made = fs::path(work_directory()) / "model";
    fs::create_directories(made);
    return made;
  }();
  const std::string separator = "\n#sidecar\n";
  const std::size_t at = text.find(separator);
  const std::string model_text = text.substr(0, at);
  const fs::path model_path = dir / "fuzz.model";
  const fs::path sidecar = sidecar_path(model_path.string());
  write_bytes(model_path, model_text);
  if (at == std::string::npos) {
    fs::remove(sidecar);
  } else {
    std::string json = text.substr(at + separator.size());
    replace_all(json, "@FP@", model_fingerprint(model_text));
    write_bytes(sidecar, json);
  }
  try {
    const Model model = load_model(model_path.string());
    check_round_trip(model);
    check_predictions(model);
    // Saved and loaded again, the sidecar's contents survive.
    const fs::path saved = dir / "saved.model";
    save_model(model, saved.string());
    const Model reloaded = load_model(saved.string());
    check(reloaded.data().class_names == model.data().class_names &&
              reloaded.data().feature_names == model.data().feature_names &&
              reloaded.data().n_features == model.data().n_features &&
              reloaded.data().scaling.has_value() == model.data().scaling.has_value(),
          "save_model + load_model lost sidecar contents");
  } catch (const Error&) {
  }
}

void range_reader(const std::uint8_t* data, std::size_t size) {
  try {
    std::istringstream input(as_text(data, size));
    const Scaling scaling = read_range_file(input, "fuzz");
    check(scaling.first.size() == scaling.second.size(), "min and max vectors differ in length");
    std::ostringstream written;
    write_range_file(scaling, written);
    std::istringstream again_in(written.str());
    const Scaling again = [&] {
      try {
        return read_range_file(again_in, "round-trip");
      } catch (const Error& error) {
        broken(std::string("a range file written by write_range_file does not read back: ") +
               error.what() + "\n" + written.str());
      }
    }();
    std::ostringstream rewritten;
    write_range_file(again, rewritten);
    check(written.str() == rewritten.str(), "range file round trip changed the text");

    // Each feature's min, max and midpoint scale to finite values inside [lower, upper].
    const Index d = std::min<Index>(static_cast<Index>(scaling.first.size()), 64);
    if (d == 0) return;
    RowMatrix<double> X(3, d);
    for (Index j = 0; j < d; ++j) {
      const double low = scaling.first[static_cast<std::size_t>(j)];
      const double high = scaling.second[static_cast<std::size_t>(j)];
      X(0, j) = low;
      X(1, j) = high;
      X(2, j) = low / 2 + high / 2;
    }
    RowMatrix<double> scaled = X;
    scaling.apply(scaled);
    check(scaled.allFinite(), "scaling a feature's own min, max or midpoint gave a non-finite value");
    const double lo = std::min(scaling.lower, scaling.upper), hi = std::max(scaling.lower, scaling.upper);
    for (Index j = 0; j < d; ++j) {
      // Constant features map to 0 whatever the bounds (svm-scale leaves them out).
      if (!(scaling.first[static_cast<std::size_t>(j)] < scaling.second[static_cast<std::size_t>(j)])) continue;
      for (Index i = 0; i < 3; ++i)
        check(scaled(i, j) >= lo && scaled(i, j) <= hi, "a value inside the range scaled outside [lower, upper]");
    }
    if (scaling.target) {
      std::vector<double> y{(*scaling.target)[2], (*scaling.target)[3]};
      scaling.apply_to_targets(y);
    }
  } catch (const Error&) {
  }
}

void cli(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  const int tool = data[0] % 4;
  // Tool 3 is gaussian_kernel, in builds with rbfsvm::gaussian only.
  if (tool == 3 && !RBFSVM_WITH_GAUSSIAN) return;
  std::vector<std::string> args;
  std::string text = as_text(data + 1, size - 1);
  if (!text.empty()) {
    std::size_t start = 0;
    for (;;) {
      const std::size_t end = text.find('\n', start);
      args.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
      if (end == std::string::npos) break;
      start = end + 1;
    }
  }
  if (args.size() > 64) return;
  for (const std::string& arg : args) {
    if (arg.find('/') != std::string::npos || arg.find("..") != std::string::npos) return;
    if (arg.find("max-it") != std::string::npos) return;
    if (tool == 3 && (asks_for_large_kernel(arg) || arg.find("png") != std::string::npos)) return;
  }
  CliSandbox& box = sandbox();
  box.restore();
  const CliSandbox::Inside inside(box);
  std::ostringstream out, err;
  int status = 0;
  switch (tool) {
    case 0: {
      std::vector<std::string> with_cap{"--max-iterations", "20000"};
      with_cap.insert(with_cap.end(), args.begin(), args.end());
      status = cli::run_svm_train(with_cap, out, err);
      break;
    }
    case 1: status = cli::run_svm_predict(args, out, err); break;
    case 2: status = cli::run_svm_scale(args, out, err); break;
#if RBFSVM_WITH_GAUSSIAN
    default: status = cli::run_gaussian_kernel(args, out, err); break;
#endif
  }
  check(status == 0 || status == 1 || status == 2 || status == 130,
        "exit status " + std::to_string(status));
  if (status != 0) {
    check(!err.str().empty(), "a failure without a message");
    check(!is_standard_library_failure(err.str()),
          "a standard-library exception reached the tool's catch: " + err.str());
    if (tool <= 1) box.check_unchanged();
  }
  box.check_no_temporaries();
  check(fs::equivalent(fs::current_path(), box.dir()), "the tool changed the working directory");
}

}  // namespace rbfsvm::fuzz
