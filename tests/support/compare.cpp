#include "support/compare.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "support/libsvm_oracle.hpp"

namespace rbfsvm::test {
namespace {

// sv index (1-based training row) -> its coefficients.
std::map<int, std::vector<double>> coefficients_by_index(const ModelData& model) {
  std::map<int, std::vector<double>> result;
  for (Index s = 0; s < model.coefficients.cols(); ++s) {
    std::vector<double> column;
    for (Index c = 0; c < model.coefficients.rows(); ++c) column.push_back(model.coefficients(c, s));
    result[model.sv_indices[s]] = column;
  }
  return result;
}

double largest_magnitude(const std::vector<double>& values) {
  double largest = 0;
  for (double v : values) largest = std::max(largest, std::fabs(v));
  return largest;
}

void compare_with_libsvm(const Dataset& train, PointsRef held_out,
                         const TrainOptions& options, const Agreement& agreement,
                         const svm_model& libsvm_model) {
  TrainReport report;
  const Model ours = rbfsvm::train(train, options, &report);
  const bool precomputed = options.kernel.type == KernelType::precomputed;
  const svm_model* libsvm = &libsvm_model;
  const ModelData theirs = model_data_from_libsvm(
      *libsvm, static_cast<Index>(train.n_features()),
      train.is_sparse() && !precomputed ? Storage::sparse : Storage::dense);
  const ModelData& mine = ours.data();

  REQUIRE(mine.n_classes == theirs.n_classes);
  CHECK(mine.labels == theirs.labels);
  REQUIRE(mine.rho.size() == theirs.rho.size());
  for (std::size_t p = 0; p < mine.rho.size(); ++p) {
    INFO("pair " << p);
    CHECK(std::fabs(mine.rho[p] - theirs.rho[p]) <= agreement.rho);
  }

  if (!precomputed) {
    const auto our_objectives = dual_objectives(mine, train.labels, options.epsilon);
    const auto their_objectives = dual_objectives(theirs, train.labels, options.epsilon);
    REQUIRE(our_objectives.size() == report.subproblems.size());
    for (std::size_t p = 0; p < our_objectives.size(); ++p) {
      INFO("pair " << p << ": ours " << our_objectives[p] << " LIBSVM " << their_objectives[p]);
      const double scale = std::max(1.0, std::fabs(their_objectives[p]));
      CHECK(std::fabs(our_objectives[p] - their_objectives[p]) <=
            agreement.objective_relative * scale);
      // The solver's own objective agrees with the one recomputed from the model.
      CHECK(std::fabs(report.subproblems[p].objective - our_objectives[p]) <= 1e-5 * scale);
    }
  }

  // The same support vectors, except alphas at the edge of the tolerance.
  const auto our_svs = coefficients_by_index(mine);
  const auto their_svs = coefficients_by_index(theirs);
  if (agreement.same_sv_indices) {
    const double allowed = agreement.sv_alpha * options.C;
    int differing = 0;
    for (const auto& [index, coefficients] : our_svs) {
      if (their_svs.count(index) == 0) {
        INFO("SV " << index << " only in rbfsvm");
        CHECK(largest_magnitude(coefficients) <= allowed);
        ++differing;
      }
    }
    for (const auto& [index, coefficients] : their_svs) {
      if (our_svs.count(index) == 0) {
        INFO("SV " << index << " only in LIBSVM");
        CHECK(largest_magnitude(coefficients) <= allowed);
        ++differing;
      }
    }
    CHECK(differing <= std::max<int>(1, static_cast<int>(their_svs.size()) / 100));
  } else {
    INFO("support vectors: ours " << our_svs.size() << ", LIBSVM " << their_svs.size());
    CHECK(std::fabs(static_cast<double>(our_svs.size()) - static_cast<double>(their_svs.size())) <=
          std::max(2.0, agreement.sv_count_relative * static_cast<double>(their_svs.size())));
  }

  // Decision values and predictions on held-out points.
  const RowMatrix<double> our_values = held_out.is_sparse() ? ours.decision_values(held_out.sparse())
                                                             : ours.decision_values(held_out.dense());
  const RowMatrix<double> their_values = libsvm_decision_values(*libsvm, held_out);
  REQUIRE(our_values.rows() == their_values.rows());
  REQUIRE(our_values.cols() == their_values.cols());
  CHECK((our_values - their_values).cwiseAbs().maxCoeff() <= agreement.decision_values);
  const std::vector<double> predictions =
      held_out.is_sparse() ? ours.predict(held_out.sparse()) : ours.predict(held_out.dense());
  const std::vector<double> their_predictions = libsvm_predictions(*libsvm, held_out);
  int mismatches = 0;
  const bool regression = !is_classification(options.svm_type) &&
                          options.svm_type != SvmType::one_class;
  for (Index i = 0; i < held_out.rows(); ++i) {
    const bool same = regression ? std::fabs(predictions[i] - their_predictions[i]) <=
                                       agreement.decision_values
                                 : predictions[i] == their_predictions[i];
    if (!same) ++mismatches;
  }
  CHECK(mismatches <= agreement.prediction_mismatches * static_cast<double>(held_out.rows()));
}

}  // namespace

TrainOptions tight(SvmType type, double gamma) {
  TrainOptions options;
  options.svm_type = type;
  options.kernel = Kernel::rbf(gamma);
  options.tolerance = 1e-6;
  return options;
}

Agreement fast_path_agreement(const Agreement& exact) {
  Agreement fast;
  fast.objective_relative = std::max(exact.objective_relative, 1e-4);
  fast.rho = std::max(exact.rho, 1e-3);
  fast.decision_values = std::max(exact.decision_values, 1e-3);
  fast.sv_alpha = std::max(exact.sv_alpha, 1e-3);
  fast.prediction_mismatches = std::max(exact.prediction_mismatches, 0.005);
  fast.same_sv_indices = false;
  return fast;
}

void expect_same_as_libsvm(const Dataset& train, PointsRef held_out,
                           const TrainOptions& options, const Agreement& agreement) {
  const bool precomputed = options.kernel.type == KernelType::precomputed;
  const LibsvmProblem problem(train.points(), train.labels, precomputed);
  const LibsvmModel libsvm = train_libsvm(problem, libsvm_parameters(options));
  TrainOptions exact = options;
  exact.kernel_evaluation = KernelEvaluation::exact;
  {
    INFO("exact kernel evaluation");
    compare_with_libsvm(train, held_out, exact, agreement, *libsvm);
  }
  if (!precomputed) {
    TrainOptions fast = options;
    fast.kernel_evaluation = KernelEvaluation::fast;
    INFO("fast kernel evaluation");
    compare_with_libsvm(train, held_out, fast, fast_path_agreement(agreement), *libsvm);
  }
}

}  // namespace rbfsvm::test
