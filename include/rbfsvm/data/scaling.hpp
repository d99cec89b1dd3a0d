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

namespace rbfsvm {

enum class ScalingKind { min_max, z_score };

struct Scaling {
  ScalingKind kind = ScalingKind::min_max;
  double lower = -1, upper = 1;  // min-max target interval
  // Per feature: min and max (min_max) or mean and standard deviation (z_score). A feature with
  // min == max (or zero deviation) is constant in training and maps to 0, as svm-scale drops it.
  std::vector<double> first, second;
  // svm-scale's optional target scaling (-y lower upper): {lower, upper, min, max}.
  std::optional<std::vector<double>> target;

  // Fits to the columns of X (zeros included, as svm-scale's sparse reading gives them).
  // Throws InvalidArgument when X is empty or lower >= upper.
  static Scaling fit_min_max(const RowMatrix<double>& X, double lower = -1, double upper = 1);
  static Scaling fit_z_score(const RowMatrix<double>& X);
  // The one of the two that `kind` names, with min-max's default interval [-1, 1] (what
  // TrainOptions::scaling fits).
  static Scaling fit(ScalingKind kind, const RowMatrix<double>& X);

  // Scales X in place. Features beyond those fitted are left as they are (svm-scale does the
  // same for indices beyond the range file); fewer columns are fine.
  void apply(RowMatrix<double>& X) const;
  // Scales regression targets when `target` is set.
  void apply_to_targets(std::vector<double>& y) const;
};

// svm-scale's range-file text (min-max only): byte-compatible with `svm-scale -s`.
// Throws InvalidArgument for a z-score scaling, which the format cannot hold.
void write_range_file(const Scaling& scaling, std::ostream& out);
// Reads `svm-scale -s` output; throws ParseError (name:line:column) for malformed text.
Scaling read_range_file(std::istream& in, const std::string& name);

}  // namespace rbfsvm
