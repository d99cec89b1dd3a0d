// Data to predict with a given model: read as the model needs it, labels numbered as the
// model numbers its classes.
#pragma once

#include <string>
#include <vector>

#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/svm/model.hpp"

namespace rbfsvm {

// Reads `path` for prediction with `model`. options.label_column and the CSV settings are
// used as given; the rest follows the model:
//   - a precomputed-kernel model reads LIBSVM "label 0:serial 1:K(x, x_1) ..." rows
//     (format libsvm, precomputed_kernel, no minimum dimension);
//   - any other model reads at least model.dimension() features (a test file in LIBSVM format
//     may never use the last ones). A file with more features is read whole: LIBSVM predicts
//     it (extra_features_warning says so).
// Throws what read_dataset throws.
Dataset read_dataset_for(const Model& model, const std::string& path, ReadOptions options = {});

// When `data` has more features than a model that records its training dimension
// (n_features > 0), the warning for the user: "'SOURCE' has features up to N but the model was
// trained on M; ..."; empty otherwise. Such points are predicted as LIBSVM predicts them: the
// support vectors are zero in the extra features, so these add x_f^2 to RBF distances and
// nothing to inner products (linear, polynomial, sigmoid kernels).
std::string extra_features_warning(const Model& model, const Dataset& data);

// The true labels of `data` in the model's numbering. Numeric labels are returned as they are.
// Labels written as text are numbered by their own order of first appearance in the file;
// they are renumbered as indices into the model's class names, -1 for a name the model never
// saw (which then counts as an error). Throws InvalidArgument "the test labels are text but
// the model was trained on numeric labels" when the model has no class names.
std::vector<double> labels_in_model_numbering(const Dataset& data, const Model& model);

}  // namespace rbfsvm
