#include "rbfsvm/core/error.hpp"

namespace rbfsvm {
namespace {

std::string located(const std::string& file, std::size_t line, std::size_t column,
                    const std::string& message) {
  std::string where = file.empty() ? std::string("<input>") : file;
  if (line > 0) {
    where += ":" + std::to_string(line);
    if (column > 0) where += ":" + std::to_string(column);
  }
  return where + ": " + message;
}

}  // namespace

ParseError::ParseError(std::string file, std::size_t line, std::size_t column,
                       const std::string& message)
    : Error(located(file, line, column, message)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      reason_(message) {}

}  // namespace rbfsvm
