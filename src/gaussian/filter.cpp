#include "rbfsvm/gaussian/filter.hpp"

#include <cmath>
#include <sstream>
#include <string>

#include "rbfsvm/core/error.hpp"

namespace rbfsvm {
namespace {

void check_sigma(double sigma) {
  if (!std::isfinite(sigma) || sigma <= 0.0) {
    std::ostringstream message;
    message << "sigma must be a finite number > 0, got " << sigma;
    throw InvalidArgument(message.str());
  }
}

void check_size(int size) {
  if (size < 1 || size > max_gaussian_kernel_size) {
    throw InvalidArgument("kernel size must be between 1 and " +
                          std::to_string(max_gaussian_kernel_size) + ", got " +
                          std::to_string(size));
  }
}

}  // namespace

int gaussian_kernel_size(double sigma) {
  check_sigma(sigma);
  const double size = 2.0 * std::ceil(3.0 * sigma) + 1.0;
  if (size > max_gaussian_kernel_size) {
    std::ostringstream message;
    message << "sigma " << sigma << " needs a kernel of size " << size << ", more than the "
            << max_gaussian_kernel_size << " allowed; give a smaller sigma";
    throw InvalidArgument(message.str());
  }
  return static_cast<int>(size);
}

Eigen::VectorXd gaussian_kernel_1d(int size, double sigma) {
  check_size(size);
  check_sigma(sigma);
  const double centre = (size - 1) / 2.0;
  // Exponents are taken relative to the largest (the tap nearest the centre), so that tap is 1
  // and the sum stays >= 1 even when a tiny sigma would underflow every raw exp() to 0.
  const double nearest = size % 2 == 1 ? 0.0 : 0.5;
  Eigen::VectorXd taps(size);
  for (int i = 0; i < size; ++i) {
    const double offset = i - centre;
    taps(i) = std::exp(-(offset * offset - nearest * nearest) / (2.0 * sigma * sigma));
  }
  return taps / taps.sum();
}

Eigen::VectorXd gaussian_kernel_1d(double sigma) {
  return gaussian_kernel_1d(gaussian_kernel_size(sigma), sigma);
}

Eigen::MatrixXd gaussian_kernel(int size, double sigma) {
  const Eigen::VectorXd taps = gaussian_kernel_1d(size, sigma);
  // exp(-(a^2 + b^2)/(2 sigma^2)) = exp(-a^2/(2 sigma^2)) exp(-b^2/(2 sigma^2)), and the
  // normalizing sum factors the same way, so the 2-D kernel is the outer product.
  return taps * taps.transpose();
}

Eigen::MatrixXd gaussian_kernel(double sigma) {
  return gaussian_kernel(gaussian_kernel_size(sigma), sigma);
}

}  // namespace rbfsvm
