#include "gaussian_kernel_cli.hpp"

#include <CLI/CLI.hpp>
#include <iomanip>
#include <optional>
#include <sstream>

#include "cli_common.hpp"
#include "rbfsvm/gaussian/filter.hpp"
#include "rbfsvm/config.hpp"
#if RBFSVM_WITH_PLOT
#include "rbfsvm/plot/plot.hpp"
#endif

namespace rbfsvm::cli {
namespace {

#if RBFSVM_WITH_PLOT
// The kernel as a heatmap PNG.
void draw_kernel(const Eigen::MatrixXd& kernel, int side, double sigma, const std::string& png) {
  HeatmapOptions options;
  std::ostringstream title;
  title << "Gaussian kernel, size " << side << ", sigma " << sigma;
  options.title = title.str();
  options.colorbar_label = "weight";
  write_heatmap_png(kernel, png, options);
}
#else
// Never called: draws_picture refuses --png while the command line is parsed.
void draw_kernel(const Eigen::MatrixXd&, int, double, const std::string&) {}
#endif

}  // namespace

int run_gaussian_kernel(const std::vector<std::string>& args, std::ostream& out,
                        std::ostream& err) {
  CLI::App app{
      "Prints the normalized Gaussian filter kernel G[i,j] = exp(-((i-c)^2 + (j-c)^2) / "
      "(2 sigma^2)) / sum, c = (size-1)/2, and optionally draws it as a heatmap.",
      "gaussian_kernel"};
  double sigma = 0;
  std::optional<int> size;
  std::string png;
  int precision = 8;
  bool one_dimensional = false;
  app.add_option("--sigma", sigma, "standard deviation in pixels (> 0)")->required();
  app.add_option("--size", size,
                 "kernel side; default 2*ceil(3*sigma)+1 (OpenCV's choice for 8-bit images)");
  draws_picture(app.add_option("--png", png, "also draw the kernel as a heatmap PNG at this path"));
  app.add_option("--precision", precision, "digits after the decimal point (0-17)")
      ->check(CLI::Range(0, 17));
  app.add_flag("--1d", one_dimensional, "print the 1-D kernel (one row) instead");
  return run_tool(app, "gaussian_kernel", args, out, err, [&] {
    const int side = size ? *size : gaussian_kernel_size(sigma);
    const Eigen::MatrixXd kernel = one_dimensional
                                       ? Eigen::MatrixXd(gaussian_kernel_1d(side, sigma).transpose())
                                       : gaussian_kernel(side, sigma);
    out << std::fixed << std::setprecision(precision);
    for (Eigen::Index i = 0; i < kernel.rows(); ++i) {
      for (Eigen::Index j = 0; j < kernel.cols(); ++j) {
        out << (j > 0 ? " " : "") << kernel(i, j);
      }
      out << '\n';
    }
    if (!png.empty()) draw_kernel(kernel, side, sigma, png);
    return exit_success;
  });
}

}  // namespace rbfsvm::cli
