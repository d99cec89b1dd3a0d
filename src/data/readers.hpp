// Internal interface between read_dataset's dispatch (dataset.cpp), the two text readers
// (csv_reader.cpp, libsvm_reader.cpp) and the unlabelled table reader (table.cpp). Both readers work on the whole input held in memory:
// fields are string_views into it, so no token is copied unless a message needs it.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>

#include "rbfsvm/data/dataset.hpp"

namespace rbfsvm::detail {

// Dense storage limits. Dense storage is an n x d RowMatrix<double>, so a single stray
// "123456789:1" in a sparse file read dense, or a huge file, would otherwise ask for gigabytes.
inline constexpr std::size_t max_dense_features = 10'000'000;
// The largest dimension sparse storage holds (32-bit column indices).
inline constexpr std::size_t max_sparse_features = 2'147'483'647;
#ifdef RBFSVM_MAX_DENSE_ELEMENTS  // the fuzz build (fuzz/CMakeLists.txt) sets a smaller one
inline constexpr std::size_t max_dense_elements = RBFSVM_MAX_DENSE_ELEMENTS;
#else
inline constexpr std::size_t max_dense_elements = std::size_t{1} << 31;  // 16 GiB of doubles
#endif

// Whether n_rows x n_columns exceeds max_dense_elements (without overflowing), and the message
// that refuses it.
bool exceeds_dense_limit(std::size_t n_rows, std::size_t n_columns);
std::string dense_limit_message(std::size_t n_rows, std::size_t n_columns);

// A 1-based place in the input, as ParseError reports it.
struct TextPosition {
  std::size_t line = 1;
  std::size_t column = 1;
};

// Just past the last character of the input: where "no data" is reported.
TextPosition end_of_text(std::string_view text);

enum class NumberStatus {
  ok,
  not_a_number,  // not the whole token is a decimal number ("abc", "1.5x", "", "1,5")
  not_finite,    // "nan", "inf", "-infinity"
  out_of_range,  // a literal beyond the range of double ("1e999")
};

// Parses the whole of `token` as a decimal floating-point number with fast_float (locale
// independent). A single leading '+' is accepted, as LIBSVM files write labels as "+1".
NumberStatus parse_number(std::string_view token, double& value);

// "'token'", shortened for messages when the token is long (a binary file, a run-on line).
std::string quote_token(std::string_view token);

// The message for a token that parse_number refused, e.g. "'abc' is not a number".
std::string number_error(std::string_view token, NumberStatus status);

// Whether the text looks like LIBSVM's sparse format: the first non-blank line with more than
// one whitespace-separated token has "index:number" as its second token.
bool looks_like_libsvm(std::string_view text);

// The whole file, gzip decompressed (zlib's transparent mode reads plain files unchanged);
// IoError naming the path when it cannot be read.
std::string read_text_file(const std::string& path);
// The stream to its end; IoError naming `name` on a read error.
std::string read_text_stream(std::istream& input, const std::string& name);
// The text to parse: a UTF-8 byte order mark skipped, gzip data (which only files may hold)
// refused with a ParseError.
std::string_view text_content(std::string_view text, const std::string& name);
// InvalidArgument unless the delimiter is 0 (detect), ',', ';' or a tab.
void check_delimiter(char delimiter);

// The readers proper. `name` prefixes every ParseError; options are as in ReadOptions.
Dataset parse_csv(std::string_view text, const std::string& name, const ReadOptions& options);
Dataset parse_libsvm(std::string_view text, const std::string& name, const ReadOptions& options);

}  // namespace rbfsvm::detail
