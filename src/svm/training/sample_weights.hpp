// Internal: per-point weights (TrainOptions::sample_weights, scikit-learn's sample_weight as its
// modified LIBSVM applies them). An empty vector stands for weights that are all 1.
#pragma once

#include <cstddef>
#include <vector>

#include "rbfsvm/svm/train.hpp"

namespace rbfsvm::detail {

// Weight of point i: w[i], or 1 when there are no weights.
inline double weight_of(const std::vector<double>& w, std::size_t i) {
  return w.empty() ? 1.0 : w[i];
}

// sum_i w_i over n points (n when there are no weights, exactly).
double total_weight(const std::vector<double>& w, std::size_t n);

// The weights of the given rows, in their order (empty stays empty).
std::vector<double> weights_of(const std::vector<double>& w, const std::vector<Index>& rows);

// Throws InvalidArgument unless the data set has one weight per point and, for a classifier,
// every class some point of positive weight. (The values are TrainOptions::validate's.)
void check_sample_weights(const Dataset& data, const TrainOptions& options);

// Whether some weight is 0, and the rows of positive weight: the points training keeps
// (scikit-learn's remove_zero_weight).
bool has_zero_weight(const std::vector<double>& w);
std::vector<Index> positive_rows(const std::vector<double>& w);

}  // namespace rbfsvm::detail
