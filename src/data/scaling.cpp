#include "rbfsvm/data/scaling.hpp"

#include <charconv>
#include <cmath>
#include <sstream>

#include "rbfsvm/core/error.hpp"
#include "data/readers.hpp"

namespace rbfsvm {
namespace {

// printf's %.17g, locale-free: what svm-scale writes.
std::string g17(double value) {
  char buffer[64];
  const auto result =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 17);
  return std::string(buffer, result.ptr);
}

void check_not_empty(const RowMatrix<double>& X) {
  if (X.rows() == 0 || X.cols() == 0) throw InvalidArgument("cannot fit a scaling to empty data");
  if (!X.allFinite()) throw InvalidArgument("cannot fit a scaling to data with NaN or infinity");
}

}  // namespace

Scaling Scaling::fit_min_max(const RowMatrix<double>& X, double lower, double upper) {
  check_not_empty(X);
  if (!(lower < upper) || !std::isfinite(lower) || !std::isfinite(upper)) {
    std::ostringstream message;
    message << "scaling bounds must be finite with lower < upper, got [" << lower << ", " << upper
            << "]";
    throw InvalidArgument(message.str());
  }
  Scaling scaling;
  scaling.kind = ScalingKind::min_max;
  scaling.lower = lower;
  scaling.upper = upper;
  for (Index f = 0; f < X.cols(); ++f) {
    scaling.first.push_back(X.col(f).minCoeff());
    scaling.second.push_back(X.col(f).maxCoeff());
  }
  return scaling;
}

Scaling Scaling::fit(ScalingKind kind, const RowMatrix<double>& X) {
  return kind == ScalingKind::min_max ? fit_min_max(X) : fit_z_score(X);
}

Scaling Scaling::fit_z_score(const RowMatrix<double>& X) {
  check_not_empty(X);
  Scaling scaling;
  scaling.kind = ScalingKind::z_score;
  const double n = static_cast<double>(X.rows());
  for (Index f = 0; f < X.cols(); ++f) {
    double mean = X.col(f).sum() / n;
    double deviation = std::sqrt((X.col(f).array() - mean).square().sum() / n);
    if (!std::isfinite(mean) || !std::isfinite(deviation)) {
      // Values near the limits of double (1e308) overflow the sums and squares above: the same
      // in halves, and relative to the largest deviation. Both results are finite.
      mean = (X.col(f).array() / n).sum();
      const auto half = X.col(f).array() / 2 - mean / 2;
      const double largest = half.abs().maxCoeff();
      deviation = largest == 0 ? 0 : 2 * largest * std::sqrt((half / largest).square().sum() / n);
    }
    scaling.first.push_back(mean);
    scaling.second.push_back(deviation);
  }
  return scaling;
}

void Scaling::apply(RowMatrix<double>& X) const {
  const Index fitted = std::min<Index>(X.cols(), static_cast<Index>(first.size()));
  for (Index f = 0; f < fitted; ++f) {
    auto column = X.col(f);
    if (kind == ScalingKind::z_score) {
      if (!(second[f] > 0)) {
        column.setZero();
        continue;
      }
      for (Index i = 0; i < column.size(); ++i) {
        const double scaled = (column(i) - first[f]) / second[f];
        // value - mean overflows only for values near the limits of double; halves do not.
        column(i) = std::isfinite(scaled) ? scaled : (column(i) / 2 - first[f] / 2) / (second[f] / 2);
      }
      continue;
    }
    const double low = first[f], high = second[f];
    if (high == low) {
      column.setZero();
      continue;
    }
    // svm-scale: the extremes map exactly to the bounds, the rest linearly.
    for (Index i = 0; i < column.size(); ++i) {
      const double value = column(i);
      double scaled = value == low    ? lower
                      : value == high ? upper
                                      : lower + (upper - lower) * (value - low) / (high - low);
      if (!std::isfinite(scaled)) {
        // A range or bounds near the limits of double (1e308) overflow the differences above;
        // in halves they do not, and a value inside [low, high] lands inside [lower, upper].
        const double t = (value / 2 - low / 2) / (high / 2 - low / 2);
        scaled = lower * (1 - t) + upper * t;
      }
      column(i) = scaled;
    }
  }
}

void Scaling::apply_to_targets(std::vector<double>& y) const {
  if (!target) return;
  const auto& t = *target;  // lower, upper, min, max
  for (double& value : y) {
    if (t[3] == t[2]) continue;
    value = value == t[2]   ? t[0]
            : value == t[3] ? t[1]
                            : t[0] + (t[1] - t[0]) * (value - t[2]) / (t[3] - t[2]);
  }
}

void write_range_file(const Scaling& scaling, std::ostream& out) {
  if (scaling.kind != ScalingKind::min_max) {
    throw InvalidArgument("svm-scale range files hold min-max scalings only, not z-score");
  }
  if (scaling.target) {
    const auto& t = *scaling.target;
    out << "y\n" << g17(t[0]) << ' ' << g17(t[1]) << '\n' << g17(t[2]) << ' ' << g17(t[3]) << '\n';
  }
  out << "x\n" << g17(scaling.lower) << ' ' << g17(scaling.upper) << '\n';
  for (std::size_t f = 0; f < scaling.first.size(); ++f) {
    if (scaling.first[f] != scaling.second[f]) {
      out << f + 1 << ' ' << g17(scaling.first[f]) << ' ' << g17(scaling.second[f]) << '\n';
    }
  }
}

namespace {

class RangeParser {
 public:
  RangeParser(std::istream& in, std::string name) : in_(in), name_(std::move(name)) {}

  Scaling parse() {
    Scaling scaling;
    std::vector<std::string> tokens;
    if (!next(tokens)) fail("empty range file");
    if (tokens.size() == 1 && tokens[0] == "y") {
      std::vector<double> target = numbers(2);
      const std::vector<double> bounds = numbers(2);
      target.insert(target.end(), bounds.begin(), bounds.end());
      scaling.target = target;
      if (!next(tokens)) fail("expected 'x' after the y section");
    }
    if (tokens.size() != 1 || tokens[0] != "x") fail("expected 'x'");
    const std::vector<double> bounds = numbers(2);
    scaling.lower = bounds[0];
    scaling.upper = bounds[1];
    if (!(scaling.lower < scaling.upper)) fail("lower bound must be below the upper bound");
    std::size_t previous = 0;
    while (next(tokens)) {
      if (tokens.empty()) continue;
      if (tokens.size() != 3) fail("expected 'index min max'");
      double index_value = 0;
      if (detail::parse_number(tokens[0], index_value) != detail::NumberStatus::ok ||
          index_value < 1 || index_value != std::floor(index_value) || index_value > 1e7) {
        fail("feature index '" + tokens[0] + "' is not an integer >= 1");
      }
      const std::size_t index = static_cast<std::size_t>(index_value);
      if (index <= previous) fail("feature indices must be ascending");
      previous = index;
      // Features the file leaves out were constant in training: min = max = 0.
      scaling.first.resize(index, 0.0);
      scaling.second.resize(index, 0.0);
      scaling.first[index - 1] = number(tokens[1]);
      scaling.second[index - 1] = number(tokens[2]);
    }
    return scaling;
  }

 private:
  bool next(std::vector<std::string>& tokens) {
    std::string line;
    if (!std::getline(in_, line)) return false;
    ++line_number_;
    tokens.clear();
    std::istringstream words(line);
    for (std::string word; words >> word;) tokens.push_back(word);
    return true;
  }

  [[noreturn]] void fail(const std::string& message) const {
    throw ParseError(name_, line_number_, 0, message);
  }

  double number(const std::string& token) const {
    double value = 0;
    const detail::NumberStatus status = detail::parse_number(token, value);
    if (status != detail::NumberStatus::ok) fail(detail::number_error(token, status));
    return value;
  }

  std::vector<double> numbers(std::size_t count) {
    std::vector<std::string> tokens;
    if (!next(tokens) || tokens.size() != count) {
      fail("expected " + std::to_string(count) + " numbers");
    }
    std::vector<double> values;
    for (const auto& token : tokens) values.push_back(number(token));
    return values;
  }

  std::istream& in_;
  std::string name_;
  std::size_t line_number_ = 0;
};

}  // namespace

Scaling read_range_file(std::istream& in, const std::string& name) {
  return RangeParser(in, name).parse();
}

}  // namespace rbfsvm
