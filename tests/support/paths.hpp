// Locations the tests read from and write to.
#pragma once

#include <string>

namespace rbfsvm::test {

// A file under the project's datasets/ directory.
std::string dataset_path(const std::string& name);
// A file under the team's shared benchmark data (../shared/datasets beside the checkout), for
// tests tagged [shared].
std::string shared_dataset_path(const std::string& relative);
// A fresh, empty directory under the build tree for one test's output files.
std::string scratch_directory(const std::string& test_name);
// The bytes of a file; throws std::runtime_error naming it when it cannot be opened.
std::string read_file(const std::string& path);

}  // namespace rbfsvm::test
