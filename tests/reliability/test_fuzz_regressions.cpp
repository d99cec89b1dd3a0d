// Every input in fuzz/regressions/TARGET/ (each once made a fuzz target crash, leak or hang) and
// every seed in fuzz/corpus/TARGET/, replayed through the fuzz targets' own entry points
// (fuzz/entry_points.hpp) in the normal build. An entry point lets through only what the fuzzer
// reports as a bug: an exception that is not an rbfsvm::Error, or a broken invariant.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "entry_points.hpp"
#include "support/paths.hpp"

namespace fs = std::filesystem;

namespace {

using Entry = std::function<void(const std::uint8_t*, std::size_t)>;

std::vector<fs::path> files_in(const std::string& kind, const std::string& target) {
  const fs::path dir = fs::path(RBFSVM_SOURCE_DIR) / "fuzz" / kind / target;
  std::vector<fs::path> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

// Returns how many inputs were replayed.
std::size_t replay(const std::string& kind, const std::string& target, const Entry& entry) {
  const std::vector<fs::path> files = files_in(kind, target);
  for (const fs::path& file : files) {
    const std::string bytes = rbfsvm::test::read_file(file);
    INFO(file.string());
    CHECK_NOTHROW(entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
  }
  return files.size();
}

void csv(const std::uint8_t* data, std::size_t size) {
  rbfsvm::fuzz::dataset_reader(data, size, false);
}
void libsvm(const std::uint8_t* data, std::size_t size) {
  rbfsvm::fuzz::dataset_reader(data, size, true);
}

}  // namespace

TEST_CASE("fuzz regressions replay through the csv reader", "[fuzz][dataset]") {
  replay("regressions", "csv", csv);
  CHECK(replay("corpus", "csv", csv) > 0);
}

TEST_CASE("fuzz regressions replay through the libsvm reader", "[fuzz][dataset]") {
  replay("regressions", "libsvm", libsvm);
  CHECK(replay("corpus", "libsvm", libsvm) > 0);
}

TEST_CASE("fuzz regressions replay through the model reader", "[fuzz][model_io]") {
  replay("regressions", "model", rbfsvm::fuzz::model_reader);
  CHECK(replay("corpus", "model", rbfsvm::fuzz::model_reader) > 0);
}

TEST_CASE("fuzz regressions replay through the range file reader", "[fuzz][scaling]") {
  replay("regressions", "range", rbfsvm::fuzz::range_reader);
  CHECK(replay("corpus", "range", rbfsvm::fuzz::range_reader) > 0);
}

TEST_CASE("fuzz regressions replay through the command-line tools", "[fuzz][cli]") {
  replay("regressions", "cli", rbfsvm::fuzz::cli);
  CHECK(replay("corpus", "cli", rbfsvm::fuzz::cli) > 0);
}
