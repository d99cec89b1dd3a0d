// gaussian_kernel, run in-process: the printed matrix, its options and its refusals.
#include <catch2/catch.hpp>
#include <sstream>

#include "cli/run_tool.hpp"
#include "gaussian_kernel_cli.hpp"
#include "rbfsvm/config.hpp"
#include "rbfsvm/gaussian/filter.hpp"
#include "support/paths.hpp"
#include "support/test_data.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using rbfsvm::test::Run;

namespace {

Run gaussian_kernel(const std::vector<std::string>& args) {
  return rbfsvm::test::run(rbfsvm::cli::run_gaussian_kernel, args);
}

}  // namespace

TEST_CASE("gaussian_kernel prints the normalized matrix", "[cli][gaussian_kernel]") {
  const Run result = gaussian_kernel({"--size", "5", "--sigma", "1"});
  REQUIRE(result.status == 0);
  std::istringstream lines(result.out);
  const Eigen::MatrixXd expected = rbfsvm::gaussian_kernel(5, 1.0);
  int rows = 0;
  for (std::string line; std::getline(lines, line); ++rows) {
    std::istringstream values(line);
    double value = 0;
    int cols = 0;
    while (values >> value) {
      CHECK(value == Approx(expected(rows, cols)).margin(5e-9));
      ++cols;
    }
    CHECK(cols == 5);
  }
  CHECK(rows == 5);
  CHECK_THAT(result.out, Contains("0.16210282"));
  CHECK_THAT(result.out, StartsWith("0.00296902"));
}

TEST_CASE("gaussian_kernel derives the size and honours --precision and --1d", "[cli][gaussian_kernel]") {
  const Run derived = gaussian_kernel({"--sigma", "1", "--precision", "3"});
  REQUIRE(derived.status == 0);
  CHECK(std::count(derived.out.begin(), derived.out.end(), '\n') == 7);
  CHECK_THAT(derived.out, StartsWith("0.000 "));
  const Run line = gaussian_kernel({"--sigma", "1", "--size", "3", "--1d"});
  REQUIRE(line.status == 0);
  CHECK(std::count(line.out.begin(), line.out.end(), '\n') == 1);
}

TEST_CASE("gaussian_kernel help and usage errors", "[cli][gaussian_kernel][errors]") {
  const Run help = gaussian_kernel({"--help"});
  CHECK(help.status == 0);
  CHECK_THAT(help.out, Contains("--sigma") && Contains("--size") && Contains("--png"));
  const Run missing = gaussian_kernel({"--size", "5"});
  CHECK(missing.status == 2);
  CHECK_THAT(missing.err, StartsWith("gaussian_kernel: error:") && Contains("--sigma"));
  CHECK(gaussian_kernel({"--sigma", "abc"}).status == 2);
  CHECK(gaussian_kernel({"--sigma", "1", "--bogus"}).status == 2);
  CHECK(gaussian_kernel({"--sigma", "1", "--precision", "40"}).status == 2);
  const Run zero = gaussian_kernel({"--sigma", "0"});
  CHECK(zero.status == 1);
  CHECK_THAT(zero.err, StartsWith("gaussian_kernel: error:") && Contains("sigma"));
  const Run negative = gaussian_kernel({"--sigma", "-2", "--size", "5"});
  CHECK(negative.status == 1);
  const Run size = gaussian_kernel({"--sigma", "1", "--size", "0"});
  CHECK(size.status == 1);
  CHECK_THAT(size.err, Contains("got 0"));
  const Run nan = gaussian_kernel({"--sigma", "nan"});
  CHECK(nan.status != 0);
}

#if RBFSVM_WITH_PLOT
TEST_CASE("gaussian_kernel writes a PNG heatmap", "[cli][gaussian_kernel]") {
  const std::string png = rbfsvm::test::scratch_directory("cli_kernel_png") + "/kernel.png";
  const Run result = gaussian_kernel({"--size", "5", "--sigma", "1", "--png", png});
  REQUIRE(result.status == 0);
  const std::string bytes = rbfsvm::test::read_text_file(png);
  REQUIRE(bytes.size() > 8);
  CHECK(bytes.substr(1, 3) == "PNG");
}

TEST_CASE("gaussian_kernel --png names a file it cannot write", "[cli][gaussian_kernel][errors]") {
  const Run bad_png = gaussian_kernel({"--sigma", "1", "--png", "/nonexistent/dir/k.png"});
  CHECK(bad_png.status == 1);
  CHECK_THAT(bad_png.err, Contains("/nonexistent/dir/k.png"));
}
#else
TEST_CASE("gaussian_kernel --png is refused in a build without plotting",
          "[cli][gaussian_kernel][errors][no_plotting]") {
  const std::string png = rbfsvm::test::scratch_directory("cli_kernel_no_png") + "/kernel.png";
  const Run result = gaussian_kernel({"--size", "5", "--sigma", "1", "--png", png});
  CHECK(result.status == 2);
  CHECK_THAT(result.err,
             StartsWith("gaussian_kernel: error: --png: this build of rbfsvm has no plotting "
                        "(configured with RBFSVM_WITH_PLOT=OFF)\n"));
  CHECK(result.out.empty());
  CHECK(rbfsvm::test::read_text_file(png).empty());
}
#endif
