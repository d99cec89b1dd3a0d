#include "support/paths.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace rbfsvm::test {

std::string dataset_path(const std::string& name) {
  return std::string(RBFSVM_SOURCE_DIR) + "/datasets/" + name;
}

std::string shared_dataset_path(const std::string& relative) {
  return std::string(RBFSVM_SOURCE_DIR) + "/../shared/datasets/" + relative;
}

std::string scratch_directory(const std::string& test_name) {
  const std::filesystem::path dir =
      std::filesystem::path(RBFSVM_BINARY_DIR) / "test-output" / test_name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace rbfsvm::test
