// resolve_gamma: svm_train's gamma rules (sigma, a value, 'scale' after scaling, LIBSVM's
// default) and their refusals.
#include <catch2/catch.hpp>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/data/scaling.hpp"
#include "rbfsvm/kernel/kernel.hpp"
#include "rbfsvm/svm/gamma.hpp"

using rbfsvm::Dataset;
using rbfsvm::GammaChoice;
using rbfsvm::InvalidArgument;
using rbfsvm::resolve_gamma;
using rbfsvm::ScalingKind;

namespace {

// Four points, two features: entries 0, 2, 4, 6 and 1, 1, 3, 3 (mean 2.5, Var 3.25 over all eight).
Dataset four_points() {
  Dataset data;
  data.X.resize(4, 2);
  data.X << 0, 1, 2, 1, 4, 3, 6, 3;
  data.labels = {1, 1, -1, -1};
  return data;
}

GammaChoice gamma_text(const std::string& text) {
  GammaChoice choice;
  choice.gamma = text;
  return choice;
}

}  // namespace

TEST_CASE("resolve_gamma: LIBSVM's default is 1 / n_features, scaled or not", "[gamma]") {
  CHECK(resolve_gamma({}, four_points(), std::nullopt) == 0.5);
  CHECK(resolve_gamma({}, four_points(), ScalingKind::z_score) == 0.5);
}

TEST_CASE("resolve_gamma: sigma gives 1 / (2 sigma^2)", "[gamma]") {
  GammaChoice choice;
  choice.sigma = 0.5;
  CHECK(resolve_gamma(choice, four_points(), std::nullopt) == 2.0);
  CHECK(resolve_gamma(choice, four_points(), std::nullopt) == rbfsvm::gamma_from_sigma(0.5));
}

TEST_CASE("resolve_gamma: a number is taken as it is written", "[gamma]") {
  CHECK(resolve_gamma(gamma_text("0.25"), four_points(), std::nullopt) == 0.25);
  CHECK(resolve_gamma(gamma_text("1e-3"), four_points(), ScalingKind::min_max) == 1e-3);
}

TEST_CASE("resolve_gamma: 'scale' is 1 / (n_features Var(X)) of the data the kernel sees",
          "[gamma]") {
  CHECK(resolve_gamma(gamma_text("scale"), four_points(), std::nullopt) ==
        Approx(1.0 / (2 * 3.25)));
  // z-scored columns have mean 0 and variance 1, so Var over all entries is 1.
  CHECK(resolve_gamma(gamma_text("scale"), four_points(), ScalingKind::z_score) ==
        Approx(0.5));
  // min-max to [-1, 1]: columns -1, -1/3, 1/3, 1 and -1, -1, 1, 1; Var = (20/9 + 4) / 8 = 7/9.
  CHECK(resolve_gamma(gamma_text("scale"), four_points(), ScalingKind::min_max) ==
        Approx(1.0 / (2 * 7.0 / 9.0)));
}

TEST_CASE("resolve_gamma refusals", "[gamma][errors]") {
  GammaChoice both = gamma_text("0.5");
  both.sigma = 1.0;
  CHECK_THROWS_MATCHES(both.check_exclusive(), InvalidArgument,
                       Catch::Message("give --sigma or --gamma, not both (gamma = 1 / (2 sigma^2))"));
  CHECK_THROWS_MATCHES(resolve_gamma(both, four_points(), std::nullopt), InvalidArgument,
                       Catch::Message("give --sigma or --gamma, not both (gamma = 1 / (2 sigma^2))"));
  for (const std::string text : {"abc", "0.5x", "scales", " "}) {
    CHECK_THROWS_MATCHES(resolve_gamma(gamma_text(text), four_points(), std::nullopt),
                         InvalidArgument,
                         Catch::Message("--gamma expects a number or 'scale', got '" + text + "'"));
  }
  Dataset constant = four_points();
  constant.X.setConstant(3.0);
  CHECK_THROWS_AS(resolve_gamma(gamma_text("scale"), constant, std::nullopt), InvalidArgument);
  Dataset no_features;
  CHECK_THROWS_MATCHES(resolve_gamma({}, no_features, std::nullopt), InvalidArgument,
                       Catch::Message("the data set has no features"));
}
