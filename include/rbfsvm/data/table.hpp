// Unlabelled tables: columns of numbers read from CSV, every column a variable (no label column),
// e.g. the sample of a density estimate.
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "rbfsvm/core/types.hpp"

namespace rbfsvm {

struct TableOptions {
  // The columns to read, in this order: each a 1-based index (digits, even where a header name
  // is made of digits too) or a header name (exact, else ignoring case). Empty reads them all.
  // Only the columns read must hold numbers; the others may hold anything.
  std::vector<std::string> columns;
  // As in ReadOptions: ',', ';' or '\t', 0 to detect; whether the first line is a header, unset
  // to detect (a line of numbers is data).
  char delimiter = 0;
  std::optional<bool> header;
};

struct Table {
  RowMatrix<double> values;                // n rows x the columns read
  std::vector<std::string> column_names;   // of the columns read, from the header; else empty
  std::size_t n_file_columns = 0;          // how many columns the file has
  std::string source;                      // file name, for messages
};

// Reads a CSV file (gzip decompressed) with read_dataset's CSV rules: RFC 4180 quoting, \r\n,
// blank lines, spaces around fields, a byte order mark, delimiter and header detection.
//
// Throws IoError when the file cannot be read, InvalidArgument for a bad delimiter, ParseError
// ("file:line:column: reason") for no data, ragged rows, a column that does not exist, and a
// field of a column read that is not a finite number.
Table read_table(const std::string& path, const TableOptions& options = {});

// The same from a stream (read to its end); `name` is used in messages.
Table parse_table(std::istream& input, const std::string& name, const TableOptions& options = {});

}  // namespace rbfsvm
