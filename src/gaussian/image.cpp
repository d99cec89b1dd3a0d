#include "rbfsvm/gaussian/image.hpp"

#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>

#include "rbfsvm/core/atomic_file.hpp"
#include "rbfsvm/core/error.hpp"

namespace rbfsvm {
namespace {

// Why the sizes are out of range, or an empty string when they are not.
std::string size_problem(long long width, long long height) {
  if (width < 1 || height < 1 || width > max_image_side || height > max_image_side) {
    return "sides must be between 1 and " + std::to_string(max_image_side) + " pixels";
  }
  if (width * height > max_image_pixels) {
    return "at most " + std::to_string(max_image_pixels) + " pixels are allowed";
  }
  return {};
}

struct FileCloser {
  void operator()(std::FILE* file) const noexcept { std::fclose(file); }
};

struct StbFree {
  void operator()(void* pixels) const noexcept { stbi_image_free(pixels); }
};

std::string stb_reason() {
  const char* reason = stbi_failure_reason();
  return reason != nullptr ? reason : "unknown error";
}

// Copies w * h * channels samples of type T, dividing by `full_scale`.
template <typename T>
void copy_samples(const T* pixels, float full_scale, Image& image) {
  std::vector<float>& samples = image.samples();
  for (std::size_t i = 0; i < samples.size(); ++i) {
    samples[i] = static_cast<float>(pixels[i]) / full_scale;
  }
}

unsigned char to_byte(float sample) {
  if (!(sample > 0.0f)) return 0;  // also NaN
  if (sample >= 1.0f) return 255;
  return static_cast<unsigned char>(std::lround(sample * 255.0f));
}

void append_bytes(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                             static_cast<std::size_t>(size));
}

}  // namespace

Image::Image(int width, int height, int channels, float fill)
    : width_(width), height_(height), channels_(channels) {
  const std::string problem = size_problem(width, height);
  if (!problem.empty()) {
    throw InvalidArgument("image of " + std::to_string(width) + " x " + std::to_string(height) +
                          " pixels refused: " + problem);
  }
  if (channels < 1 || channels > 4) {
    throw InvalidArgument("an image has 1 to 4 channels, got " + std::to_string(channels));
  }
  samples_.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) *
                      static_cast<std::size_t>(channels),
                  fill);
}

Image load_image(const std::string& path) {
  // Opened here rather than by stbi_load so that a missing file reports errno's reason, not
  // stb's generic "can't fopen".
  errno = 0;
  const std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    throw IoError("cannot open image '" + path + "': " + std::strerror(errno));
  }
  int width = 0;
  int height = 0;
  int channels = 0;
  if (stbi_info_from_file(file.get(), &width, &height, &channels) == 0) {
    throw IoError("cannot read image '" + path + "': " + stb_reason() +
                  " (PNG and JPEG are supported)");
  }
  const std::string problem = size_problem(width, height);
  if (!problem.empty()) {
    throw IoError("image '" + path + "' is " + std::to_string(width) + " x " +
                  std::to_string(height) + " pixels: " + problem);
  }
  const bool sixteen_bit = stbi_is_16_bit_from_file(file.get()) != 0;
  int decoded_width = 0;
  int decoded_height = 0;
  // Decoding with desired_channels = 0 keeps the file's channels.
  std::unique_ptr<void, StbFree> pixels(
      sixteen_bit ? static_cast<void*>(stbi_load_from_file_16(file.get(), &decoded_width,
                                                              &decoded_height, &channels, 0))
                  : static_cast<void*>(stbi_load_from_file(file.get(), &decoded_width,
                                                           &decoded_height, &channels, 0)));
  if (!pixels) throw IoError("cannot decode image '" + path + "': " + stb_reason());
  if (decoded_width != width || decoded_height != height || channels < 1 || channels > 4) {
    throw IoError("cannot decode image '" + path + "': header and pixel data disagree");
  }
  Image image(width, height, channels);
  if (sixteen_bit) {
    copy_samples(static_cast<const stbi_us*>(pixels.get()), 65535.0f, image);
  } else {
    copy_samples(static_cast<const stbi_uc*>(pixels.get()), 255.0f, image);
  }
  return image;
}

void save_png(const Image& image, const std::string& path) {
  std::vector<unsigned char> bytes(image.samples().size());
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = to_byte(image.samples()[i]);
  // Encoded in memory first, so that the file is written through a stream whose failure
  // (a full disk) is detected, and only then renamed into place.
  std::string encoded;
  if (stbi_write_png_to_func(append_bytes, &encoded, image.width(), image.height(),
                             image.channels(), bytes.data(),
                             image.width() * image.channels()) == 0) {
    throw IoError("cannot write '" + path + "': PNG encoding failed");
  }
  write_file_atomically(path, [&](const std::string& temp) {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw IoError("cannot write '" + path + "': " + std::strerror(errno));
    out.write(encoded.data(), static_cast<std::streamsize>(encoded.size()));
    out.flush();
    if (!out) throw IoError("cannot write '" + path + "': write failed (disk full?)");
  });
}

}  // namespace rbfsvm
