// Gaussian blur of images: convolution with the normalized Gaussian filter of gaussian.hpp.
//
//   out(x, y) = sum_{i, j} G[i, j] * in(x + j - r, y + i - r),   r = (size - 1) / 2,
//
// with G = gaussian_kernel(size, sigma) and `in` extended past the edges by the border mode.
// G is the outer product g gᵀ of the 1-D kernel g = gaussian_kernel_1d(size, sigma), so the
// size^2 products per sample become two passes of `size` products: one down the columns, one
// along the rows (and the border modes below act on each axis separately, so they factor too).
// Same result as OpenCV's cv::GaussianBlur(in, out, {size, size}, sigma, sigma, border) up to
// rounding (OpenCV rounds 8-bit results to integers; here samples stay floats).
#pragma once

#include <optional>

#include "rbfsvm/gaussian/image.hpp"

namespace rbfsvm {

// How the image continues past its edges. For a row `abcdefgh` (a at index 0, h at index 7),
// the samples read at indices -6..-1 and 8..14:
//
//   reflect101   gfedcb|abcdefgh|gfedcba    mirror about the edge pixel, which is not repeated
//                                           (OpenCV's BORDER_REFLECT_101, BORDER_DEFAULT)
//   reflect      fedcba|abcdefgh|hgfedcb    mirror about the edge, which is repeated
//                                           (OpenCV's BORDER_REFLECT)
//   replicate    aaaaaa|abcdefgh|hhhhhhh    the edge pixel, repeated (BORDER_REPLICATE)
//   constant     vvvvvv|abcdefgh|vvvvvvv    a fixed value v = border_value (BORDER_CONSTANT)
//
// When the kernel reaches further than one image width past the edge (a kernel larger than the
// image), the mirrored modes keep reflecting back and forth, as OpenCV's borderInterpolate does:
// reflect101 on `abc` reads ...c b|a b c|b a b c b a... (period 2n - 2), reflect on `abc` reads
// ...a a b c c b a|a b c|c b a a b c... (period 2n). reflect101 needs two pixels to mirror: on a
// row or column of a single pixel it is defined as replicate (every index reads that pixel), as
// OpenCV does.
enum class BorderMode { reflect101, reflect, replicate, constant };

struct BlurOptions {
  // Kernel side, odd and in 1..max_gaussian_kernel_size (odd, as OpenCV's GaussianBlur
  // requires: an even kernel has no centre tap and would shift the image by half a pixel).
  // Default: gaussian_kernel_size(sigma) = 2 * ceil(3 sigma) + 1.
  std::optional<int> size;
  BorderMode border = BorderMode::reflect101;
  // The value outside the image for BorderMode::constant, in sample units ([0, 1] for images
  // read from files), the same for every channel (alpha included: 0 is transparent black).
  double border_value = 0.0;
  // true: alpha (channel 2 of 2, 4 of 4) is blurred like the colours, as OpenCV does, so soft
  // edges appear in the transparency too. Colours are not premultiplied, so a colour hidden under
  // alpha 0 can bleed into its visible neighbours. false: alpha is copied unchanged.
  bool blur_alpha = true;
  // 0: all cores. The result does not depend on it.
  int n_threads = 0;
};

// The image blurred with a Gaussian of standard deviation `sigma` pixels, same size and
// channels; every channel is filtered on its own. Sums are taken in double, in a fixed order,
// and each output row is computed by one task, so the result is bit-identical for any
// n_threads. Images smaller than the kernel work in every border mode (see BorderMode).
// Throws InvalidArgument, naming the offending value, unless sigma is finite and > 0, when the
// size is even or outside 1..max_gaussian_kernel_size (or the default size for sigma would be),
// when border_value is not finite, or when n_threads < 0.
Image gaussian_blur(const Image& image, double sigma, const BlurOptions& options = {});

}  // namespace rbfsvm
