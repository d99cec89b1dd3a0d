// Trains on XOR through the installed library and checks the result.
#include <rbfsvm/gaussian/filter.hpp>
#include <rbfsvm/svm/train.hpp>

#include <cstdio>

int main() {
  rbfsvm::Dataset data;
  data.X.resize(4, 2);
  data.X << 0, 0, 1, 1, 0, 1, 1, 0;
  data.labels = {1, 1, -1, -1};
  rbfsvm::TrainOptions options;
  options.kernel = rbfsvm::Kernel::rbf_from_sigma(0.5);
  options.C = 10;
  const rbfsvm::Model model = rbfsvm::train(data, options);
  const std::vector<double> predicted = model.predict(data.X);
  const bool ok = predicted == data.labels && rbfsvm::gaussian_kernel(5, 1.0).sum() > 0.999;
  std::printf("consumer: %s\n", ok ? "ok" : "wrong predictions");
  return ok ? 0 : 1;
}
