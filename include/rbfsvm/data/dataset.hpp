// Labelled data sets and their readers: CSV and LIBSVM's sparse text format.
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "rbfsvm/core/types.hpp"
#include "rbfsvm/data/points.hpp"

namespace rbfsvm {

// n points in d dimensions, one label each. The points are stored dense in X or, when
// `sparse` holds them, sparse (X is then empty); points() refers to whichever holds them.
struct Dataset {
  RowMatrix<double> X;         // n x d, row-major
  std::optional<SparseRows> sparse;
  std::vector<double> labels;  // n labels: class labels or regression targets
  // Filled when the label column held text: labels[i] is then the index (0, 1, ...) of the
  // row's class name in class_names, numbered in order of first appearance.
  std::vector<std::string> class_names;
  std::vector<std::string> feature_names;  // from a CSV header; empty otherwise
  std::string source;                      // file name, for messages

  std::size_t n_samples() const { return labels.size(); }
  std::size_t n_features() const { return static_cast<std::size_t>(points().cols()); }
  bool is_sparse() const { return sparse.has_value(); }
  PointsRef points() const { return sparse ? PointsRef(*sparse) : PointsRef(X); }
  // Stores the points as `storage` asks (automatic: choose_storage), converting when needed.
  void store_as(Storage storage);
  // Replaces the points (as many as there are labels), stored as `points` is.
  void set_points(PointSet points);
};

// automatic: LIBSVM when the first non-blank line with more than one token has
// "index:number" as its second token, else CSV.
enum class DataFormat { automatic, csv, libsvm };

struct ReadOptions {
  DataFormat format = DataFormat::automatic;
  // CSV: the label column. Digits are a 1-based index ("3"), even where a header name is made
  // of digits; anything else is a header name (exact, else ignoring case). Empty chooses a
  // column named label, class, target or y (any case), else the last column.
  std::string label_column;
  // CSV: ',', ';' or '\t' (anything else is an InvalidArgument); 0 takes the most frequent of
  // the three outside quotes on the first non-blank line, ',' on a tie or when none occurs.
  char delimiter = 0;
  // CSV: whether the first non-blank line is a header; unset detects it: a line of numbers is
  // data, any other a header, except that a first line whose non-numbers all sit above
  // non-numbers of the second line is data with text labels ("5.1,3.5,setosa").
  std::optional<bool> header;
  // LIBSVM format: the dimension when known in advance (e.g. from a model: a test file may
  // never use the last feature). The result has max(min_features, largest index) columns.
  // Ignored for CSV. More than 2^31 - 1 (10,000,000 with dense storage) is an InvalidArgument.
  std::size_t min_features = 0;
  // LIBSVM format with a precomputed kernel (svm-train -t 4): each line is
  // "label 0:serial 1:K(x, x_1) 2:K(x, x_2) ...". Column 0 of X then holds the serial number and
  // column j the kernel value with training point j.
  bool precomputed_kernel = false;
  // LIBSVM format: how the points are stored (automatic: choose_storage on the file's shape
  // and non-zeros). A LIBSVM file is never held dense on the way: the rows are collected
  // sparse and a dense matrix is made only when dense storage is chosen. CSV is read dense;
  // Storage::sparse converts it.
  Storage storage = Storage::automatic;
};

// The given rows of a data set (labels and points, stored as `data` is; names and source kept):
// a fold, a hold-out split.
Dataset select_rows(const Dataset& data, const std::vector<Index>& rows);

// Reads a file in CSV or LIBSVM format, detected by content unless options.format says.
// Files compressed with gzip are decompressed (recognised by content, not by name).
//
// CSV: RFC 4180 quoting ("a,b", "" for a quote, line breaks inside quotes), \r\n line ends,
// blank lines and spaces around fields ignored, a UTF-8 byte order mark skipped. Every field
// but the label must be a finite number. If any label is not a number, all labels are class
// names: class_names lists them in order of first appearance and labels[i] is an index into
// it. feature_names come from the header, without the label column.
// LIBSVM: "label index:value ...", indices 1-based and strictly ascending, tokens separated by
// spaces or tabs, no comments; a line holding only a label is a point at the origin.
//
// Throws IoError (with the path and the system's reason) when the file cannot be read,
// InvalidArgument for bad options, ParseError ("file:line:column: reason", 1-based, the column
// where the offending field starts) for malformed content: ragged rows, non-numeric,
// non-finite or out-of-range values, bad or non-ascending indices, no data rows, a missing
// label column; an index above 2^31 - 1. Dense storage refuses an index above 10,000,000 or
// more than 2^31 values in all with a ParseError too.
Dataset read_dataset(const std::string& path, const ReadOptions& options = {});

// The same from a stream (read to its end; gzip data is refused); `name` is used in messages.
Dataset parse_dataset(std::istream& input, const std::string& name,
                      const ReadOptions& options = {});

}  // namespace rbfsvm
