// Delimited text: one point per record, every feature a number, one column the label. The
// records are split by data/csv_scanner.hpp (RFC 4180 and what real files need beyond it).
#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <unordered_map>
#include <vector>

#include "data/csv_scanner.hpp"
#include "data/readers.hpp"
#include "rbfsvm/core/error.hpp"

namespace rbfsvm::detail {
namespace {

// The label column: options.label_column (see choose_column); by default a column named label,
// class, target or y, else the last one.
std::size_t choose_label_column(const std::string& wanted, const std::vector<std::string>& header,
                                std::size_t n_fields, const std::string& name, std::size_t line) {
  if (wanted.empty()) {
    for (const char* usual : {"label", "class", "target", "y"})
      if (const auto found = find_name(header, usual)) return *found;
    return n_fields - 1;
  }
  return choose_column(wanted, header, n_fields, name, line, "label column");
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
