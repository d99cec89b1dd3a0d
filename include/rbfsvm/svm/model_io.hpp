// Model files in LIBSVM's text format (svm_save_model / svm_load_model), so models move between
// rbfsvm and LIBSVM's svm-train / svm-predict both ways. Numbers are written in the shortest form
// that reads back to the same double, independent of the locale.
//
// What the format cannot hold (text class names, feature names, the dimension, sigma as given)
// goes into a JSON sidecar next to the model, PATH.json, read back automatically. The sidecar
// records a fingerprint of the model text, so a sidecar left over from another model is refused
// rather than silently applied.
#pragma once

#include <istream>
#include <ostream>
#include <string>

#include "rbfsvm/svm/model.hpp"

namespace rbfsvm {

// LIBSVM text for the model.
void write_model(const Model& model, std::ostream& out);
// Parses LIBSVM text; `name` is used in ParseError messages (file:line:column).
Model read_model(std::istream& in, const std::string& name);

// Writes PATH (and PATH.json when the model has anything the format cannot hold) atomically:
// a failure leaves any existing files untouched. Throws IoError.
void save_model(const Model& model, const std::string& path);
// Reads PATH and, when present, PATH.json. Throws IoError (missing, unreadable) or ParseError
// (truncated or malformed: the message names file, line and what was expected).
Model load_model(const std::string& path);

// A model as the two texts save_model writes: LIBSVM's model file and the JSON sidecar (empty
// when the model has nothing the format cannot hold). For moving a model without files: the
// Python package pickles a model as these texts.
struct ModelTexts {
  std::string model;
  std::string sidecar;
};
ModelTexts model_to_texts(const Model& model);
// The inverse, with load_model's checks and errors; `name` stands for the model file in
// messages (the sidecar is called NAME.json).
Model model_from_texts(const ModelTexts& texts, const std::string& name);

// The path of a model's sidecar.
std::string sidecar_path(const std::string& model_path);

// The fingerprint a sidecar records of its model file's text (FNV-1a, 64 bit, 16 hex digits);
// a sidecar whose fingerprint does not match the model beside it is refused.
std::string model_fingerprint(const std::string& model_text);

}  // namespace rbfsvm
