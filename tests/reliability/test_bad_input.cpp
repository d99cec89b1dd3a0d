// The bad-input matrix of docs/reliability.md, run in-process through svm_train and svm_predict:
// for each bad input the exact message, the exit status, and that nothing in the directory was
// created, changed or removed (an existing model or prediction file stays byte-identical and
// no temporary or sidecar file appears). Inputs that are handled rather than refused are
// checked for what they produce.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "rbfsvm/svm/model_io.hpp"
#include "support/paths.hpp"
#include "svm_predict_cli.hpp"
#include "svm_train_cli.hpp"

namespace fs = std::filesystem;

namespace {

struct Run {
  int status;
  std::string out, err;
};

Run svm_train(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int status = rbfsvm::cli::run_svm_train(args, out, err);
  return {status, out.str(), err.str()};
}

Run svm_predict(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int status = rbfsvm::cli::run_svm_predict(args, out, err);
  return {status, out.str(), err.str()};
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A scratch directory that is the working directory while the test runs, so that file names
// (and so messages) are short and the same on every machine. It starts with an existing model
// and an existing prediction file that a failed run must leave alone.
class Scratch {
 public:
  explicit Scratch(const std::string& name)
      : dir_(rbfsvm::test::scratch_directory("bad_input_" + name)), previous_(fs::current_path()) {
    fs::current_path(dir_);
    write("existing.model", "keep me\n");
    write("out.txt", "keep me too\n");
    fs::copy_file(rbfsvm::test::dataset_path("heart_scale"), "heart_scale");
  }
  ~Scratch() { fs::current_path(previous_); }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  void write(const std::string& name, const std::string& text) const {
    std::ofstream(name, std::ios::binary) << text;
  }

  // Every file and directory under the scratch directory, with the bytes of each file.
  std::map<std::string, std::string> snapshot() const {
    std::map<std::string, std::string> entries;
    for (const auto& entry : fs::recursive_directory_iterator(dir_)) {
      const std::string name = fs::relative(entry.path(), dir_).string();
      entries[name] = entry.is_directory() ? std::string("<directory>") : slurp(entry.path());
    }
    return entries;
  }

  // A model of heart_scale (with its sidecar) for the prediction cases.
  void train_heart_model() const {
    const Run trained = svm_train({"-q", "heart_scale", "heart.model"});
    REQUIRE(trained.status == 0);
  }

 private:
  std::string dir_;
  fs::path previous_;
};

// Runs `tool`, then checks the status, the whole of stderr, and that the directory is as before.
void refused(const Scratch& scratch, Run (*tool)(const std::vector<std::string>&),
             const std::vector<std::string>& args, int status, const std::string& err) {
  const auto before = scratch.snapshot();
  const Run result = tool(args);
  INFO("args: " << [&] {
    std::string joined;
    for (const auto& arg : args) joined += arg + " ";
    return joined;
  }());
  CHECK(result.status == status);
  CHECK(result.err == err);
  CHECK(result.out.empty());
  const auto after = scratch.snapshot();
  CHECK(after == before);
  if (after != before) {
    for (const auto& [name, bytes] : after)
      if (before.count(name) == 0 || before.at(name) != bytes) UNSCOPED_INFO("new or changed: " << name);
  }
}

// svm_train DATA... existing.model, refused with "svm_train: error: MESSAGE".
void training_refused(const Scratch& scratch, std::vector<std::string> args,
                      const std::string& message, int status = 1) {
  args.push_back("existing.model");
  refused(scratch, svm_train, args, status, "svm_train: error: " + message + "\n");
}

// svm_predict TEST MODEL out.txt, refused with "svm_predict: error: MESSAGE".
void prediction_refused(const Scratch& scratch, const std::string& test, const std::string& model,
                        const std::string& message) {
  refused(scratch, svm_predict, {test, model, "out.txt"}, 1, "svm_predict: error: " + message + "\n");
}

}  // namespace

TEST_CASE("bad training data is refused with its place and leaves every file alone",
          "[bad_input][svm_train]") {
  const Scratch scratch("data");
  scratch.write("empty.csv", "");
  training_refused(scratch, {"empty.csv"}, "empty.csv:1:1: no data: the input is empty");
  scratch.write("empty.txt", "");
  training_refused(scratch, {"-t", "4", "empty.txt"},
                   "empty.txt:1:1: no data: the input holds no labelled points");
  scratch.write("header.csv", "a,b,label\n");
  training_refused(scratch, {"header.csv"},
                   "header.csv:2:1: no data: the header is not followed by any data line");
  scratch.write("one_row.csv", "a,b,label\n1,2,x\n");
  training_refused(scratch, {"one_row.csv"},
                   "the training set has a single class (label 0); a classifier needs at least two");
  scratch.write("one_row.txt", "1 1:0.5\n");
  training_refused(scratch, {"one_row.txt"},
                   "the training set has a single class (label 1); a classifier needs at least two");
  scratch.write("one_class.txt", "2 1:0.5\n2 1:1\n2 2:1\n");
  training_refused(scratch, {"one_class.txt"},
                   "the training set has a single class (label 2); a classifier needs at least two");
  scratch.write("labels.csv", "a,b,label\n1,2,0\n3,4,1\n");
  training_refused(scratch, {"--label", "9", "labels.csv"},
                   "labels.csv:1:1: label column 9 does not exist: the file has 3 columns, "
                   "numbered from 1; the columns are 'a', 'b', 'label'");
  training_refused(scratch, {"--label", "nosuch", "labels.csv"},
                   "labels.csv:1:1: no label column named 'nosuch'; the columns are 'a', 'b', 'label'");
  scratch.write("ragged.csv", "a,b,label\n1,2,0\n3,4\n");
  training_refused(scratch, {"ragged.csv"},
                   "ragged.csv:3:4: expected 3 fields, found 2 (as in the header on line 1)");
  scratch.write("long.csv", "a,b,label\n1,2,0\n3,4,1,5\n");
  training_refused(scratch, {"long.csv"},
                   "long.csv:3:7: expected 3 fields, found 4 (as in the header on line 1)");
  scratch.write("text.csv", "a,b,label\n1,abc,0\n3,4,1\n");
  training_refused(scratch, {"text.csv"}, "text.csv:2:3: 'abc' is not a number");
  scratch.write("nan.csv", "a,b,label\n1,nan,0\n3,4,1\n");
  training_refused(scratch, {"nan.csv"}, "nan.csv:2:3: 'nan' is not a finite number");
  scratch.write("inf.csv", "a,b,label\n1,2,0\n-inf,4,1\n");
  training_refused(scratch, {"inf.csv"}, "inf.csv:3:1: '-inf' is not a finite number");
  scratch.write("nan.txt", "1 1:0.5\n-1 1:nan\n");
  training_refused(scratch, {"nan.txt"}, "nan.txt:2:6: 'nan' is not a finite number");
  scratch.write("nan_label.txt", "nan 1:0.5\n-1 1:1\n");
  training_refused(scratch, {"nan_label.txt"}, "nan_label.txt:1:1: label 'nan' is not a finite number");
  scratch.write("overflow.csv", "a,b,label\n1e999,2,0\n3,4,1\n");
  training_refused(scratch, {"overflow.csv"},
                   "overflow.csv:2:1: '1e999' is out of the range of double");
  scratch.write("index0.txt", "1 0:1\n-1 1:1\n");
  training_refused(scratch, {"index0.txt"}, "index0.txt:1:3: feature index 0 is not >= 1");
  scratch.write("descending.txt", "1 2:1 1:1\n-1 1:1\n");
  training_refused(scratch, {"descending.txt"},
                   "descending.txt:1:7: feature indices must be ascending (1 after 2)");
  scratch.write("repeated.txt", "1 2:1 2:1\n-1 1:1\n");
  training_refused(scratch, {"repeated.txt"},
                   "repeated.txt:1:7: feature indices must be ascending (2 after 2)");
  scratch.write("too_wide.txt", "1 10000001:1\n-1 1:1\n");
  training_refused(scratch, {"--storage", "dense", "too_wide.txt"},
                   "too_wide.txt:1:3: feature index 10000001 exceeds the limit of dense storage "
                   "(10000000 features)");
  scratch.write("wider_than_sparse.txt", "1 2147483648:1\n-1 1:1\n");
  training_refused(scratch, {"wider_than_sparse.txt"},
                   "wider_than_sparse.txt:1:3: feature index 2147483648 exceeds the largest index "
                   "sparse storage holds (2147483647)");
}

TEST_CASE("values near the limits of double are refused unless scaled",
          "[bad_input][svm_train][svm_predict]") {
  const Scratch scratch("huge");
  scratch.write("huge.csv", "a,b,label\n1e308,-1e308,0\n-1e308,1e308,1\n1e308,1e308,0\n-1e308,-1e308,1\n");
  // Squared distances overflow: without the check the kernel is NaN and the model meaningless.
  training_refused(scratch, {"huge.csv"},
                   "training point 1 is too large for the kernel: its squared norm overflows "
                   "double (feature values above about 1e154); scale the data (svm_train "
                   "--scale, or svm_scale)");
  training_refused(scratch, {"-v", "2", "huge.csv"},
                   "training point 1 is too large for the kernel: its squared norm overflows "
                   "double (feature values above about 1e154); scale the data (svm_train "
                   "--scale, or svm_scale)");
  // Scaled first, they train, and the model applies the same scaling to test points.
  for (const char* scale : {"--scale", "--scale=zscore"}) {
    INFO(scale);
    REQUIRE(svm_train({"-q", scale, "huge.csv", "scaled.model"}).status == 0);
    const rbfsvm::Model model = rbfsvm::load_model("scaled.model");
    CHECK(model.data().support_vectors.ref().all_finite());
    const Run predicted = svm_predict({"huge.csv", "scaled.model"});
    CHECK(predicted.status == 0);
    CHECK(predicted.out == "Accuracy = 100% (4/4) (classification)\n");
  }
  // A model trained on ordinary data refuses such test points rather than vote on NaN.
  scratch.write("small.csv", "a,b,label\n1,-1,0\n-1,1,1\n1,1,0\n-1,-1,1\n");
  REQUIRE(svm_train({"-q", "small.csv", "small.model"}).status == 0);
  prediction_refused(scratch, "huge.csv", "small.model",
                     "test point 1 is too large for the kernel: its squared norm overflows double "
                     "(feature values above about 1e154); scale the data (svm_train --scale, or "
                     "svm_scale)");
  // 1e150 is still fine: its square is within range.
  scratch.write("big.csv", "a,b,label\n1e150,0,0\n-1e150,0,1\n1e150,1,0\n-1e150,1,1\n");
  CHECK(svm_train({"-q", "big.csv", "big.model"}).status == 0);
}

TEST_CASE("duplicate points equal regression targets and wide sparse lines are handled",
          "[bad_input][svm_train]") {
  const Scratch scratch("handled");
  // The same point under both labels, and repeated rows: a valid (if noisy) problem.
  scratch.write("dup.csv", "a,b,label\n1,2,0\n1,2,1\n1,2,0\n3,4,1\n3,4,1\n");
  const Run dup = svm_train({"-q", "dup.csv", "dup.model"});
  CHECK(dup.status == 0);
  CHECK(rbfsvm::load_model("dup.model").n_support_vectors() > 0);
  // Regression targets all equal: no support vectors, and the constant is predicted exactly.
  scratch.write("equal.csv", "a,b,t\n1,2,5\n3,4,5\n5,6,5\n");
  REQUIRE(svm_train({"-q", "-s", "3", "equal.csv", "equal.model"}).status == 0);
  const rbfsvm::Model equal = rbfsvm::load_model("equal.model");
  CHECK(equal.n_support_vectors() == 0);
  CHECK(equal.data().rho[0] == -5);
  const Run predicted = svm_predict({"equal.csv", "equal.model"});
  CHECK(predicted.status == 0);
  CHECK(predicted.out ==
        "Mean squared error = 0 (regression)\nSquared correlation coefficient = 0 (regression)\n");
  // 10^6 features on one sparse line: stored sparse (a dense copy would pass 64 MB).
  scratch.write("wide.txt", "1 1000000:1\n-1 1:1\n");
  const Run wide = svm_train({"-q", "wide.txt", "wide.model"});
  CHECK(wide.status == 0);
  CHECK(rbfsvm::load_model("wide.model").dimension() == 1000000);
  // The largest index sparse storage holds, on both paths, and the model predicts its data.
  scratch.write("widest.txt", "1 2147483647:1\n-1 1:1\n1 3:1 2147483647:2\n");
  for (const char* path : {"", "--exact"}) {
    std::vector<std::string> args{"-q", "widest.txt", "widest.model"};
    if (*path) args.insert(args.begin(), path);
    CHECK(svm_train(args).status == 0);
    CHECK(rbfsvm::load_model("widest.model").dimension() == 2147483647);
    CHECK(svm_predict({"widest.txt", "widest.model"}).status == 0);
  }
}

TEST_CASE("damaged and mismatched models are refused and leave the predictions file alone",
          "[bad_input][svm_predict]") {
  const Scratch scratch("models");
  scratch.train_heart_model();
  const std::string model = slurp("heart.model");
  std::istringstream lines(model);
  std::vector<std::string> line;
  for (std::string text; std::getline(lines, text);) line.push_back(text);
  auto join = [&](std::size_t first, std::size_t count) {
    std::string text;
    for (std::size_t i = first; i < first + count && i < line.size(); ++i) text += line[i] + "\n";
    return text;
  };
  REQUIRE(line[8] == "SV");
  REQUIRE(line[4] == "total_sv 132");

  scratch.write("header_only.model", join(0, 8));
  prediction_refused(scratch, "heart_scale", "header_only.model",
                     "header_only.model:8: unexpected end of file: no 'SV' line (truncated model?)");
  scratch.write("cut.model", join(0, 12));
  prediction_refused(scratch, "heart_scale", "cut.model",
                     "cut.model:12: expected 132 support vectors, found 3 (truncated model?)");
  scratch.write("empty.model", "");
  prediction_refused(scratch, "heart_scale", "empty.model",
                     "empty.model: unexpected end of file: no 'SV' line (truncated model?)");
  std::string counts = model;
  counts.replace(counts.find("nr_sv 64 68"), 11, "nr_sv 64 60");
  scratch.write("counts.model", counts);
  prediction_refused(scratch, "heart_scale", "counts.model",
                     "counts.model:141: inconsistent model: nr_sv adds up to 124 but there are "
                     "132 support vectors");
  std::string more = model;
  more.replace(more.find("total_sv 132"), 12, "total_sv 500");
  scratch.write("more.model", more);
  prediction_refused(scratch, "heart_scale", "more.model",
                     "more.model:141: expected 500 support vectors, found 132 (truncated model?)");
  std::string fewer = model;
  fewer.replace(fewer.find("total_sv 132"), 12, "total_sv 100");
  scratch.write("fewer.model", fewer);
  prediction_refused(scratch, "heart_scale", "fewer.model",
                     "fewer.model:110:1: more lines than total_sv = 100");
  std::string rho = model;
  rho.replace(rho.find("\nrho "), 5, "\nrho 1 ");
  scratch.write("rho.model", rho);
  prediction_refused(scratch, "heart_scale", "rho.model",
                     "rho.model:141: inconsistent model: expected 1 rho values, found 2");
  std::string huge_total = model;
  huge_total.replace(huge_total.find("total_sv 132"), 12, "total_sv 1099511627776");
  scratch.write("huge_total.model", huge_total);
  prediction_refused(scratch, "heart_scale", "huge_total.model",
                     "huge_total.model:141: expected 1099511627776 support vectors, found 132 "
                     "(truncated model?)");

  // Text labels in the test file, numeric ones in the model: nothing to score against.
  scratch.write("numeric.txt", "1 1:1\n-1 1:-1\n");
  REQUIRE(svm_train({"-q", "numeric.txt", "numeric.model"}).status == 0);
  scratch.write("text_labels.csv", "x,label\n1,a\n-1,b\n");
  prediction_refused(scratch, "text_labels.csv", "numeric.model",
                     "the test labels are text but the model was trained on numeric labels");

  // Test data wider or narrower than the training data is predicted as LIBSVM does (the
  // support vectors zero-padded, the points too); the wider with a warning.
  scratch.write("wide.txt", "1 1:0.5 14:1\n");
  const Run wide = svm_predict({"wide.txt", "heart.model", "wide_out.txt"});
  CHECK(wide.status == 0);
  CHECK(wide.err == "svm_predict: warning: 'wide.txt' has features up to 14 but the model was "
                    "trained on 13; predicting as LIBSVM does, with the support vectors zero in "
                    "the extra features (which then count in RBF distances and nowhere else)\n");
  scratch.write("narrow.txt", "1 1:0.5\n");
  const Run narrow = svm_predict({"narrow.txt", "heart.model", "narrow_out.txt"});
  CHECK(narrow.status == 0);
  CHECK(narrow.out == "Accuracy = 100% (1/1) (classification)\n");
}

TEST_CASE("zero negative NaN and infinite parameters are refused by name",
          "[bad_input][svm_train][parameters]") {
  const Scratch scratch("parameters");
  struct Case {
    std::vector<std::string> options;
    std::string value, message;
  };
  const std::vector<Case> cases = {
      {{"--sigma"}, "0", "sigma must be a finite number > 0, got 0"},
      {{"--sigma"}, "-1", "sigma must be a finite number > 0, got -1"},
      {{"--sigma"}, "nan", "sigma must be a finite number > 0, got nan"},
      {{"--sigma"}, "inf", "sigma must be a finite number > 0, got inf"},
      {{"-g"}, "0", "gamma must be > 0 for the rbf kernel, got 0"},
      {{"-g"}, "-1", "gamma must be > 0 for the rbf kernel, got -1"},
      {{"-g"}, "nan", "gamma must be finite, got nan"},
      {{"-g"}, "inf", "gamma must be finite, got inf"},
      {{"-g"}, "1e39",
       "gamma 1e+39 is beyond the float range of the fast kernel rows (3.4e38); use exact "
       "kernel evaluation (--exact)"},
      {{"-c"}, "0", "C must be a finite number > 0, got 0"},
      {{"-c"}, "-1", "C must be a finite number > 0, got -1"},
      {{"-c"}, "nan", "C must be a finite number > 0, got nan"},
      {{"-c"}, "inf", "C must be a finite number > 0, got inf"},
      {{"-s", "1", "-n"}, "0", "nu must be in (0, 1], got 0"},
      {{"-s", "1", "-n"}, "-1", "nu must be in (0, 1], got -1"},
      {{"-s", "1", "-n"}, "nan", "nu must be in (0, 1], got nan"},
      {{"-s", "1", "-n"}, "inf", "nu must be in (0, 1], got inf"},
      {{"-s", "3", "-p"}, "-1", "epsilon must be a finite number >= 0, got -1"},
      {{"-s", "3", "-p"}, "nan", "epsilon must be a finite number >= 0, got nan"},
      {{"-s", "3", "-p"}, "inf", "epsilon must be a finite number >= 0, got inf"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = c.options;
    args.push_back(c.value);
    args.push_back("heart_scale");
    training_refused(scratch, args, c.message);
  }
  // epsilon = 0 is valid (LIBSVM's -p 0): an SVR without an insensitive zone.
  CHECK(svm_train({"-q", "-s", "3", "-p", "0", "heart_scale", "p0.model"}).status == 0);
  // A number CLI11 cannot read is a usage error (status 2).
  const auto before = scratch.snapshot();
  const Run usage = svm_train({"-c", "abc", "heart_scale", "existing.model"});
  CHECK(usage.status == 2);
  CHECK(usage.err.rfind("svm_train: error: ", 0) == 0);
  CHECK(scratch.snapshot() == before);
}

TEST_CASE("missing directory and unreadable inputs are refused by name",
          "[bad_input][files]") {
  const Scratch scratch("files");
  scratch.train_heart_model();
  fs::create_directory("adir");
  training_refused(scratch, {"nosuch.csv"}, "cannot open 'nosuch.csv': No such file or directory");
  training_refused(scratch, {"adir"}, "cannot read 'adir': Is a directory");
  training_refused(scratch, {"heart_scale/x"}, "cannot open 'heart_scale/x': Not a directory");
  prediction_refused(scratch, "nosuch.csv", "heart.model",
                     "cannot open 'nosuch.csv': No such file or directory");
  prediction_refused(scratch, "heart_scale", "none.model",
                     "cannot read model 'none.model': No such file or directory");
  prediction_refused(scratch, "heart_scale", "adir", "cannot read model 'adir': Is a directory");

  // chmod 000: refused as unreadable, except for root (as in CI), who reads it anyway.
  scratch.write("locked.csv", "a,b,label\n1,2,0\n3,4,1\n");
  fs::permissions("locked.csv", fs::perms::none);
  if (::geteuid() != 0) {
    training_refused(scratch, {"locked.csv"}, "cannot open 'locked.csv': Permission denied");
  } else {
    CHECK(svm_train({"-q", "locked.csv", "locked.model"}).status == 0);
  }
  fs::permissions("locked.csv", fs::perms::owner_read | fs::perms::owner_write);
}

TEST_CASE("outputs that cannot be written are refused and leave nothing behind",
          "[bad_input][files]") {
  const Scratch scratch("outputs");
  scratch.train_heart_model();
  fs::create_directory("adir");
  refused(scratch, svm_train, {"-q", "heart_scale", "nodir/x.model"}, 1,
          "svm_train: error: cannot write 'nodir/x.model': No such file or directory\n");
  // A directory where the model should go: refused before the sidecar is written.
  refused(scratch, svm_train, {"-q", "heart_scale", "adir"}, 1,
          "svm_train: error: cannot write 'adir': Is a directory\n");
  // The sidecar's place taken by a directory: the existing model is not replaced.
  fs::create_directory("existing.model.json");
  refused(scratch, svm_train, {"-q", "heart_scale", "existing.model"}, 1,
          "svm_train: error: cannot write 'existing.model.json': Is a directory\n");
  refused(scratch, svm_predict, {"heart_scale", "heart.model", "nodir/p.txt"}, 1,
          "svm_predict: error: cannot write 'nodir/p.txt': No such file or directory\n");
  refused(scratch, svm_predict, {"heart_scale", "heart.model", "adir"}, 1,
          "svm_predict: error: cannot write 'adir': Is a directory\n");
}
