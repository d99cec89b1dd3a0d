#include "rbfsvm/plot.hpp"

#include "rbfsvm/error.hpp"

namespace rbfsvm {

void write_heatmap_png(const Eigen::Ref<const Eigen::MatrixXd>&, const std::string&,
                       const HeatmapOptions&) {
  throw Error("write_heatmap_png: not implemented yet");
}

}  // namespace rbfsvm
