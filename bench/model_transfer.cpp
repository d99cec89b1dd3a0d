#include "model_transfer.hpp"

#include <cstdint>
#include <vector>

namespace rbfsvm::bench {
namespace {

// Points: a sparse flag, rows, columns, then rows x cols doubles (dense), or the non-zero
// count and the offsets, indices and values arrays (sparse).
void send_points_header(PipeWriter& out, bool sparse, Index rows, Index cols) {
  out.value(static_cast<char>(sparse));
  out.value(static_cast<std::int64_t>(rows));
  out.value(static_cast<std::int64_t>(cols));
}

template <class T>
void send_array(PipeWriter& out, const std::vector<T>& values) {
  out.bytes(values.data(), values.size() * sizeof(T));
}

void send_points(PipeWriter& out, PointsRef points) {
  send_points_header(out, points.is_sparse(), points.rows(), points.cols());
  if (points.is_sparse()) {
    const SparseRows& X = points.sparse();
    out.value(X.nonzeros());
    send_array(out, X.offsets());
    send_array(out, X.indices());
    send_array(out, X.values());
  } else {
    const RowMatrix<double>& X = points.dense();
    out.bytes(X.data(), static_cast<std::size_t>(X.size()) * sizeof(double));
  }
}

template <class T>
std::vector<T> receive_array(MessageReader& in, std::size_t size) {
  std::vector<T> values(size);
  in.bytes(values.data(), size * sizeof(T));
  return values;
}

PointSet receive_points(MessageReader& in) {
  const bool sparse = in.value<char>() != 0;
  const auto rows = static_cast<Index>(in.value<std::int64_t>());
  const auto cols = static_cast<Index>(in.value<std::int64_t>());
  if (sparse) {
    const auto nonzeros = static_cast<std::size_t>(in.value<std::int64_t>());
    auto offsets = receive_array<std::int64_t>(in, static_cast<std::size_t>(rows) + 1);
    auto indices = receive_array<std::int32_t>(in, nonzeros);
    auto values = receive_array<double>(in, nonzeros);
    return SparseRows(cols, std::move(offsets), std::move(indices), std::move(values));
  }
  RowMatrix<double> X(rows, cols);
  in.bytes(X.data(), static_cast<std::size_t>(X.size()) * sizeof(double));
  return X;
}

// LIBSVM's SVs (node lists ending at index -1) as points, streamed: a walk per array.
void send_libsvm_points(PipeWriter& out, const svm_model& model, Index d, bool sparse) {
  send_points_header(out, sparse, model.l, d);
  const auto each_node = [&](auto&& visit) {
    for (int s = 0; s < model.l; ++s) {
      for (const svm_node* node = model.SV[s]; node->index != -1; ++node) visit(s, *node);
    }
  };
  if (sparse) {
    std::vector<std::int64_t> offsets(static_cast<std::size_t>(model.l) + 1, 0);
    each_node([&](int s, const svm_node&) { ++offsets[static_cast<std::size_t>(s) + 1]; });
    for (std::size_t s = 1; s < offsets.size(); ++s) offsets[s] += offsets[s - 1];
    out.value(offsets.back());
    send_array(out, offsets);
    each_node(
        [&](int, const svm_node& node) { out.value(static_cast<std::int32_t>(node.index - 1)); });
    each_node([&](int, const svm_node& node) { out.value(node.value); });
    return;
  }
  std::vector<double> dense(static_cast<std::size_t>(d));
  for (int s = 0; s < model.l; ++s) {
    std::fill(dense.begin(), dense.end(), 0.0);
    for (const svm_node* node = model.SV[s]; node->index != -1; ++node) {
      dense[static_cast<std::size_t>(node->index - 1)] = node->value;
    }
    send_array(out, dense);
  }
}

}  // namespace

void send_model(PipeWriter& out, const ModelData& m) {
  out.value(static_cast<std::int64_t>(m.n_classes));
  out.value(m.kernel.gamma);
  send_array(out, m.labels);
  send_array(out, m.sv_per_class);
  send_array(out, m.rho);
  send_points(out, m.support_vectors.ref());
  out.bytes(m.coefficients.data(),
            static_cast<std::size_t>(m.coefficients.size()) * sizeof(double));
}

void send_libsvm_model(PipeWriter& out, const svm_model& model, Index d, bool sparse) {
  const int k = model.nr_class;
  out.value(static_cast<std::int64_t>(k));
  out.value(model.param.gamma);
  for (int c = 0; c < k; ++c) out.value(static_cast<double>(model.label[c]));
  out.bytes(model.nSV, static_cast<std::size_t>(k) * sizeof(int));
  out.bytes(model.rho, static_cast<std::size_t>(k * (k - 1) / 2) * sizeof(double));
  send_libsvm_points(out, model, d, sparse);
  for (int c = 0; c + 1 < k; ++c) {
    out.bytes(model.sv_coef[c], static_cast<std::size_t>(model.l) * sizeof(double));
  }
}

ModelData receive_model(MessageReader& in) {
  ModelData m;
  m.n_classes = static_cast<int>(in.value<std::int64_t>());
  m.kernel = Kernel::rbf(in.value<double>());
  const auto k = static_cast<std::size_t>(m.n_classes);
  m.labels = receive_array<double>(in, k);
  m.sv_per_class = receive_array<int>(in, k);
  m.rho = receive_array<double>(in, k * (k - 1) / 2);
  m.support_vectors = receive_points(in);
  m.coefficients.resize(m.n_classes - 1, m.support_vectors.rows());
  in.bytes(m.coefficients.data(), static_cast<std::size_t>(m.coefficients.size()) * sizeof(double));
  m.n_features = m.support_vectors.cols();
  return m;
}

}  // namespace rbfsvm::bench
