#include "rbfsvm/data/scaling.hpp"

#include <charconv>
#include <limits>
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

void check_not_empty(PointsRef X) {
  if (X.rows() == 0 || X.cols() == 0) throw InvalidArgument("cannot fit a scaling to empty data");
  if (!X.all_finite()) throw InvalidArgument("cannot fit a scaling to data with NaN or infinity");
}

// Calls visit(feature, column values) for every feature: the dense column, or for sparse data
// the stored values of the feature plus, as `zeros`, how many rows leave it out.
template <typename Visit>
void for_each_feature(PointsRef X, Visit&& visit) {
  if (!X.is_sparse()) {
    const RowMatrix<double>& dense = X.dense();
    for (Index f = 0; f < dense.cols(); ++f) {
      const Eigen::VectorXd column = dense.col(f);
      visit(f, column, Index{0});
    }
    return;
  }
  const SparseRows& sparse = X.sparse();
  std::vector<std::vector<double>> columns(static_cast<std::size_t>(sparse.cols()));
  for (Index i = 0; i < sparse.rows(); ++i) {
    const SparseRows::Row row = sparse.row(i);
    for (Index e = 0; e < row.size; ++e) columns[static_cast<std::size_t>(row.indices[e])].push_back(row.values[e]);
  }
  for (Index f = 0; f < sparse.cols(); ++f) {
    std::vector<double>& values = columns[static_cast<std::size_t>(f)];
    const Eigen::Map<const Eigen::VectorXd> column(values.data(), static_cast<Index>(values.size()));
    visit(f, column, sparse.rows() - static_cast<Index>(values.size()));
    std::vector<double>().swap(values);
  }
}

}  // namespace

Scaling Scaling::fit_min_max(PointsRef X, double lower, double upper) {
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
  for_each_feature(X, [&](Index, const auto& column, Index zeros) {
    double low = zeros > 0 ? 0.0 : column.minCoeff();
    double high = zeros > 0 ? 0.0 : column.maxCoeff();
    if (zeros > 0 && column.size() > 0) {
      low = std::min(low, column.minCoeff());
      high = std::max(high, column.maxCoeff());
    }
    scaling.first.push_back(low);
    scaling.second.push_back(high);
  });
  return scaling;
}

Scaling Scaling::fit(ScalingKind kind, PointsRef X) {
  switch (kind) {
    case ScalingKind::min_max:
      return fit_min_max(X);
    case ScalingKind::z_score:
      return fit_z_score(X);
    case ScalingKind::max_abs:
      return fit_max_abs(X);
  }
  return fit_min_max(X);
}

Scaling Scaling::fit_z_score(PointsRef X) {
  check_not_empty(X);
  Scaling scaling;
  scaling.kind = ScalingKind::z_score;
  const double n = static_cast<double>(X.rows());
  for_each_feature(X, [&](Index, const auto& column, Index zeros) {
    const double z = static_cast<double>(zeros);
    double mean = column.sum() / n;
    double deviation = std::sqrt(((column.array() - mean).square().sum() + z * mean * mean) / n);
    if (!std::isfinite(mean) || !std::isfinite(deviation)) {
      // Values near the limits of double (1e308) overflow the sums and squares above: the same
      // in halves, and relative to the largest deviation. Both results are finite.
      mean = (column.array() / n).sum();
      const auto half = column.array() / 2 - mean / 2;
      const double largest = std::max(column.size() > 0 ? half.abs().maxCoeff() : 0.0,
                                      zeros > 0 ? std::fabs(mean / 2) : 0.0);
      deviation = largest == 0 ? 0
                               : 2 * largest *
                                     std::sqrt(((half / largest).square().sum() +
                                                z * (mean / 2 / largest) * (mean / 2 / largest)) /
                                               n);
    }
    scaling.first.push_back(mean);
    scaling.second.push_back(deviation);
  });
  return scaling;
}

Scaling Scaling::fit_max_abs(PointsRef X) {
  check_not_empty(X);
  Scaling scaling;
  scaling.kind = ScalingKind::max_abs;
  for_each_feature(X, [&](Index, const auto& column, Index) {
    scaling.first.push_back(0.0);
    scaling.second.push_back(column.size() > 0 ? column.cwiseAbs().maxCoeff() : 0.0);
  });
  return scaling;
}

double Scaling::scale(Index f, double value) const {
  const double a = first[static_cast<std::size_t>(f)], b = second[static_cast<std::size_t>(f)];
  switch (kind) {
    case ScalingKind::max_abs:
      return b > 0 ? value / b : 0.0;
    case ScalingKind::z_score: {
      if (!(b > 0)) return 0.0;
      const double scaled = (value - a) / b;
      // value - mean overflows only for values near the limits of double; halves do not.
      return std::isfinite(scaled) ? scaled : (value / 2 - a / 2) / (b / 2);
    }
    case ScalingKind::min_max:
      break;
  }
  const double low = a, high = b;
  if (high == low) return 0.0;
  // svm-scale: the extremes map exactly to the bounds, the rest linearly.
  double scaled = value == low    ? lower
                  : value == high ? upper
                                  : lower + (upper - lower) * (value - low) / (high - low);
  if (!std::isfinite(scaled)) {
    // A range or bounds near the limits of double (1e308) overflow the differences above; in
    // halves they do not, and a value inside [low, high] lands inside [lower, upper].
    const double t = (value / 2 - low / 2) / (high / 2 - low / 2);
    scaled = lower * (1 - t) + upper * t;
  }
  return scaled;
}

bool Scaling::preserves_zeros() const {
  for (std::size_t f = 0; f < first.size(); ++f) {
    if (scale(static_cast<Index>(f), 0.0) != 0.0) return false;
  }
  return true;
}

void Scaling::apply(RowMatrix<double>& X) const {
  const Index fitted = std::min<Index>(X.cols(), static_cast<Index>(first.size()));
  for (Index i = 0; i < X.rows(); ++i) {
    for (Index f = 0; f < fitted; ++f) X(i, f) = scale(f, X(i, f));
  }
}

SparseRows Scaling::apply(const SparseRows& X) const {
  const Index fitted = std::min<Index>(X.cols(), static_cast<Index>(first.size()));
  // The features whose zero maps to a non-zero value, with that value.
  std::vector<std::int32_t> filled;
  std::vector<double> zero_image;
  for (Index f = 0; f < fitted; ++f) {
    const double z = scale(f, 0.0);
    if (z != 0.0) {
      filled.push_back(static_cast<std::int32_t>(f));
      zero_image.push_back(z);
    }
  }
  if (filled.empty()) {
    std::vector<double> values = X.values();
    for (std::size_t e = 0; e < values.size(); ++e) {
      const Index f = X.indices()[e];
      if (f < fitted) values[e] = scale(f, values[e]);
    }
    return X.with_values(std::move(values));
  }
  // Entries merged in index order: each row's stored ones and the filled-in features it lacks.
  std::vector<std::int64_t> offsets{0};
  std::vector<std::int32_t> indices;
  std::vector<double> values;
  for (Index i = 0; i < X.rows(); ++i) {
    const SparseRows::Row row = X.row(i);
    std::size_t next = 0;
    for (Index e = 0; e <= row.size; ++e) {
      const std::int32_t column = e < row.size ? row.indices[e] : std::numeric_limits<std::int32_t>::max();
      for (; next < filled.size() && filled[next] < column; ++next) {
        indices.push_back(filled[next]);
        values.push_back(zero_image[next]);
      }
      if (next < filled.size() && filled[next] == column) ++next;
      if (e == row.size) break;
      indices.push_back(column);
      values.push_back(column < fitted ? scale(column, row.values[e]) : row.values[e]);
    }
    offsets.push_back(static_cast<std::int64_t>(indices.size()));
  }
  return SparseRows(X.cols(), std::move(offsets), std::move(indices), std::move(values));
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
    throw InvalidArgument("svm-scale range files hold min-max scalings only, not z-score or max-abs");
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
          index_value < 1 || index_value != std::floor(index_value) ||
          index_value > static_cast<double>(detail::max_sparse_features)) {
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
