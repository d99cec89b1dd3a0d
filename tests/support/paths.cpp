#include "support/paths.hpp"

#include <filesystem>

namespace rbfsvm::test {

std::string dataset_path(const std::string& name) {
  return std::string(RBFSVM_SOURCE_DIR) + "/datasets/" + name;
}

std::string scratch_directory(const std::string& test_name) {
  const std::filesystem::path dir =
      std::filesystem::path(RBFSVM_BINARY_DIR) / "test-output" / test_name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

}  // namespace rbfsvm::test
