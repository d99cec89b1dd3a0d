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
//     may never use the last ones).
// Throws what read_dataset throws, and InvalidArgument "'PATH' has N features but the model
// was trained on M" when the file has more features than a model that records its training
// dimension (n_features > 0).
Dataset read_dataset_for(const Model& model, const std::string& path, ReadOptions options = {});

// The true labels of `data` in the model's numbering. Numeric labels are returned as they are.
// Labels written as text are numbered by their own order of first appearance in the file;
// they are renumbered as indices into the model's class names, -1 for a name the model never
// saw (which then counts as an error). Throws InvalidArgument "the test labels are text but
// the model was trained on numeric labels" when the model has no class names.
std::vector<double> labels_in_model_numbering(const Dataset& data, const Model& model);

}  // namespace rbfsvm
