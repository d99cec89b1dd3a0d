#include "plot/legend.hpp"

#include "plot/plplot_stream.hpp"

namespace rbfsvm::detail {

void Legend::add_colour_box(PLINT colour, const std::string& text) {
  add(PL_LEGEND_COLOR_BOX, colour, kForeground, 1.0, text);
}

void Legend::add_line(PLINT colour, double width, const std::string& text) {
  add(PL_LEGEND_LINE, kForeground, colour, width, text);
}

void Legend::add(PLINT option, PLINT box_colour, PLINT line_colour, double line_width,
                 const std::string& text) {
  strings_.push_back(plplot_text(text));
  text_.clear();  // push_back may have moved the strings
  for (const std::string& string : strings_) text_.push_back(string.c_str());
  options_.push_back(option);
  text_colours_.push_back(kForeground);
  box_colours_.push_back(box_colour);
  box_patterns_.push_back(0);
  box_scales_.push_back(0.8);
  box_line_widths_.push_back(1.0);
  line_colours_.push_back(line_colour);
  line_styles_.push_back(1);
  line_widths_.push_back(line_width);
  symbol_colours_.push_back(kForeground);
  symbol_numbers_.push_back(0);
  symbol_scales_.push_back(1.0);
  symbols_.push_back("");
}

void Legend::draw(PLINT position, double x, double y, double sample_width,
                  PLINT frame_colour) const {
  PLFLT legend_width = 0, legend_height = 0;
  pllegend(&legend_width, &legend_height, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX,
           position | PL_POSITION_INSIDE | PL_POSITION_VIEWPORT, x, y, sample_width, kBackground,
           frame_colour, 1, 0, 0, static_cast<PLINT>(size()), options_.data(), 1.0, 0.9, 2.0,
           0.0, text_colours_.data(), text_.data(), box_colours_.data(), box_patterns_.data(),
           box_scales_.data(), box_line_widths_.data(), line_colours_.data(),
           line_styles_.data(), line_widths_.data(), symbol_colours_.data(),
           symbol_scales_.data(), symbol_numbers_.data(), symbols_.data());
}

}  // namespace rbfsvm::detail
