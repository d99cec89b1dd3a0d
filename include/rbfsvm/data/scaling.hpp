// Feature scaling fitted on training data and applied unchanged to later data: min-max to
// [lower, upper] as LIBSVM's svm-scale, or z-score. The min-max form reads and writes svm-scale's
// range files, so existing workflows carry over.
#pragma once

#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "rbfsvm/core/types.hpp"
#include "rbfsvm/data/points.hpp"

namespace rbfsvm {

// min_max: to [lower, upper] (svm-scale). z_score: mean 0, deviation 1. max_abs: x / max|x|
// into [-1, 1], which keeps every zero a zero (scikit-learn's MaxAbsScaler): the scaling for
// sparse data.
enum class ScalingKind { min_max, z_score, max_abs };

struct Scaling {
  ScalingKind kind = ScalingKind::min_max;
  double lower = -1, upper = 1;  // min-max target interval
  // Per feature: min and max (min_max), mean and standard deviation (z_score), or nothing and
  // max |x| (max_abs). A feature with min == max (or zero deviation, or max |x| = 0) is
  // constant in training and maps to 0, as svm-scale drops it.
  std::vector<double> first, second;
  // svm-scale's optional target scaling (-y lower upper): {lower, upper, min, max}.
  std::optional<std::vector<double>> target;

  // Fits to the columns of X, dense or sparse (zeros included, as svm-scale's sparse reading
  // gives them). Throws InvalidArgument when X is empty or lower >= upper.
  static Scaling fit_min_max(PointsRef X, double lower = -1, double upper = 1);
  static Scaling fit_z_score(PointsRef X);
  static Scaling fit_max_abs(PointsRef X);
  // The one that `kind` names, with min-max's default interval [-1, 1] (what
  // TrainOptions::scaling fits).
  static Scaling fit(ScalingKind kind, PointsRef X);

  // Whether a zero stays a zero for every feature (so sparse data stays sparse): max_abs, or
  // min_max where each feature's zero maps to 0 (lower = 0 with min = 0, and so on).
  bool preserves_zeros() const;

  // Scales X in place. Features beyond those fitted are left as they are (svm-scale does the
  // same for indices beyond the range file); fewer columns are fine.
  void apply(RowMatrix<double>& X) const;
  // Sparse points scaled: the same values for the stored entries; where a feature's zero maps
  // to a non-zero value (min-max with a lower bound other than 0, z-score) the missing entries
  // are filled in, as svm-scale writes them, and the result has more non-zeros.
  SparseRows apply(const SparseRows& X) const;
  // Feature f's value scaled (f must be fitted).
  double scale(Index f, double value) const;
  // Scales regression targets when `target` is set.
  void apply_to_targets(std::vector<double>& y) const;
};

// svm-scale's range-file text (min-max only): byte-compatible with `svm-scale -s`.
// Throws InvalidArgument for a z-score scaling, which the format cannot hold.
void write_range_file(const Scaling& scaling, std::ostream& out);
// Reads `svm-scale -s` output; throws ParseError (name:line:column) for malformed text.
Scaling read_range_file(std::istream& in, const std::string& name);

}  // namespace rbfsvm
