// Labelled data sets and their readers: CSV and LIBSVM's sparse text format.
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "rbfsvm/gram.hpp"

namespace rbfsvm {

// n points in d dimensions, one label each.
struct Dataset {
  RowMatrix<double> X;          // n x d, row-major
  std::vector<double> labels;   // n labels: class labels or regression targets
  // Filled when the label column held text: labels[i] is then the index (0, 1, ...) of the
  // row's class name in class_names, numbered in order of first appearance.
  std::vector<std::string> class_names;
  std::vector<std::string> feature_names;  // from a CSV header; empty otherwise
  std::string source;                      // file name, for messages

  std::size_t n_samples() const { return labels.size(); }
  std::size_t n_features() const { return static_cast<std::size_t>(X.cols()); }
};

enum class DataFormat { automatic, csv, libsvm };

struct ReadOptions {
  DataFormat format = DataFormat::automatic;
  // CSV: the label column, by header name or by 1-based index ("3"); empty chooses a column
  // named label, class, target or y (any case), else the last column.
  std::string label_column;
  // CSV: ',', ';' or '\t'; 0 detects it from the first data line.
  char delimiter = 0;
  // CSV: whether the first line is a header; unset detects it (a first line whose fields are
  // not all numbers is a header).
  std::optional<bool> header;
  // LIBSVM format: the dimension when known in advance (e.g. from a model: a test file may
  // never use the last feature). The result has max(min_features, largest index) columns.
  std::size_t min_features = 0;
};

// Reads a file in CSV or LIBSVM format, detected by content unless options.format says.
// Throws IoError when the file cannot be read, ParseError (file:line:column) for malformed
// content: ragged rows, non-numeric or non-finite values, bad or non-ascending indices, an
// empty file, a missing label column.
Dataset read_dataset(const std::string& path, const ReadOptions& options = {});

// The same from a stream; `name` is used in messages.
Dataset parse_dataset(std::istream& input, const std::string& name, const ReadOptions& options = {});

}  // namespace rbfsvm
