// Kernel functions as small value types, with LIBSVM's definitions (Chang & Lin 2011, §2):
//   linear      K(x, y) = <x, y>
//   polynomial  K(x, y) = (gamma <x, y> + coef0)^degree
//   rbf         K(x, y) = exp(-gamma ||x - y||^2),  gamma = 1 / (2 sigma^2)
//   sigmoid     K(x, y) = tanh(gamma <x, y> + coef0)
//   precomputed the user supplies K itself.
// Every kernel is written as a function of <x, y>, |x|^2 and |y|^2, which lets the Gram builder
// compute whole blocks with one matrix product.
#pragma once

#include <cmath>
#include <string>

namespace rbfsvm {

// Numbering follows LIBSVM's kernel_type (-t) so model files and short flags carry over.
enum class KernelType { linear = 0, polynomial = 1, rbf = 2, sigmoid = 3, precomputed = 4 };

// LIBSVM's model-file spelling: "linear", "polynomial", "rbf", "sigmoid", "precomputed".
std::string to_string(KernelType type);
// Inverse of to_string; throws InvalidArgument for an unknown name.
KernelType kernel_type_from_string(const std::string& name);

// gamma = 1 / (2 sigma^2); throws InvalidArgument unless sigma is finite and > 0.
double gamma_from_sigma(double sigma);
// sigma = sqrt(1 / (2 gamma)); throws InvalidArgument unless gamma is finite and > 0.
double sigma_from_gamma(double gamma);

struct Kernel {
  KernelType type = KernelType::rbf;
  double gamma = 1.0;  // unused by linear and precomputed
  double coef0 = 0.0;  // polynomial and sigmoid
  int degree = 3;      // polynomial

  static Kernel rbf(double gamma);
  static Kernel rbf_from_sigma(double sigma) { return rbf(gamma_from_sigma(sigma)); }
  static Kernel linear();
  static Kernel polynomial(double gamma, double coef0, int degree);
  static Kernel sigmoid(double gamma, double coef0);
  static Kernel precomputed();

  // Throws InvalidArgument naming the offending value: gamma must be finite and > 0 for rbf
  // (finite for polynomial/sigmoid), coef0 finite, degree >= 0 (LIBSVM's checks, made strict).
  void validate() const;

  // K from the inner product and squared norms of the two points.
  double from_dot(double dot, double squared_norm_x, double squared_norm_y) const {
    switch (type) {
      case KernelType::linear:
        return dot;
      case KernelType::polynomial:
        return power(gamma * dot + coef0, degree);
      case KernelType::rbf: {
        // Round-off can make the expanded distance slightly negative; it is >= 0 in exact math.
        const double distance = squared_norm_x + squared_norm_y - 2.0 * dot;
        return std::exp(-gamma * (distance > 0.0 ? distance : 0.0));
      }
      case KernelType::sigmoid:
        return std::tanh(gamma * dot + coef0);
      case KernelType::precomputed:
        break;
    }
    return dot;
  }

  // base^exponent by repeated squaring, as LIBSVM's powi (exact for small integer powers).
  static double power(double base, int exponent) {
    double result = 1.0;
    for (int e = exponent; e > 0; e /= 2) {
      if (e % 2 == 1) result *= base;
      base *= base;
    }
    return result;
  }
};

}  // namespace rbfsvm
