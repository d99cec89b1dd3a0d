// read_table: the CSV scanner of the labelled reader (data/csv_scanner.hpp), with every column
// a variable and only the chosen columns converted to numbers.
#include "rbfsvm/data/table.hpp"

#include <numeric>

#include "data/csv_scanner.hpp"
#include "data/readers.hpp"
#include "rbfsvm/core/error.hpp"

namespace rbfsvm {
namespace {

using detail::CsvField;

// How a column is named in messages: its header name, else its 1-based index.
std::string column_label(const std::vector<std::string>& header, std::size_t column) {
  return header.empty() ? std::to_string(column + 1) : header[column];
}

double table_number(const CsvField& field, const std::string& name, const std::string& column) {
  double value = 0;
  const detail::NumberStatus status = detail::field_number(field, value);
  if (status == detail::NumberStatus::ok) return value;
  const std::string text = detail::field_value(field);
  const std::string reason =
      status == detail::NumberStatus::not_a_number && !text.empty()
          ? "column " + column + " holds text (" + detail::quote_token(text) + "), not numbers"
          : detail::number_error(text, status) + " in column " + column;
  throw ParseError(name, field.line, field.column, reason);
}

Table parse_csv_table(std::string_view text, const std::string& name,
                      const TableOptions& options) {
  const char delimiter = options.delimiter ? options.delimiter : detail::detect_delimiter(text);
  detail::CsvScanner scanner(text, name, delimiter);
  std::vector<CsvField> first, record;
  if (!scanner.next(first)) {
    const detail::TextPosition end = detail::end_of_text(text);
    throw ParseError(name, end.line, end.column, "no data: the input is empty");
  }
  const detail::TextPosition first_end = scanner.record_end();
  const std::size_t first_line = first.front().line;
  const bool has_second = scanner.next(record);
  const bool header = options.header ? *options.header
                                     : detail::looks_like_header(first, has_second ? &record : nullptr);
  const std::size_t n_fields = first.size();
  std::vector<std::string> names;
  if (header)
    for (const CsvField& field : first) names.push_back(detail::field_value(field));

  std::vector<std::size_t> chosen(n_fields);
  std::iota(chosen.begin(), chosen.end(), std::size_t{0});
  if (!options.columns.empty()) {
    chosen.clear();
    for (const std::string& wanted : options.columns)
      chosen.push_back(detail::choose_column(wanted, names, n_fields, name, first_line, "column"));
  }
  std::vector<std::string> labels;
  for (const std::size_t column : chosen) labels.push_back(column_label(names, column));

  const std::string origin =
      (header ? "as in the header on line " : "as on line ") + std::to_string(first_line);
  std::vector<double> values;  // row-major
  std::size_t n_rows = 0;
  const auto add = [&](const std::vector<CsvField>& fields, detail::TextPosition record_end) {
    if (fields.size() != n_fields) {
      // Too many: point at the first extra field; too few: at the end, where the next should be.
      const detail::TextPosition at =
          fields.size() > n_fields
              ? detail::TextPosition{fields[n_fields].line, fields[n_fields].column}
              : record_end;
      throw ParseError(name, at.line, at.column,
                       "expected " + std::to_string(n_fields) + " fields, found " +
                           std::to_string(fields.size()) + " (" + origin + ")");
    }
    for (std::size_t k = 0; k < chosen.size(); ++k)
      values.push_back(table_number(fields[chosen[k]], name, labels[k]));
    if (detail::exceeds_dense_limit(++n_rows, chosen.size()))
      throw ParseError(name, fields.front().line, 1,
                       detail::dense_limit_message(n_rows, chosen.size()));
  };
  if (!header) add(first, first_end);
  if (has_second) {
    add(record, scanner.record_end());
    while (scanner.next(record)) add(record, scanner.record_end());
  }
  if (n_rows == 0) {
    const detail::TextPosition end = detail::end_of_text(text);
    throw ParseError(name, end.line, end.column,
                     "no data: the header is not followed by any data line");
  }

  Table table;
  table.values = Eigen::Map<const RowMatrix<double>>(values.data(), static_cast<Eigen::Index>(n_rows),
                                                     static_cast<Eigen::Index>(chosen.size()));
  if (header)
    for (const std::size_t column : chosen) table.column_names.push_back(names[column]);
  table.n_file_columns = n_fields;
  table.source = name;
  return table;
}

}  // namespace

Table read_table(const std::string& path, const TableOptions& options) {
  detail::check_delimiter(options.delimiter);
  return parse_csv_table(detail::text_content(detail::read_text_file(path), path), path, options);
}

Table parse_table(std::istream& input, const std::string& name, const TableOptions& options) {
  detail::check_delimiter(options.delimiter);
  return parse_csv_table(detail::text_content(detail::read_text_stream(input, name), name), name,
                         options);
}

}  // namespace rbfsvm
