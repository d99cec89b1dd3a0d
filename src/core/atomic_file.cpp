#include "rbfsvm/core/atomic_file.hpp"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "rbfsvm/core/error.hpp"

namespace rbfsvm {
namespace {

std::string temporary_name(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  return path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
}

}  // namespace

void write_file_atomically(const std::string& path,
                           const std::function<void(const std::string& temp_path)>& write) {
  if (path.empty()) throw IoError("cannot write a file with an empty name");
  const std::string temp = temporary_name(path);
  try {
    write(temp);
  } catch (...) {
    std::remove(temp.c_str());
    throw;
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    std::remove(temp.c_str());
    throw IoError("cannot write '" + path + "': " + reason);
  }
}

void write_text_atomically(const std::string& path,
                           const std::function<void(std::ostream& out)>& write) {
  write_file_atomically(path, [&](const std::string& temp) {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) {
      throw IoError("cannot write '" + path + "': " + std::strerror(errno));
    }
    out.imbue(std::locale::classic());
    write(out);
    out.flush();
    if (!out) throw IoError("cannot write '" + path + "': write failed (disk full?)");
  });
}

}  // namespace rbfsvm
