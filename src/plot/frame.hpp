// Internal: what every plot's frame shares (frame.cpp): the check of the picture's size in
// pixels, the character and tick sizes and line width that follow the font size, and the axis
// labels and title around a plot.
#pragma once

#include <string>

namespace rbfsvm::detail {

// Throws InvalidArgument "<function>: width W is outside 16..10000 pixels" (then the same for
// the height) unless both lie in kMinPixels..kMaxPixels (axes.hpp).
void check_image_size(const std::string& function, int width, int height);

// Sets PLplot's character height to `font_mm` and its major and minor tick lengths to 0.35 and
// 0.175 of it. Creates nothing: safe under PlplotStream::draw.
void set_character_size(double font_mm);

// The line width (PLplot's plwidth) that goes with `font_mm`: one pixel per 14 pixels of
// character height, at least 1.
double line_width_for(double font_mm);

// Writes the x label below the current viewport, the y label `y_label_distance` character
// heights left of it, and the title (none when empty) above it at 1.25 times the character
// height `font_mm`. Creates nothing: safe under PlplotStream::draw.
void draw_axis_labels(const char* x_label, const char* y_label, double y_label_distance,
                      const char* title, double font_mm);

}  // namespace rbfsvm::detail
