// Gaussian blur of images, image files, and the gaussian_blur tool run in-process.
#include <stb/stb_image_write.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <sstream>

#include "gaussian_blur_cli.hpp"
#include "rbfsvm/gaussian/blur.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/gaussian/filter.hpp"
#include "rbfsvm/gaussian/image.hpp"
#include "support/paths.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using rbfsvm::BlurOptions;
using rbfsvm::BorderMode;
using rbfsvm::Image;
namespace fs = std::filesystem;

namespace {

const BorderMode all_borders[] = {BorderMode::reflect101, BorderMode::reflect,
                                  BorderMode::replicate, BorderMode::constant};

const char* border_name(BorderMode border) {
  switch (border) {
    case BorderMode::reflect101:
      return "reflect101";
    case BorderMode::reflect:
      return "reflect";
    case BorderMode::replicate:
      return "replicate";
    case BorderMode::constant:
      return "constant";
  }
  return "?";
}

// The source index for index p of a line of n samples, or -1 for "the constant value". Written
// the way OpenCV's borderInterpolate steps (one reflection at a time until p lands inside), not
// with the library's modulo, so that the two are independent.
int reference_index(int p, int n, BorderMode border) {
  if (p >= 0 && p < n) return p;
  if (border == BorderMode::constant) return -1;
  if (border == BorderMode::replicate || n == 1) return p < 0 ? 0 : n - 1;
  while (p < 0 || p >= n) {
    if (border == BorderMode::reflect) {
      p = p < 0 ? -p - 1 : 2 * n - p - 1;
    } else {
      p = p < 0 ? -p : 2 * n - p - 2;
    }
  }
  return p;
}

// Direct 2-D convolution with the size x size kernel, size^2 products per sample, in double.
Image naive_blur(const Image& image, double sigma, int size, BorderMode border,
                 double border_value) {
  const Eigen::MatrixXd kernel = rbfsvm::gaussian_kernel(size, sigma);
  const int radius = (size - 1) / 2;
  Image result(image.width(), image.height(), image.channels());
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) {
      for (int c = 0; c < image.channels(); ++c) {
        double sum = 0.0;
        for (int i = 0; i < size; ++i) {
          for (int j = 0; j < size; ++j) {
            const int sy = reference_index(y + i - radius, image.height(), border);
            const int sx = reference_index(x + j - radius, image.width(), border);
            const double value = (sy < 0 || sx < 0) ? border_value : image(sx, sy, c);
            sum += kernel(i, j) * value;
          }
        }
        result(x, y, c) = static_cast<float>(sum);
      }
    }
  }
  return result;
}

Image random_image(int width, int height, int channels, unsigned seed) {
  std::mt19937 generator(seed);
  Image image(width, height, channels);
  for (float& sample : image.samples()) sample = static_cast<float>(generator() % 1001) / 1000.0f;
  return image;
}

float max_difference(const Image& a, const Image& b) {
  REQUIRE(a.width() == b.width());
  REQUIRE(a.height() == b.height());
  REQUIRE(a.channels() == b.channels());
  float largest = 0.0f;
  for (std::size_t i = 0; i < a.samples().size(); ++i) {
    largest = std::max(largest, std::abs(a.samples()[i] - b.samples()[i]));
  }
  return largest;
}

BlurOptions with_border(BorderMode border, int size, double border_value = 0.0) {
  BlurOptions options;
  options.border = border;
  options.size = size;
  options.border_value = border_value;
  return options;
}

std::string write_text(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// PNG writing by hand, for files stb_image_write cannot produce (16-bit samples, headers that
// announce absurd sizes).
std::uint32_t crc32(const std::string& bytes) {
  std::uint32_t crc = 0xffffffffu;
  for (unsigned char byte : bytes) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

std::string big_endian(std::uint32_t value) {
  std::string bytes(4, '\0');
  for (int i = 0; i < 4; ++i)
    bytes[static_cast<std::size_t>(i)] = static_cast<char>((value >> (24 - 8 * i)) & 0xffu);
  return bytes;
}

std::string png_chunk(const std::string& type, const std::string& data) {
  return big_endian(static_cast<std::uint32_t>(data.size())) + type + data +
         big_endian(crc32(type + data));
}

std::string png_header(std::uint32_t width, std::uint32_t height, int bit_depth) {
  std::string ihdr = big_endian(width) + big_endian(height);
  ihdr += static_cast<char>(bit_depth);
  ihdr += std::string(4, '\0');  // grey, deflate, adaptive filtering, no interlace
  return std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", ihdr);
}

// A 16-bit grey PNG, its zlib stream made of one uncompressed ("stored") deflate block.
std::string png_16bit_grey(int width, int height, const std::vector<std::uint16_t>& values) {
  std::string raw;
  for (int y = 0; y < height; ++y) {
    raw += '\0';  // filter type: none
    for (int x = 0; x < width; ++x) {
      const std::uint16_t value = values[static_cast<std::size_t>(y * width + x)];
      raw += static_cast<char>(value >> 8);
      raw += static_cast<char>(value & 0xffu);
    }
  }
  std::uint32_t a = 1, b = 0;  // Adler-32
  for (unsigned char byte : raw) {
    a = (a + byte) % 65521u;
    b = (b + a) % 65521u;
  }
  const auto length = static_cast<std::uint16_t>(raw.size());
  std::string zlib = "\x78\x01";
  zlib += '\x01';  // final block, stored
  zlib += static_cast<char>(length & 0xffu);
  zlib += static_cast<char>(length >> 8);
  zlib += static_cast<char>(~length & 0xffu);
  zlib += static_cast<char>((~length >> 8) & 0xffu);
  zlib += raw + big_endian((b << 16) | a);
  return png_header(static_cast<std::uint32_t>(width), static_cast<std::uint32_t>(height), 16) +
         png_chunk("IDAT", zlib) + png_chunk("IEND", "");
}

bool directory_is_empty(const std::string& dir) {
  return fs::directory_iterator(dir) == fs::directory_iterator();
}

struct Run {
  int status;
  std::string out, err;
};

Run gaussian_blur_tool(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int status = rbfsvm::cli::run_gaussian_blur(args, out, err);
  return {status, out.str(), err.str()};
}

// sigma for which the 1-D kernel is proportional to (1/2)^(k^2): exp(-1 / (2 sigma^2)) = 1/2.
const double half_sigma = 1.0 / std::sqrt(2.0 * std::log(2.0));

}  // namespace

TEST_CASE("blur equals the naive 2-D convolution for every border mode", "[blur]") {
  struct Case {
    int width, height, channels, size;
    double sigma;
  };
  // Ordinary images, kernels wider than the image, single rows and columns, a single pixel.
  const Case cases[] = {{9, 7, 1, 5, 1.0},  {8, 6, 3, 3, 0.6},  {10, 9, 4, 7, 2.0},
                        {5, 4, 2, 9, 1.5},  {4, 3, 1, 15, 3.0}, {3, 2, 3, 21, 4.0},
                        {1, 6, 1, 5, 1.0},  {6, 1, 3, 7, 1.2},  {1, 1, 1, 9, 2.0},
                        {2, 2, 1, 13, 2.5}, {7, 5, 3, 1, 0.8}};
  unsigned seed = 1;
  for (const Case& c : cases) {
    const Image image = random_image(c.width, c.height, c.channels, seed++);
    for (BorderMode border : all_borders) {
      const double border_value = 0.3;
      INFO(c.width << " x " << c.height << " x " << c.channels << ", size " << c.size << ", sigma "
                   << c.sigma << ", border " << border_name(border));
      const Image fast =
          rbfsvm::gaussian_blur(image, c.sigma, with_border(border, c.size, border_value));
      const Image slow = naive_blur(image, c.sigma, c.size, border, border_value);
      CHECK(max_difference(fast, slow) < 1e-6f);
    }
  }
}

TEST_CASE("default size is 2 ceil(3 sigma) + 1", "[blur]") {
  const Image image = random_image(40, 30, 1, 7);
  const Image blurred = rbfsvm::gaussian_blur(image, 1.4);
  const Image slow = naive_blur(image, 1.4, 11, BorderMode::reflect101, 0.0);
  CHECK(max_difference(blurred, slow) < 1e-6f);
}

TEST_CASE("a 1x5 row blurred by hand in each border mode", "[blur]") {
  // With sigma = 1 / sqrt(2 ln 2), exp(-k^2 / (2 sigma^2)) = (1/2)^(k^2), so the 5-tap kernel is
  // (1/16, 1/2, 1, 1/2, 1/16) / (17/8) = (1, 8, 16, 8, 1) / 34. The row is (3, 1, 0, 2, 4) / 4;
  // in quarters, extended by two samples each side:
  //
  //   reflect101   0 1 | 3 1 0 2 4 | 2 0
  //   reflect      1 3 | 3 1 0 2 4 | 4 2
  //   replicate    3 3 | 3 1 0 2 4 | 4 4
  //   constant 0   0 0 | 3 1 0 2 4 | 0 0
  //
  // and out_i = (e_{i-2} + 8 e_{i-1} + 16 e_i + 8 e_{i+1} + e_{i+2}) / (34 * 4), the sums being
  //
  //   reflect101   0+8+48+8+0 = 64    1+24+16+0+2 = 43   3+8+0+16+4 = 31
  //                1+0+32+32+2 = 67   0+16+64+16+0 = 96
  //   reflect      1+24+48+8+0 = 81   3+24+16+0+2 = 45   31
  //                1+0+32+32+4 = 69   0+16+64+32+2 = 114
  //   replicate    3+24+48+8+0 = 83   3+24+16+0+2 = 45   31
  //                1+0+32+32+4 = 69   0+16+64+32+4 = 116
  //   constant     0+0+48+8+0 = 56    0+24+16+0+2 = 42   31
  //                1+0+32+32+0 = 65   0+16+64+0+0 = 80
  //
  // The image is one pixel tall, so the vertical pass reads that row for every tap (weights
  // summing to 1) in the mirrored modes; with a constant 0 border, the rows above and below
  // are 0 and only the centre tap, 16/34 = 8/17, of the row remains.
  Image row(5, 1, 1);
  const float quarters[] = {3, 1, 0, 2, 4};
  for (int x = 0; x < 5; ++x) row(x, 0, 0) = quarters[x] / 4.0f;
  Image column(1, 5, 1);
  for (int y = 0; y < 5; ++y) column(0, y, 0) = quarters[y] / 4.0f;

  struct Expected {
    BorderMode border;
    double sums[5];
    double scale;
  };
  const Expected expected[] = {
      {BorderMode::reflect101, {64, 43, 31, 67, 96}, 1.0},
      {BorderMode::reflect, {81, 45, 31, 69, 114}, 1.0},
      {BorderMode::replicate, {83, 45, 31, 69, 116}, 1.0},
      {BorderMode::constant, {56, 42, 31, 65, 80}, 8.0 / 17.0},
  };
  for (const Expected& e : expected) {
    INFO("border " << border_name(e.border));
    const Image blurred_row = rbfsvm::gaussian_blur(row, half_sigma, with_border(e.border, 5));
    const Image blurred_column =
        rbfsvm::gaussian_blur(column, half_sigma, with_border(e.border, 5));
    for (int i = 0; i < 5; ++i) {
      const double value = e.sums[i] / 136.0 * e.scale;
      CHECK(blurred_row(i, 0, 0) == Approx(value).margin(1e-6));
      CHECK(blurred_column(0, i, 0) == Approx(value).margin(1e-6));
    }
  }
}

TEST_CASE("reflect101 on a single pixel line reads that pixel as replicate does", "[blur]") {
  // Across a 1-pixel-wide column every horizontal tap reads the one pixel; down it, the column
  // of 9 mirrors as usual. The naive convolution's border function says so independently.
  const Image column = random_image(1, 9, 3, 11);
  const Image blurred = rbfsvm::gaussian_blur(column, 2.0, with_border(BorderMode::reflect101, 13));
  CHECK(max_difference(blurred, naive_blur(column, 2.0, 13, BorderMode::reflect101, 0.0)) < 1e-6f);
  // A single pixel: every tap of every mirrored mode reads it, so it stays itself.
  const Image pixel = random_image(1, 1, 2, 12);
  for (BorderMode border : {BorderMode::reflect101, BorderMode::reflect, BorderMode::replicate}) {
    INFO("border " << border_name(border));
    const Image one = rbfsvm::gaussian_blur(pixel, 3.0, with_border(border, 19));
    CHECK(one(0, 0, 0) == Approx(pixel(0, 0, 0)).margin(1e-6));
    CHECK(one(0, 0, 1) == Approx(pixel(0, 0, 1)).margin(1e-6));
  }
  // Two pixels are enough to mirror: reflect101 on (a, b) reads ...a b a b a..., not b b b.
  Image pair(2, 1, 1);
  pair(0, 0, 0) = 0.0f;
  pair(1, 0, 0) = 1.0f;
  const Image mirrored =
      rbfsvm::gaussian_blur(pair, half_sigma, with_border(BorderMode::reflect101, 3));
  // Taps (1, 2, 1) / 4: out_0 = (b + 2a + b) / 4 = 0.5, out_1 = (a + 2b + a) / 4 = 0.5.
  CHECK(mirrored(0, 0, 0) == Approx(0.5).margin(1e-6));
  CHECK(mirrored(1, 0, 0) == Approx(0.5).margin(1e-6));
}

TEST_CASE("a constant image stays constant", "[blur]") {
  const Image flat(23, 17, 3, 0.3f);
  for (BorderMode border : {BorderMode::reflect101, BorderMode::reflect, BorderMode::replicate}) {
    INFO("border " << border_name(border));
    const Image blurred = rbfsvm::gaussian_blur(flat, 2.5, with_border(border, 15));
    for (float sample : blurred.samples()) CHECK(sample == Approx(0.3).margin(1e-6));
  }
  // A constant border of the same value changes nothing either.
  const Image same = rbfsvm::gaussian_blur(flat, 2.5, with_border(BorderMode::constant, 15, 0.3));
  for (float sample : same.samples()) CHECK(sample == Approx(0.3).margin(1e-6));
  // A black border darkens the pixels within the kernel's radius (7) of an edge, no others.
  const Image dark = rbfsvm::gaussian_blur(flat, 2.5, with_border(BorderMode::constant, 15, 0.0));
  for (int y = 0; y < flat.height(); ++y) {
    for (int x = 0; x < flat.width(); ++x) {
      const bool near_edge = x < 7 || y < 7 || x >= flat.width() - 7 || y >= flat.height() - 7;
      for (int c = 0; c < 3; ++c) {
        if (near_edge) {
          CHECK(dark(x, y, c) < 0.3f - 1e-7f);
        } else {
          CHECK(dark(x, y, c) == Approx(0.3).margin(1e-6));
        }
      }
    }
  }
  CHECK(dark(0, 0, 0) < dark(7, 0, 0));
}

TEST_CASE("an impulse reproduces the 2-D kernel", "[blur]") {
  Image impulse(21, 19, 1);
  impulse(10, 9, 0) = 1.0f;
  const int size = 7;
  const Eigen::MatrixXd kernel = rbfsvm::gaussian_kernel(size, 1.5);
  const Image blurred =
      rbfsvm::gaussian_blur(impulse, 1.5, with_border(BorderMode::reflect101, size));
  double total = 0.0;
  for (int y = 0; y < impulse.height(); ++y) {
    for (int x = 0; x < impulse.width(); ++x) {
      const int i = y - 9 + 3;
      const int j = x - 10 + 3;
      const double expected = (i >= 0 && i < size && j >= 0 && j < size) ? kernel(i, j) : 0.0;
      CHECK(blurred(x, y, 0) == Approx(expected).margin(1e-7));
      total += blurred(x, y, 0);
    }
  }
  CHECK(total == Approx(1.0).margin(1e-6));
}

TEST_CASE("colour channels are blurred independently like grey images", "[blur]") {
  const Image colour = random_image(13, 11, 4, 21);
  BlurOptions options;
  options.border = BorderMode::reflect;
  const Image blurred = rbfsvm::gaussian_blur(colour, 1.3, options);
  for (int c = 0; c < 4; ++c) {
    Image grey(13, 11, 1);
    for (int y = 0; y < 11; ++y)
      for (int x = 0; x < 13; ++x) grey(x, y, 0) = colour(x, y, c);
    const Image blurred_grey = rbfsvm::gaussian_blur(grey, 1.3, options);
    for (int y = 0; y < 11; ++y)
      for (int x = 0; x < 13; ++x) CHECK(blurred(x, y, c) == blurred_grey(x, y, 0));
  }
}

TEST_CASE("alpha is blurred by default and kept on request", "[blur]") {
  for (int channels : {2, 4}) {
    const Image image = random_image(9, 8, channels, 31);
    const Image blurred = rbfsvm::gaussian_blur(image, 1.0);
    BlurOptions keep;
    keep.blur_alpha = false;
    const Image kept = rbfsvm::gaussian_blur(image, 1.0, keep);
    bool alpha_changed = false;
    for (int y = 0; y < 8; ++y) {
      for (int x = 0; x < 9; ++x) {
        alpha_changed |= blurred(x, y, channels - 1) != image(x, y, channels - 1);
        CHECK(kept(x, y, channels - 1) == image(x, y, channels - 1));
        for (int c = 0; c < channels - 1; ++c) CHECK(kept(x, y, c) == blurred(x, y, c));
      }
    }
    CHECK(alpha_changed);
  }
  // Without alpha the option changes nothing.
  const Image rgb = random_image(9, 8, 3, 32);
  BlurOptions keep;
  keep.blur_alpha = false;
  CHECK(rbfsvm::gaussian_blur(rgb, 1.0, keep).samples() ==
        rbfsvm::gaussian_blur(rgb, 1.0).samples());
}

TEST_CASE("results are identical for any number of threads", "[blur][threads]") {
  const Image photo = rbfsvm::load_image(rbfsvm::test::dataset_path("camera.png"));
  const Image colour = random_image(97, 61, 3, 41);
  for (BorderMode border : all_borders) {
    INFO("border " << border_name(border));
    BlurOptions options;
    options.border = border;
    options.border_value = 0.5;
    options.n_threads = 1;
    const Image photo_one = rbfsvm::gaussian_blur(photo, 2.0, options);
    const Image colour_one = rbfsvm::gaussian_blur(colour, 3.0, options);
    for (int threads : {2, 3, 0}) {
      options.n_threads = threads;
      CHECK(rbfsvm::gaussian_blur(photo, 2.0, options).samples() == photo_one.samples());
      CHECK(rbfsvm::gaussian_blur(colour, 3.0, options).samples() == colour_one.samples());
    }
  }
}

TEST_CASE("blur refuses bad sigma size border value and thread count", "[blur][errors]") {
  const Image image = random_image(8, 8, 1, 51);
  using rbfsvm::InvalidArgument;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double infinity = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(rbfsvm::gaussian_blur(image, 0.0), Contains("sigma") && Contains("got 0"));
  CHECK_THROWS_WITH(rbfsvm::gaussian_blur(image, -1.5), Contains("got -1.5"));
  CHECK_THROWS_AS(rbfsvm::gaussian_blur(image, nan), InvalidArgument);
  CHECK_THROWS_WITH(rbfsvm::gaussian_blur(image, nan), Contains("got nan"));
  CHECK_THROWS_AS(rbfsvm::gaussian_blur(image, infinity), InvalidArgument);
  // A sigma whose default kernel would exceed max_gaussian_kernel_size.
  CHECK_THROWS_AS(rbfsvm::gaussian_blur(image, 1000.0), InvalidArgument);

  BlurOptions options;
  options.size = 4;
  CHECK_THROWS_AS(rbfsvm::gaussian_blur(image, 1.0, options), InvalidArgument);
  CHECK_THROWS_WITH(rbfsvm::gaussian_blur(image, 1.0, options),
                    Contains("odd") && Contains("got 4"));
  options.size = 0;
  CHECK_THROWS_WITH(rbfsvm::gaussian_blur(image, 1.0, options), Contains("got 0"));
  options.size = -3;
  CHECK_THROWS_WITH(rbfsvm::gaussian_blur(image, 1.0, options), Contains("got -3"));
  options.size = rbfsvm::max_gaussian_kernel_size + 2;
  CHECK_THROWS_AS(rbfsvm::gaussian_blur(image, 1.0, options), InvalidArgument);

  BlurOptions value;
  value.border = BorderMode::constant;
  value.border_value = nan;
  CHECK_THROWS_WITH(rbfsvm::gaussian_blur(image, 1.0, value), Contains("border value"));
  BlurOptions threads;
  threads.n_threads = -1;
  CHECK_THROWS_WITH(rbfsvm::gaussian_blur(image, 1.0, threads), Contains("got -1"));
}

TEST_CASE("images refuse impossible sizes", "[image][errors]") {
  using rbfsvm::InvalidArgument;
  CHECK_THROWS_AS(Image(0, 5, 1), InvalidArgument);
  CHECK_THROWS_AS(Image(5, -1, 1), InvalidArgument);
  CHECK_THROWS_AS(Image(5, 5, 0), InvalidArgument);
  CHECK_THROWS_AS(Image(5, 5, 5), InvalidArgument);
  CHECK_THROWS_AS(Image(rbfsvm::max_image_side + 1, 1, 1), InvalidArgument);
  CHECK_THROWS_WITH(Image(16384, 16384, 1), Contains("16384 x 16384"));
  const Image image(3, 2, 3, 0.25f);
  CHECK(image.samples().size() == 18);
  CHECK(image(2, 1, 2) == 0.25f);
  CHECK_FALSE(image.has_alpha());
}

TEST_CASE("the bundled photo loads as 512x512 grey", "[image]") {
  const Image photo = rbfsvm::load_image(rbfsvm::test::dataset_path("camera.png"));
  CHECK(photo.width() == 512);
  CHECK(photo.height() == 512);
  CHECK(photo.channels() == 1);
  float low = 1.0f, high = 0.0f;
  for (float sample : photo.samples()) {
    low = std::min(low, sample);
    high = std::max(high, sample);
  }
  CHECK(low >= 0.0f);
  CHECK(high <= 1.0f);
  CHECK(high - low > 0.5f);
}

TEST_CASE("PNG save then load gives the same 8-bit pixels", "[image]") {
  const std::string dir = rbfsvm::test::scratch_directory("blur_png_round_trip");
  for (int channels = 1; channels <= 4; ++channels) {
    Image image(17, 9, channels);
    for (int y = 0; y < 9; ++y)
      for (int x = 0; x < 17; ++x)
        for (int c = 0; c < channels; ++c)
          image(x, y, c) = static_cast<float>((x * 37 + y * 11 + c * 101) % 256) / 255.0f;
    const std::string path = dir + "/image" + std::to_string(channels) + ".png";
    rbfsvm::save_png(image, path);
    const Image loaded = rbfsvm::load_image(path);
    CHECK(loaded.width() == 17);
    CHECK(loaded.height() == 9);
    CHECK(loaded.channels() == channels);
    CHECK(loaded.samples() == image.samples());
  }
  // Out-of-range and non-finite samples are clamped: below 0 and NaN to 0, above 1 to 255.
  Image odd(3, 1, 1);
  odd(0, 0, 0) = -0.5f;
  odd(1, 0, 0) = std::numeric_limits<float>::quiet_NaN();
  odd(2, 0, 0) = 7.0f;
  rbfsvm::save_png(odd, dir + "/odd.png");
  const Image clamped = rbfsvm::load_image(dir + "/odd.png");
  CHECK(clamped(0, 0, 0) == 0.0f);
  CHECK(clamped(1, 0, 0) == 0.0f);
  CHECK(clamped(2, 0, 0) == 1.0f);
}

TEST_CASE("a JPEG loads with its size and close to its pixels", "[image]") {
  const std::string path = rbfsvm::test::scratch_directory("blur_jpeg") + "/smooth.jpg";
  const int width = 32, height = 24;
  std::vector<unsigned char> rgb(static_cast<std::size_t>(width * height * 3));
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      for (int c = 0; c < 3; ++c)
        rgb[static_cast<std::size_t>((y * width + x) * 3 + c)] =
            static_cast<unsigned char>(40 + 4 * x + 3 * y + 30 * c);
  REQUIRE(stbi_write_jpg(path.c_str(), width, height, 3, rgb.data(), 100) != 0);
  const Image image = rbfsvm::load_image(path);
  CHECK(image.width() == width);
  CHECK(image.height() == height);
  CHECK(image.channels() == 3);
  float largest = 0.0f;
  for (std::size_t i = 0; i < rgb.size(); ++i) {
    largest = std::max(largest, std::abs(image.samples()[i] - static_cast<float>(rgb[i]) / 255.0f));
  }
  CHECK(largest < 8.0f / 255.0f);  // JPEG is lossy, even at quality 100
}

TEST_CASE("a 16-bit PNG loads as v over 65535", "[image]") {
  const std::string path = rbfsvm::test::scratch_directory("blur_png16") + "/grey16.png";
  const std::vector<std::uint16_t> values{0, 1, 256, 32768, 65534, 65535};
  const std::string bytes = png_16bit_grey(3, 2, values);
  std::ofstream(path, std::ios::binary)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  const Image image = rbfsvm::load_image(path);
  REQUIRE(image.width() == 3);
  REQUIRE(image.height() == 2);
  REQUIRE(image.channels() == 1);
  for (std::size_t i = 0; i < values.size(); ++i) {
    CHECK(image.samples()[i] == static_cast<float>(values[i]) / 65535.0f);
  }
}

TEST_CASE("loading refuses missing non-image and oversized files", "[image][errors]") {
  const std::string dir = rbfsvm::test::scratch_directory("blur_load_errors");
  using rbfsvm::IoError;
  const std::string missing = dir + "/missing.png";
  CHECK_THROWS_AS(rbfsvm::load_image(missing), IoError);
  CHECK_THROWS_WITH(rbfsvm::load_image(missing),
                    Contains(missing) && Contains("No such file or directory"));

  const std::string text = write_text(dir + "/notes.png", "This is a text file, not a PNG.\n");
  CHECK_THROWS_AS(rbfsvm::load_image(text), IoError);
  CHECK_THROWS_WITH(rbfsvm::load_image(text), Contains(text) && Contains("unknown image type"));

  const std::string empty = write_text(dir + "/empty.png", "");
  CHECK_THROWS_AS(rbfsvm::load_image(empty), IoError);
  CHECK_THROWS_AS(rbfsvm::load_image(dir), IoError);

  // A PNG cut off after its header: the size is known, the pixels are not.
  const std::string truncated = write_text(dir + "/truncated.png", png_header(4, 4, 8));
  CHECK_THROWS_WITH(rbfsvm::load_image(truncated), Contains(truncated));

  // Headers announcing absurd sizes are refused before any pixel is decoded.
  const std::string wide = write_text(dir + "/wide.png", png_header(70000, 10, 8));
  CHECK_THROWS_AS(rbfsvm::load_image(wide), IoError);
  CHECK_THROWS_WITH(rbfsvm::load_image(wide), Contains(wide) && Contains("70000 x 10"));
  const std::string huge = write_text(dir + "/huge.png", png_header(10000, 10000, 8));
  CHECK_THROWS_WITH(rbfsvm::load_image(huge), Contains(huge) && Contains("10000 x 10000"));
}

TEST_CASE("saving to an unwritable path throws and leaves no file", "[image][errors]") {
  const std::string dir = rbfsvm::test::scratch_directory("blur_save_errors");
  const Image image(4, 4, 1, 0.5f);
  const std::string nowhere = dir + "/no/such/dir/out.png";
  CHECK_THROWS_AS(rbfsvm::save_png(image, nowhere), rbfsvm::IoError);
  CHECK_THROWS_WITH(rbfsvm::save_png(image, nowhere), Contains(nowhere));
  CHECK(directory_is_empty(dir));
  // A directory in the way: the PNG is encoded and written under a temporary name, the rename
  // fails, and the temporary file is removed.
  const std::string occupied = dir + "/occupied.png";
  fs::create_directories(occupied + "/inside");
  CHECK_THROWS_WITH(rbfsvm::save_png(image, occupied), Contains(occupied));
  CHECK(fs::is_directory(occupied));
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  CHECK_THROWS_AS(rbfsvm::save_png(image, ""), rbfsvm::IoError);
}

TEST_CASE("gaussian_blur tool writes the blurred image", "[cli][gaussian_blur]") {
  const std::string dir = rbfsvm::test::scratch_directory("cli_blur");
  const std::string input = rbfsvm::test::dataset_path("camera.png");
  const std::string output = dir + "/blurred.png";
  const Run result = gaussian_blur_tool({input, output, "--sigma", "2", "--threads", "2"});
  REQUIRE(result.status == 0);
  CHECK(result.err.empty());
  CHECK_THAT(result.out, Contains("512 x 512") && Contains("size 13") && Contains(output));
  const Image written = rbfsvm::load_image(output);
  const Image original = rbfsvm::load_image(input);
  CHECK(written.width() == original.width());
  CHECK(written.height() == original.height());
  CHECK(written.channels() == original.channels());
  // The same as the library call, rounded to 8 bits.
  const Image direct = rbfsvm::gaussian_blur(original, 2.0);
  float largest = 0.0f;
  for (std::size_t i = 0; i < direct.samples().size(); ++i) {
    largest = std::max(largest, std::abs(written.samples()[i] - direct.samples()[i]));
  }
  CHECK(largest <= 0.5f / 255.0f + 1e-6f);
  CHECK(max_difference(written, original) > 0.05f);

  // Every option, on a small colour image.
  const std::string small = dir + "/small.png";
  rbfsvm::save_png(random_image(12, 7, 4, 61), small);
  const std::string constant = dir + "/constant.png";
  const Run with_options =
      gaussian_blur_tool({small, constant, "--sigma", "1.5", "--size", "21", "--border", "constant",
                          "--border-value", "1", "--keep-alpha", "-q"});
  REQUIRE(with_options.status == 0);
  CHECK(with_options.out.empty());
  const Image blurred = rbfsvm::load_image(constant);
  CHECK(blurred.width() == 12);
  CHECK(blurred.height() == 7);
  CHECK(blurred.channels() == 4);
  for (const char* border : {"reflect101", "reflect", "replicate"}) {
    CHECK(gaussian_blur_tool(
              {small, dir + "/" + border + ".png", "--sigma", "3", "--border", border, "-q"})
              .status == 0);
  }
}

TEST_CASE("gaussian_blur tool help and usage errors", "[cli][gaussian_blur][errors]") {
  const std::string dir = rbfsvm::test::scratch_directory("cli_blur_errors");
  const std::string input = rbfsvm::test::dataset_path("camera.png");
  const std::string output = dir + "/out.png";

  const Run help = gaussian_blur_tool({"--help"});
  CHECK(help.status == 0);
  CHECK_THAT(help.out, Contains("--sigma") && Contains("--size") && Contains("--border") &&
                           Contains("--border-value") && Contains("--threads") &&
                           Contains("gfedcb|abcdefgh|gfedcba"));

  const Run no_sigma = gaussian_blur_tool({input, output});
  CHECK(no_sigma.status == 2);
  CHECK_THAT(no_sigma.err, StartsWith("gaussian_blur: error:") && Contains("--sigma"));
  CHECK(gaussian_blur_tool({input, "--sigma", "2"}).status == 2);
  CHECK(gaussian_blur_tool({"--sigma", "2"}).status == 2);
  CHECK(gaussian_blur_tool({input, output, "--sigma", "abc"}).status == 2);
  CHECK(gaussian_blur_tool({input, output, "--sigma", "2", "--bogus"}).status == 2);
  CHECK(gaussian_blur_tool({input, output, "--sigma", "2", "--border", "mirror"}).status == 2);
  CHECK(gaussian_blur_tool(
            {input, output, "--sigma", "2", "--border", "constant", "--border-value", "2"})
            .status == 2);
  const Run value_without_constant =
      gaussian_blur_tool({input, output, "--sigma", "2", "--border-value", "0.5"});
  CHECK(value_without_constant.status == 2);
  CHECK_THAT(value_without_constant.err,
             StartsWith("gaussian_blur: error:") && Contains("--border constant"));
  CHECK(gaussian_blur_tool({input, output, "--sigma", "2", "--threads", "-1"}).status == 2);
  CHECK(gaussian_blur_tool({input, output, "--sigma", "2", "--size", "x"}).status == 2);
  CHECK_FALSE(fs::exists(output));
}

TEST_CASE("gaussian_blur tool failures exit 1 and leave no file", "[cli][gaussian_blur][errors]") {
  const std::string dir = rbfsvm::test::scratch_directory("cli_blur_failures");
  const std::string input = rbfsvm::test::dataset_path("camera.png");
  const std::string output = dir + "/out.png";

  const Run zero = gaussian_blur_tool({input, output, "--sigma", "0"});
  CHECK(zero.status == 1);
  CHECK_THAT(zero.err, StartsWith("gaussian_blur: error:") && Contains("sigma"));
  CHECK(gaussian_blur_tool({input, output, "--sigma", "-1"}).status == 1);
  CHECK(gaussian_blur_tool({input, output, "--sigma", "nan"}).status != 0);
  const Run even = gaussian_blur_tool({input, output, "--sigma", "1", "--size", "4"});
  CHECK(even.status == 1);
  CHECK_THAT(even.err, Contains("odd") && Contains("got 4"));

  const std::string missing = dir + "/missing.png";
  const Run no_input = gaussian_blur_tool({missing, output, "--sigma", "1"});
  CHECK(no_input.status == 1);
  CHECK_THAT(no_input.err, StartsWith("gaussian_blur: error:") && Contains(missing));
  const std::string text = write_text(dir + "/text.png", "not an image\n");
  const Run not_image = gaussian_blur_tool({text, output, "--sigma", "1"});
  CHECK(not_image.status == 1);
  CHECK_THAT(not_image.err, Contains(text) && Contains("unknown image type"));

  const std::string nowhere = dir + "/no/dir/out.png";
  const Run unwritable = gaussian_blur_tool({input, nowhere, "--sigma", "1"});
  CHECK(unwritable.status == 1);
  CHECK_THAT(unwritable.err, Contains(nowhere));
  CHECK_FALSE(fs::exists(output));
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);  // text.png
}
