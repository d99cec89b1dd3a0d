// read_dataset and parse_dataset: getting the bytes (files through zlib, so that .gz inputs
// work), choosing the format, and the number parsing both readers share.
#include "rbfsvm/data/dataset.hpp"

#include <fast_float/fast_float.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>

#include "rbfsvm/core/error.hpp"
#include "data/readers.hpp"

namespace rbfsvm {
namespace detail {

bool exceeds_dense_limit(std::size_t n_rows, std::size_t n_columns) {
  return n_columns != 0 && n_rows > max_dense_elements / n_columns;
}

std::string dense_limit_message(std::size_t n_rows, std::size_t n_columns) {
  return "the data is too large for dense storage: " + std::to_string(n_rows) + " rows x " +
         std::to_string(n_columns) + " columns exceed " + std::to_string(max_dense_elements) +
         " elements";
}

TextPosition end_of_text(std::string_view text) {
  const std::size_t n_lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  const std::size_t last_newline = text.rfind('\n');
  const std::size_t line_start = last_newline == std::string_view::npos ? 0 : last_newline + 1;
  return {n_lines + 1, text.size() - line_start + 1};
}

NumberStatus parse_number(std::string_view token, double& value) {
  const char* first = token.data();
  const char* const last = first + token.size();
  // fast_float follows std::from_chars, which refuses '+'; "+-1" and "++1" stay refused.
  if (last - first > 1 && *first == '+' && first[1] != '-' && first[1] != '+') ++first;
  if (first == last) return NumberStatus::not_a_number;  // fast_float needs a non-empty range
  const auto result = fast_float::from_chars(first, last, value);
  if (result.ptr != last) return NumberStatus::not_a_number;
  if (result.ec == std::errc::result_out_of_range)  // newer fast_float: overflow or underflow
    return std::isfinite(value) ? NumberStatus::ok : NumberStatus::out_of_range;
  if (result.ec != std::errc()) return NumberStatus::not_a_number;
  if (std::isfinite(value)) return NumberStatus::ok;
  // fast_float 3.x turns a literal beyond the range of double into infinity without an error;
  // a deliberate infinity ("inf", "-Infinity") is spelled without digits.
  const bool has_digit = std::any_of(first, last, [](char c) { return c >= '0' && c <= '9'; });
  return std::isinf(value) && has_digit ? NumberStatus::out_of_range : NumberStatus::not_finite;
}

std::string quote_token(std::string_view token) {
  constexpr std::size_t max_shown = 40;
  std::string shown(token.substr(0, max_shown));
  // Binary input would otherwise put control bytes into a terminal.
  std::replace_if(
      shown.begin(), shown.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }, '?');
  if (token.size() > max_shown) shown += "...";
  return "'" + shown + "'";
}

std::string number_error(std::string_view token, NumberStatus status) {
  switch (status) {
    case NumberStatus::not_finite:
      return quote_token(token) + " is not a finite number";
    case NumberStatus::out_of_range:
      return quote_token(token) + " is out of the range of double";
    case NumberStatus::ok:
    case NumberStatus::not_a_number:
      break;
  }
  return token.empty() ? std::string("expected a number, found an empty field")
                       : quote_token(token) + " is not a number";
}

namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

// "7:0.5", also "-7:0.5" and "0:1" so that the LIBSVM reader, not the CSV reader, reports the
// bad index.
bool is_index_value_pair(std::string_view token) {
  const std::size_t colon = token.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view index = token.substr(0, colon);
  if (!index.empty() && index.front() == '-') index.remove_prefix(1);
  if (index.empty() ||
      !std::all_of(index.begin(), index.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  double value = 0;
  return parse_number(token.substr(colon + 1), value) != NumberStatus::not_a_number;
}

// The second whitespace-separated token of a line, empty when the line has fewer than two.
std::string_view second_token(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && is_blank(line[i])) ++i;
  while (i < line.size() && !is_blank(line[i])) ++i;
  while (i < line.size() && is_blank(line[i])) ++i;
  const std::size_t start = i;
  while (i < line.size() && !is_blank(line[i])) ++i;
  return line.substr(start, i - start);
}

}  // namespace

bool looks_like_libsvm(std::string_view text) {
  // A LIBSVM line holding only a label (all features zero) says nothing, nor does any line of
  // a CSV file without spaces, so look further than the first line, though not through a
  // whole large CSV file.
  constexpr int max_lines_examined = 100;
  int examined = 0;
  std::size_t start = 0;
  while (start < text.size() && examined < max_lines_examined) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (std::all_of(line.begin(), line.end(), is_blank)) continue;
    ++examined;
    const std::string_view second = second_token(line);
    if (!second.empty()) return is_index_value_pair(second);
  }
  return false;
}

}  // namespace detail

namespace {

struct GzFileCloser {
  void operator()(gzFile_s* file) const { gzclose(file); }
};
using GzFile = std::unique_ptr<gzFile_s, GzFileCloser>;

std::string system_message(int error_number) {
  return std::error_code(error_number, std::generic_category()).message();
}

std::string gz_error_message(gzFile file) {
  int error_number = Z_OK;
  const char* message = gzerror(file, &error_number);
  if (error_number == Z_ERRNO) return system_message(errno);
  return message;
}

}  // namespace

namespace detail {

// The whole file. zlib reads plain files unchanged ("transparent" mode) and decompresses
// gzip ones, so one path serves data.csv and data.csv.gz alike.
std::string read_text_file(const std::string& path) {
  std::error_code status_error;
  // open(2) succeeds on a directory; say so now rather than fail on the first read.
  if (std::filesystem::is_directory(path, status_error))
    throw IoError("cannot read '" + path + "': " + system_message(EISDIR));
  errno = 0;
  const GzFile file(gzopen(path.c_str(), "rb"));
  if (!file) throw IoError("cannot open '" + path + "': " + system_message(errno ? errno : ENOMEM));
  constexpr unsigned chunk = 1u << 18;
  gzbuffer(file.get(), chunk);
  // Read through a buffer and appended: the text grows by what was read (geometrically, from the
  // plain file's size when known) instead of being cleared a chunk ahead, whose page faults cost
  // more than reading a small file.
  std::string text;
  const auto size_hint = std::filesystem::file_size(path, status_error);
  if (!status_error) text.reserve(static_cast<std::size_t>(size_hint));
  const std::unique_ptr<char[]> buffer(new char[chunk]);
  for (;;) {
    const int n_read = gzread(file.get(), buffer.get(), chunk);
    if (n_read < 0) throw IoError("cannot read '" + path + "': " + gz_error_message(file.get()));
    if (n_read == 0) break;
    text.append(buffer.get(), static_cast<std::size_t>(n_read));
  }
  // A truncated .gz file ends the reads early with Z_BUF_ERROR rather than failing one.
  int error_number = Z_OK;
  gzerror(file.get(), &error_number);
  if (error_number != Z_OK)
    throw IoError("cannot read '" + path + "': " + gz_error_message(file.get()));
  return text;
}

std::string read_text_stream(std::istream& input, const std::string& name) {
  std::string text;
  char buffer[1 << 16];
  while (input.read(buffer, sizeof buffer) || input.gcount() > 0)
    text.append(buffer, static_cast<std::size_t>(input.gcount()));
  if (input.bad()) throw IoError("cannot read '" + name + "'");
  return text;
}

void check_delimiter(char delimiter) {
  if (delimiter != 0 && delimiter != ',' && delimiter != ';' && delimiter != '\t')
    throw InvalidArgument("CSV delimiter must be ',', ';' or a tab, not " +
                          quote_token(std::string_view(&delimiter, 1)));
}


std::string_view text_content(std::string_view text, const std::string& name) {
  const bool gzip = text.size() >= 2 && text[0] == '\x1f' && text[1] == '\x8b';  // its magic
  if (gzip)
    throw ParseError(name, 1, 1, "gzip-compressed input: read it from a file with read_dataset");
  // Spreadsheet programs start UTF-8 CSV files with a byte order mark.
  constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";
  if (text.substr(0, byte_order_mark.size()) == byte_order_mark)
    text.remove_prefix(byte_order_mark.size());
  return text;
}

}  // namespace detail

namespace {

void validate(const ReadOptions& options) {
  detail::check_delimiter(options.delimiter);
  if (options.storage == Storage::dense && options.min_features > detail::max_dense_features)
    throw InvalidArgument("min_features = " + std::to_string(options.min_features) +
                          " exceeds the limit of dense storage (" +
                          std::to_string(detail::max_dense_features) + " features)");
  if (options.min_features > detail::max_sparse_features)
    throw InvalidArgument("min_features = " + std::to_string(options.min_features) +
                          " exceeds the largest dimension sparse storage holds (" +
                          std::to_string(detail::max_sparse_features) + ")");
}

Dataset parse_text(std::string_view text, const std::string& name, const ReadOptions& options) {
  text = detail::text_content(text, name);
  DataFormat format = options.format;
  if (format == DataFormat::automatic)
    format = detail::looks_like_libsvm(text) ? DataFormat::libsvm : DataFormat::csv;
  Dataset data = format == DataFormat::libsvm ? detail::parse_libsvm(text, name, options)
                                              : detail::parse_csv(text, name, options);
  if (format == DataFormat::csv && options.storage == Storage::sparse) data.store_as(Storage::sparse);
  data.source = name;
  return data;
}

}  // namespace

Dataset select_rows(const Dataset& data, const std::vector<Index>& rows) {
  Dataset part;
  part.set_points(select_rows(data.points(), rows));
  for (Index row : rows) part.labels.push_back(data.labels.at(static_cast<std::size_t>(row)));
  part.class_names = data.class_names;
  part.feature_names = data.feature_names;
  part.source = data.source;
  return part;
}

void Dataset::store_as(Storage storage) {
  if (storage == Storage::automatic || is_sparse() != (storage == Storage::sparse))
    set_points(stored_as(points(), storage));
}

void Dataset::set_points(PointSet points) {
  if (points.is_sparse()) {
    sparse = std::move(points).release_sparse();
    X.resize(0, 0);
  } else {
    X = std::move(points).release_dense();
    sparse.reset();
  }
}

Dataset read_dataset(const std::string& path, const ReadOptions& options) {
  validate(options);
  return parse_text(detail::read_text_file(path), path, options);
}

Dataset parse_dataset(std::istream& input, const std::string& name, const ReadOptions& options) {
  validate(options);
  return parse_text(detail::read_text_stream(input, name), name, options);
}

}  // namespace rbfsvm
