// Internal: the colour maps the plots compute colours from (colormap.cpp). viridis, the public
// one, is declared in rbfsvm/plot/plot.hpp.
#pragma once

#include <plplot.h>

#include <array>

namespace rbfsvm::detail {

// The decision function's diverging map at t in [0, 1], as 8-bit r, g, b: ColorBrewer's RdBu
// (Brewer 2002), red at 0 through white at 1/2 to blue at 1, lightened at the ends so that
// points stay visible on it.
std::array<PLINT, 3> diverging_colour(double t);

}  // namespace rbfsvm::detail
