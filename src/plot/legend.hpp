// Internal: a PLplot legend (pllegend) of colour boxes and line samples, for the density plot
// and the bar chart. pllegend reads some twenty parallel arrays, one entry each; this class
// holds them. Build it before PlplotStream::draw (its storage has destructors); draw_legend only
// reads it.
#pragma once

#include <plplot.h>

#include <cstddef>
#include <string>
#include <vector>

namespace rbfsvm::detail {

class Legend {
 public:
  // A filled box in colour `colour` (colour map 0).
  void add_colour_box(PLINT colour, const std::string& text);
  // A line sample in `colour`, `width` pixels wide.
  void add_line(PLINT colour, double width, const std::string& text);

  std::size_t size() const { return options_.size(); }

  // Draws the legend inside the current viewport at `position` (PL_POSITION_* flags), offset
  // (x, y) from it in normalized viewport units, its samples `sample_width` wide, on a white
  // background framed in `frame_colour`. Creates nothing: safe under PlplotStream::draw.
  void draw(PLINT position, double x, double y, double sample_width, PLINT frame_colour) const;

 private:
  void add(PLINT option, PLINT box_colour, PLINT line_colour, double line_width,
           const std::string& text);

  std::vector<std::string> strings_;  // plplot_text'ed
  std::vector<const char*> text_;     // into strings_
  std::vector<PLINT> options_, text_colours_, box_colours_, box_patterns_;
  std::vector<PLFLT> box_scales_, box_line_widths_;
  std::vector<PLINT> line_colours_, line_styles_;
  std::vector<PLFLT> line_widths_;
  std::vector<PLINT> symbol_colours_, symbol_numbers_;
  std::vector<PLFLT> symbol_scales_;
  std::vector<const char*> symbols_;
};

}  // namespace rbfsvm::detail
