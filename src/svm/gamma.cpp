#include "rbfsvm/svm/gamma.hpp"

#include <exception>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/kernel/kernel.hpp"
#include "rbfsvm/svm/train.hpp"
#include "svm/training/scaled_data.hpp"

namespace rbfsvm {
namespace {

// The whole of `text` as a number, as strtod reads it.
double parse_gamma_value(const std::string& text) {
  try {
    std::size_t used = 0;
    const double value = std::stod(text, &used);
    if (used != text.size()) throw std::exception();
    return value;
  } catch (const std::exception&) {
    throw InvalidArgument("--gamma expects a number or 'scale', got '" + text + "'");
  }
}

}  // namespace

void GammaChoice::check_exclusive() const {
  if (sigma && !gamma.empty()) {
    throw InvalidArgument("give --sigma or --gamma, not both (gamma = 1 / (2 sigma^2))");
  }
}

double resolve_gamma(const GammaChoice& choice, const Dataset& training_data,
                     const std::optional<ScalingKind>& scaling) {
  choice.check_exclusive();
  if (choice.sigma) return gamma_from_sigma(*choice.sigma);
  if (choice.gamma == "scale") {
    // The variance of what the kernel will see: the training data after its scaling.
    if (!scaling) return scale_gamma(training_data);
    const ScalingKind kind = detail::scaling_for(*scaling, training_data);
    return scale_gamma(detail::scaled_copy(training_data, Scaling::fit(kind, training_data.points())));
  }
  if (!choice.gamma.empty()) return parse_gamma_value(choice.gamma);
  return default_gamma(training_data);
}

}  // namespace rbfsvm
