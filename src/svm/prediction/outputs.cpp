#include "svm/prediction/outputs.hpp"

#include <algorithm>

#include "core/threads.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/svm/probability.hpp"
#include "svm/prediction/decision_stream.hpp"

namespace rbfsvm::detail {
namespace {

Index n_decision_values(const ModelData& m) {
  return is_classification(m.svm_type) ? static_cast<Index>(m.n_classes) * (m.n_classes - 1) / 2
                                       : 1;
}

// Runs f(point, row of decision values) for every point, block by block, the points of a block
// spread over the threads (each point's work is its own: any thread count gives the same).
template <typename PerPoint>
void for_each_point(const Model& model, const TestPoints& X, ThreadOptions threads,
                    BlockShape forced, PerPoint&& f) {
  const BlockPlan plan = plan_prediction(model, X, forced);
  stream_decision_values(model, X, plan, threads, [&](Index first, const RowMatrix<double>& values) {
    constexpr Index points_per_task = 256;
    const Index tasks = (values.rows() + points_per_task - 1) / points_per_task;
    parallel_for(tasks, threads.n_threads, [&](Index task) {
      const Index end = std::min(values.rows(), (task + 1) * points_per_task);
      for (Index i = task * points_per_task; i < end; ++i) f(first + i, values.row(i).data());
    });
  });
}

}  // namespace

RowMatrix<double> decision_values(const Model& model, const TestPoints& X, ThreadOptions threads,
                                  BlockShape forced) {
  RowMatrix<double> out(X.rows(), n_decision_values(model.data()));
  const BlockPlan plan = plan_prediction(model, X, forced);
  stream_decision_values(model, X, plan, threads, [&](Index first, const RowMatrix<double>& values) {
    out.middleRows(first, values.rows()) = values;
  });
  return out;
}

std::vector<double> predicted_labels(const Model& model, const TestPoints& X,
                                     ThreadOptions threads, BlockShape forced) {
  std::vector<double> labels(static_cast<std::size_t>(X.rows()));
  for_each_point(model, X, threads, forced, [&](Index point, const double* values) {
    labels[static_cast<std::size_t>(point)] = model.label_from_decision_values(values);
  });
  return labels;
}

RowMatrix<double> class_probabilities(const Model& model, const TestPoints& X,
                                      ThreadOptions threads, BlockShape forced) {
  const ModelData& m = model.data();
  const bool one_class = m.svm_type == SvmType::one_class && !m.prob_density_marks.empty();
  if (!one_class && (!is_classification(m.svm_type) || m.prob_a.empty())) {
    throw InvalidArgument("the model has no class-probability model: train a C-SVC or nu-SVC "
                          "with probability outputs (-b 1)");
  }
  RowMatrix<double> probabilities(X.rows(), one_class ? 2 : m.n_classes);
  for_each_point(model, X, threads, forced, [&](Index point, const double* values) {
    probabilities_from_decision_values(m, values, probabilities.row(point).data());
  });
  return probabilities;
}

void probabilities_from_decision_values(const ModelData& m, const double* values, double* out) {
  if (m.svm_type == SvmType::one_class) {
    out[0] = one_class_probability(m.prob_density_marks, values[0]);
    out[1] = 1 - out[0];
    return;
  }
  const int k = m.n_classes;
  // Pairwise probabilities kept away from 0 and 1 so the coupling stays well-posed (LIBSVM).
  constexpr double floor = 1e-7;
  Eigen::MatrixXd r = Eigen::MatrixXd::Zero(k, k);
  Index pair = 0;
  for (int i = 0; i < k; ++i) {
    for (int j = i + 1; j < k; ++j, ++pair) {
      const PlattSigmoid sigmoid{m.prob_a[pair], m.prob_b[pair]};
      r(i, j) = std::min(std::max(sigmoid(values[pair]), floor), 1 - floor);
      r(j, i) = 1 - r(i, j);
    }
  }
  if (k == 2) {
    out[0] = r(0, 1);
    out[1] = r(1, 0);
    return;
  }
  const Eigen::VectorXd p = couple_pairwise_probabilities(r);
  std::copy(p.data(), p.data() + k, out);
}

}  // namespace rbfsvm::detail
