// Exceptions thrown by rbfsvm. The library never prints or exits; callers catch these.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace rbfsvm {

// Base of every exception the library throws.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// A parameter or argument outside its valid range (sigma <= 0, size < 1, nu > 1, ...).
class InvalidArgument : public Error {
 public:
  explicit InvalidArgument(const std::string& message) : Error(message) {}
};

// Malformed input text. what() reads "FILE:LINE:COLUMN: message"; line and column are
// 1-based, 0 when not known.
class ParseError : public Error {
 public:
  ParseError(std::string file, std::size_t line, std::size_t column, const std::string& message);

  const std::string& file() const noexcept { return file_; }
  std::size_t line() const noexcept { return line_; }
  std::size_t column() const noexcept { return column_; }
  // The message without the location prefix.
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::string file_;
  std::size_t line_;
  std::size_t column_;
  std::string reason_;
};

// A file that cannot be opened, read, written or renamed.
class IoError : public Error {
 public:
  explicit IoError(const std::string& message) : Error(message) {}
};

}  // namespace rbfsvm
