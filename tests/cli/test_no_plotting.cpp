// A build without rbfsvm::plot (RBFSVM_WITH_PLOT=OFF): the options that draw pictures are
// usage errors that say so, before any work, and nothing is written.
#include <catch2/catch.hpp>
#include <filesystem>

#include "cli/run_tool.hpp"
#include "rbfsvm/config.hpp"
#include "support/paths.hpp"
#include "svm_grid_cli.hpp"
#include "svm_train_cli.hpp"

static_assert(RBFSVM_WITH_PLOT == 0, "this test is built only without rbfsvm::plot");

using rbfsvm::test::Run;
using rbfsvm::test::run;
namespace fs = std::filesystem;

namespace {

std::string refusal(const std::string& tool, const std::string& option) {
  return tool + ": error: " + option +
         ": this build of rbfsvm has no plotting (configured with RBFSVM_WITH_PLOT=OFF)\n"
         "Run '" + tool + " --help' for the options.\n";
}

}  // namespace

TEST_CASE("svm_train --plot is refused without plotting", "[cli][svm_train][no_plotting]") {
  const std::string dir = rbfsvm::test::scratch_directory("no_plotting_train");
  const Run result = run(rbfsvm::cli::run_svm_train,
                         {rbfsvm::test::dataset_path("heart_scale"), dir + "/heart.model",
                          "--plot", dir + "/heart.png"});
  CHECK(result.status == 2);
  CHECK(result.err == refusal("svm_train", "--plot"));
  CHECK(result.out.empty());
  CHECK(fs::is_empty(dir));
}

// svm_grid's one-process entry (run_svm_grid also has an overload for mpirun's ranks).
int (*const svm_grid)(const std::vector<std::string>&, std::ostream&, std::ostream&) =
    rbfsvm::cli::run_svm_grid;

TEST_CASE("svm_grid --png is refused without plotting", "[cli][grid][no_plotting]") {
  const std::string dir = rbfsvm::test::scratch_directory("no_plotting_grid");
  const Run result = run(svm_grid,
                         {rbfsvm::test::dataset_path("heart_scale"), "--csv", dir + "/grid.csv",
                          "--png", dir + "/grid.png"});
  CHECK(result.status == 2);
  CHECK(result.err == refusal("svm_grid", "--png"));
  CHECK(result.out.empty());
  CHECK(fs::is_empty(dir));
}

TEST_CASE("the help still lists the picture options", "[cli][no_plotting]") {
  CHECK(run(rbfsvm::cli::run_svm_train, {"--help"}).out.find("--plot") != std::string::npos);
  CHECK(run(svm_grid, {"--help"}).out.find("--png") != std::string::npos);
}
