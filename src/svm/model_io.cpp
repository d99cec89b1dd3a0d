#include "rbfsvm/svm/model_io.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <cstring>
#include <fast_float/fast_float.h>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>
#include <vector>

#include "rbfsvm/core/atomic_file.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/core/format.hpp"
#include "data/readers.hpp"

namespace rbfsvm {
namespace {

// Shortest text that parses back to exactly `value` (std::to_chars: locale-free, round-trips).
std::string format_label(double label) {
  return std::to_string(static_cast<long long>(label));
}


std::string model_text(const Model& model) {
  std::ostringstream out;
  write_model(model, out);
  return out.str();
}

// A whitespace-separated token with its 1-based column.
struct Token {
  std::string_view text;
  std::size_t column;
};

std::vector<Token> split(const std::string& line) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    const std::size_t begin = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    if (i > begin) tokens.push_back({std::string_view(line).substr(begin, i - begin), begin + 1});
  }
  return tokens;
}

class ModelParser {
 public:
  ModelParser(std::istream& in, std::string name) : in_(in), name_(std::move(name)) {}

  Model parse() {
    ModelData data;
    data.kernel = Kernel::linear();
    bool saw_type = false, saw_kernel = false, saw_total = false, saw_nr_class = false;
    Index total_sv = 0;
    std::vector<Token> tokens;
    while (true) {
      if (!next_line(tokens)) fail(0, "unexpected end of file: no 'SV' line (truncated model?)");
      if (tokens.empty()) continue;
      const std::string key(tokens[0].text);
      if (key == "SV") break;
      if (key == "svm_type") {
        data.svm_type = parse_enum(tokens, svm_type_from_string);
        saw_type = true;
      } else if (key == "kernel_type") {
        data.kernel.type = parse_enum(tokens, kernel_type_from_string);
        saw_kernel = true;
      } else if (key == "degree") {
        data.kernel.degree = static_cast<int>(integer(one_value(tokens), 0, 1 << 20));
      } else if (key == "gamma") {
        data.kernel.gamma = number(one_value(tokens));
      } else if (key == "coef0") {
        data.kernel.coef0 = number(one_value(tokens));
      } else if (key == "nr_class") {
        data.n_classes = static_cast<int>(integer(one_value(tokens), 1, 1 << 16));
        saw_nr_class = true;
      } else if (key == "total_sv") {
        total_sv = integer(one_value(tokens), 0, std::int64_t{1} << 40);
        saw_total = true;
      } else if (key == "rho") {
        data.rho = numbers(tokens);
      } else if (key == "label") {
        // LIBSVM writes class labels with %d: anything else cannot be written back.
        for (std::size_t t = 1; t < tokens.size(); ++t) {
          data.labels.push_back(static_cast<double>(integer(tokens[t], INT32_MIN, INT32_MAX)));
        }
      } else if (key == "probA") {
        data.prob_a = numbers(tokens);
      } else if (key == "probB") {
        data.prob_b = numbers(tokens);
      } else if (key == "prob_density_marks") {  // LIBSVM 3.3x one-class probabilities
        data.prob_density_marks = numbers(tokens);
      } else if (key == "nr_sv") {
        for (std::size_t t = 1; t < tokens.size(); ++t) {
          data.sv_per_class.push_back(static_cast<int>(integer(tokens[t], 0, 1 << 30)));
        }
      } else {
        fail(tokens[0].column, "unknown model-file keyword '" + key + "'");
      }
    }
    if (!saw_type) fail(0, "missing 'svm_type' line");
    if (!saw_kernel) fail(0, "missing 'kernel_type' line");
    if (!saw_nr_class) fail(0, "missing 'nr_class' line");
    if (!saw_total) fail(0, "missing 'total_sv' line");
    read_support_vectors(data, total_sv);
    try {
      return Model(std::move(data));
    } catch (const InvalidArgument& error) {
      fail(0, error.what());
    }
  }

 private:
  bool next_line(std::vector<Token>& tokens) {
    if (!std::getline(in_, line_)) return false;
    ++line_number_;
    tokens = split(line_);
    return true;
  }

  [[noreturn]] void fail(std::size_t column, const std::string& message) const {
    throw ParseError(name_, line_number_, column, message);
  }

  const Token& one_value(const std::vector<Token>& tokens) const {
    if (tokens.size() != 2) {
      fail(tokens[0].column, "'" + std::string(tokens[0].text) + "' takes exactly one value");
    }
    return tokens[1];
  }

  template <typename Enum>
  Enum parse_enum(const std::vector<Token>& tokens, Enum (*from_string)(const std::string&)) const {
    const Token& value = one_value(tokens);
    try {
      return from_string(std::string(value.text));
    } catch (const InvalidArgument& error) {
      fail(value.column, error.what());
    }
  }

  double number(const Token& token) const {
    double value = 0;
    const char* end = token.text.data() + token.text.size();
    const auto result = fast_float::from_chars(token.text.data(), end, value);
    if (result.ec != std::errc() || result.ptr != end) {
      fail(token.column, "'" + std::string(token.text) + "' is not a number");
    }
    if (!std::isfinite(value)) {
      fail(token.column, "'" + std::string(token.text) + "' is not a finite number");
    }
    return value;
  }

  std::int64_t integer(const Token& token, std::int64_t low, std::int64_t high) const {
    std::int64_t value = 0;
    const char* end = token.text.data() + token.text.size();
    const auto result = std::from_chars(token.text.data(), end, value);
    if (result.ec != std::errc() || result.ptr != end || value < low || value > high) {
      fail(token.column, "'" + std::string(token.text) + "' is not an integer in [" +
                             std::to_string(low) + ", " + std::to_string(high) + "]");
    }
    return value;
  }

  std::vector<double> numbers(const std::vector<Token>& tokens) const {
    std::vector<double> values;
    for (std::size_t t = 1; t < tokens.size(); ++t) values.push_back(number(tokens[t]));
    return values;
  }

  // Each line: n_classes - 1 coefficients, then index:value pairs (ascending indices from 1;
  // for a precomputed kernel the single pair 0:serial). Storage grows with the lines actually
  // read, so a total_sv far beyond the file's length is refused as truncation, not allocated.
  void read_support_vectors(ModelData& data, Index total_sv) {
    const Index n_coefficients = data.n_classes - 1;
    const bool precomputed = data.kernel.type == KernelType::precomputed;
    std::vector<double> coefficients;  // SV-major: n_coefficients per support vector
    std::vector<std::vector<std::pair<Index, double>>> rows;
    Index dimension = 0;
    std::vector<Token> tokens;
    for (Index s = 0; s < total_sv; ++s) {
      if (!next_line(tokens)) {
        fail(0, "expected " + std::to_string(total_sv) + " support vectors, found " +
                    std::to_string(s) + " (truncated model?)");
      }
      if (static_cast<Index>(tokens.size()) < n_coefficients) {
        fail(0, "expected " + std::to_string(n_coefficients) + " coefficients, found " +
                    std::to_string(tokens.size()));
      }
      for (Index c = 0; c < n_coefficients; ++c) coefficients.push_back(number(tokens[c]));
      rows.emplace_back();
      Index previous = precomputed ? -1 : 0;
      for (std::size_t t = static_cast<std::size_t>(n_coefficients); t < tokens.size(); ++t) {
        const Token& token = tokens[t];
        const std::size_t colon = token.text.find(':');
        if (colon == std::string_view::npos) {
          fail(token.column, "expected index:value, found '" + std::string(token.text) + "'");
        }
        const Token index_token{token.text.substr(0, colon), token.column};
        const Token value_token{token.text.substr(colon + 1), token.column + colon + 1};
        const Index index = integer(index_token, 0, detail::max_sparse_features);
        if (index <= previous) {
          fail(token.column, "feature indices must be ascending and >= 1 (" +
                                 std::to_string(index) + " after " + std::to_string(previous) +
                                 ")");
        }
        if (precomputed && index != 0) {
          fail(token.column, "a precomputed-kernel support vector is the single pair 0:serial");
        }
        previous = index;
        const double value = precomputed ? static_cast<double>(integer(value_token, 1, INT32_MAX))
                                         : number(value_token);
        rows.back().emplace_back(index, value);
        dimension = std::max(dimension, index);
      }
      if (precomputed && rows.back().empty()) {
        fail(0, "a precomputed-kernel support vector needs its 0:serial pair");
      }
    }
    if (next_line(tokens) && !tokens.empty()) {
      fail(tokens[0].column, "more lines than total_sv = " + std::to_string(total_sv));
    }
    const Index width = precomputed ? 1 : dimension;
    data.coefficients.resize(n_coefficients, total_sv);
    for (Index s = 0; s < total_sv; ++s) {
      for (Index c = 0; c < n_coefficients; ++c) {
        data.coefficients(c, s) = coefficients[static_cast<std::size_t>(s * n_coefficients + c)];
      }
    }
    // Support vectors are kept as LIBSVM keeps them (sparse) unless dense storage is the
    // better choice for their shape; a precomputed kernel's serial numbers are one dense column.
    std::vector<std::int64_t> offsets{0};
    std::vector<std::int32_t> indices;
    std::vector<double> values;
    for (const auto& row : rows) {
      for (const auto& [index, value] : row) {
        indices.push_back(static_cast<std::int32_t>(precomputed ? 0 : index - 1));
        values.push_back(value);
      }
      offsets.push_back(static_cast<std::int64_t>(indices.size()));
    }
    SparseRows sparse(width, std::move(offsets), std::move(indices), std::move(values));
    const Storage storage =
        precomputed ? Storage::dense : choose_storage(total_sv, width, sparse.nonzeros());
    if (storage == Storage::dense &&
        detail::exceeds_dense_limit(static_cast<std::size_t>(total_sv),
                                    static_cast<std::size_t>(width))) {
      fail(0, detail::dense_limit_message(static_cast<std::size_t>(total_sv),
                                          static_cast<std::size_t>(width)));
    }
    if (storage == Storage::dense) {
      data.support_vectors = sparse.to_dense();
    } else {
      data.support_vectors = std::move(sparse);
    }
  }

  std::istream& in_;
  std::string name_;
  std::string line_;
  std::size_t line_number_ = 0;
};

void write_sidecar(const Model& model, const std::string& model_text_value, std::ostream& out) {
  const ModelData& m = model.data();
  nlohmann::json sidecar;
  sidecar["format"] = "rbfsvm model sidecar";
  sidecar["version"] = 1;
  sidecar["model_fingerprint"] = model_fingerprint(model_text_value);
  sidecar["n_features"] = m.n_features;
  if (!m.class_names.empty()) sidecar["class_names"] = m.class_names;
  if (!m.feature_names.empty()) sidecar["feature_names"] = m.feature_names;
  if (m.sigma) sidecar["sigma"] = *m.sigma;
  if (!m.prob_density_marks.empty()) sidecar["prob_density_marks"] = m.prob_density_marks;
  // Which training rows the support vectors are (LIBSVM's sv_indices, not in its file format),
  // and how they were stored, so that a model read back computes with the same arithmetic.
  if (!m.sv_indices.empty()) sidecar["sv_indices"] = m.sv_indices;
  if (m.support_vectors.is_sparse()) sidecar["support_vector_storage"] = "sparse";
  if (m.scaling) {
    const Scaling& scaling = *m.scaling;
    nlohmann::json s;
    s["kind"] = scaling.kind == ScalingKind::min_max   ? "min_max"
                : scaling.kind == ScalingKind::z_score ? "z_score"
                                                       : "max_abs";
    s["lower"] = scaling.lower;
    s["upper"] = scaling.upper;
    s["first"] = scaling.first;
    s["second"] = scaling.second;
    sidecar["scaling"] = s;
  }
  out << sidecar.dump(2) << '\n';
}

// Reads the sidecar text from `in`; `path` names it in messages.
void apply_sidecar(ModelData& data, std::istream& in, const std::string& path,
                   const std::string& model_text_value) {
  nlohmann::json sidecar;
  try {
    sidecar = nlohmann::json::parse(in);
    if (sidecar.value("format", "") != "rbfsvm model sidecar") {
      throw ParseError(path, 0, 0, "not an rbfsvm model sidecar");
    }
    if (sidecar.at("model_fingerprint").get<std::string>() != model_fingerprint(model_text_value)) {
      throw ParseError(path, 0, 0,
                       "this sidecar was written for a different model file (the model was "
                       "replaced after it was saved); delete the sidecar or retrain");
    }
    if (sidecar.contains("n_features")) {
      const nlohmann::json& n = sidecar.at("n_features");
      if (!n.is_number_integer() || n.get<std::int64_t>() < 0 ||
          n.get<std::int64_t>() > static_cast<std::int64_t>(detail::max_sparse_features)) {
        throw ParseError(path, 0, 0,
                         "'n_features' must be an integer in [0, " +
                             std::to_string(detail::max_sparse_features) + "], got " + n.dump());
      }
      data.n_features = n.get<Index>();
    }
    data.class_names = sidecar.value("class_names", std::vector<std::string>{});
    data.feature_names = sidecar.value("feature_names", std::vector<std::string>{});
    if (sidecar.contains("sigma")) data.sigma = sidecar.at("sigma").get<double>();
    if (sidecar.contains("prob_density_marks")) {
      data.prob_density_marks = sidecar.at("prob_density_marks").get<std::vector<double>>();
    }
    if (sidecar.contains("sv_indices")) {
      data.sv_indices = sidecar.at("sv_indices").get<std::vector<int>>();
      if (static_cast<Index>(data.sv_indices.size()) != data.support_vectors.rows()) {
        throw ParseError(path, 0, 0,
                         "'sv_indices' has " + std::to_string(data.sv_indices.size()) +
                             " entries for " + std::to_string(data.support_vectors.rows()) +
                             " support vectors");
      }
    }
    if (sidecar.value("support_vector_storage", "") == "sparse" &&
        !data.support_vectors.is_sparse()) {
      data.support_vectors = stored_as(data.support_vectors.ref(), Storage::sparse);
    }
    if (sidecar.contains("scaling")) {
      const nlohmann::json& s = sidecar.at("scaling");
      Scaling scaling;
      const std::string kind = s.at("kind").get<std::string>();
      if (kind != "min_max" && kind != "z_score" && kind != "max_abs") {
        throw ParseError(path, 0, 0, "unknown scaling kind '" + kind + "'");
      }
      scaling.kind = kind == "min_max"   ? ScalingKind::min_max
                     : kind == "z_score" ? ScalingKind::z_score
                                         : ScalingKind::max_abs;
      scaling.lower = s.at("lower").get<double>();
      scaling.upper = s.at("upper").get<double>();
      scaling.first = s.at("first").get<std::vector<double>>();
      scaling.second = s.at("second").get<std::vector<double>>();
      if (scaling.first.size() != scaling.second.size()) {
        throw ParseError(path, 0, 0, "scaling: 'first' and 'second' differ in length");
      }
      data.scaling = scaling;
    }
  } catch (const nlohmann::json::exception& error) {
    throw ParseError(path, 0, 0, std::string("malformed sidecar: ") + error.what());
  }
}

bool has_sidecar_content(const Model& model) {
  const ModelData& m = model.data();
  return !m.class_names.empty() || !m.feature_names.empty() || m.n_features > 0 || m.sigma ||
         m.scaling || !m.prob_density_marks.empty();
}

}  // namespace

void write_model(const Model& model, std::ostream& out) {
  const ModelData& m = model.data();
  const Kernel& k = m.kernel;
  out << "svm_type " << to_string(m.svm_type) << '\n';
  out << "kernel_type " << to_string(k.type) << '\n';
  if (k.type == KernelType::polynomial) out << "degree " << k.degree << '\n';
  if (k.type == KernelType::polynomial || k.type == KernelType::rbf ||
      k.type == KernelType::sigmoid) {
    out << "gamma " << shortest_text(k.gamma) << '\n';
  }
  if (k.type == KernelType::polynomial || k.type == KernelType::sigmoid) {
    out << "coef0 " << shortest_text(k.coef0) << '\n';
  }
  out << "nr_class " << m.n_classes << '\n';
  out << "total_sv " << m.support_vectors.rows() << '\n';
  out << "rho";
  for (double r : m.rho) out << ' ' << shortest_text(r);
  out << '\n';
  if (!m.labels.empty()) {
    out << "label";
    for (double label : m.labels) out << ' ' << format_label(label);
    out << '\n';
  }
  if (!m.prob_a.empty()) {
    out << "probA";
    for (double a : m.prob_a) out << ' ' << shortest_text(a);
    out << '\n';
  }
  if (!m.prob_b.empty()) {
    out << "probB";
    for (double b : m.prob_b) out << ' ' << shortest_text(b);
    out << '\n';
  }
  if (!m.sv_per_class.empty()) {
    out << "nr_sv";
    for (int count : m.sv_per_class) out << ' ' << count;
    out << '\n';
  }
  out << "SV\n";
  for (Index s = 0; s < m.support_vectors.rows(); ++s) {
    for (Index c = 0; c < m.coefficients.rows(); ++c) {
      out << shortest_text(m.coefficients(c, s)) << ' ';
    }
    if (k.type == KernelType::precomputed) {
      out << "0:" << static_cast<long long>(m.support_vectors.dense()(s, 0)) << ' ';
    } else if (m.support_vectors.is_sparse()) {
      // The stored entries, explicit zeros included, as LIBSVM writes its svm_node lists.
      const SparseRows::Row row = m.support_vectors.sparse().row(s);
      for (Index e = 0; e < row.size; ++e)
        out << row.indices[e] + 1 << ':' << shortest_text(row.values[e]) << ' ';
    } else {
      // Sparse: zero features are left out, as LIBSVM writes them.
      const RowMatrix<double>& svs = m.support_vectors.dense();
      for (Index f = 0; f < svs.cols(); ++f) {
        const double value = svs(s, f);
        if (value != 0) out << f + 1 << ':' << shortest_text(value) << ' ';
      }
    }
    out << '\n';
  }
}

Model read_model(std::istream& in, const std::string& name) {
  return ModelParser(in, name).parse();
}

std::string sidecar_path(const std::string& model_path) { return model_path + ".json"; }

void save_model(const Model& model, const std::string& path) {
  const std::string text = model_text(model);
  const std::string sidecar = sidecar_path(path);
  // A directory in the model's place would make the final rename fail after the sidecar had
  // been written: refuse before anything is.
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    throw IoError("cannot write '" + path + "': " + std::strerror(EISDIR));
  }
  // The model's temporary file is complete before the sidecar is touched, and the sidecar is in
  // place before the model's rename: a failure while writing leaves the existing files as they
  // were, and an orphan sidecar (should the last rename fail) is refused by its fingerprint.
  const bool with_sidecar = has_sidecar_content(model);
  write_file_atomically(path, [&](const std::string& temp) {
    {
      std::ofstream out(temp, std::ios::binary | std::ios::trunc);
      if (!out) throw IoError("cannot write '" + path + "': " + std::strerror(errno));
      out << text;
      out.flush();
      if (!out) throw IoError("cannot write '" + path + "': write failed (disk full?)");
    }
    if (with_sidecar) {
      write_text_atomically(sidecar, [&](std::ostream& out) { write_sidecar(model, text, out); });
    }
  });
  // Only now that the new model is in place: a sidecar left from an earlier model.
  if (!with_sidecar) std::remove(sidecar.c_str());
}

Model load_model(const std::string& path) {
  // A directory opens as a stream that reads nothing: say what it is, not "truncated model".
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    throw IoError("cannot read model '" + path + "': " + std::strerror(EISDIR));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot read model '" + path + "': " + std::strerror(errno));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw IoError("cannot read model '" + path + "': read error (is it a directory?)");
  const std::string text = buffer.str();
  std::istringstream stream(text);
  Model parsed = read_model(stream, path);
  const std::string sidecar = sidecar_path(path);
  std::ifstream sidecar_in(sidecar, std::ios::binary);
  if (!sidecar_in) return parsed;
  ModelData data = parsed.data();
  apply_sidecar(data, sidecar_in, sidecar, text);
  return Model(std::move(data));
}

ModelTexts model_to_texts(const Model& model) {
  ModelTexts texts;
  texts.model = model_text(model);
  if (has_sidecar_content(model)) {
    std::ostringstream out;
    write_sidecar(model, texts.model, out);
    texts.sidecar = out.str();
  }
  return texts;
}

Model model_from_texts(const ModelTexts& texts, const std::string& name) {
  std::istringstream stream(texts.model);
  Model parsed = read_model(stream, name);
  if (texts.sidecar.empty()) return parsed;
  ModelData data = parsed.data();
  std::istringstream sidecar_in(texts.sidecar);
  apply_sidecar(data, sidecar_in, sidecar_path(name), texts.model);
  return Model(std::move(data));
}

std::string model_fingerprint(const std::string& model_text) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a, 64 bit
  for (unsigned char c : model_text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

}  // namespace rbfsvm
