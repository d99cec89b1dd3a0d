#include "plot/frame.hpp"

#include <plplot.h>

#include <algorithm>

#include "plot/axes.hpp"
#include "plot/plplot_stream.hpp"
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

void set_character_size(double font_mm) {
  plschr(font_mm, 1.0);
  plsmaj(0.35 * font_mm, 1.0);
  plsmin(0.175 * font_mm, 1.0);
}

double line_width_for(double font_mm) { return std::max(1.0, font_mm * kPixelsPerMm / 14.0); }

void draw_axis_labels(const char* x_label, const char* y_label, double y_label_distance,
                      const char* title, double font_mm) {
  plmtex("b", 3.6, 0.5, 0.5, x_label);
  plmtex("l", y_label_distance, 0.5, 0.5, y_label);
  if (title[0] != '\0') {
    plschr(font_mm, 1.25);
    plmtex("t", 1.3, 0.5, 0.5, title);
    plschr(font_mm, 1.0);
  }
}

}  // namespace rbfsvm::detail
