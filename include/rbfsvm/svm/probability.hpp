// Probability outputs for SVMs, as LIBSVM computes them (Chang & Lin 2011, §8):
//  - binary: Platt's sigmoid P(y = 1 | f) = 1 / (1 + exp(A f + B)) fitted to cross-validated
//    decision values by the Newton method with backtracking of Lin, Lin & Weng (2007),
//    "A note on Platt's probabilistic outputs for support vector machines";
//  - multiclass: the pairwise probabilities r_ij coupled into p by method 2 of Wu, Lin & Weng
//    (2004), "Probability estimates for multi-class classification by pairwise coupling";
//  - regression: residuals modelled as Laplace(0, sigma), sigma fitted to cross-validated
//    residuals with outliers beyond 5 standard deviations left out;
//  - one-class: LIBSVM 3.3x's binning by density (Que & Lin): ten marks between quantiles of the
//    training decision values, five below 0 and five above, map a decision value to the
//    probability of being a normal point (not an outlier).
#pragma once

#include <Eigen/Core>
#include <vector>

namespace rbfsvm {

struct PlattSigmoid {
  double A = 0;
  double B = 0;
  // P(y = +1 | decision value f), computed without overflow for either sign of A f + B.
  double operator()(double decision_value) const;
};

// Fits A and B to decision values f_i with labels y_i in {+1, -1}; Platt's targets
// (N+ + 1) / (N+ + 2) and 1 / (N- + 2) regularize against overfitting. Throws InvalidArgument
// when the sizes differ or are 0.
PlattSigmoid fit_platt_sigmoid(const std::vector<double>& decision_values,
                               const std::vector<double>& labels);

// r(i, j) = P(class i | class i or j, x) for i != j (r(j, i) = 1 - r(i, j)); returns the class
// probabilities p, which sum to 1: the minimizer of sum_i sum_{j != i} (r_ji p_i - r_ij p_j)^2
// (Wu, Lin & Weng 2004, method 2), by their fixed-point iteration.
Eigen::VectorXd couple_pairwise_probabilities(const Eigen::MatrixXd& r);

// sigma of the Laplace model of SVR residuals z_i = y_i - f(x_i): the mean absolute residual
// after leaving out residuals beyond 5 standard deviations of a Laplace with the first estimate.
double fit_laplace_scale(const std::vector<double>& residuals);

// The ten marks from the decision values of the training points. Throws InvalidArgument when
// fewer than five values fall on either side of 0 (too few to bin).
std::vector<double> one_class_density_marks(std::vector<double> decision_values);
// P(normal | decision value): 0.001 below the first mark, 0.999 above the last, else i / 10
// for the first mark i it falls below.
double one_class_probability(const std::vector<double>& marks, double decision_value);

}  // namespace rbfsvm
