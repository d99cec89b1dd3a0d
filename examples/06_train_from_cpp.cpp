// The shortest complete rbfsvm program: read data, train an RBF SVM, save the model, load it
// back and predict.
//
//   06_train_from_cpp [data_file]      (default: the bundled iris.csv)
//
// The RBF kernel K(x, y) = exp(-||x - y||^2 / (2 sigma^2)) compares points by distance; sigma is
// the distance at which two points stop looking alike. C trades a wide margin (small C) against
// fitting every training point (large C).
#include <rbfsvm/data/dataset.hpp>
#include <rbfsvm/core/error.hpp>
#include <rbfsvm/svm/evaluation.hpp>
#include <rbfsvm/svm/model_io.hpp>
#include <rbfsvm/svm/train.hpp>

#include <iostream>

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : RBFSVM_DATASETS "/iris.csv";
  try {
    const rbfsvm::Dataset data = rbfsvm::read_dataset(path);

    rbfsvm::TrainOptions options;
    options.kernel = rbfsvm::Kernel::rbf_from_sigma(1.0);
    options.C = 10;
    const rbfsvm::Model model = rbfsvm::train(data, options);

    rbfsvm::save_model(model, "example.model");  // LIBSVM's format (+ example.model.json)
    const rbfsvm::Model loaded = rbfsvm::load_model("example.model");

    const std::vector<double> predicted = loaded.predict(data.X);
    std::cout << data.n_samples() << " points, " << loaded.n_support_vectors()
              << " support vectors, training accuracy "
              << 100.0 * rbfsvm::accuracy(data.labels, predicted) << "%\n";
    return 0;
  } catch (const rbfsvm::Error& error) {
    std::cerr << "06_train_from_cpp: error: " << error.what() << '\n';
    return 1;
  }
}
