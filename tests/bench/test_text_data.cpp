// bench/text_data: the generated text sets are deterministic for a seed and well-formed: rbfsvm's
// LIBSVM reader takes every line, indices stay within the vocabulary, rows have unit length and
// about the requested number of non-zeros.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>

#include "portable_random.hpp"
#include "rbfsvm/data/dataset.hpp"
#include "text_data.hpp"

using rbfsvm::bench::TextShape;

namespace {

TextShape test_shape() {
  TextShape shape;
  shape.rows = 400;
  shape.features = 5000;
  shape.nnz = 40;
  shape.classes = 3;
  shape.seed = 7;
  return shape;
}

std::string generated(const TextShape& shape) {
  std::ostringstream out;
  rbfsvm::bench::write_text_data(shape, out);
  return out.str();
}

rbfsvm::Dataset read_sparse(const std::string& text) {
  std::istringstream in(text);
  rbfsvm::ReadOptions options;
  options.format = rbfsvm::DataFormat::libsvm;
  options.storage = rbfsvm::Storage::sparse;
  return rbfsvm::parse_dataset(in, "generated", options);
}

}  // namespace

TEST_CASE("the engine is the standard's mt19937_64", "[text_data]") {
  // [rand.predef]: the 10000th value of a default-constructed mt19937_64.
  std::mt19937_64 engine;
  engine.discard(9999);
  CHECK(engine() == 9981545732273789042ULL);
}

TEST_CASE("portable draws stay in range and are uniform enough", "[text_data]") {
  rbfsvm::bench::PortableRandom random(3);
  std::vector<int> counts(7, 0);
  for (int i = 0; i < 70000; ++i) ++counts[random.below(7)];
  for (const int count : counts) CHECK(std::abs(count - 10000) < 500);
  double sum = 0;
  for (int i = 0; i < 10000; ++i) {
    const double u = random.uniform();
    REQUIRE(u >= 0);
    REQUIRE(u < 1);
    sum += u;
  }
  CHECK(std::abs(sum / 10000 - 0.5) < 0.01);
}

TEST_CASE("the same seed gives the same bytes, another seed others", "[text_data]") {
  const TextShape shape = test_shape();
  const std::string first = generated(shape);
  CHECK(generated(shape) == first);
  TextShape other = shape;
  other.seed = 8;
  CHECK(generated(other) != first);
}

TEST_CASE("generated rows read back sparse, normalised and of the requested size", "[text_data]") {
  const TextShape shape = test_shape();
  const rbfsvm::Dataset data = read_sparse(generated(shape));
  REQUIRE(data.is_sparse());
  const rbfsvm::SparseRows& X = *data.sparse;
  REQUIRE(X.rows() == shape.rows);
  // Ascending indices within [1, features] are the reader's own checks; the width is the
  // largest index seen.
  CHECK(X.cols() <= shape.features);
  CHECK(X.cols() > shape.features / 2);
  for (rbfsvm::Index i = 0; i < X.rows(); ++i) {
    REQUIRE(X.row(i).size > 0);
    REQUIRE(std::abs(X.squared_norms()[i] - 1) < 1e-5);
  }
  const double mean_nnz = static_cast<double>(X.nonzeros()) / static_cast<double>(X.rows());
  CHECK(std::abs(mean_nnz - shape.nnz) < 0.1 * shape.nnz);
  const std::set<double> labels(data.labels.begin(), data.labels.end());
  CHECK(labels == std::set<double>{1, 2, 3});
}

TEST_CASE("binary labels are +1 and -1", "[text_data]") {
  TextShape shape = test_shape();
  shape.classes = 4;
  shape.binary = true;
  const rbfsvm::Dataset data = read_sparse(generated(shape));
  const std::set<double> labels(data.labels.begin(), data.labels.end());
  CHECK(labels == std::set<double>{-1, 1});
}

TEST_CASE("files are written whole, with nothing left beside them", "[text_data]") {
  namespace fs = std::filesystem;
  const fs::path directory = fs::temp_directory_path() / "rbfsvm_test_text_data";
  fs::remove_all(directory);
  fs::create_directories(directory);
  const TextShape shape = test_shape();
  const fs::path path = directory / rbfsvm::bench::text_file_name(shape);
  rbfsvm::bench::write_text_file(shape, path.string());
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  CHECK(bytes.str() == generated(shape));
  CHECK(std::distance(fs::directory_iterator(directory), fs::directory_iterator()) == 1);
  fs::remove_all(directory);
}

TEST_CASE("bad shapes are refused", "[text_data]") {
  TextShape shape = test_shape();
  shape.nnz = 2000;  // more than a quarter of the vocabulary
  CHECK_THROWS_AS(shape.validate(), std::invalid_argument);
  shape = test_shape();
  shape.classes = 1;
  CHECK_THROWS_AS(shape.validate(), std::invalid_argument);
  CHECK_THROWS_AS(rbfsvm::bench::text_shape("enron"), std::invalid_argument);
  for (const std::string& name : rbfsvm::bench::text_shape_names()) {
    CHECK_NOTHROW(rbfsvm::bench::text_shape(name).validate());
  }
}
