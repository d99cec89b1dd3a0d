// Scaling: svm-scale's arithmetic and files (LIBSVM's own svm-scale is the oracle), z-score,
// and a scaling saved with a model and applied at prediction.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/svm/model_io.hpp"
#include "rbfsvm/data/scaling.hpp"
#include "rbfsvm/svm/train.hpp"
#include "support/paths.hpp"
#include "support/test_data.hpp"
#include "svm_scale_cli.hpp"

using Catch::Matchers::Contains;

namespace {

int run_svm_scale_tool(const std::vector<std::string>& args, std::string& out) {
  std::ostringstream stream, err;
  const int status = rbfsvm::cli::run_svm_scale(args, stream, err);
  out = stream.str();
  return status;
}

// LIBSVM's svm-scale (Debian's libsvm-tools), run as a program.
void run_libsvm_scale(const std::string& arguments, const std::string& output) {
  const std::string command = "svm-scale " + arguments + " > '" + output + "' 2>/dev/null";
  REQUIRE(std::system(command.c_str()) == 0);
}

}  // namespace

TEST_CASE("range files and scaled data are byte-identical to svm-scale", "[scaling][libsvm]") {
  const std::string dir = rbfsvm::test::scratch_directory("scaling_svm_scale");
  const std::string data = rbfsvm::test::dataset_path("housing_scale");
  for (const std::string& limits : {std::string(""), std::string("-l 0 -u 1"),
                                    std::string("-l -2 -u 3 -y 0 1")}) {
    INFO("limits '" << limits << "'");
    run_libsvm_scale(limits + " -s '" + dir + "/theirs.range' '" + data + "'", dir + "/theirs.txt");
    std::vector<std::string> args;
    std::istringstream words(limits);
    for (std::string word; words >> word;) args.push_back(word);
    args.insert(args.end(), {"-s", dir + "/ours.range", data});
    std::string ours;
    REQUIRE(run_svm_scale_tool(args, ours) == 0);
    CHECK(ours == rbfsvm::test::read_text_file(dir + "/theirs.txt"));
    CHECK(rbfsvm::test::read_text_file(dir + "/ours.range") == rbfsvm::test::read_text_file(dir + "/theirs.range"));
    // Restoring LIBSVM's range file reproduces the same output.
    std::string restored;
    REQUIRE(run_svm_scale_tool({"-r", dir + "/theirs.range", data}, restored) == 0);
    CHECK(restored == ours);
  }
}

TEST_CASE("min-max maps each column onto the bounds and constant columns to 0", "[scaling]") {
  rbfsvm::RowMatrix<double> X(4, 3);
  X << 1, 5, 7,  //
      2, 5, -1,  //
      3, 5, 0,   //
      5, 5, 3;
  const rbfsvm::Scaling scaling = rbfsvm::Scaling::fit_min_max(X, 0, 1);
  rbfsvm::RowMatrix<double> scaled = X;
  scaling.apply(scaled);
  for (rbfsvm::Index f : {0, 2}) {
    CHECK(scaled.col(f).minCoeff() == 0.0);
    CHECK(scaled.col(f).maxCoeff() == 1.0);
  }
  CHECK(scaled(1, 0) == Approx(0.25));
  CHECK(scaled.col(1).isZero());
  // A range file round trip keeps the numbers exactly.
  std::ostringstream file;
  rbfsvm::write_range_file(scaling, file);
  std::istringstream in(file.str());
  const rbfsvm::Scaling back = rbfsvm::read_range_file(in, "r");
  CHECK(back.first[0] == scaling.first[0]);
  CHECK(back.second[2] == scaling.second[2]);
  CHECK(back.first[1] == back.second[1]);  // the constant feature is left out of the file
}

TEST_CASE("z-score gives zero mean and unit deviation", "[scaling]") {
  const rbfsvm::Dataset data = rbfsvm::read_dataset(rbfsvm::test::dataset_path("wine.csv"));
  rbfsvm::RowMatrix<double> X = data.X;
  rbfsvm::Scaling::fit_z_score(X).apply(X);
  for (rbfsvm::Index f = 0; f < X.cols(); ++f) {
    const double mean = X.col(f).mean();
    const double deviation = std::sqrt((X.col(f).array() - mean).square().mean());
    CHECK(std::fabs(mean) < 1e-12);
    CHECK(deviation == Approx(1.0).epsilon(1e-12));
  }
  std::ostringstream out;
  CHECK_THROWS_AS(rbfsvm::write_range_file(rbfsvm::Scaling::fit_z_score(data.X), out),
                  rbfsvm::InvalidArgument);
}

TEST_CASE("a model trained with scaling predicts raw data after a save and load", "[scaling][model_io]") {
  const rbfsvm::Dataset data = rbfsvm::read_dataset(rbfsvm::test::dataset_path("wine.csv"));
  for (auto kind : {rbfsvm::ScalingKind::min_max, rbfsvm::ScalingKind::z_score}) {
    rbfsvm::TrainOptions options;
    options.scaling = kind;
    options.kernel = rbfsvm::Kernel::rbf(0.1);
    const rbfsvm::Model model = rbfsvm::train(data, options);
    REQUIRE(model.data().scaling.has_value());
    // Training on data scaled by hand gives the same decisions.
    rbfsvm::Dataset scaled = data;
    model.data().scaling->apply(scaled.X);
    rbfsvm::TrainOptions plain = options;
    plain.scaling.reset();
    const rbfsvm::Model by_hand = rbfsvm::train(scaled, plain);
    CHECK(model.predict(data.X) == by_hand.predict(scaled.X));
    const std::string path = rbfsvm::test::scratch_directory("scaling_model") + "/wine.model";
    rbfsvm::save_model(model, path);
    const rbfsvm::Model loaded = rbfsvm::load_model(path);
    REQUIRE(loaded.data().scaling.has_value());
    CHECK(loaded.predict(data.X) == model.predict(data.X));
  }
}

TEST_CASE("scaling refusals", "[scaling][errors]") {
  rbfsvm::RowMatrix<double> X(2, 1);
  X << 1, 2;
  CHECK_THROWS_WITH(rbfsvm::Scaling::fit_min_max(X, 1, -1), Contains("lower < upper"));
  CHECK_THROWS_AS(rbfsvm::Scaling::fit_min_max(rbfsvm::RowMatrix<double>(0, 0)), rbfsvm::InvalidArgument);
  std::istringstream bad("x\n-1 1\n3 0 1\n2 0 1\n");
  CHECK_THROWS_WITH(rbfsvm::read_range_file(bad, "r.range"), Contains("r.range:4") && Contains("ascending"));
  std::istringstream junk("x\n-1 one\n");
  CHECK_THROWS_WITH(rbfsvm::read_range_file(junk, "r.range"), Contains("r.range:2") && Contains("'one'"));
  std::istringstream empty("");
  CHECK_THROWS_AS(rbfsvm::read_range_file(empty, "r.range"), rbfsvm::ParseError);
  std::string out;
  CHECK(run_svm_scale_tool({"-s", "a", "-r", "b", rbfsvm::test::dataset_path("heart_scale")}, out) == 1);
  CHECK(run_svm_scale_tool({"-r", "/nonexistent.range", rbfsvm::test::dataset_path("heart_scale")}, out) == 1);
  CHECK(run_svm_scale_tool({"-l", "1", "-u", "0", rbfsvm::test::dataset_path("heart_scale")}, out) == 1);
}

// ---------------------------------------------------------------------------------------------
// Sparse data

namespace {

// LIBSVM text of a sparse data set (its stored entries, %.17g).
std::string libsvm_text(const rbfsvm::Dataset& data) {
  std::ostringstream out;
  out.precision(17);
  for (rbfsvm::Index i = 0; i < data.sparse->rows(); ++i) {
    out << data.labels[static_cast<std::size_t>(i)];
    const rbfsvm::SparseRows::Row row = data.sparse->row(i);
    for (rbfsvm::Index e = 0; e < row.size; ++e) out << ' ' << row.indices[e] + 1 << ':' << row.values[e];
    out << '\n';
  }
  return out.str();
}

}  // namespace

TEST_CASE("sparse data scales as svm-scale scales it, warning when zeros fill in",
          "[scaling][sparse][libsvm]") {
  const std::string dir = rbfsvm::test::scratch_directory("scaling_sparse");
  rbfsvm::test::SparseTextShape shape;
  shape.rows = 60;
  shape.columns = 300;
  const std::string data = dir + "/text.txt";
  std::ofstream(data) << libsvm_text(rbfsvm::test::sparse_text_data(shape));
  for (const std::string& limits : {std::string("-l 0 -u 1"), std::string("")}) {
    INFO("limits '" << limits << "'");
    run_libsvm_scale(limits + " '" + data + "'", dir + "/theirs.txt");
    std::vector<std::string> args{"--storage", "sparse"};
    std::istringstream words(limits);
    for (std::string word; words >> word;) args.push_back(word);
    args.push_back(data);
    std::ostringstream out, err;
    REQUIRE(rbfsvm::cli::run_svm_scale(args, out, err) == 0);
    CHECK(out.str() == rbfsvm::test::read_text_file(dir + "/theirs.txt"));
    // [-1, 1] maps every absent zero to -1: svm-scale's warning case.
    if (limits.empty()) {
      CHECK_THAT(err.str(), Contains("warning: original #nonzeros") && Contains("use -l 0"));
    } else {
      CHECK(err.str().empty());
    }
  }
}

TEST_CASE("scalings fitted and applied on sparse points equal the dense ones", "[scaling][sparse]") {
  rbfsvm::test::SparseTextShape shape;
  shape.rows = 80;
  shape.columns = 200;
  const rbfsvm::Dataset sparse = rbfsvm::test::sparse_text_data(shape);
  const rbfsvm::RowMatrix<double> dense = sparse.sparse->to_dense();
  for (const rbfsvm::ScalingKind kind :
       {rbfsvm::ScalingKind::min_max, rbfsvm::ScalingKind::z_score, rbfsvm::ScalingKind::max_abs}) {
    INFO("kind " << static_cast<int>(kind));
    const rbfsvm::Scaling from_sparse = rbfsvm::Scaling::fit(kind, *sparse.sparse);
    const rbfsvm::Scaling from_dense = rbfsvm::Scaling::fit(kind, dense);
    REQUIRE(from_sparse.first.size() == from_dense.first.size());
    for (std::size_t f = 0; f < from_dense.first.size(); ++f) {
      CHECK(from_sparse.first[f] == Approx(from_dense.first[f]).margin(1e-14));
      CHECK(from_sparse.second[f] == Approx(from_dense.second[f]).margin(1e-14));
    }
    rbfsvm::RowMatrix<double> expected = dense;
    from_dense.apply(expected);
    const rbfsvm::SparseRows scaled = from_sparse.apply(*sparse.sparse);
    CHECK((scaled.to_dense() - expected).cwiseAbs().maxCoeff() <= 1e-12);
    // max-abs keeps the non-zero pattern; z-score fills it in.
    if (kind == rbfsvm::ScalingKind::max_abs) {
      CHECK(from_sparse.preserves_zeros());
      CHECK(scaled.indices() == sparse.sparse->indices());
    }
    if (kind == rbfsvm::ScalingKind::z_score) CHECK(scaled.nonzeros() > sparse.sparse->nonzeros());
  }
}

TEST_CASE("training with --scale on sparse data keeps it sparse", "[scaling][sparse]") {
  rbfsvm::test::SparseTextShape shape;
  const rbfsvm::Dataset sparse = rbfsvm::test::sparse_text_data(shape);
  rbfsvm::TrainOptions options;
  options.kernel = rbfsvm::Kernel::rbf(0.5);
  options.scaling = rbfsvm::ScalingKind::min_max;
  const rbfsvm::Model model = rbfsvm::train(sparse, options);
  REQUIRE(model.data().scaling);
  CHECK(model.data().scaling->kind == rbfsvm::ScalingKind::max_abs);
  CHECK(model.data().support_vectors.is_sparse());
  // The support vectors are scaled training points: no entry beyond the training pattern.
  CHECK(model.data().support_vectors.sparse().nonzeros() <= sparse.sparse->nonzeros());
  // z-score would fill every zero in: refused, naming the ways out.
  options.scaling = rbfsvm::ScalingKind::z_score;
  CHECK_THROWS_WITH(rbfsvm::train(sparse, options),
                    Contains("z-score scaling would give every zero of the sparse data a value") &&
                        Contains("--storage dense"));
}
