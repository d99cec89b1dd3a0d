// Axis ticks, tick labels and text widths shared by the plots (declared in axes.hpp).
#include "plot/axes.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "rbfsvm/core/format.hpp"

namespace rbfsvm {
namespace detail {

std::string format_value(double value) { return shortest_text(value); }

double nice_step(double range, double intervals) {
  const double raw = range / intervals;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  const double mantissa = raw / power;
  const double nice = mantissa < 1.5 ? 1.0 : mantissa < 3.5 ? 2.0 : mantissa < 7.5 ? 5.0 : 10.0;
  return nice * power;
}

void format_tick(double value, const TickFormat& format, char* text, std::size_t size) {
  char buffer[768];
  char* end = buffer;
  if (std::abs(value) < format.step * 1e-6) {
    *end++ = '0';
  } else {
    const auto style = format.scientific ? std::chars_format::scientific : std::chars_format::fixed;
    const std::to_chars_result result =
        std::to_chars(buffer, buffer + sizeof buffer, value, style, format.precision);
    end = result.ec == std::errc() ? result.ptr : buffer;
  }
  if (format.scientific) {
    // to_chars writes "1.5e+06"; "1.5e6" reads better on an axis.
    char* exponent = std::find(buffer, end, 'e');
    if (exponent != end) {
      char* digits = exponent + 1;
      char* out = digits;
      if (*digits == '-') ++out, ++digits;
      if (*digits == '+') ++digits;
      while (digits + 1 < end && *digits == '0') ++digits;
      end = std::copy(digits, end, out);
    }
  }
  const std::size_t length = std::min(static_cast<std::size_t>(end - buffer), size - 1);
  std::copy(buffer, buffer + length, text);
  text[length] = '\0';
}

void label_tick(PLINT, PLFLT value, char* text, PLINT size, PLPointer format) {
  const TickFormat& tick_format = *static_cast<const TickFormat*>(format);
  format_tick(value * tick_format.scale, tick_format, text, static_cast<std::size_t>(size));
}

std::vector<std::string> tick_labels(double low, double high, const TickFormat& format) {
  std::vector<std::string> labels;
  const double first = std::ceil(low / format.step - 1e-9);
  const double last = std::floor(high / format.step + 1e-9);
  for (double k = first; k <= last && labels.size() < 1000; ++k) {
    char text[512];
    format_tick(k * format.step, format, text, sizeof text);
    labels.emplace_back(text);
  }
  return labels;
}

namespace {

std::size_t longest(const std::vector<std::string>& labels) {
  std::size_t length = 0;
  for (const std::string& label : labels) length = std::max(length, label.size());
  return length;
}

}  // namespace

TickFormat value_ticks(double low, double high, double intervals) {
  const double step = nice_step(high - low, intervals);
  const double magnitude = std::max(std::abs(low), std::abs(high));
  const double scale = std::ldexp(1.0, std::ilogb(magnitude));
  const int step_exponent = static_cast<int>(std::floor(std::log10(step) + 1e-9));
  const int magnitude_exponent = static_cast<int>(std::floor(std::log10(magnitude)));
  const TickFormat fixed{step, scale, false, std::max(0, -step_exponent)};
  const TickFormat scientific{step, scale, true, std::max(0, magnitude_exponent - step_exponent)};
  const std::size_t fixed_length = longest(tick_labels(low, high, fixed));
  const std::size_t scientific_length = longest(tick_labels(low, high, scientific));
  // Fixed-point unless scientific is clearly shorter (2e-8, 1.5e12; but 999999.4 rather than
  // 9.999994e5).
  return fixed_length <= scientific_length + 2 ? fixed : scientific;
}

// Labels are numbers: the sum of their glyphs' advance widths in DejaVu Sans, times 4/3 because
// pango lays text out at 96 dpi where PLplot's cairo driver assumes 72 (text comes out a third
// larger than PLplot thinks), with a little slack for other sans fonts.
double label_width(const std::string& label) {
  double width = 0;
  for (const char c : label) {
    switch (c) {
      case '.':
        width += 0.318;
        break;
      case '-':
        width += 0.361;
        break;
      case '+':
        width += 0.838;
        break;
      case 'e':
        width += 0.615;
        break;
      default:
        width += 0.636;
        break;
    }
  }
  return 1.05 * 4.0 / 3.0 * width;
}

double widest_label(const std::vector<std::string>& labels) {
  double widest = 0;
  for (const std::string& label : labels) widest = std::max(widest, label_width(label));
  return widest;
}

}  // namespace detail
}  // namespace rbfsvm
