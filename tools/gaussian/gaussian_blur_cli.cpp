#include "gaussian_blur_cli.hpp"

#include <CLI/CLI.hpp>
#include <map>
#include <optional>

#include "cli_common.hpp"
#include "rbfsvm/gaussian/blur.hpp"
#include "rbfsvm/gaussian/filter.hpp"
#include "rbfsvm/gaussian/image.hpp"

namespace rbfsvm::cli {

int run_gaussian_blur(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{
      "Blurs a PNG or JPEG image with a Gaussian of standard deviation sigma pixels (two 1-D "
      "passes of the normalized filter, each channel on its own) and writes an 8-bit PNG of the "
      "same size and channels.",
      "gaussian_blur"};
  const std::map<std::string, BorderMode> borders{{"reflect101", BorderMode::reflect101},
                                                  {"reflect", BorderMode::reflect},
                                                  {"replicate", BorderMode::replicate},
                                                  {"constant", BorderMode::constant}};
  std::string input;
  std::string output;
  double sigma = 0;
  std::optional<int> size;
  std::string border = "reflect101";
  std::optional<double> border_value;
  bool keep_alpha = false;
  int threads = 0;
  bool quiet = false;
  app.add_option("input", input, "image to blur (PNG or JPEG)")->required();
  app.add_option("output", output, "PNG to write (replaced only if the run succeeds)")->required();
  app.add_option("--sigma", sigma, "standard deviation in pixels (> 0)")->required();
  app.add_option("--size", size,
                 "kernel side, odd; default 2*ceil(3*sigma)+1 (OpenCV's choice for 8-bit images)");
  app.add_option("--border", border,
                 "how the image continues past its edges: reflect101 (gfedcb|abcdefgh|gfedcba, "
                 "the default), reflect (fedcba|abcdefgh|hgfedcb), replicate "
                 "(aaaaaa|abcdefgh|hhhhhhh) or constant (vvvvvv|abcdefgh|vvvvvvv)")
      ->check(CLI::IsMember({"reflect101", "reflect", "replicate", "constant"}));
  app.add_option("--border-value", border_value,
                 "v for --border constant, from 0 (black) to 1 (white); default 0")
      ->check(CLI::Range(0.0, 1.0));
  app.add_flag("--keep-alpha", keep_alpha,
               "copy the alpha channel unchanged instead of blurring it");
  app.add_option("--threads", threads, "threads (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  app.add_flag("-q,--quiet", quiet, "print nothing on success");
  return run_tool(app, "gaussian_blur", args, out, err, [&] {
    if (border_value && border != "constant") {
      err << "gaussian_blur: error: --border-value is only used with --border constant\n"
          << "Run 'gaussian_blur --help' for the options.\n";
      return exit_usage;
    }
    BlurOptions options;
    options.size = size;
    options.border = borders.at(border);
    options.border_value = border_value.value_or(0.0);
    options.blur_alpha = !keep_alpha;
    options.n_threads = threads;
    const Image image = load_image(input);
    const Image blurred = gaussian_blur(image, sigma, options);
    save_png(blurred, output);
    if (!quiet) {
      out << "blurred " << input << " (" << image.width() << " x " << image.height() << ", "
          << image.channels() << (image.channels() == 1 ? " channel" : " channels")
          << ") with sigma " << sigma << ", size " << (size ? *size : gaussian_kernel_size(sigma))
          << ", border " << border << " -> " << output << '\n';
    }
    return exit_success;
  });
}

}  // namespace rbfsvm::cli
