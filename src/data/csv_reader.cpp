// Delimited text: one point per record, every feature a number, one column the label.
//
// Records follow RFC 4180: a field in double quotes may hold the delimiter, line breaks and ""
// for a quote. Beyond it, as real files need: \r\n line ends, blank lines, spaces around
// fields, a header line or none, and ',', ';' or tab as the delimiter.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <unordered_map>
#include <vector>

#include "rbfsvm/core/error.hpp"
#include "data/readers.hpp"

namespace rbfsvm::detail {
namespace {

// One field of a record: a view into the input.
struct CsvField {
  std::string_view text;  // without the blanks around it, and inside the quotes if quoted
  std::size_t line = 0;   // where the field starts (its first non-blank character)
  std::size_t column = 0;
  bool escaped_quotes = false;  // text holds "" pairs, each standing for one '"'
};

std::string field_value(const CsvField& field) {
  if (!field.escaped_quotes) return std::string(field.text);
  std::string value;
  value.reserve(field.text.size());
  for (std::size_t i = 0; i < field.text.size(); ++i) {
    value += field.text[i];
    if (field.text[i] == '"') ++i;  // the second quote of the pair
  }
  return value;
}

NumberStatus field_number(const CsvField& field, double& value) {
  // A field with a quote in it cannot be a number; parse_number would say so too, but this
  // keeps the check independent of how quotes are stored.
  return field.escaped_quotes ? NumberStatus::not_a_number : parse_number(field.text, value);
}

bool is_number(const CsvField& field) {
  double value = 0;
  return field_number(field, value) != NumberStatus::not_a_number;
}

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
char detect_delimiter(std::string_view text) {
  std::size_t start = 0;
  std::string_view line;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    line = text.substr(start, end - start);
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) break;
    start = end + 1;
  }
  std::size_t commas = 0, semicolons = 0, tabs = 0;
  bool in_quotes = false;
  for (const char c : line) {
    if (c == '"') in_quotes = !in_quotes;  // "" toggles twice: still right
    if (in_quotes) continue;
    commas += c == ',';
    semicolons += c == ';';
    tabs += c == '\t';
  }
  if (semicolons > commas && semicolons >= tabs) return ';';
  if (tabs > commas && tabs > semicolons) return '\t';
  return ',';
}

// A first line of numbers is data, any other a header, except that a file without header whose
// label column holds text ("5.1,3.5,setosa") must not lose its first point: if every field of
// the first line that is not a number sits above a field of the second line that is not one
// either, the first line is data.
bool looks_like_header(const std::vector<CsvField>& first, const std::vector<CsvField>* second) {
  if (std::all_of(first.begin(), first.end(), is_number)) return false;
  if (second == nullptr || second->size() != first.size()) return true;
  for (std::size_t i = 0; i < first.size(); ++i)
    if (!is_number(first[i]) && is_number((*second)[i])) return true;
  return false;
}

std::string lower_case(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  });
  return text;
}

bool is_digits(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string list_names(const std::vector<std::string>& names) {
  constexpr std::size_t max_listed = 20;
  std::string list;
  for (std::size_t i = 0; i < names.size() && i < max_listed; ++i)
    list += (i ? ", " : "") + quote_token(names[i]);
  if (names.size() > max_listed) list += ", ... (" + std::to_string(names.size()) + " in all)";
  return list;
}

std::optional<std::size_t> find_name(const std::vector<std::string>& names,
                                     const std::string& wanted) {
  const auto exact = std::find(names.begin(), names.end(), wanted);
  if (exact != names.end()) return static_cast<std::size_t>(exact - names.begin());
  const std::string lower = lower_case(wanted);
  for (std::size_t i = 0; i < names.size(); ++i)
    if (lower_case(names[i]) == lower) return i;
  return std::nullopt;
}

// The label column: options.label_column as a 1-based index (all digits, even when a header
// name is made of digits too) or a header name (exact, else ignoring case); by default a column
// named label, class, target or y, else the last one.
std::size_t choose_label_column(const std::string& wanted, const std::vector<std::string>& header,
                                std::size_t n_fields, const std::string& name, std::size_t line) {
  if (wanted.empty()) {
    for (const char* usual : {"label", "class", "target", "y"})
      if (const auto found = find_name(header, usual)) return *found;
    return n_fields - 1;
  }
  const std::string columns =
      header.empty() ? std::string() : "; the columns are " + list_names(header);
  if (is_digits(wanted)) {
    std::size_t index = 0;
    const auto [end, error] = std::from_chars(wanted.data(), wanted.data() + wanted.size(), index);
    if (error == std::errc() && end == wanted.data() + wanted.size() && index >= 1 &&
        index <= n_fields)
      return index - 1;
    throw ParseError(name, line, 1,
                     "label column " + wanted + " does not exist: the file has " +
                         std::to_string(n_fields) + " columns, numbered from 1" + columns);
  }
  if (header.empty())
    throw ParseError(
        name, line, 1,
        "no label column named " + quote_token(wanted) +
            ": the first line is data, not a header (give the column's 1-based index, or "
            "say that there is a header)");
  if (const auto found = find_name(header, wanted)) return *found;
  throw ParseError(name, line, 1, "no label column named " + quote_token(wanted) + columns);
}

// The data records, checked and converted as they come.
class CsvTable {
 public:
  // `origin` says where the field count was set, e.g. "as in the header on line 1".
  CsvTable(const std::string& name, std::size_t n_fields, std::size_t label_column,
           std::string origin)
      : name_(name), n_fields_(n_fields), label_column_(label_column), origin_(std::move(origin)) {}

  void add(const std::vector<CsvField>& fields, TextPosition record_end) {
    check_field_count(fields, record_end);
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i == label_column_)
        add_label(fields[i]);
      else
        features_.push_back(feature(fields[i]));
    }
    if (exceeds_dense_limit(labels_.size(), n_fields_ - 1))
      throw ParseError(name_, fields.front().line, 1,
                       dense_limit_message(labels_.size(), n_fields_ - 1));
  }

  std::size_t n_rows() const { return labels_.size(); }

  // Moves the table into `data`: X, and labels as numbers or as class indices.
  void finish(Dataset& data) const {
    data.X = Eigen::Map<const RowMatrix<double>>(features_.data(),
                                                 static_cast<Eigen::Index>(labels_.size()),
                                                 static_cast<Eigen::Index>(n_fields_ - 1));
    const bool numeric = std::all_of(labels_.begin(), labels_.end(), is_number);
    if (numeric)
      numeric_labels(data);
    else
      text_labels(data);
  }

 private:
  void check_field_count(const std::vector<CsvField>& fields, TextPosition record_end) const {
    if (fields.size() == n_fields_) return;
    // Too many: point at the first extra field; too few: at the end, where the next should be.
    const TextPosition at = fields.size() > n_fields_
                                ? TextPosition{fields[n_fields_].line, fields[n_fields_].column}
                                : record_end;
    throw ParseError(name_, at.line, at.column,
                     "expected " + std::to_string(n_fields_) + " fields, found " +
                         std::to_string(fields.size()) + " (" + origin_ + ")");
  }

  double feature(const CsvField& field) const {
    double value = 0;
    const NumberStatus status = field_number(field, value);
    if (status != NumberStatus::ok)
      throw ParseError(name_, field.line, field.column, number_error(field_value(field), status));
    return value;
  }

  void add_label(const CsvField& field) {
    if (field.text.empty())
      throw ParseError(name_, field.line, field.column, "missing label (empty field)");
    labels_.push_back(field);
  }

  // Every label is a number: each must be finite.
  void numeric_labels(Dataset& data) const {
    data.labels.reserve(labels_.size());
    for (const CsvField& field : labels_) {
      double value = 0;
      const NumberStatus status = field_number(field, value);
      if (status != NumberStatus::ok)
        throw ParseError(name_, field.line, field.column,
                         "label " + number_error(field.text, status));
      data.labels.push_back(value);
    }
  }

  // Some label is text, so all are class names (a "1" among "cat" and "dog" is a name too),
  // numbered in order of first appearance.
  void text_labels(Dataset& data) const {
    std::unordered_map<std::string, std::size_t> class_index;
    data.labels.reserve(labels_.size());
    for (const CsvField& field : labels_) {
      std::string value = field_value(field);
      const auto [entry, inserted] = class_index.emplace(value, data.class_names.size());
      if (inserted) data.class_names.push_back(std::move(value));
      data.labels.push_back(static_cast<double>(entry->second));
    }
  }

  const std::string& name_;
  std::size_t n_fields_;
  std::size_t label_column_;
  std::string origin_;
  std::vector<double> features_;  // row-major, label column left out
  std::vector<CsvField> labels_;  // kept as text until every label has been seen
};

char choose_delimiter(std::string_view text, char given) {
  return given ? given : detect_delimiter(text);
}

}  // namespace

Dataset parse_csv(std::string_view text, const std::string& name, const ReadOptions& options) {
  const char delimiter = choose_delimiter(text, options.delimiter);
  CsvScanner scanner(text, name, delimiter);
  std::vector<CsvField> first, second;
  if (!scanner.next(first)) {
    const TextPosition end = end_of_text(text);
    throw ParseError(name, end.line, end.column, "no data: the input is empty");
  }
  const TextPosition first_end = scanner.record_end();
  const std::size_t first_line = first.front().line;
  const bool has_second = scanner.next(second);
  const bool header =
      options.header ? *options.header : looks_like_header(first, has_second ? &second : nullptr);

  const std::size_t n_fields = first.size();
  if (n_fields < 2)
    throw ParseError(
        name, first_line, 1,
        "found a single column, but a label and at least one feature are needed (columns are "
        "separated by ',', ';' or tabs)");
  std::vector<std::string> names;
  if (header)
    for (const CsvField& field : first) names.push_back(field_value(field));
  const std::size_t label_column =
      choose_label_column(options.label_column, names, n_fields, name, first_line);

  const std::string origin =
      (header ? "as in the header on line " : "as on line ") + std::to_string(first_line);
  CsvTable table(name, n_fields, label_column, origin);
  if (!header) table.add(first, first_end);
  if (has_second) {
    table.add(second, scanner.record_end());
    while (scanner.next(second)) table.add(second, scanner.record_end());
  }
  if (table.n_rows() == 0) {
    const TextPosition end = end_of_text(text);
    throw ParseError(name, end.line, end.column,
                     "no data: the header is not followed by any data line");
  }

  Dataset data;
  table.finish(data);
  if (header) {
    names.erase(names.begin() + static_cast<std::ptrdiff_t>(label_column));
    data.feature_names = std::move(names);
  }
  return data;
}

}  // namespace rbfsvm::detail
