// read_table / parse_table: unlabelled CSV tables, with read_dataset's header and delimiter
// detection and its file:line:column messages.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/data/table.hpp"
#include "support/paths.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using rbfsvm::ParseError;
using rbfsvm::Table;
using rbfsvm::TableOptions;

namespace {

Table parse(const std::string& text, const TableOptions& options = {}) {
  std::istringstream input(text);
  return rbfsvm::parse_table(input, "t.csv", options);
}

// The message of the ParseError parsing `text` throws.
std::string parse_error(const std::string& text, const TableOptions& options = {}) {
  try {
    parse(text, options);
  } catch (const ParseError& error) {
    return error.what();
  }
  FAIL("no ParseError for: " << text);
  return {};
}

TableOptions columns(std::vector<std::string> wanted) {
  TableOptions options;
  options.columns = std::move(wanted);
  return options;
}

}  // namespace

TEST_CASE("read_table reads every column, with or without a header", "[table]") {
  const Table named = parse("a,b\n1,2\n3,4.5\n");
  CHECK(named.column_names == std::vector<std::string>{"a", "b"});
  CHECK(named.n_file_columns == 2);
  REQUIRE(named.values.rows() == 2);
  REQUIRE(named.values.cols() == 2);
  CHECK(named.values(1, 1) == 4.5);
  CHECK(named.source == "t.csv");

  const Table bare = parse("1,2\n3,4\n");
  CHECK(bare.column_names.empty());
  CHECK(bare.values.rows() == 2);
  CHECK(bare.values(0, 0) == 1);

  // One column, the case a labelled reader refuses.
  const Table one = parse("x\n1\n2\n3\n");
  CHECK(one.column_names == std::vector<std::string>{"x"});
  CHECK(one.values.cols() == 1);
  CHECK(one.values.rows() == 3);
  CHECK(parse("1\n2\n").values.rows() == 2);

  // The header can be forced either way.
  TableOptions no_header;
  no_header.header = false;
  CHECK_THAT(parse_error("a,b\n1,2\n", no_header), StartsWith("t.csv:1:1:") && Contains("'a'"));
  TableOptions header;
  header.header = true;
  CHECK(parse("1,2\n3,4\n", header).column_names == std::vector<std::string>{"1", "2"});
}

TEST_CASE("read_table detects the delimiter and handles quotes, blanks and CRLF", "[table]") {
  const Table semicolons = parse("a;b\r\n1;2\r\n\r\n3;4\r\n");
  CHECK(semicolons.column_names == std::vector<std::string>{"a", "b"});
  CHECK(semicolons.values(1, 1) == 4);
  const Table tabs = parse("a\tb\n1\t2\n");
  CHECK(tabs.values.cols() == 2);
  const Table quoted = parse("\"a, b\",c\n 1 , \"2\"\n");
  CHECK(quoted.column_names == std::vector<std::string>{"a, b", "c"});
  CHECK(quoted.values(0, 1) == 2);
  TableOptions bad;
  bad.delimiter = '|';
  CHECK_THROWS_AS(parse("1|2\n", bad), rbfsvm::InvalidArgument);
}

TEST_CASE("read_table reads chosen columns by name or index; others may hold text", "[table]") {
  const std::string text = "x,Kind,y\n1,cat,10\n2,dog,20\n";
  const Table chosen = parse(text, columns({"y", "1"}));
  CHECK(chosen.column_names == std::vector<std::string>{"y", "x"});
  CHECK(chosen.n_file_columns == 3);
  CHECK(chosen.values(1, 0) == 20);
  CHECK(chosen.values(1, 1) == 2);
  CHECK(parse(text, columns({"Y"})).column_names == std::vector<std::string>{"y"});

  CHECK_THAT(parse_error(text, columns({"kind"})),
             StartsWith("t.csv:2:3:") && Contains("column Kind holds text ('cat')"));
  CHECK_THAT(parse_error(text, columns({"z"})),
             StartsWith("t.csv:1:1:") && Contains("no column named 'z'") && Contains("'Kind'"));
  CHECK_THAT(parse_error(text, columns({"4"})),
             Contains("column 4 does not exist: the file has 3 columns"));
  CHECK_THAT(parse_error("1,2\n", columns({"a"})), Contains("the first line is data"));
}

TEST_CASE("read_table refuses ragged rows, non-numbers and no data with file:line:column",
          "[table][errors]") {
  CHECK_THAT(parse_error("a,b\n1,2\n3\n"),
             StartsWith("t.csv:3:2:") && Contains("expected 2 fields, found 1") &&
                 Contains("as in the header on line 1"));
  CHECK_THAT(parse_error("1,2\n3,4,5\n"),
             StartsWith("t.csv:2:5:") && Contains("expected 2 fields, found 3") &&
                 Contains("as on line 1"));
  CHECK_THAT(parse_error("a,b\n1,2\n3,x\n"),
             StartsWith("t.csv:3:3:") && Contains("column b holds text ('x'), not numbers"));
  CHECK_THAT(parse_error("1,2\n3,\n"), StartsWith("t.csv:2:3:") && Contains("empty field") &&
                                           Contains("in column 2"));
  CHECK_THAT(parse_error("a\n1\ninf\n"),
             StartsWith("t.csv:3:1:") && Contains("not a finite number"));
  CHECK_THAT(parse_error(""), StartsWith("t.csv:1:1:") && Contains("the input is empty"));
  CHECK_THAT(parse_error("\n  \n"), Contains("the input is empty"));
  CHECK_THAT(parse_error("a,b\n"), StartsWith("t.csv:2:1:") && Contains("not followed by any data"));
}

TEST_CASE("read_table reads files and names them in errors", "[table]") {
  const std::string dir = rbfsvm::test::scratch_directory("read_table");
  std::ofstream(dir + "/sample.csv") << "\xEF\xBB\xBFvalue\n1.5\n2.5\n";
  const Table table = rbfsvm::read_table(dir + "/sample.csv");
  CHECK(table.column_names == std::vector<std::string>{"value"});
  CHECK(table.values(1, 0) == 2.5);
  CHECK(table.source == dir + "/sample.csv");
  std::ofstream(dir + "/empty.csv");
  CHECK_THROWS_WITH(rbfsvm::read_table(dir + "/empty.csv"),
                    StartsWith(dir + "/empty.csv:1:1:") && Contains("empty"));
  CHECK_THROWS_AS(rbfsvm::read_table(dir + "/absent.csv"), rbfsvm::IoError);
}
