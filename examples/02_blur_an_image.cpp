// Blurring a photograph with a Gaussian, at three widths, and putting the results side by side.
//
//   02_blur_an_image [image.png]      (default: the bundled camera.png, 512 x 512 grey)
//
// writes blur_sigma_1_3_8.png into the working directory: the original, then the image blurred
// with sigma = 1, 3 and 8 pixels, left to right, separated by white gaps.
//
// What a Gaussian blur is. Every output pixel is a weighted average of the input pixels around
// it, with weights from the bell curve
//
//   G(dx, dy) = exp(-(dx^2 + dy^2) / (2 sigma^2)),   divided by the sum of all the weights,
//
// where (dx, dy) is the offset from the output pixel. Near pixels count most, pixels further
// than about 3 sigma hardly at all, so the average is taken over a window of
// 2 * ceil(3 sigma) + 1 pixels a side. Because the weights sum to 1, a flat region stays
// exactly as bright as it was; only changes (edges, texture, noise) are smoothed away.
//
// What sigma does. It is the radius of the blur, in pixels: details smaller than about sigma are
// averaged out, larger shapes survive. sigma = 1 softens the pixel-level noise, sigma = 3 erases
// fine texture (the grass, the camera's knobs), sigma = 8 leaves only the large shapes. In the
// frequency domain it is a low-pass filter: the Fourier transform of a Gaussian is a Gaussian of
// width 1 / (2 pi sigma), so wider blurs keep fewer frequencies.
//
// Why two passes. The 2-D weights factor into a horizontal and a vertical bell curve,
// exp(-(dx^2 + dy^2) / (2 sigma^2)) = exp(-dx^2 / (2 sigma^2)) * exp(-dy^2 / (2 sigma^2)), so
// averaging down the columns and then along the rows with 1-D weights gives the same image as the
// full 2-D window. With a window of k pixels a side that is 2k multiplications per pixel instead
// of k^2: for sigma = 8 (k = 49), 98 instead of 2401. rbfsvm::gaussian_blur does exactly this.
//
// Near the edges the window hangs over the border; by default the image is mirrored there
// (rbfsvm::BorderMode::reflect101), so edges do not darken as they would with a black border.
#include <cmath>
#include <iostream>
#include <rbfsvm/gaussian/blur.hpp>
#include <rbfsvm/core/error.hpp>
#include <rbfsvm/gaussian/filter.hpp>
#include <rbfsvm/gaussian/image.hpp>
#include <vector>

namespace {

// The average absolute difference between horizontally neighbouring samples: a crude measure of
// how much fine detail an image has. Blurring lowers it.
double detail(const rbfsvm::Image& image) {
  const int step = image.channels();
  double total = 0.0;
  long long count = 0;
  for (int y = 0; y < image.height(); ++y) {
    const float* row = image.row(y);
    for (int i = step; i < image.width() * step; ++i) {
      total += std::abs(row[i] - row[i - step]);
      ++count;
    }
  }
  return count > 0 ? total / static_cast<double>(count) : 0.0;
}

// Copies `panel` into `canvas` with its left edge at column `left`.
void place(const rbfsvm::Image& panel, int left, rbfsvm::Image& canvas) {
  for (int y = 0; y < panel.height(); ++y) {
    for (int x = 0; x < panel.width(); ++x) {
      for (int c = 0; c < panel.channels(); ++c) canvas(left + x, y, c) = panel(x, y, c);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : RBFSVM_DATASETS "/camera.png";
  const std::vector<double> sigmas{1.0, 3.0, 8.0};
  const int gap = 16;  // white pixels between panels
  const std::string output = "blur_sigma_1_3_8.png";
  try {
    const rbfsvm::Image photo = rbfsvm::load_image(path);
    std::cout << path << ": " << photo.width() << " x " << photo.height() << ", "
              << photo.channels() << " channel(s), detail " << detail(photo) << '\n';

    // One canvas, white (1.0 in every channel, alpha included), wide enough for four panels.
    const int panels = 1 + static_cast<int>(sigmas.size());
    rbfsvm::Image canvas(panels * photo.width() + (panels - 1) * gap, photo.height(),
                         photo.channels(), 1.0f);
    place(photo, 0, canvas);

    for (std::size_t i = 0; i < sigmas.size(); ++i) {
      const double sigma = sigmas[i];
      // Default options: window 2 * ceil(3 sigma) + 1, mirrored border, all cores.
      const rbfsvm::Image blurred = rbfsvm::gaussian_blur(photo, sigma);
      std::cout << "sigma " << sigma << ": window " << rbfsvm::gaussian_kernel_size(sigma)
                << " pixels a side, detail " << detail(blurred) << '\n';
      place(blurred, static_cast<int>(i + 1) * (photo.width() + gap), canvas);
    }

    rbfsvm::save_png(canvas, output);
    std::cout << "wrote " << output << " (" << canvas.width() << " x " << canvas.height()
              << "): original, then sigma 1, 3 and 8, left to right\n";
    return 0;
  } catch (const rbfsvm::Error& error) {
    std::cerr << "02_blur_an_image: error: " << error.what() << '\n';
    return 1;
  }
}
