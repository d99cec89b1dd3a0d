#include "data/csv_scanner.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace rbfsvm::detail {

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

namespace {

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

}  // namespace

std::optional<std::size_t> find_name(const std::vector<std::string>& names,
                                     const std::string& wanted) {
  const auto exact = std::find(names.begin(), names.end(), wanted);
  if (exact != names.end()) return static_cast<std::size_t>(exact - names.begin());
  const std::string lower = lower_case(wanted);
  for (std::size_t i = 0; i < names.size(); ++i)
    if (lower_case(names[i]) == lower) return i;
  return std::nullopt;
}

std::size_t choose_column(const std::string& wanted, const std::vector<std::string>& header,
                          std::size_t n_fields, const std::string& name, std::size_t line,
                          const std::string& what) {
  const std::string columns =
      header.empty() ? std::string() : "; the columns are " + list_names(header);
  if (is_digits(wanted)) {
    std::size_t index = 0;
    const auto [end, error] = std::from_chars(wanted.data(), wanted.data() + wanted.size(), index);
    if (error == std::errc() && end == wanted.data() + wanted.size() && index >= 1 &&
        index <= n_fields)
      return index - 1;
    throw ParseError(name, line, 1,
                     what + " " + wanted + " does not exist: the file has " +
                         std::to_string(n_fields) + " columns, numbered from 1" + columns);
  }
  if (header.empty())
    throw ParseError(
        name, line, 1,
        "no " + what + " named " + quote_token(wanted) +
            ": the first line is data, not a header (give the column's 1-based index, or "
            "say that there is a header)");
  if (const auto found = find_name(header, wanted)) return *found;
  throw ParseError(name, line, 1, "no " + what + " named " + quote_token(wanted) + columns);
}

}  // namespace rbfsvm::detail
