// Internal: what Model's prediction functions return (decision values, labels, probabilities),
// each made from the decision values of one block at a time (decision_stream.hpp), so that
// only the result (n x values, n labels, n x classes) grows with the test set.
#pragma once

#include <vector>

#include "rbfsvm/core/types.hpp"
#include "rbfsvm/svm/model.hpp"
#include "svm/prediction/block_plan.hpp"
#include "svm/prediction/test_points.hpp"

namespace rbfsvm::detail {

// `forced` (tests) as plan_prediction's.
RowMatrix<double> decision_values(const Model& model, const TestPoints& X, ThreadOptions threads,
                                  BlockShape forced = {});
std::vector<double> predicted_labels(const Model& model, const TestPoints& X,
                                     ThreadOptions threads, BlockShape forced = {});
// Throws InvalidArgument when the model has no probability model (Model::predict_probabilities).
RowMatrix<double> class_probabilities(const Model& model, const TestPoints& X,
                                      ThreadOptions threads, BlockShape forced = {});

// One point's probabilities from its decision values: for a classifier, the Platt sigmoid of
// each pair coupled by Wu, Lin & Weng's method 2 (n_classes values); for a one-class model,
// P(normal) and P(outlier) from the density marks. The model must have the probability model.
void probabilities_from_decision_values(const ModelData& m, const double* values, double* out);

}  // namespace rbfsvm::detail
