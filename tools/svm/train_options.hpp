// The training options svm_train and svm_grid share, declared once. Their help texts end in
// the defaults of a default-constructed TrainOptions, so they cannot drift from the library.
#pragma once

#include <optional>
#include <string>

#include "rbfsvm/data/scaling.hpp"
#include "rbfsvm/svm/train.hpp"

namespace CLI {
class App;
}  // namespace CLI

namespace rbfsvm::cli {

// The tool an option is declared for: each words some help texts its own way (svm_grid
// searches C and gamma with an RBF kernel, and shares its budgets between grid points).
enum class TrainingTool { svm_train, svm_grid };

// The model and solver parameters, bound to `options`:
//   svm_train  -d -r -c -n -p -e -m
//   svm_grid         -n -p -e -m
void add_train_options(CLI::App& app, TrainOptions& options, TrainingTool tool);

// --seed, bound to options.seed.
void add_seed_option(CLI::App& app, TrainOptions& options, TrainingTool tool);

// --scale (minmax), --scale=zscore or --scale=maxabs, as text in `scale_text` ("" when not
// given); read it with scaling_from_option.
void add_scale_option(CLI::App& app, std::string& scale_text, TrainingTool tool);

// The scaling --scale asked for: none for "", else min_max, z_score or max_abs.
std::optional<ScalingKind> scaling_from_option(const std::string& scale_text);

// -s/--type's text: a name (c_svc, ...) or LIBSVM's number 0-4.
SvmType parse_svm_type(const std::string& text);

// --storage auto|dense|sparse, bound to `storage`.
void add_storage_option(CLI::App& app, Storage& storage);

}  // namespace rbfsvm::cli
