// What an RBF support vector machine does in the plane, and how sigma and C change it.
//
//   05_svm_decision_boundary [panel_pixels]      (default 400: each panel 400 x 440 pixels)
//
// writes decision_xor.png, decision_moons.png and decision_circles.png into the working
// directory: for each of three toy data sets (examples/toy_data.hpp), three SVMs side by side,
// too smooth, about right and too wiggly.
//
// The decision function. A trained SVM classifies a point x by the sign of
//
//   f(x) = sum_i alpha_i y_i K(x_i, x) - rho,    K(x_i, x) = exp(-|x - x_i|^2 / (2 sigma^2)),
//
// a weighted sum of Gaussian bumps, one on each support vector x_i (the training points with
// alpha_i > 0), positive bumps for one class and negative for the other (Cortes & Vapnik 1995;
// Platt 1998). The pictures colour f: blue where f > 0, red where f < 0, white near 0. The solid
// line f = 0 is the decision boundary; the dashed lines f = +1 and f = -1 are the margins.
// Training maximises the margin while paying C for every point on the wrong side of its own
// margin line, so the support vectors (ringed) are exactly the points on or inside the margins,
// or misclassified; every other point could be deleted without changing f.
//
// sigma. Each bump reaches about 2 sigma around its support vector. A large sigma makes f a sum of
// broad, overlapping bumps, nearly linear over the data: the boundary cannot bend round a moon
// or close round a circle (under-fitting, high bias). A small sigma makes each bump a narrow
// island: away from the training points the bumps are gone and f falls back to -rho, and the
// boundary wraps individual points (over-fitting, high variance). The right sigma is about the distance over which the class
// stays the same.
//
// C. A small C buys a wide margin at the price of training errors: many points inside the
// margins, all of them support vectors. A large C fits every training point it can. Small sigma
// with large C memorizes; large sigma with small C is too smooth. The printed test accuracy, on
// a fresh sample of the same distribution, shows which one generalizes: the middle one.
#include <iostream>
#include <rbfsvm/core/error.hpp>
#include <rbfsvm/svm/evaluation.hpp>
#include <rbfsvm/svm/model.hpp>
#include <rbfsvm/plot/decision_plot.hpp>
#include <rbfsvm/svm/train.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "toy_data.hpp"

namespace {

struct Setting {
  const char* name;
  double sigma;
  double C;
};

}  // namespace

int main(int argc, char** argv) {
  const int panel = argc > 1 ? std::stoi(argv[1]) : 400;
  try {
    struct Problem {
      std::string name;
      rbfsvm::Dataset train, test;  // the test set: the same distribution, another seed
      std::vector<Setting> settings;
    };
    const std::vector<Problem> problems{
        {"xor",
         toy::xor_blobs(80, 0.4, 1),
         toy::xor_blobs(1000, 0.4, 11),
         {{"too smooth", 8.0, 0.1}, {"about right", 0.7, 1.0}, {"too wiggly", 0.08, 1000.0}}},
        {"moons",
         toy::two_moons(100, 0.15, 2),
         toy::two_moons(1000, 0.15, 12),
         {{"too smooth", 3.0, 0.1}, {"about right", 0.5, 10.0}, {"too wiggly", 0.06, 1000.0}}},
        {"circles",
         toy::circles(100, 0.45, 0.1, 3),
         toy::circles(1000, 0.45, 0.1, 13),
         {{"too smooth", 4.0, 0.1}, {"about right", 0.4, 1.0}, {"too wiggly", 0.05, 1000.0}}}};

    for (const Problem& problem : problems) {
      std::vector<rbfsvm::Model> models;
      std::vector<std::string> titles;
      for (const Setting& setting : problem.settings) {
        rbfsvm::TrainOptions options;
        options.kernel = rbfsvm::Kernel::rbf_from_sigma(setting.sigma);
        options.C = setting.C;
        models.push_back(rbfsvm::train(problem.train, options));
        const rbfsvm::Model& model = models.back();

        // Training accuracy rewards memorizing; the accuracy on new points is what counts.
        const double train_accuracy =
            rbfsvm::accuracy(problem.train.labels, model.predict(problem.train.X));
        const double test_accuracy =
            rbfsvm::accuracy(problem.test.labels, model.predict(problem.test.X));
        std::cout << problem.name << ", " << setting.name << " (sigma " << setting.sigma << ", C "
                  << setting.C << "): " << model.n_support_vectors()
                  << " support vectors, training accuracy " << 100 * train_accuracy
                  << "%, test accuracy " << 100 * test_accuracy << "%\n";
        std::ostringstream title;
        title << setting.name << ": sigma " << setting.sigma << ", C " << setting.C;
        titles.push_back(title.str());
      }

      // The three models side by side over the training points.
      rbfsvm::DecisionPlotOptions plot;
      plot.width = 3 * panel;
      plot.height = panel + panel / 10;
      plot.equal_aspect = true;  // x1 and x2 are in the same units
      const std::string output = "decision_" + problem.name + ".png";
      rbfsvm::write_decision_boundaries_png(models, titles, problem.train.X, problem.train.labels,
                                            output, plot);
      std::cout << "wrote " << output << '\n';
    }
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "05_svm_decision_boundary: error: " << error.what() << '\n';
    return 1;
  }
}
