// Numbers as text, as rbfsvm writes them: the shortest round-trip text in files, six
// significant digits in messages.
#pragma once

#include <charconv>
#include <sstream>
#include <string>

namespace rbfsvm {

// The shortest text that reads back as exactly `value`, in any locale (std::to_chars): what
// model files and data files hold.
inline std::string shortest_text(double value) {
  char text[64];
  const std::to_chars_result result = std::to_chars(text, text + sizeof text, value);
  return std::string(text, result.ptr);
}

// Six significant digits, as an output stream writes a double by default (printf's %g): what
// the kernel's and training's error messages have always printed. Not shortest_text: 0.1 + 0.2
// reads "0.3" here.
inline std::string six_digits(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

}  // namespace rbfsvm
