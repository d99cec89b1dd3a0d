// LIBSVM's sparse text format: one point per line, "label index:value index:value ...", with
// 1-based, strictly ascending indices; features not listed are zero. Tokens are separated by
// spaces or tabs, as LIBSVM's own reader (strtok on " \t") separates them.
//
// One pass collects the sparse rows (CSR), since the dimension (the largest index) is known
// only at the end; they become the data set's SparseRows, or fill a dense matrix when dense
// storage is asked for or chosen (ReadOptions::storage). Numbers go through fast_float and
// std::from_chars on views into the input: no copies, no streams, no locale.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "rbfsvm/core/error.hpp"
#include "data/readers.hpp"

namespace rbfsvm::detail {
namespace {

// The rows as read: entries of row i are [row_ends[i], row_ends[i + 1]) of indices and values.
struct CollectedRows {
  std::vector<double> labels;
  std::vector<std::int64_t> row_ends{0};
  std::vector<std::int32_t> indices;  // 0-based column
  std::vector<double> values;
  std::size_t n_columns = 0;  // the largest 1-based index seen
};

// One line being read, so that every refusal can say where it is.
class LineReader {
 public:
  LineReader(std::string_view line, std::size_t line_number, const std::string& name)
      : line_(line), line_number_(line_number), name_(name) {}

  // The next token separated by spaces or tabs; empty at the end of the line.
  std::string_view next_token() {
    const char* const end = line_.data() + line_.size();
    while (position_ != end && is_separator(*position_)) ++position_;
    const char* const start = position_;
    while (position_ != end && !is_separator(*position_)) ++position_;
    return {start, static_cast<std::size_t>(position_ - start)};
  }

  [[noreturn]] void fail(std::string_view at, const std::string& message) const {
    const auto column = static_cast<std::size_t>(at.data() - line_.data()) + 1;
    throw ParseError(name_, line_number_, column, message);
  }

  std::size_t line_number() const { return line_number_; }

 private:
  // '\r' too: the end of a CRLF line, which LIBSVM itself would choke on.
  static bool is_separator(char c) { return c == ' ' || c == '\t' || c == '\r'; }

  std::string_view line_;
  std::size_t line_number_;
  const std::string& name_;
  const char* position_ = line_.data();
};

double read_label(const LineReader& reader, std::string_view token) {
  if (token.find(':') != std::string_view::npos)
    reader.fail(token, "expected a label before the features, found " + quote_token(token));
  double label = 0;
  const NumberStatus status = parse_number(token, label);
  if (status != NumberStatus::ok) reader.fail(token, "label " + number_error(token, status));
  return label;
}

// The 1-based index of "index:value", checked against the previous index of the line. With a
// precomputed kernel the file's indices start at 0 (the serial number), so `shift` is 1.
std::size_t read_index(const LineReader& reader, std::string_view token, std::string_view text,
                       std::size_t previous, long long shift, std::size_t max_index) {
  if (text.empty()) reader.fail(token, "missing feature index in " + quote_token(token));
  long long index = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), index);
  if (end != text.data() + text.size() || error == std::errc::invalid_argument)
    reader.fail(token, "feature index " + quote_token(text) + " is not an integer");
  if (error == std::errc::result_out_of_range ||
      (index > 0 && static_cast<unsigned long long>(index) > max_index)) {
    reader.fail(token, "feature index " + std::string(text) +
                           (max_index == max_dense_features
                                ? " exceeds the limit of dense storage (" +
                                      std::to_string(max_dense_features) + " features)"
                                : " exceeds the largest index sparse storage holds (" +
                                      std::to_string(max_sparse_features) + ")"));
  }
  if (index + shift < 1) {
    reader.fail(token, "feature index " + std::to_string(index) + " is not >= " +
                           std::to_string(1 - shift));
  }
  const auto result = static_cast<std::size_t>(index + shift);
  if (result <= previous)
    reader.fail(token, "feature indices must be ascending (" + std::to_string(result) + " after " +
                           std::to_string(previous) + ")");
  return result;
}

double read_value(const LineReader& reader, std::string_view token, std::string_view text) {
  if (text.empty()) reader.fail(token, "missing value after ':' in " + quote_token(token));
  double value = 0;
  const NumberStatus status = parse_number(text, value);
  if (status != NumberStatus::ok) reader.fail(text, number_error(text, status));
  return value;
}

// Appends the line's point to `rows`; a blank line adds nothing. `dense` checks dense storage's
// limits as the rows come, so that a huge file is refused before it is all in memory.
void read_line(LineReader& reader, CollectedRows& rows, std::size_t min_features,
               const std::string& name, bool precomputed, bool dense) {
  const std::string_view label_token = reader.next_token();
  if (label_token.empty()) return;
  rows.labels.push_back(read_label(reader, label_token));
  std::size_t previous = 0;
  for (std::string_view token = reader.next_token(); !token.empty(); token = reader.next_token()) {
    const std::size_t colon = token.find(':');
    if (colon == std::string_view::npos)
      reader.fail(token, "expected 'index:value', found " + quote_token(token));
    previous = read_index(reader, token, token.substr(0, colon), previous, precomputed ? 1 : 0,
                          dense ? max_dense_features : max_sparse_features);
    rows.indices.push_back(static_cast<std::int32_t>(previous - 1));
    rows.values.push_back(read_value(reader, token, token.substr(colon + 1)));
    if (precomputed && previous == 1) {
      // LIBSVM's precomputed-kernel convention: "0:serial", the 1-based row of the training
      // kernel matrix this point is.
      const double serial = rows.values.back();
      if (!(serial >= 1 && serial == std::floor(serial) && serial <= 1e9))
        reader.fail(token, "the serial number '0:" + std::string(token.substr(colon + 1)) +
                               "' of a precomputed kernel must be an integer >= 1");
    }
  }
  const auto row_start = static_cast<std::size_t>(rows.row_ends.back());
  if (precomputed && (rows.indices.size() == row_start || rows.indices[row_start] != 0))
    reader.fail(label_token, "a precomputed kernel row must start with 0:serial");
  rows.row_ends.push_back(static_cast<std::int64_t>(rows.indices.size()));
  if (previous > rows.n_columns) rows.n_columns = previous;
  const std::size_t n_columns = std::max(rows.n_columns, min_features);
  if (dense && exceeds_dense_limit(rows.labels.size(), n_columns))
    throw ParseError(name, reader.line_number(), 1,
                     dense_limit_message(rows.labels.size(), n_columns));
}

// The collected rows as a data set, stored as `storage` says. Dense storage is checked against
// its limits once the shape is known (automatic storage only learns it at the end).
Dataset to_dataset(CollectedRows&& rows, std::size_t min_features, Storage storage,
                   const std::string& name, std::string_view text) {
  const auto n_rows = static_cast<Index>(rows.labels.size());
  const auto n_columns = static_cast<Index>(std::max(rows.n_columns, min_features));
  const bool too_large_for_dense =
      static_cast<std::size_t>(n_columns) > max_dense_features ||
      exceeds_dense_limit(static_cast<std::size_t>(n_rows), static_cast<std::size_t>(n_columns));
  if (storage == Storage::automatic) {
    // Past dense storage's limits the choice is sparse whatever the density.
    storage = too_large_for_dense
                  ? Storage::sparse
                  : choose_storage(n_rows, n_columns, static_cast<std::int64_t>(rows.indices.size()));
  }
  Dataset data;
  data.labels = std::move(rows.labels);
  SparseRows sparse(n_columns, std::move(rows.row_ends), std::move(rows.indices),
                    std::move(rows.values));
  if (storage == Storage::sparse) {
    data.sparse = std::move(sparse);
    return data;
  }
  if (too_large_for_dense) {
    const TextPosition end = end_of_text(text);
    throw ParseError(name, end.line, end.column,
                     dense_limit_message(static_cast<std::size_t>(n_rows),
                                         static_cast<std::size_t>(n_columns)) +
                         " (sparse storage would hold it)");
  }
  data.X = sparse.to_dense();
  return data;
}

}  // namespace

Dataset parse_libsvm(std::string_view text, const std::string& name, const ReadOptions& options) {
  CollectedRows rows;
  // A precomputed kernel's rows are read dense: column 0 holds the serial number.
  const Storage storage = options.precomputed_kernel ? Storage::dense : options.storage;
  std::size_t line_number = 0;
  for (std::size_t start = 0; start < text.size();) {
    const void* newline = std::memchr(text.data() + start, '\n', text.size() - start);
    const std::size_t end =
        newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - text.data())
                : text.size();
    LineReader reader(text.substr(start, end - start), ++line_number, name);
    read_line(reader, rows, options.min_features, name, options.precomputed_kernel,
              storage == Storage::dense);
    start = end + 1;
  }
  if (rows.labels.empty()) {
    const TextPosition end = end_of_text(text);
    throw ParseError(name, end.line, end.column, "no data: the input holds no labelled points");
  }
  return to_dataset(std::move(rows), options.min_features, storage, name, text);
}

}  // namespace rbfsvm::detail
