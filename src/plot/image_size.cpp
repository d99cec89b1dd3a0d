#include "plot/image_size.hpp"

#include "plot/axes.hpp"
#include "rbfsvm/core/error.hpp"

namespace rbfsvm::detail {
namespace {

void check_pixels(const std::string& function, const char* name, int pixels) {
  if (pixels < kMinPixels || pixels > kMaxPixels) {
    throw InvalidArgument(function + ": " + name + " " + std::to_string(pixels) + " is outside " +
                          std::to_string(kMinPixels) + ".." + std::to_string(kMaxPixels) +
                          " pixels");
  }
}

}  // namespace

void check_image_size(const std::string& function, int width, int height) {
  check_pixels(function, "width", width);
  check_pixels(function, "height", height);
}

}  // namespace rbfsvm::detail
