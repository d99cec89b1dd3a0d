// The RBF Gram matrix of a labelled data set, sorted by class.
//
// K[i, j] = exp(-||x_i - x_j||^2 / (2 sigma^2)) says how alike points i and j look to the
// kernel: 1 for the same point, near 0 for points much further apart than sigma. Sort the points
// by class and draw K: when the classes are separable, bright blocks appear on the diagonal
// (points of a class are alike) and the off-diagonal blocks stay dark.
//
// sigma sets the scale. Too small, and every point looks alike only to itself: K is close to
// the identity, the blocks vanish, and an SVM memorizes the training set. Too large, and
// everything looks alike: K is nearly all ones and the classes blur together. In between, the
// block structure is what a classifier can use.
#include <rbfsvm/data/dataset.hpp>
#include <rbfsvm/core/error.hpp>
#include <rbfsvm/kernel/gram.hpp>
#include <rbfsvm/plot/plot.hpp>
#include <rbfsvm/data/scaling.hpp>

#include <algorithm>
#include <iostream>
#include <numeric>
#include <sstream>

int main() {
  try {
    rbfsvm::Dataset data = rbfsvm::read_dataset(RBFSVM_DATASETS "/iris.csv");
    // Features to [-1, 1], so one sigma suits every feature.
    rbfsvm::Scaling::fit_min_max(data.X).apply(data.X);

    // Sort the points by class (a stable sort keeps the file order within a class).
    std::vector<rbfsvm::Index> order(data.n_samples());
    std::iota(order.begin(), order.end(), rbfsvm::Index{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](rbfsvm::Index a, rbfsvm::Index b) { return data.labels[a] < data.labels[b]; });
    rbfsvm::RowMatrix<double> sorted(data.X.rows(), data.X.cols());
    for (std::size_t k = 0; k < order.size(); ++k) sorted.row(static_cast<rbfsvm::Index>(k)) = data.X.row(order[k]);

    for (double sigma : {0.1, 0.5, 5.0}) {
      const rbfsvm::RowMatrix<double> K = rbfsvm::gram<double>(rbfsvm::Kernel::rbf_from_sigma(sigma), sorted);

      // Average kernel value within a class and between classes.
      double within = 0, between = 0;
      long n_within = 0, n_between = 0;
      for (rbfsvm::Index i = 0; i < K.rows(); ++i) {
        for (rbfsvm::Index j = 0; j < K.cols(); ++j) {
          if (i == j) continue;
          const bool same = data.labels[order[i]] == data.labels[order[j]];
          (same ? within : between) += K(i, j);
          ++(same ? n_within : n_between);
        }
      }
      std::ostringstream name, title;
      name << "gram_sigma_" << sigma << ".png";
      title << "RBF Gram matrix of iris, sorted by class, sigma " << sigma;
      rbfsvm::HeatmapOptions options;
      options.title = title.str();
      options.x_label = "point (sorted by class)";
      options.y_label = "point (sorted by class)";
      options.colorbar_label = "K(x_i, x_j)";
      rbfsvm::write_heatmap_png(K, name.str(), options);
      std::cout << "sigma " << sigma << ": mean kernel value within classes "
                << within / static_cast<double>(n_within) << ", between classes "
                << between / static_cast<double>(n_between) << "; wrote " << name.str() << '\n';
    }
    return 0;
  } catch (const rbfsvm::Error& error) {
    std::cerr << "04_rbf_gram_matrix: error: " << error.what() << '\n';
    return 1;
  }
}
