// Trains on XOR through the installed library and checks the result. Linked with every
// component the build has (rbfsvm::rbfsvm), it also checks a Gaussian filter when there is one;
// built with RBFSVM_CONSUMER_CORE_ONLY it uses rbfsvm::core alone.
#include <rbfsvm/config.hpp>
#include <rbfsvm/svm/train.hpp>

#include <cstdio>

#if RBFSVM_WITH_GAUSSIAN && !defined(RBFSVM_CONSUMER_CORE_ONLY)
#include <rbfsvm/gaussian/filter.hpp>

bool other_components_work() { return rbfsvm::gaussian_kernel(5, 1.0).sum() > 0.999; }
#else
bool other_components_work() { return true; }
#endif

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
  const bool ok = predicted == data.labels && other_components_work();
  std::printf("consumer: %s\n", ok ? "ok" : "wrong predictions");
  return ok ? 0 : 1;
}
