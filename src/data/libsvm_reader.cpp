// LIBSVM's sparse text format: one point per line, "label index:value index:value ...", with
// 1-based, strictly ascending indices; features not listed are zero. Tokens are separated by
// spaces or tabs, as LIBSVM's own reader (strtok on " \t") separates them.
//
// One pass collects the sparse rows, since the dimension (the largest index) is known only at
// the end; then a dense matrix is filled from them. Numbers go through fast_float and
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

// The rows as read: entries of row i are [row_ends[i - 1], row_ends[i]) of indices and values.
struct SparseRows {
  std::vector<double> labels;
  std::vector<std::size_t> row_ends;
  std::vector<std::uint32_t> indices;  // 0-based column
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
                       std::size_t previous, long long shift) {
  if (text.empty()) reader.fail(token, "missing feature index in " + quote_token(token));
  long long index = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), index);
  if (end != text.data() + text.size() || error == std::errc::invalid_argument)
    reader.fail(token, "feature index " + quote_token(text) + " is not an integer");
  if (error == std::errc::result_out_of_range ||
      (index > 0 && static_cast<unsigned long long>(index) > max_dense_features))
    reader.fail(token, "feature index " + std::string(text) +
                           " exceeds the limit of dense storage (" +
                           std::to_string(max_dense_features) + " features)");
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

// Appends the line's point to `rows`; a blank line adds nothing.
void read_line(LineReader& reader, SparseRows& rows, std::size_t min_features,
               const std::string& name, bool precomputed) {
  const std::string_view label_token = reader.next_token();
  if (label_token.empty()) return;
  rows.labels.push_back(read_label(reader, label_token));
  std::size_t previous = 0;
  for (std::string_view token = reader.next_token(); !token.empty(); token = reader.next_token()) {
    const std::size_t colon = token.find(':');
    if (colon == std::string_view::npos)
      reader.fail(token, "expected 'index:value', found " + quote_token(token));
    previous = read_index(reader, token, token.substr(0, colon), previous, precomputed ? 1 : 0);
    rows.indices.push_back(static_cast<std::uint32_t>(previous - 1));
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
  if (precomputed && (rows.indices.size() == (rows.row_ends.empty() ? 0 : rows.row_ends.back()) ||
                      rows.indices[rows.row_ends.empty() ? 0 : rows.row_ends.back()] != 0))
    reader.fail(label_token, "a precomputed kernel row must start with 0:serial");
  rows.row_ends.push_back(rows.indices.size());
  if (previous > rows.n_columns) rows.n_columns = previous;
  // Checked as the rows come, so that a huge file is refused before it is all in memory.
  const std::size_t n_columns = std::max(rows.n_columns, min_features);
  if (exceeds_dense_limit(rows.labels.size(), n_columns))
    throw ParseError(name, reader.line_number(), 1,
                     dense_limit_message(rows.labels.size(), n_columns));
}

Dataset to_dense(const SparseRows& rows, std::size_t min_features) {
  Dataset data;
  const auto n_rows = static_cast<Eigen::Index>(rows.labels.size());
  const auto n_columns = static_cast<Eigen::Index>(std::max(rows.n_columns, min_features));
  data.X = RowMatrix<double>::Zero(n_rows, n_columns);
  std::size_t entry = 0;
  for (Eigen::Index i = 0; i < n_rows; ++i) {
    const std::size_t end = rows.row_ends[static_cast<std::size_t>(i)];
    for (; entry < end; ++entry)
      data.X(i, static_cast<Eigen::Index>(rows.indices[entry])) = rows.values[entry];
  }
  data.labels = rows.labels;
  return data;
}

}  // namespace

Dataset parse_libsvm(std::string_view text, const std::string& name, const ReadOptions& options) {
  SparseRows rows;
  std::size_t line_number = 0;
  for (std::size_t start = 0; start < text.size();) {
    const void* newline = std::memchr(text.data() + start, '\n', text.size() - start);
    const std::size_t end =
        newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - text.data())
                : text.size();
    LineReader reader(text.substr(start, end - start), ++line_number, name);
    read_line(reader, rows, options.min_features, name, options.precomputed_kernel);
    start = end + 1;
  }
  if (rows.labels.empty()) {
    const TextPosition end = end_of_text(text);
    throw ParseError(name, end.line, end.column, "no data: the input holds no labelled points");
  }
  return to_dense(rows, options.min_features);
}

}  // namespace rbfsvm::detail
