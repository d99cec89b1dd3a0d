// The normalized Gaussian filter of image processing.
//
//   G[i, j] = exp(-((i - c)^2 + (j - c)^2) / (2 sigma^2)) / S,   c = (size - 1) / 2,
//
// where S makes the entries sum to 1 (so the 1 / (2 pi sigma^2) factor of the density cancels).
// The centre (size - 1) / 2 is OpenCV's getGaussianKernel choice: for an even size it falls
// between the two middle taps and the kernel stays symmetric (size / 2, used by some tutorials,
// shifts the peak by half a tap). The 2-D kernel is the outer product of the 1-D one.
#pragma once

#include <Eigen/Core>

namespace rbfsvm {

// The largest kernel side accepted (a 4097 x 4097 kernel already holds 134 MB of doubles).
inline constexpr int max_gaussian_kernel_size = 4097;

// Default size for a sigma, as OpenCV for 8-bit images: 2 * ceil(3 sigma) + 1 (odd, covering
// +-3 sigma). Throws InvalidArgument unless sigma is finite and > 0, or when the size would exceed
// max_gaussian_kernel_size.
int gaussian_kernel_size(double sigma);

// 1-D kernel of `size` taps summing to 1. Throws InvalidArgument for size < 1 or
// size > max_gaussian_kernel_size, and unless sigma is finite and > 0.
Eigen::VectorXd gaussian_kernel_1d(int size, double sigma);
Eigen::VectorXd gaussian_kernel_1d(double sigma);

// size x size kernel summing to 1; same refusals as the 1-D version.
Eigen::MatrixXd gaussian_kernel(int size, double sigma);
Eigen::MatrixXd gaussian_kernel(double sigma);

}  // namespace rbfsvm
