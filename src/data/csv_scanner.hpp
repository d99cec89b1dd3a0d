// The CSV scanning the labelled reader (csv_reader.cpp) and the table reader (table.cpp) share:
// records split into fields that know their line and column, delimiter and header detection,
// and choosing a column by 1-based index or header name.
//
// Records follow RFC 4180: a field in double quotes may hold the delimiter, line breaks and ""
// for a quote. Beyond it, as real files need: \r\n line ends, blank lines, spaces around
// fields, a header line or none, and ',', ';' or tab as the delimiter.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data/readers.hpp"
#include "rbfsvm/core/error.hpp"

namespace rbfsvm::detail {

// One field of a record: a view into the input.
struct CsvField {
  std::string_view text;  // without the blanks around it, and inside the quotes if quoted
  std::size_t line = 0;   // where the field starts (its first non-blank character)
  std::size_t column = 0;
  bool escaped_quotes = false;  // text holds "" pairs, each standing for one '"'
};

// The field's text, "" pairs turned into '"'.
std::string field_value(const CsvField& field);
// The field as a number (parse_number's statuses; a field with quotes in it is not a number).
NumberStatus field_number(const CsvField& field, double& value);
bool is_number(const CsvField& field);

// Splits the input into records of fields. Blank lines are skipped; line and column numbers
// are counted as it goes, so every field knows where it came from.
class CsvScanner {
 public:
  CsvScanner(std::string_view text, const std::string& name, char delimiter)
      : text_(text), name_(name), delimiter_(delimiter) {}

  // The next non-blank record; false at the end of the input.
  bool next(std::vector<CsvField>& fields) {
    skip_blank_lines();
    if (at_end()) return false;
    fields.clear();
    for (;;) {
      fields.push_back(read_field());
      if (at_end() || text_[position_] != delimiter_) break;
      ++position_;
    }
    std::size_t end = position_;  // at the '\n' or the end of the input
    while (end > line_start_ && is_padding(text_[end - 1])) --end;
    end_ = {line_, column_of(end)};
    if (!at_end()) start_line(position_ + 1);  // past the '\n' that ended the record
    return true;
  }

  // Just past the last field of the record last returned: where a missing field would start.
  TextPosition record_end() const { return end_; }

 private:
  bool at_end() const { return position_ == text_.size(); }
  std::size_t column_of(std::size_t offset) const { return offset - line_start_ + 1; }
  void start_line(std::size_t offset) {
    position_ = offset;
    line_start_ = offset;
    ++line_;
  }
  // Spaces, and tabs unless they delimit, pad fields; a '\r' before '\n' ends CRLF lines.
  bool is_padding(char c) const {
    return c == ' ' || c == '\r' || (c == '\t' && delimiter_ != '\t');
  }
  void skip_padding() {
    while (!at_end() && is_padding(text_[position_])) ++position_;
  }

  void skip_blank_lines() {
    for (;;) {
      std::size_t offset = position_;
      while (offset < text_.size() &&
             (text_[offset] == ' ' || text_[offset] == '\t' || text_[offset] == '\r'))
        ++offset;
      if (offset == text_.size()) {
        position_ = offset;
        return;
      }
      if (text_[offset] != '\n') return;
      start_line(offset + 1);
    }
  }

  CsvField read_field() {
    skip_padding();
    CsvField field;
    field.line = line_;
    field.column = column_of(position_);
    if (!at_end() && text_[position_] == '"')
      read_quoted(field);
    else
      read_unquoted(field);
    return field;
  }

  void read_unquoted(CsvField& field) {
    const std::size_t start = position_;
    while (!at_end() && text_[position_] != delimiter_ && text_[position_] != '\n') ++position_;
    std::size_t end = position_;
    while (end > start && is_padding(text_[end - 1])) --end;
    field.text = text_.substr(start, end - start);
  }

  void read_quoted(CsvField& field) {
    const std::size_t start = ++position_;
    for (;; ++position_) {
      if (at_end())
        throw ParseError(name_, field.line, field.column,
                         "quoted field is not closed (no ending '\"')");
      const char c = text_[position_];
      if (c == '"') {
        if (position_ + 1 == text_.size() || text_[position_ + 1] != '"') break;
        field.escaped_quotes = true;
        ++position_;
      } else if (c == '\n') {
        ++line_;
        line_start_ = position_ + 1;
      }
    }
    field.text = text_.substr(start, position_ - start);
    ++position_;
    skip_padding();
    if (!at_end() && text_[position_] != delimiter_ && text_[position_] != '\n')
      throw ParseError(name_, line_, column_of(position_),
                       "expected a delimiter or the end of the line after a closing quote, found " +
                           quote_token(text_.substr(position_, 1)));
  }

  std::string_view text_;
  const std::string& name_;
  char delimiter_;
  std::size_t position_ = 0;
  std::size_t line_ = 1;
  std::size_t line_start_ = 0;
  TextPosition end_;
};

// The delimiter is the most frequent of ',', ';' and tab outside quotes on the first non-blank
// line (',' wins ties and lines with none).
char detect_delimiter(std::string_view text);

// A first line of numbers is data, any other a header, except that a file without header whose
// label column holds text ("5.1,3.5,setosa") must not lose its first point: if every field of
// the first line that is not a number sits above a field of the second line that is not one
// either, the first line is data.
bool looks_like_header(const std::vector<CsvField>& first, const std::vector<CsvField>* second);

// The position of `name` in `names`: exact, else ignoring case.
std::optional<std::size_t> find_name(const std::vector<std::string>& names,
                                     const std::string& wanted);

// A column given as a 1-based index (all digits, even when a header name is made of digits too)
// or a header name (find_name); `what` names it in messages ("label column", "column").
// Throws a ParseError at line:1 when there is no such column.
std::size_t choose_column(const std::string& wanted, const std::vector<std::string>& header,
                          std::size_t n_fields, const std::string& name, std::size_t line,
                          const std::string& what);

}  // namespace rbfsvm::detail
