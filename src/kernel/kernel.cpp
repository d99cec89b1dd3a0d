#include "rbfsvm/kernel/kernel.hpp"

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/core/format.hpp"

namespace rbfsvm {

std::string to_string(KernelType type) {
  switch (type) {
    case KernelType::linear: return "linear";
    case KernelType::polynomial: return "polynomial";
    case KernelType::rbf: return "rbf";
    case KernelType::sigmoid: return "sigmoid";
    case KernelType::precomputed: return "precomputed";
  }
  return "unknown";
}

KernelType kernel_type_from_string(const std::string& name) {
  for (KernelType type : {KernelType::linear, KernelType::polynomial, KernelType::rbf,
                          KernelType::sigmoid, KernelType::precomputed}) {
    if (to_string(type) == name) return type;
  }
  throw InvalidArgument("unknown kernel type '" + name +
                        "' (expected linear, polynomial, rbf, sigmoid or precomputed)");
}

double gamma_from_sigma(double sigma) {
  if (!std::isfinite(sigma) || sigma <= 0.0) {
    throw InvalidArgument("sigma must be a finite number > 0, got " + six_digits(sigma));
  }
  const double gamma = 1.0 / (2.0 * sigma * sigma);
  if (!std::isfinite(gamma) || gamma <= 0.0) {
    throw InvalidArgument("sigma " + six_digits(sigma) + " gives gamma = 1/(2 sigma^2) = " +
                          six_digits(gamma) + ", outside the representable range");
  }
  return gamma;
}

double sigma_from_gamma(double gamma) {
  if (!std::isfinite(gamma) || gamma <= 0.0) {
    throw InvalidArgument("gamma must be a finite number > 0, got " + six_digits(gamma));
  }
  return std::sqrt(1.0 / (2.0 * gamma));
}

Kernel Kernel::rbf(double gamma) {
  Kernel kernel;
  kernel.type = KernelType::rbf;
  kernel.gamma = gamma;
  kernel.validate();
  return kernel;
}

Kernel Kernel::linear() {
  Kernel kernel;
  kernel.type = KernelType::linear;
  return kernel;
}

Kernel Kernel::polynomial(double gamma, double coef0, int degree) {
  Kernel kernel;
  kernel.type = KernelType::polynomial;
  kernel.gamma = gamma;
  kernel.coef0 = coef0;
  kernel.degree = degree;
  kernel.validate();
  return kernel;
}

Kernel Kernel::sigmoid(double gamma, double coef0) {
  Kernel kernel;
  kernel.type = KernelType::sigmoid;
  kernel.gamma = gamma;
  kernel.coef0 = coef0;
  kernel.validate();
  return kernel;
}

Kernel Kernel::precomputed() {
  Kernel kernel;
  kernel.type = KernelType::precomputed;
  return kernel;
}

void Kernel::validate() const {
  const bool uses_gamma = type == KernelType::rbf || type == KernelType::polynomial ||
                          type == KernelType::sigmoid;
  if (uses_gamma && !std::isfinite(gamma)) {
    throw InvalidArgument("gamma must be finite, got " + six_digits(gamma));
  }
  if (type == KernelType::rbf && gamma <= 0.0) {
    throw InvalidArgument("gamma must be > 0 for the rbf kernel, got " + six_digits(gamma));
  }
  if (!std::isfinite(coef0)) {
    throw InvalidArgument("coef0 must be finite, got " + six_digits(coef0));
  }
  if (type == KernelType::polynomial && degree < 0) {
    throw InvalidArgument("degree must be >= 0, got " + std::to_string(degree));
  }
}

}  // namespace rbfsvm
