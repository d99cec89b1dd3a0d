// Raster images in memory, read from PNG / JPEG files and written as PNG (stb_image,
// stb_image_write).
//
// Samples are floats in [0, 1]: an 8-bit value v is stored as v / 255, a 16-bit one as v / 65535.
// Floats keep every 8- and 16-bit level exactly distinguishable and leave room for arithmetic
// (a blur produces values between levels) without a round trip through integers at each step.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace rbfsvm {

// The largest side and the most pixels an Image may have. 2^26 pixels (for instance 8192 x 8192,
// or a 50-megapixel photo) take 1 GiB of floats with 4 channels; anything bigger read from a file
// is much more likely a corrupt or hostile header than a picture.
inline constexpr int max_image_side = 1 << 16;
inline constexpr long long max_image_pixels = 1LL << 26;

// width x height pixels of `channels` interleaved samples each, rows stored top to bottom:
// sample c of pixel (x, y) is samples()[(y * width + x) * channels + c]. Channels:
//   1  grey     2  grey, alpha     3  red, green, blue     4  red, green, blue, alpha
// Alpha, when present, is the last channel and is not premultiplied (as PNG stores it).
// Invariant: 1 <= width, height <= max_image_side, width * height <= max_image_pixels,
// 1 <= channels <= 4.
class Image {
 public:
  // Every sample set to `fill`. Throws InvalidArgument (naming the values) when the sizes break
  // the invariant.
  Image(int width, int height, int channels, float fill = 0.0f);

  int width() const noexcept { return width_; }
  int height() const noexcept { return height_; }
  int channels() const noexcept { return channels_; }
  bool has_alpha() const noexcept { return channels_ == 2 || channels_ == 4; }

  // Sample `channel` of pixel (x, y); no bounds checks.
  float& operator()(int x, int y, int channel) noexcept { return samples_[index(x, y, channel)]; }
  float operator()(int x, int y, int channel) const noexcept {
    return samples_[index(x, y, channel)];
  }

  // Row y: width * channels interleaved samples.
  float* row(int y) noexcept { return samples_.data() + index(0, y, 0); }
  const float* row(int y) const noexcept { return samples_.data() + index(0, y, 0); }

  // All width * height * channels samples, row by row.
  std::vector<float>& samples() noexcept { return samples_; }
  const std::vector<float>& samples() const noexcept { return samples_; }

 private:
  std::size_t index(int x, int y, int channel) const noexcept {
    return (static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) +
            static_cast<std::size_t>(x)) *
               static_cast<std::size_t>(channels_) +
           static_cast<std::size_t>(channel);
  }

  int width_;
  int height_;
  int channels_;
  std::vector<float> samples_;
};

// Reads an image with stb_image: PNG (8- and 16-bit, grey, grey + alpha, RGB, RGBA, palette)
// and baseline or progressive JPEG (not arithmetic-coded, not 12-bit). stb_image also decodes
// BMP, TGA, GIF (first frame), PSD and PNM; they load the same way but are not tested here.
// The channels are those of the file (a palette PNG becomes RGB or RGBA). The size is checked
// from the header before any pixel is decoded. Throws IoError naming the path and the reason:
// the file cannot be opened (strerror), is not an image stb can decode (stb's
// stbi_failure_reason(), for instance "unknown image type"), or is larger than max_image_side /
// max_image_pixels.
Image load_image(const std::string& path);

// Writes an 8-bit PNG with the image's channels (1 to 4). Each sample becomes
// round(255 * clamp(s, 0, 1)); NaN becomes 0. Values that came from an 8-bit file come back
// unchanged, so load -> save -> load is exact for 8-bit images (16-bit images lose their low
// bits). Written atomically: on failure `path` is left as it was and no temporary file remains.
// Throws IoError naming the path when the file cannot be written.
void save_png(const Image& image, const std::string& path);

}  // namespace rbfsvm
