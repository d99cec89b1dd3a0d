// Internal: the one check of a picture's size in pixels, shared by every plot.
#pragma once

#include <string>

namespace rbfsvm::detail {

// Throws InvalidArgument "<function>: width W is outside 16..10000 pixels" (then the same for
// the height) unless both lie in kMinPixels..kMaxPixels (axes.hpp).
void check_image_size(const std::string& function, int width, int height);

}  // namespace rbfsvm::detail
