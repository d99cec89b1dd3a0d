#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/core/error.hpp"
#include "support/paths.hpp"

using rbfsvm::DataFormat;
using rbfsvm::Dataset;
using rbfsvm::ReadOptions;

namespace {

// The team's shared benchmark data (../shared/datasets) sit next to the source tree in development
// and in CI; tests that read them are tagged [shared] (tests/CMakeLists.txt leaves them out, with a
// warning, where that folder is absent). A missing file inside it is a broken checkout and fails.
std::string shared_dataset(const std::string& relative) {
  const std::string path = std::string(RBFSVM_SOURCE_DIR) + "/../shared/datasets/" + relative;
  if (!std::filesystem::is_regular_file(path))
    FAIL("shared data set missing: " << path
                                     << " (expected ${RBFSVM_SOURCE_DIR}/../shared/datasets)");
  return path;
}

std::string write_file(const std::string& directory, const std::string& name,
                       const std::string& content) {
  const std::string path = directory + "/" + name;
  std::ofstream out(path, std::ios::binary);
  out << content;
  out.close();
  REQUIRE(out);
  return path;
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Dataset parse(const std::string& text, const ReadOptions& options = {}) {
  std::istringstream input(text);
  return rbfsvm::parse_dataset(input, "mem.txt", options);
}

ReadOptions with_format(DataFormat format) {
  ReadOptions options;
  options.format = format;
  return options;
}

// Parsing `text` must throw a ParseError at line:column whose message contains `reason`, and
// whose what() starts with "mem.txt:line:column: ".
void require_parse_error(const std::string& text, std::size_t line, std::size_t column,
                         const std::string& reason, const ReadOptions& options = {}) {
  INFO("input: " << text.substr(0, 200));
  try {
    parse(text, options);
    FAIL("no ParseError for this input");
  } catch (const rbfsvm::ParseError& error) {
    INFO("message: " << error.what());
    const std::string where =
        "mem.txt:" + std::to_string(line) + ":" + std::to_string(column) + ": ";
    CHECK(std::string(error.what()).rfind(where, 0) == 0);
    CHECK(error.file() == "mem.txt");
    CHECK(error.line() == line);
    CHECK(error.column() == column);
    CHECK_THAT(error.reason(), Catch::Contains(reason));
  }
}

std::map<double, std::size_t> count_labels(const Dataset& data) {
  std::map<double, std::size_t> counts;
  for (const double label : data.labels) ++counts[label];
  return counts;
}

// An independent reader of LIBSVM text (strtod and streams, nothing shared with the library)
// to check every value the fast reader produces.
struct NaiveSparse {
  std::vector<double> labels;
  std::vector<std::map<long, double>> rows;
  long max_index = 0;
};

NaiveSparse naive_libsvm(const std::string& path) {
  NaiveSparse result;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream tokens(line);
    std::string token;
    if (!(tokens >> token)) continue;
    result.labels.push_back(std::strtod(token.c_str(), nullptr));
    std::map<long, double> row;
    while (tokens >> token) {
      const std::size_t colon = token.find(':');
      const long index = std::strtol(token.substr(0, colon).c_str(), nullptr, 10);
      row[index] = std::strtod(token.c_str() + colon + 1, nullptr);
      result.max_index = std::max(result.max_index, index);
    }
    result.rows.push_back(row);
  }
  return result;
}

void require_same_as_naive(const Dataset& data, const NaiveSparse& naive) {
  REQUIRE(data.n_samples() == naive.labels.size());
  REQUIRE(static_cast<long>(data.n_features()) == naive.max_index);
  for (std::size_t i = 0; i < naive.labels.size(); ++i) {
    REQUIRE(data.labels[i] == naive.labels[i]);
    for (long j = 1; j <= naive.max_index; ++j) {
      const auto found = naive.rows[i].find(j);
      const double expected = found == naive.rows[i].end() ? 0.0 : found->second;
      if (data.X(static_cast<Eigen::Index>(i), j - 1) != expected)
        FAIL("row " << i + 1 << " feature " << j << ": "
                    << data.X(static_cast<Eigen::Index>(i), j - 1) << " != " << expected);
    }
  }
}

// A gzip file made of "stored" (uncompressed) deflate blocks: valid gzip written without zlib,
// so the test checks the library's decompression against an independent encoder.
std::uint32_t crc32(const std::string& bytes) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (const char c : bytes) {
    crc ^= static_cast<unsigned char>(c);
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void append_le(std::string& out, std::uint32_t value, int n_bytes) {
  for (int i = 0; i < n_bytes; ++i) out += static_cast<char>((value >> (8 * i)) & 0xFFu);
}

std::string gzip_stored(const std::string& data) {
  std::string out = "\x1f\x8b\x08";
  out += std::string(6, '\0') + "\xff";  // flags, mtime, extra flags; OS unknown
  constexpr std::size_t max_block = 65535;
  std::size_t offset = 0;
  do {
    const std::size_t size = std::min(max_block, data.size() - offset);
    const bool last = offset + size == data.size();
    out += static_cast<char>(last ? 1 : 0);
    append_le(out, static_cast<std::uint32_t>(size), 2);
    append_le(out, static_cast<std::uint32_t>(~size & 0xFFFFu), 2);
    out += data.substr(offset, size);
    offset += size;
  } while (offset < data.size());
  append_le(out, crc32(data), 4);
  append_le(out, static_cast<std::uint32_t>(data.size()), 4);
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// LIBSVM format: real files

TEST_CASE("heart_scale reads as 270 points with 13 features", "[dataset][libsvm]") {
  const Dataset data = rbfsvm::read_dataset(rbfsvm::test::dataset_path("heart_scale"));
  CHECK(data.n_samples() == 270);
  CHECK(data.n_features() == 13);
  CHECK(count_labels(data) == std::map<double, std::size_t>{{-1.0, 150}, {1.0, 120}});
  CHECK(data.class_names.empty());
  CHECK(data.feature_names.empty());
  CHECK(data.source == rbfsvm::test::dataset_path("heart_scale"));
  // First line: "+1 1:0.708333 2:1 3:1 4:-0.320755 ... 10:-0.225806 12:1 13:-1" (11 missing).
  CHECK(data.X(0, 0) == 0.708333);
  CHECK(data.X(0, 3) == -0.320755);
  CHECK(data.X(0, 10) == 0.0);
  CHECK(data.X(0, 12) == -1.0);
}

TEST_CASE("heart_scale and housing_scale match a naive reader value for value",
          "[dataset][libsvm]") {
  for (const char* name : {"heart_scale", "housing_scale"}) {
    INFO(name);
    const std::string path = rbfsvm::test::dataset_path(name);
    require_same_as_naive(rbfsvm::read_dataset(path), naive_libsvm(path));
  }
}

TEST_CASE("a9a.t takes its dimension from min_features", "[dataset][libsvm][shared]") {
  const std::string path = shared_dataset("libsvm/a9a.t");
  const Dataset own = rbfsvm::read_dataset(path);
  CHECK(own.n_samples() == 16281);
  CHECK(own.n_features() == 122);  // feature 123 never occurs in the test file
  CHECK(count_labels(own) == std::map<double, std::size_t>{{-1.0, 12435}, {1.0, 3846}});

  ReadOptions options;
  options.min_features = 123;
  const Dataset widened = rbfsvm::read_dataset(path, options);
  REQUIRE(widened.n_features() == 123);
  CHECK(widened.X.leftCols(122) == own.X);
  CHECK(widened.X.col(122).isZero());
}

TEST_CASE("ijcnn1 labels written as -1.0 and 1.0 read as -1 and 1", "[dataset][libsvm][shared]") {
  const Dataset train = rbfsvm::read_dataset(shared_dataset("libsvm/ijcnn1"));
  CHECK(train.n_samples() == 49990);
  CHECK(train.n_features() == 22);
  CHECK(count_labels(train) == std::map<double, std::size_t>{{-1.0, 45137}, {1.0, 4853}});

  const Dataset test = rbfsvm::read_dataset(shared_dataset("libsvm/ijcnn1.t"));
  CHECK(test.n_samples() == 91701);
  CHECK(test.n_features() == 22);
  CHECK(count_labels(test) == std::map<double, std::size_t>{{-1.0, 82989}, {1.0, 8712}});
}

TEST_CASE("a gzip-compressed file reads like the plain one", "[dataset][libsvm][gzip]") {
  const std::string dir = rbfsvm::test::scratch_directory("dataset_gzip");
  const std::string plain = rbfsvm::test::dataset_path("heart_scale");
  const std::string compressed = write_file(dir, "heart_scale.gz", gzip_stored(read_bytes(plain)));
  const Dataset expected = rbfsvm::read_dataset(plain);
  const Dataset data = rbfsvm::read_dataset(compressed);
  CHECK(data.X == expected.X);
  CHECK(data.labels == expected.labels);
  CHECK(data.source == compressed);

  // More than one stored block, and a CSV inside.
  std::string csv = "a,b,label\n";
  for (int i = 0; i < 20000; ++i) csv += std::to_string(i) + ",0.5," + (i % 3 ? "x" : "y") + "\n";
  const Dataset from_csv = rbfsvm::read_dataset(write_file(dir, "big.csv.gz", gzip_stored(csv)));
  CHECK(from_csv.n_samples() == 20000);
  CHECK(from_csv.X(19999, 0) == 19999.0);
  CHECK(from_csv.class_names == std::vector<std::string>{"y", "x"});
}

// ---------------------------------------------------------------------------------------------
// LIBSVM format: synthetic

TEST_CASE("libsvm labels may be written in any real-number form", "[dataset][libsvm]") {
  const Dataset data = parse("1 1:1\n-1.0 1:2\n+1 1:3\n2.5e0 1:4\n-3 1:5\n");
  CHECK(data.labels == std::vector<double>{1, -1, 1, 2.5, -3});
  CHECK(data.X.col(0).transpose() == Eigen::RowVectorXd::LinSpaced(5, 1, 5));
}

TEST_CASE("libsvm lines may have trailing spaces tabs and CRLF ends", "[dataset][libsvm]") {
  const Dataset data = parse("1 1:0.5 3:-2   \r\n-1\t2:1e-3\t\r\n\n   \n+1 1:.25 \t\n");
  REQUIRE(data.n_samples() == 3);
  REQUIRE(data.n_features() == 3);
  CHECK(data.X(0, 0) == 0.5);
  CHECK(data.X(0, 2) == -2.0);
  CHECK(data.X(1, 1) == 1e-3);
  CHECK(data.X(2, 0) == 0.25);
}

TEST_CASE("a libsvm line with only a label is a point at the origin", "[dataset][libsvm]") {
  // The first line alone cannot tell the format: detection looks further.
  const Dataset data = parse("3\n1 2:5\n7   \n");
  REQUIRE(data.n_samples() == 3);
  REQUIRE(data.n_features() == 2);
  CHECK(data.labels == std::vector<double>{3, 1, 7});
  CHECK(data.X.row(0).isZero());
  CHECK(data.X(1, 1) == 5.0);
  CHECK(data.X.row(2).isZero());
}

TEST_CASE("min_features widens a libsvm file but never narrows it", "[dataset][libsvm]") {
  ReadOptions options;
  options.min_features = 6;
  CHECK(parse("1 2:1\n", options).n_features() == 6);
  options.min_features = 1;
  CHECK(parse("1 2:1\n", options).n_features() == 2);
  options.min_features = 4;
  options.format = DataFormat::libsvm;
  const Dataset labels_only = parse("1\n-1\n", options);
  CHECK(labels_only.n_features() == 4);
  CHECK(labels_only.X.isZero());
}

TEST_CASE("the libsvm format is detected by content and can be forced", "[dataset][libsvm]") {
  CHECK(parse("1 3:4\n").n_features() == 3);
  CHECK(parse("   \n\n-1 1:1e5 2:-7\n").X(0, 0) == 1e5);
  // A first line of labels only, read as libsvm when asked.
  const Dataset forced = parse("1\n2\n", with_format(DataFormat::libsvm));
  CHECK(forced.labels == std::vector<double>{1, 2});
  CHECK(forced.n_features() == 0);
}

// ---------------------------------------------------------------------------------------------
// CSV: real files

TEST_CASE("sklearn iris.csv reads with its first line taken as a header", "[dataset][csv][shared]") {
  // scikit-learn's first line "150,4,setosa,versicolor,virginica" is not column names, but it
  // holds text, so it is taken for a header: the 150 points survive, labels are the numbers
  // 0, 1, 2 of the last column, and the "feature names" are that line's first four fields.
  const Dataset data = rbfsvm::read_dataset(shared_dataset("sklearn/iris.csv"));
  CHECK(data.n_samples() == 150);
  CHECK(data.n_features() == 4);
  CHECK(count_labels(data) == std::map<double, std::size_t>{{0.0, 50}, {1.0, 50}, {2.0, 50}});
  CHECK(data.class_names.empty());
  CHECK(data.feature_names == std::vector<std::string>{"150", "4", "setosa", "versicolor"});
  CHECK(data.X(0, 0) == 5.1);
  CHECK(data.X(0, 3) == 0.2);
}

TEST_CASE("sklearn iris.csv with header=false is refused at its first line", "[dataset][csv][shared]") {
  ReadOptions options;
  options.header = false;
  const std::string path = shared_dataset("sklearn/iris.csv");
  try {
    rbfsvm::read_dataset(path, options);
    FAIL("no ParseError");
  } catch (const rbfsvm::ParseError& error) {
    CHECK(error.line() == 1);
    CHECK(error.column() == 7);
    CHECK_THAT(error.what(), Catch::StartsWith(path + ":1:7: 'setosa' is not a number"));
  }
}

TEST_CASE("sklearn csv files whose first line is shorter than the data are refused",
          "[dataset][csv][shared]") {
  // wine_data.csv starts "178,13,class_0,class_1,class_2": a 5-field "header" over 14 columns.
  // Such a file is malformed CSV; the message says where the expected count came from.
  const std::string path = shared_dataset("sklearn/wine_data.csv");
  try {
    rbfsvm::read_dataset(path);
    FAIL("no ParseError");
  } catch (const rbfsvm::ParseError& error) {
    CHECK_THAT(error.what(),
               Catch::StartsWith(
                   path + ":2:26: expected 5 fields, found 14 (as in the header on line 1)"));
  }
  CHECK_THROWS_AS(rbfsvm::read_dataset(shared_dataset("sklearn/breast_cancer.csv")),
                  rbfsvm::ParseError);
}

TEST_CASE("sklearn digits.csv reads as a csv file without header", "[dataset][csv][shared]") {
  const Dataset digits = rbfsvm::read_dataset(shared_dataset("sklearn/digits.csv"));  // no header
  CHECK(digits.n_samples() == 1797);
  CHECK(digits.n_features() == 64);
  CHECK(count_labels(digits).size() == 10);
  CHECK(digits.feature_names.empty());
}

// ---------------------------------------------------------------------------------------------
// CSV: synthetic

TEST_CASE("a csv header is detected and gives the feature names", "[dataset][csv]") {
  const Dataset data = parse("width,height,label\n1.5,2,0\n3,4e1,1\n");
  REQUIRE(data.n_samples() == 2);
  CHECK(data.feature_names == std::vector<std::string>{"width", "height"});
  CHECK(data.labels == std::vector<double>{0, 1});
  CHECK(data.X(0, 0) == 1.5);
  CHECK(data.X(1, 1) == 40.0);
  CHECK(data.class_names.empty());
}

TEST_CASE("a csv file of numbers has no header", "[dataset][csv]") {
  const Dataset data = parse("1,2,0\n3,4,1\n");
  CHECK(data.n_samples() == 2);
  CHECK(data.feature_names.empty());
  CHECK(data.labels == std::vector<double>{0, 1});
}

TEST_CASE("a csv file without header may have text labels", "[dataset][csv]") {
  // The first line holds text only where the second does too: it is data, not a header.
  const Dataset data = parse("5.1,3.5,setosa\n4.9,3.0,versicolor\n6.3,3.3,setosa\n");
  REQUIRE(data.n_samples() == 3);
  CHECK(data.feature_names.empty());
  CHECK(data.class_names == std::vector<std::string>{"setosa", "versicolor"});
  CHECK(data.labels == std::vector<double>{0, 1, 0});
}

TEST_CASE("the header option overrides detection", "[dataset][csv]") {
  ReadOptions options;
  options.header = true;
  const Dataset data = parse("1,2,3\n4,5,6\n", options);
  CHECK(data.n_samples() == 1);
  CHECK(data.feature_names == std::vector<std::string>{"1", "2"});
  CHECK(data.labels == std::vector<double>{6});

  options.header = false;
  require_parse_error("a,b,y\n1,2,3\n", 1, 1, "'a' is not a number", options);
}

TEST_CASE("csv delimiters are detected: semicolon and tab", "[dataset][csv]") {
  const Dataset semicolons = parse("x;y;class\n1.5;2;a\n3;4;b\n");
  CHECK(semicolons.feature_names == std::vector<std::string>{"x", "y"});
  CHECK(semicolons.X(0, 0) == 1.5);
  CHECK(semicolons.class_names == std::vector<std::string>{"a", "b"});

  const Dataset tabs = parse("x\ty\tlabel\n1\t2\t-1\n3\t4\t1\n");
  CHECK(tabs.feature_names == std::vector<std::string>{"x", "y"});
  CHECK(tabs.X(1, 1) == 4.0);
  CHECK(tabs.labels == std::vector<double>{-1, 1});

  // Commas inside quotes do not count.
  const Dataset quoted = parse("\"a,b,c\";d;label\n1;2;3\n");
  CHECK(quoted.feature_names == std::vector<std::string>{"a,b,c", "d"});
}

TEST_CASE("a csv delimiter can be given", "[dataset][csv]") {
  ReadOptions options;
  options.delimiter = ';';
  // Detection would choose ',' (one comma, one semicolon: ',' wins the tie).
  const Dataset data = parse("a,b;label\n1;x,y\n", options);
  CHECK(data.feature_names == std::vector<std::string>{"a,b"});
  CHECK(data.class_names == std::vector<std::string>{"x,y"});

  options.delimiter = '|';
  CHECK_THROWS_AS(parse("1|2\n", options), rbfsvm::InvalidArgument);
}

TEST_CASE("quoted csv fields hold delimiters quotes and line breaks", "[dataset][csv]") {
  const std::string text =
      "\"name, with comma\",\"say \"\"hi\"\"\",\"two\nlines\",label\n"
      "\"1.5\",2,3,\"red, dark\"\n"
      "4,5,6,\"\"\"quoted\"\"\"\n";
  const Dataset data = parse(text);
  REQUIRE(data.n_samples() == 2);
  CHECK(data.feature_names ==
        std::vector<std::string>{"name, with comma", "say \"hi\"", "two\nlines"});
  CHECK(data.X(0, 0) == 1.5);
  CHECK(data.class_names == std::vector<std::string>{"red, dark", "\"quoted\""});
  // Line numbers count the line break inside the quotes.
  require_parse_error(text + "7,8,x,z\n", 5, 5, "'x' is not a number");
}

TEST_CASE("csv files may have CRLF ends blank lines and spaces", "[dataset][csv]") {
  const Dataset data = parse("\r\na , b , y \r\n\r\n 1 , 2 , 3   \r\n   \r\n4,5,6\t\r\n\r\n");
  REQUIRE(data.n_samples() == 2);
  CHECK(data.feature_names == std::vector<std::string>{"a", "b"});
  CHECK(data.labels == std::vector<double>{3, 6});
  CHECK(data.X(0, 1) == 2.0);
  CHECK(data.X(1, 0) == 4.0);
  // A file without a final line break.
  CHECK(parse("1,2\n3,4").labels == std::vector<double>{2, 4});
}

TEST_CASE("a UTF-8 byte order mark is ignored", "[dataset][csv]") {
  const Dataset data = parse("\xEF\xBB\xBFlabel,x\n1,2\n");
  CHECK(data.feature_names == std::vector<std::string>{"x"});
  CHECK(data.labels == std::vector<double>{1});
}

TEST_CASE("csv text labels are numbered in order of first appearance", "[dataset][csv]") {
  const Dataset data = parse("x,animal\n1,dog\n2,cat\n3,dog\n4,bird\n5,cat\n");
  CHECK(data.class_names == std::vector<std::string>{"dog", "cat", "bird"});
  CHECK(data.labels == std::vector<double>{0, 1, 0, 2, 1});
}

TEST_CASE("one text label makes every csv label a class name", "[dataset][csv]") {
  const Dataset data = parse("x,y\n1,1\n2,2\n3,cat\n4,1\n");
  CHECK(data.class_names == std::vector<std::string>{"1", "2", "cat"});
  CHECK(data.labels == std::vector<double>{0, 1, 2, 0});
}

TEST_CASE("the csv label column is found by its usual names", "[dataset][csv]") {
  for (const char* name : {"label", "class", "target", "y", "Label", "CLASS", "Target", "Y"}) {
    INFO(name);
    const Dataset data = parse(std::string("a,") + name + ",b\n1,7,2\n");
    CHECK(data.labels == std::vector<double>{7});
    CHECK(data.feature_names == std::vector<std::string>{"a", "b"});
    CHECK(data.X(0, 1) == 2.0);
  }
  // None of them: the last column.
  CHECK(parse("a,b,c\n1,2,3\n").labels == std::vector<double>{3});
}

TEST_CASE("the csv label column can be chosen by name", "[dataset][csv]") {
  ReadOptions options;
  options.label_column = "species";
  const Dataset data = parse("sepal,species,petal,label\n1,setosa,2,9\n3,virginica,4,8\n", options);
  CHECK(data.feature_names == std::vector<std::string>{"sepal", "petal", "label"});
  CHECK(data.class_names == std::vector<std::string>{"setosa", "virginica"});
  CHECK(data.X(1, 0) == 3.0);
  CHECK(data.X(1, 1) == 4.0);
  CHECK(data.X(1, 2) == 8.0);

  options.label_column = "SPECIES";  // no exact match: case is ignored
  CHECK(parse("sepal,species,petal\n1,a,2\n", options).class_names ==
        std::vector<std::string>{"a"});
}

TEST_CASE("the csv label column can be chosen by 1-based index", "[dataset][csv]") {
  ReadOptions options;
  options.label_column = "2";
  const Dataset data = parse("1,5,2\n3,6,4\n", options);
  CHECK(data.labels == std::vector<double>{5, 6});
  CHECK(data.X(0, 0) == 1.0);
  CHECK(data.X(0, 1) == 2.0);
  // Digits are an index even when a header name is made of digits (sklearn's "150,4,...").
  options.label_column = "1";
  const Dataset numbered = parse("4,1,x\n10,20,30\n", options);
  CHECK(numbered.labels == std::vector<double>{10});
  CHECK(numbered.feature_names == std::vector<std::string>{"1", "x"});
}

TEST_CASE("csv values match a naive parse of what was written", "[dataset][csv]") {
  std::mt19937 engine(7);
  std::normal_distribution<double> normal(0.0, 1e3);
  const int n = 60, d = 5;
  std::ostringstream text;
  text << "f0;f1;f2;f3;f4;target\n";
  std::vector<double> written;
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j <= d; ++j) {
      const double value =
          j == d ? static_cast<double>(i % 4) : normal(engine) * std::pow(10.0, j * 40 - 80);
      char buffer[40];
      std::snprintf(buffer, sizeof buffer, "%.17g", value);
      text << buffer << (j == d ? "\n" : ";");
      written.push_back(std::strtod(buffer, nullptr));
    }
  }
  const Dataset data = parse(text.str());
  REQUIRE(data.n_samples() == static_cast<std::size_t>(n));
  REQUIRE(data.n_features() == static_cast<std::size_t>(d));
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < d; ++j)
      REQUIRE(data.X(i, j) == written[static_cast<std::size_t>(i * (d + 1) + j)]);
    REQUIRE(data.labels[static_cast<std::size_t>(i)] ==
            written[static_cast<std::size_t>(i * (d + 1) + d)]);
  }
}

TEST_CASE("numbers may carry a plus sign exponents and leading dots", "[dataset][csv]") {
  const Dataset data = parse("+1.5,-.5,1e-3,2E+2,5.,1e-400,0\n");
  CHECK(data.X(0, 0) == 1.5);
  CHECK(data.X(0, 1) == -0.5);
  CHECK(data.X(0, 2) == 1e-3);
  CHECK(data.X(0, 3) == 200.0);
  CHECK(data.X(0, 4) == 5.0);
  CHECK(data.X(0, 5) == 0.0);  // underflow to zero is a value, not an error
}

// ---------------------------------------------------------------------------------------------
// Refusals: CSV

TEST_CASE("a csv row with too few fields is refused", "[dataset][csv][error]") {
  require_parse_error("a,b,c\n1,2,3\n4,5\n", 3, 4,
                      "expected 3 fields, found 2 (as in the header on line 1)");
  require_parse_error("a,b,c\r\n1,2,3\r\n4,5  \r\n", 3, 4, "expected 3 fields, found 2");
}

TEST_CASE("a csv row with too many fields is refused", "[dataset][csv][error]") {
  require_parse_error("\n1,2,3\n4,5,6,7\n", 3, 7, "expected 3 fields, found 4 (as on line 2)");
}

TEST_CASE("a non-numeric csv feature is refused", "[dataset][csv][error]") {
  require_parse_error("x,z,y\n1,2,3\n1, abc ,3\n", 3, 4, "'abc' is not a number");
  require_parse_error("x,z,y\n1,2,3\n1,2.5x,3\n", 3, 3, "'2.5x' is not a number");
  require_parse_error("x,z,y\n1,,3\n", 2, 3, "expected a number, found an empty field");
  require_parse_error("x,z,y\n1,\"a\"\"b\",3\n", 2, 3, "'a\"b' is not a number");
}

TEST_CASE("non-finite csv values are refused", "[dataset][csv][error]") {
  require_parse_error("x,z,y\n1,nan,3\n", 2, 3, "'nan' is not a finite number");
  require_parse_error("x,z,y\n1,-inf,3\n", 2, 3, "'-inf' is not a finite number");
  require_parse_error("x,z,y\n1,Infinity,3\n", 2, 3, "'Infinity' is not a finite number");
  require_parse_error("x,z,y\n1,2,NaN\n", 2, 5, "label 'NaN' is not a finite number");
}

TEST_CASE("csv values beyond the range of double are refused", "[dataset][csv][error]") {
  require_parse_error("x,z,y\n1,1e999,3\n", 2, 3, "'1e999' is out of the range of double");
  require_parse_error("x,z,y\n1,-2e400,3\n", 2, 3, "'-2e400' is out of the range of double");
}

TEST_CASE("an empty csv file is refused", "[dataset][csv][error]") {
  require_parse_error("", 1, 1, "no data");
  require_parse_error("\n  \n\r\n", 4, 1, "no data");
  require_parse_error("", 1, 1, "no data", with_format(DataFormat::csv));
}

TEST_CASE("a csv file with only a header is refused", "[dataset][csv][error]") {
  require_parse_error("a,b,label\n", 2, 1, "no data: the header is not followed by any data line");
  require_parse_error("a,b,label", 1, 10, "no data");
}

TEST_CASE("a missing csv label column is refused with the names listed", "[dataset][csv][error]") {
  ReadOptions options;
  options.label_column = "species";
  require_parse_error("\nsepal,petal,kind\n1,2,3\n", 2, 1,
                      "no label column named 'species'; the columns are 'sepal', 'petal', 'kind'",
                      options);
  options.label_column = "4";
  require_parse_error("sepal,petal,kind\n1,2,3\n", 1, 1,
                      "label column 4 does not exist: the file has 3 columns", options);
  options.label_column = "0";
  require_parse_error("1,2,3\n", 1, 1, "label column 0 does not exist", options);
  options.label_column = "kind";
  require_parse_error("1,2,3\n", 1, 1, "the first line is data, not a header", options);
}

TEST_CASE("an unclosed csv quote is refused", "[dataset][csv][error]") {
  require_parse_error("a,b,y\n1,\"2,3\n4,5,6\n", 2, 3, "quoted field is not closed");
}

TEST_CASE("text after a closing csv quote is refused", "[dataset][csv][error]") {
  require_parse_error("a,b,y\n1,\"2\"x,3\n", 2, 6,
                      "expected a delimiter or the end of the line after a closing quote");
}

TEST_CASE("a csv file with a single column is refused", "[dataset][csv][error]") {
  require_parse_error("label\n1\n2\n", 1, 1, "found a single column");
  // Space-separated columns are one column for CSV.
  require_parse_error("1 2 3\n4 5 6\n", 1, 1, "found a single column");
}

TEST_CASE("an empty csv label is refused", "[dataset][csv][error]") {
  require_parse_error("x,y\n1,2\n3,\n", 3, 3, "missing label");
}

// ---------------------------------------------------------------------------------------------
// Refusals: LIBSVM

TEST_CASE("a libsvm feature index below 1 is refused", "[dataset][libsvm][error]") {
  require_parse_error("1 1:1\n1 2:1\n-1 0:0.5 2:1\n", 3, 4, "feature index 0 is not >= 1");
  require_parse_error("1 -3:0.5\n", 1, 3, "feature index -3 is not >= 1");
}

TEST_CASE("libsvm feature indices out of order are refused", "[dataset][libsvm][error]") {
  require_parse_error("1 1:1\n1 2:1\n1 3:1\n+1 2:1 9:0.5 7:1\n", 4, 14,
                      "feature indices must be ascending (7 after 9)");
  require_parse_error("1 4:1 4:2\n", 1, 7, "feature indices must be ascending (4 after 4)");
}

TEST_CASE("a non-numeric libsvm value is refused", "[dataset][libsvm][error]") {
  require_parse_error("1 1:1\n1 1:2 3:abc\n", 2, 9, "'abc' is not a number");
  require_parse_error("1 1:1\n1 3:\n", 2, 3, "missing value after ':'");
  require_parse_error("1 1:1\n1 x:1\n", 2, 3, "feature index 'x' is not an integer");
  require_parse_error("1 1:1\n1 :1\n", 2, 3, "missing feature index");
  require_parse_error("1 1:1\n1 3:1 junk\n", 2, 7, "expected 'index:value', found 'junk'");
}

TEST_CASE("non-finite libsvm values are refused", "[dataset][libsvm][error]") {
  require_parse_error("1 1:1\n1 1:nan\n", 2, 5, "'nan' is not a finite number");
  require_parse_error("1 1:1\n1 1:1e999\n", 2, 5, "'1e999' is out of the range of double");
  require_parse_error("1 1:1\ninf 1:1\n", 2, 1, "label 'inf' is not a finite number");
}

TEST_CASE("a bad libsvm label is refused", "[dataset][libsvm][error]") {
  require_parse_error("1 1:1\nabc 1:2\n", 2, 1, "label 'abc' is not a number");
  require_parse_error("1 1:1\n   2:1 3:1\n", 2, 4,
                      "expected a label before the features, found '2:1'");
}

TEST_CASE("libsvm comments are refused", "[dataset][libsvm][error]") {
  require_parse_error("1 1:1 # a comment\n", 1, 7, "expected 'index:value', found '#'");
  require_parse_error("1 1:1\n# a comment\n", 2, 1, "label '#' is not a number");
}

TEST_CASE("an empty libsvm file is refused", "[dataset][libsvm][error]") {
  require_parse_error("", 1, 1, "no data", with_format(DataFormat::libsvm));
  require_parse_error("\n \n", 3, 1, "no data", with_format(DataFormat::libsvm));
}

TEST_CASE("a huge libsvm feature index is refused by dense storage", "[dataset][libsvm][error]") {
  ReadOptions dense;
  dense.storage = rbfsvm::Storage::dense;
  CHECK(parse("1 10000000:1\n", dense).n_features() == 10000000);
  require_parse_error("1 1:1\n1 10000001:1\n", 2, 3,
                      "feature index 10000001 exceeds the limit of dense storage", dense);
  require_parse_error("1 1:1\n1 99999999999999999999999:1\n", 2, 3,
                      "exceeds the limit of dense storage", dense);
}

TEST_CASE("sparse storage holds indices up to 2^31 - 1 and refuses larger ones",
          "[dataset][libsvm][sparse][error]") {
  const Dataset data = parse("1 1:1 2147483647:2\n");
  REQUIRE(data.is_sparse());
  CHECK(data.n_features() == 2147483647);
  CHECK(data.sparse->row(0).indices[1] == 2147483646);
  require_parse_error("1 1:1\n1 2147483648:1\n", 2, 3,
                      "feature index 2147483648 exceeds the largest index sparse storage holds");
  require_parse_error("1 99999999999999999999999:1\n", 1, 3,
                      "exceeds the largest index sparse storage holds");
}

TEST_CASE("libsvm data too large for dense storage is refused", "[dataset][libsvm][error]") {
  ReadOptions dense;
  dense.storage = rbfsvm::Storage::dense;
  // 215 x 10^7 elements pass 2^31 (= 214.7 x 10^7) at the 215th point.
  std::string text;
  for (int i = 0; i < 215; ++i) text += "1 10000000:1\n";
  require_parse_error(text, 215, 1, "too large for dense storage", dense);
  // Automatic storage reads the same file sparse: 215 stored values.
  const Dataset data = parse(text);
  REQUIRE(data.is_sparse());
  CHECK(data.sparse->nonzeros() == 215);

  dense.min_features = 10000001;
  CHECK_THROWS_AS(parse("1 1:1\n", dense), rbfsvm::InvalidArgument);
}

// ---------------------------------------------------------------------------------------------
// Refusals: files

TEST_CASE("a missing file is an IoError naming it", "[dataset][error]") {
  const std::string path = rbfsvm::test::scratch_directory("dataset_missing") + "/no_such_file.csv";
  try {
    rbfsvm::read_dataset(path);
    FAIL("no IoError");
  } catch (const rbfsvm::IoError& error) {
    CHECK_THAT(error.what(), Catch::Contains(path) && Catch::Contains("No such file or directory"));
  }
}

TEST_CASE("a directory is an IoError naming it", "[dataset][error]") {
  const std::string path = rbfsvm::test::scratch_directory("dataset_directory");
  try {
    rbfsvm::read_dataset(path);
    FAIL("no IoError");
  } catch (const rbfsvm::IoError& error) {
    CHECK_THAT(error.what(), Catch::Contains(path) && Catch::Contains("Is a directory"));
  }
}

TEST_CASE("a truncated gzip file is an IoError", "[dataset][gzip][error]") {
  const std::string dir = rbfsvm::test::scratch_directory("dataset_truncated");
  const std::string whole = gzip_stored(read_bytes(rbfsvm::test::dataset_path("heart_scale")));
  const std::string path = write_file(dir, "cut.gz", whole.substr(0, whole.size() / 2));
  try {
    rbfsvm::read_dataset(path);
    FAIL("no IoError");
  } catch (const rbfsvm::IoError& error) {
    CHECK_THAT(error.what(), Catch::Contains(path));
  }
}

TEST_CASE("gzip data in a stream is refused", "[dataset][gzip][error]") {
  require_parse_error(gzip_stored("1 1:1\n"), 1, 1, "gzip-compressed input");
}

TEST_CASE("errors in a file name the file", "[dataset][error]") {
  const std::string dir = rbfsvm::test::scratch_directory("dataset_file_errors");
  const std::string path = write_file(dir, "data.csv", "a,b,c,d,label\n1,2,3,4,5\n1,2,3,4\n");
  try {
    rbfsvm::read_dataset(path);
    FAIL("no ParseError");
  } catch (const rbfsvm::ParseError& error) {
    CHECK(error.file() == path);
    CHECK_THAT(error.what(), Catch::StartsWith(path + ":3:8: expected 5 fields, found 4"));
  }
}
