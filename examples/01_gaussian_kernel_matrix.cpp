// The Gaussian kernel as a matrix of weights, and what sigma does to it.
//
//   01_gaussian_kernel_matrix
//
// prints the 5 x 5 kernel for sigma = 1 and writes two pictures into the working directory:
// gaussian_kernel_5x5.png, that kernel as a heatmap, and gaussian_kernel_sigmas.png, the shapes
// of 9 x 9 kernels for sigma = 0.5, 1, 2 and 4 side by side on one colour scale.
//
// The formula. The Gaussian (or normal) bell curve in two dimensions,
//
//   g(x, y) = exp(-(x^2 + y^2) / (2 sigma^2)) / (2 pi sigma^2),
//
// sampled at the integer offsets (i - c, j - c) from the centre c = (size - 1) / 2 of a
// size x size grid, gives the weights of the Gaussian filter of image processing:
//
//   G[i, j] = exp(-((i - c)^2 + (j - c)^2) / (2 sigma^2)) / S,
//
// divided by their sum S so that they add up to exactly 1 (a blur then keeps the average
// brightness; the 1 / (2 pi sigma^2) in front cancels). rbfsvm::gaussian_kernel(size, sigma)
// returns this matrix. For sigma = 1 the centre weight is 0.162, close to the continuous
// peak 1 / (2 pi) = 0.159: the grid samples the bell finely enough.
//
// The same function everywhere. The RBF kernel of a support vector machine is this bell
// without the normalization, K(x, y) = exp(-gamma |x - y|^2), written with
//
//   gamma = 1 / (2 sigma^2),     sigma = 1 / sqrt(2 gamma),
//
// so sigma = 1 is gamma = 0.5, and a large gamma is a narrow bell. LIBSVM and scikit-learn
// speak gamma; image processing and statistics speak sigma (a length, in the data's units).
// Kernel density estimation puts the same bell on every data point (example 03).
//
// What sigma does. sigma is the width of the bell: about 68% of the weight of a 1-D Gaussian
// lies within one sigma of the centre, 99.7% within three. A small sigma puts nearly all the
// weight on the centre (sigma = 0.5: 0.62 of it on one pixel; a blur that hardly blurs). A large
// one spreads it out: at sigma = 4 the 9 x 9 window cuts the bell off at one sigma from the
// centre, the weights are nearly flat, and the filter becomes a box average. That is why the
// size is chosen from sigma, 2 * ceil(3 sigma) + 1 (OpenCV's rule): the window then holds the
// bell out to 3 sigma.
//
// The second picture shows the shape of each bell on one colour scale: every kernel divided
// by its centre weight, which is exp(-d^2 / (2 sigma^2)) = exp(-gamma d^2) at distance d from
// the centre, 1 at the centre itself. That is exactly the RBF kernel value K(pixel, centre) an
// SVM would compute. (Divided by the sum instead, as a filter, the wide kernels would be too
// faint to see: a sigma-4 kernel has its weight spread over 81 pixels, 0.018 at the centre.)
#include <cmath>
#include <cstdio>
#include <iostream>
#include <rbfsvm/core/error.hpp>
#include <rbfsvm/gaussian/filter.hpp>
#include <rbfsvm/kernel/kernel.hpp>
#include <rbfsvm/plot/plot.hpp>
#include <string>
#include <vector>

namespace {

// Offsets from the centre, -c .. c, to label a size x size kernel's axes.
std::vector<double> offsets(int size) {
  std::vector<double> values;
  for (int k = 0; k < size; ++k) values.push_back(k - (size - 1) / 2.0);
  return values;
}

}  // namespace

int main() {
  try {
    // 1. The 5 x 5 kernel for sigma = 1, printed like a matrix.
    const Eigen::MatrixXd kernel = rbfsvm::gaussian_kernel(5, 1.0);
    std::cout << "5 x 5 Gaussian kernel, sigma 1 (gamma " << rbfsvm::gamma_from_sigma(1.0)
              << "), weights sum to " << kernel.sum() << ":\n";
    for (Eigen::Index i = 0; i < kernel.rows(); ++i) {
      for (Eigen::Index j = 0; j < kernel.cols(); ++j) std::printf(" %.5f", kernel(i, j));
      std::printf("\n");
    }
    std::cout << "centre weight " << kernel(2, 2) << ", continuous peak 1 / (2 pi) = "
              << 1.0 / (2.0 * std::acos(-1.0)) << '\n';

    rbfsvm::HeatmapOptions options;
    options.title = "Gaussian kernel, 5 x 5, sigma 1";
    options.x_label = "column offset j - c";
    options.y_label = "row offset i - c";
    options.colorbar_label = "weight";
    options.x_values = offsets(5);
    options.y_values = offsets(5);
    options.width = 620;
    options.height = 540;
    rbfsvm::write_heatmap_png(kernel, "gaussian_kernel_5x5.png", options);
    std::cout << "wrote gaussian_kernel_5x5.png\n";

    // 2. One size, four widths, each divided by its centre weight, on one colour scale.
    const int size = 9;
    std::vector<Eigen::MatrixXd> kernels;
    std::vector<std::string> titles;
    for (const double sigma : {0.5, 1.0, 2.0, 4.0}) {
      const Eigen::MatrixXd weights = rbfsvm::gaussian_kernel(size, sigma);
      kernels.push_back(weights / weights(size / 2, size / 2));
      char title[64];
      std::snprintf(title, sizeof title, "sigma %g (gamma %g)", sigma,
                    rbfsvm::gamma_from_sigma(sigma));
      titles.emplace_back(title);
      std::printf("sigma %g: centre weight %.4f, corner weight %.5f, corner / centre %.5f\n",
                  sigma, weights(size / 2, size / 2), weights(0, 0), kernels.back()(0, 0));
    }
    rbfsvm::HeatmapOptions row;
    row.title = "9 x 9 Gaussian kernels divided by their centre weight: exp(-d²/(2 sigma²))";
    row.x_label = "j - c";
    row.y_label = "i - c";
    row.colorbar_label = "weight / centre weight";
    row.x_values = offsets(size);
    row.y_values = offsets(size);
    row.width = 1400;
    row.height = 400;
    rbfsvm::write_heatmaps_png(kernels, titles, "gaussian_kernel_sigmas.png", row);
    std::cout << "wrote gaussian_kernel_sigmas.png\n";
    return 0;
  } catch (const rbfsvm::Error& error) {
    std::cerr << "01_gaussian_kernel_matrix: error: " << error.what() << '\n';
    return 1;
  }
}
