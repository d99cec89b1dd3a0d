// Choosing C and sigma by cross-validation over a grid.
//
// An RBF SVM has two knobs. sigma (or gamma = 1 / (2 sigma^2)) is the distance at which points
// stop looking alike; C is how much a training error costs. Neither can be read off the
// training error, which only falls as the model gets more flexible. Cross-validation measures
// what matters, the accuracy on points the model has not seen: split the data into k folds,
// train on k - 1, test on the last, rotate. A grid over log2 C and log2 gamma (LIBSVM's
// grid.py: C from 2^-5 to 2^15, gamma from 2^3 to 2^-15) then shows a ridge of good settings,
// with under-fitting (small C, small gamma: too smooth) and over-fitting (large gamma: every
// point an island) on either side.
#include <rbfsvm/data/dataset.hpp>
#include <rbfsvm/core/error.hpp>
#include <rbfsvm/svm/grid_search.hpp>
#include <rbfsvm/plot/plot.hpp>

#include <cmath>
#include <iostream>

int main() {
  try {
    const rbfsvm::Dataset data = rbfsvm::read_dataset(RBFSVM_DATASETS "/heart_scale");
    rbfsvm::GridSearchOptions grid;  // grid.py's default ranges, 5 folds
    const rbfsvm::GridSearchResult result = rbfsvm::grid_search(data, rbfsvm::TrainOptions{}, grid);

    // Rows: log2 gamma from 3 down to -15; columns: log2 C from -5 up to 15.
    const auto log2_C = grid.log2_C.values();
    const auto log2_gamma = grid.log2_gamma.values();
    Eigen::MatrixXd accuracy(static_cast<Eigen::Index>(log2_gamma.size()),
                             static_cast<Eigen::Index>(log2_C.size()));
    for (std::size_t k = 0; k < result.points.size(); ++k) {
      accuracy(static_cast<Eigen::Index>(k / log2_C.size()), static_cast<Eigen::Index>(k % log2_C.size())) =
          100.0 * result.points[k].score;
    }
    rbfsvm::HeatmapOptions options;
    options.title = "heart_scale: 5-fold cross-validation accuracy";
    // Each cell sits at its (log2 C, log2 gamma): the axes read in the grid's own units.
    options.x_label = "log2 C";
    options.y_label = "log2 gamma";
    options.x_values = log2_C;
    options.y_values = log2_gamma;  // decreasing down the rows: gamma grows upwards
    options.colorbar_label = "accuracy (%)";
    rbfsvm::write_heatmap_png(accuracy, "grid_search.png", options);

    std::cout << "best C = 2^" << std::log2(result.best.C) << ", gamma = 2^"
              << std::log2(result.best.gamma) << " (sigma " << rbfsvm::sigma_from_gamma(result.best.gamma)
              << "): cross-validation accuracy " << 100.0 * result.best.score
              << "%; wrote grid_search.png\n";
    return 0;
  } catch (const rbfsvm::Error& error) {
    std::cerr << "07_grid_search: error: " << error.what() << '\n';
    return 1;
  }
}
