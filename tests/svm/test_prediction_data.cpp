// read_dataset_for and labels_in_model_numbering: data read as a given model needs it, and
// every refusal.
#include <catch2/catch.hpp>
#include <fstream>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/svm/prediction_data.hpp"
#include "rbfsvm/svm/train.hpp"
#include "support/paths.hpp"

using rbfsvm::Dataset;
using rbfsvm::InvalidArgument;
using rbfsvm::Model;
using rbfsvm::read_dataset;
using rbfsvm::read_dataset_for;

namespace {

std::string write_file(const std::string& name, const std::string& text) {
  const std::string path = rbfsvm::test::scratch_directory("prediction_data_" + name) + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

Model train_on(const std::string& name, const std::string& text, rbfsvm::KernelType kernel) {
  rbfsvm::ReadOptions read_options;
  rbfsvm::TrainOptions options;
  options.kernel.type = kernel;
  if (kernel == rbfsvm::KernelType::precomputed) {
    read_options.format = rbfsvm::DataFormat::libsvm;
    read_options.precomputed_kernel = true;
  }
  return rbfsvm::train(read_dataset(write_file(name, text), read_options), options);
}

// XOR in LIBSVM format: two features.
Model xor_model() {
  return train_on("xor", "1 1:0 2:0\n1 1:1 2:1\n-1 1:0 2:1\n-1 1:1 2:0\n", rbfsvm::KernelType::rbf);
}

// Text labels: cat, dog.
Model named_model() {
  return train_on("named.csv", "x,y,label\n0,0,cat\n1,1,cat\n0,1,dog\n1,0,dog\n",
                  rbfsvm::KernelType::rbf);
}

}  // namespace

TEST_CASE("read_dataset_for reads at least the model's dimension", "[prediction_data]") {
  const Model model = xor_model();
  const Dataset data = read_dataset_for(model, write_file("first_only", "1 1:0.5\n-1 1:1\n"));
  CHECK(data.X.cols() == 2);
  CHECK(data.X(0, 1) == 0.0);
  CHECK(data.labels == std::vector<double>{1, -1});
}

TEST_CASE("read_dataset_for reads precomputed-kernel rows for a precomputed model",
          "[prediction_data]") {
  const std::string rows =
      "1 0:1 1:1 2:0.5 3:0.1 4:0.1\n1 0:2 1:0.5 2:1 3:0.1 4:0.1\n"
      "-1 0:3 1:0.1 2:0.1 3:1 4:0.5\n-1 0:4 1:0.1 2:0.1 3:0.5 4:1\n";
  const Model model = train_on("precomputed", rows, rbfsvm::KernelType::precomputed);
  // Read as LIBSVM's precomputed rows even when the caller asked for CSV.
  rbfsvm::ReadOptions csv;
  csv.format = rbfsvm::DataFormat::csv;
  const Dataset data = read_dataset_for(model, write_file("precomputed_test", rows), csv);
  CHECK(data.X.rows() == 4);
  CHECK(data.X(2, 0) == 3.0);
  CHECK(data.X(2, 3) == 1.0);
}

TEST_CASE("read_dataset_for passes the label column on", "[prediction_data]") {
  rbfsvm::ReadOptions options;
  options.label_column = "1";
  const Dataset data =
      read_dataset_for(xor_model(), write_file("label_first.csv", "1,0,0\n-1,0,1\n"), options);
  CHECK(data.labels == std::vector<double>{1, -1});
  CHECK(data.X.cols() == 2);
}

TEST_CASE("read_dataset_for reads more features than the model was trained on, and says so",
          "[prediction_data]") {
  const std::string path = write_file("three", "1 1:0 2:0 3:1\n");
  const Dataset data = read_dataset_for(xor_model(), path);
  CHECK(data.n_features() == 3);
  CHECK(rbfsvm::extra_features_warning(xor_model(), data) ==
        "'" + path + "' has features up to 3 but the model was trained on 2; predicting as "
        "LIBSVM does, with the support vectors zero in the extra features (which then count in "
        "RBF distances and nowhere else)");
  const Dataset narrow = read_dataset_for(xor_model(), write_file("one", "1 1:1\n"));
  CHECK(rbfsvm::extra_features_warning(xor_model(), narrow).empty());
  CHECK_THROWS_AS(read_dataset_for(xor_model(), path + ".missing"), rbfsvm::Error);
}

TEST_CASE("labels_in_model_numbering renumbers text labels as the model's classes",
          "[prediction_data]") {
  const Model model = named_model();
  // The file's own numbering (dog 0, bird 1, cat 2) becomes the model's (cat 0, dog 1; bird -1).
  const Dataset data = read_dataset(write_file("named_test.csv", "x,y,label\n0,1,dog\n0,0,bird\n1,1,cat\n"));
  CHECK(data.labels == std::vector<double>{0, 1, 2});
  CHECK(rbfsvm::labels_in_model_numbering(data, model) == std::vector<double>{1, -1, 0});
  // Numeric labels are left as they are.
  const Dataset numeric = read_dataset(write_file("numeric_test", "1 1:0 2:0\n-1 1:0 2:1\n"));
  CHECK(rbfsvm::labels_in_model_numbering(numeric, model) == numeric.labels);
}

TEST_CASE("labels_in_model_numbering refuses text labels for a numeric model",
          "[prediction_data][errors]") {
  const Dataset data = read_dataset(write_file("text_test.csv", "x,y,label\n0,1,dog\n"));
  CHECK_THROWS_MATCHES(
      rbfsvm::labels_in_model_numbering(data, xor_model()), InvalidArgument,
      Catch::Message("the test labels are text but the model was trained on numeric labels"));
}
