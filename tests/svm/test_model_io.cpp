// Model files: LIBSVM's format both ways, the JSON sidecar, and refusals of damaged files.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/svm/model_io.hpp"
#include "rbfsvm/svm/train.hpp"
#include "support/libsvm_oracle.hpp"
#include "support/paths.hpp"
#include "support/test_data.hpp"

using Catch::Matchers::Contains;
using rbfsvm::Dataset;
using rbfsvm::Model;
using rbfsvm::TrainOptions;

namespace {

void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

Model heart_model(const Dataset& data) {
  TrainOptions options;
  options.kernel = rbfsvm::Kernel::rbf(0.2);
  options.C = 2.0;
  return rbfsvm::train(data, options);
}

std::vector<double> libsvm_predictions(const svm_model* model, const Dataset& data) {
  const rbfsvm::test::LibsvmProblem points(data.X, data.labels);
  std::vector<double> labels;
  for (rbfsvm::Index i = 0; i < data.X.rows(); ++i) labels.push_back(svm_predict(model, points.point(i)));
  return labels;
}

}  // namespace

TEST_CASE("our model file loads in LIBSVM and predicts the same", "[model_io][libsvm]") {
  const Dataset data = rbfsvm::read_dataset(rbfsvm::test::dataset_path("heart_scale"));
  const Model model = heart_model(data);
  const std::string path = rbfsvm::test::scratch_directory("model_io_to_libsvm") + "/heart.model";
  rbfsvm::save_model(model, path);
  svm_model* loaded = svm_load_model(path.c_str());
  REQUIRE(loaded != nullptr);
  CHECK(libsvm_predictions(loaded, data) == model.predict(data.X));
  const rbfsvm::RowMatrix<double> ours = model.decision_values(data.X);
  const rbfsvm::RowMatrix<double> theirs = rbfsvm::test::libsvm_decision_values(*loaded, data.X);
  CHECK((ours - theirs).cwiseAbs().maxCoeff() < 1e-12);
  svm_free_and_destroy_model(&loaded);
}

TEST_CASE("a LIBSVM model file loads here and predicts the same", "[model_io][libsvm]") {
  const Dataset data = rbfsvm::read_dataset(rbfsvm::test::dataset_path("iris.csv"));
  TrainOptions options;
  options.kernel = rbfsvm::Kernel::rbf(0.5);
  const rbfsvm::test::LibsvmProblem problem(data.X, data.labels);
  const auto parameters = rbfsvm::test::libsvm_parameters(options);
  const rbfsvm::test::LibsvmModel libsvm = rbfsvm::test::train_libsvm(problem, parameters);
  const std::string path = rbfsvm::test::scratch_directory("model_io_from_libsvm") + "/iris.model";
  REQUIRE(svm_save_model(path.c_str(), libsvm.get()) == 0);
  const Model model = rbfsvm::load_model(path);
  CHECK(model.n_classes() == 3);
  CHECK(model.n_support_vectors() == libsvm->l);
  CHECK(model.predict(data.X) == libsvm_predictions(libsvm.get(), data));
  // LIBSVM writes SV values with 8 significant digits, so decision values agree to about 1e-7.
  const auto theirs = rbfsvm::test::libsvm_decision_values(*libsvm, data.X);
  CHECK((model.decision_values(data.X) - theirs).cwiseAbs().maxCoeff() < 1e-5);
}

TEST_CASE("save then load gives back the same model", "[model_io]") {
  Dataset data = rbfsvm::read_dataset(rbfsvm::test::dataset_path("iris.csv"));
  const Model model = heart_model(data);
  const std::string path = rbfsvm::test::scratch_directory("model_io_round_trip") + "/iris.model";
  rbfsvm::save_model(model, path);
  CHECK(std::filesystem::exists(rbfsvm::sidecar_path(path)));
  const Model loaded = rbfsvm::load_model(path);
  CHECK(loaded.data().rho == model.data().rho);
  CHECK((loaded.data().coefficients.array() == model.data().coefficients.array()).all());
  CHECK((loaded.data().support_vectors.to_dense().array() == model.data().support_vectors.to_dense().array()).all());
  CHECK(loaded.data().class_names == std::vector<std::string>{"setosa", "versicolor", "virginica"});
  CHECK(loaded.data().feature_names == model.data().feature_names);
  CHECK(loaded.data().n_features == 4);
  CHECK(loaded.predict(data.X) == model.predict(data.X));
  // Saving again produces the same bytes (deterministic text).
  const std::string again = path + ".again";
  rbfsvm::save_model(loaded, again);
  CHECK(rbfsvm::test::read_text_file(again) == rbfsvm::test::read_text_file(path));
  // No temporary files remain.
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(path).parent_path())) {
    CHECK(entry.path().string().find(".tmp.") == std::string::npos);
  }
}

TEST_CASE("damaged model files are refused with the line and the fix", "[model_io][errors]") {
  const Dataset data = rbfsvm::read_dataset(rbfsvm::test::dataset_path("heart_scale"));
  std::ostringstream good;
  rbfsvm::write_model(heart_model(data), good);
  const std::string text = good.str();
  auto parse = [](const std::string& model_text) {
    std::istringstream in(model_text);
    return rbfsvm::read_model(in, "m.model");
  };
  REQUIRE_NOTHROW(parse(text));

  SECTION("truncated in the SV section") {
    const std::string cut = text.substr(0, text.size() / 2);
    const std::string whole_lines = cut.substr(0, cut.rfind('\n') + 1);
    CHECK_THROWS_WITH(parse(whole_lines), Contains("m.model:") && Contains("truncated"));
  }
  SECTION("truncated in the header") {
    CHECK_THROWS_WITH(parse(text.substr(0, text.find("SV\n"))), Contains("no 'SV' line"));
  }
  SECTION("empty") { CHECK_THROWS_AS(parse(""), rbfsvm::ParseError); }
  SECTION("wrong total_sv") {
    std::string bad = text;
    bad.replace(bad.find("total_sv 1"), 10, "total_sv 9");
    CHECK_THROWS_AS(parse(bad), rbfsvm::ParseError);
  }
  SECTION("nr_sv not adding up") {
    std::string bad = text;
    bad.replace(bad.find("nr_sv "), 6, "nr_sv 1");
    CHECK_THROWS_WITH(parse(bad), Contains("nr_sv"));
  }
  SECTION("unknown keyword") {
    CHECK_THROWS_WITH(parse("colour blue\n" + text), Contains("m.model:1:1") && Contains("colour"));
  }
  SECTION("unknown kernel") {
    std::string bad = text;
    bad.replace(bad.find("rbf"), 3, "rbx");
    CHECK_THROWS_WITH(parse(bad), Contains("m.model:2") && Contains("rbx"));
  }
  SECTION("non-numeric coefficient") {
    std::string bad = text;
    const std::size_t sv = bad.find("SV\n") + 3;
    bad.replace(sv, 1, "x");
    CHECK_THROWS_WITH(parse(bad), Contains("not a number"));
  }
  SECTION("descending feature indices") {
    std::string bad = text;
    const std::size_t sv = bad.find("SV\n") + 3;
    bad.insert(bad.find('\n', sv), " 2:0.5");
    CHECK_THROWS_WITH(parse(bad), Contains("ascending"));
  }
  SECTION("NaN gamma") {
    std::string bad = text;
    const std::size_t gamma = bad.find("gamma ") + 6;
    bad.replace(gamma, bad.find('\n', gamma) - gamma, "nan");
    CHECK_THROWS_WITH(parse(bad), Contains("finite"));
  }
}

TEST_CASE("model files that cannot be read or written", "[model_io][errors]") {
  const std::string dir = rbfsvm::test::scratch_directory("model_io_files");
  CHECK_THROWS_AS(rbfsvm::load_model(dir + "/missing.model"), rbfsvm::IoError);
  CHECK_THROWS_WITH(rbfsvm::load_model(dir + "/missing.model"), Contains("missing.model"));
  CHECK_THROWS_AS(rbfsvm::load_model(dir), rbfsvm::Error);
  const Dataset data = rbfsvm::read_dataset(rbfsvm::test::dataset_path("heart_scale"));
  const Model model = heart_model(data);
  CHECK_THROWS_AS(rbfsvm::save_model(model, dir + "/no/such/dir/x.model"), rbfsvm::IoError);
  // An existing model is left untouched by a failed save.
  const std::string path = dir + "/kept.model";
  write_file(path, "original");
  std::filesystem::create_directory(path + ".json");  // the sidecar cannot be written
  Dataset named = data;
  named.feature_names.assign(13, "f");
  const Model with_sidecar = rbfsvm::train(named, TrainOptions{});
  CHECK_THROWS_AS(rbfsvm::save_model(with_sidecar, path), rbfsvm::IoError);
  CHECK(rbfsvm::test::read_text_file(path) == "original");
}

TEST_CASE("a sidecar from another model is refused", "[model_io][errors]") {
  const Dataset data = rbfsvm::read_dataset(rbfsvm::test::dataset_path("iris.csv"));
  const std::string dir = rbfsvm::test::scratch_directory("model_io_stale_sidecar");
  rbfsvm::save_model(heart_model(data), dir + "/a.model");
  TrainOptions other;
  other.C = 10;
  rbfsvm::save_model(rbfsvm::train(data, other), dir + "/b.model");
  std::filesystem::copy_file(dir + "/b.model", dir + "/a.model",
                             std::filesystem::copy_options::overwrite_existing);
  CHECK_THROWS_WITH(rbfsvm::load_model(dir + "/a.model"), Contains("different model"));
  write_file(dir + "/b.model.json", "{ not json");
  CHECK_THROWS_WITH(rbfsvm::load_model(dir + "/b.model"), Contains("malformed sidecar"));
}

TEST_CASE("the sidecar keeps the support vectors' rows and sparse storage", "[model_io]") {
  rbfsvm::ReadOptions sparse_read;
  sparse_read.storage = rbfsvm::Storage::sparse;
  const Dataset data = rbfsvm::read_dataset(rbfsvm::test::dataset_path("heart_scale"), sparse_read);
  const Model model = heart_model(data);
  REQUIRE(model.data().support_vectors.is_sparse());
  REQUIRE_FALSE(model.data().sv_indices.empty());
  // In memory (as the Python package pickles) and through files.
  const rbfsvm::ModelTexts texts = rbfsvm::model_to_texts(model);
  const std::string path = rbfsvm::test::scratch_directory("model_io_sidecar") + "/heart.model";
  rbfsvm::save_model(model, path);
  CHECK(rbfsvm::test::read_text_file(path) == texts.model);
  CHECK(rbfsvm::test::read_text_file(rbfsvm::sidecar_path(path)) == texts.sidecar);
  for (const Model& loaded : {rbfsvm::model_from_texts(texts, "heart.model"), rbfsvm::load_model(path)}) {
    CHECK(loaded.data().sv_indices == model.data().sv_indices);
    CHECK(loaded.data().support_vectors.is_sparse());
    // The same arithmetic, so the same bits.
    CHECK((loaded.decision_values(data).array() == model.decision_values(data).array()).all());
  }
  SECTION("a sidecar whose rows do not match the support vectors is refused") {
    rbfsvm::ModelTexts bad = texts;
    const std::size_t at = bad.sidecar.find("\"sv_indices\"");
    REQUIRE(at != std::string::npos);
    bad.sidecar.insert(bad.sidecar.find('[', at) + 1, "1,");
    CHECK_THROWS_WITH(rbfsvm::model_from_texts(bad, "heart.model"),
                      Contains("heart.model.json") && Contains("'sv_indices' has"));
  }
}
