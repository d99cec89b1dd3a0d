#include "child_process.hpp"

#include <malloc.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <stdexcept>

namespace rbfsvm::bench {

void PipeWriter::bytes(const void* data, std::size_t size) {
  const auto* p = static_cast<const char*>(data);
  if (buffer_.size() + size > kCapacity) flush();
  if (size > kCapacity) {
    write_all(p, size);
  } else {
    buffer_.insert(buffer_.end(), p, p + size);
  }
}

void PipeWriter::flush() {
  write_all(buffer_.data(), buffer_.size());
  buffer_.clear();
}

void PipeWriter::write_all(const char* p, std::size_t size) {
  while (size > 0) {
    const ssize_t written = ::write(fd_, p, size);
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) _exit(3);  // the parent went away
    p += written;
    size -= static_cast<std::size_t>(written);
  }
}

void MessageReader::bytes(void* out, std::size_t size) {
  if (position_ + size > data_.size()) throw std::runtime_error("truncated message from a child");
  std::memcpy(out, data_.data() + position_, size);
  position_ += size;
}

double resident_mb() {
  std::ifstream statm("/proc/self/statm");
  double pages_total = 0, pages_resident = 0;
  if (!(statm >> pages_total >> pages_resident)) return std::numeric_limits<double>::quiet_NaN();
  return pages_resident * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

ChildResult run_in_child(const std::function<void(PipeWriter&)>& work) {
  std::fflush(stdout);
  std::fflush(stderr);
  malloc_trim(0);  // return freed heap to the system, so that children do not start with it
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    close(fds[0]);
    int status = 0;
    try {
      PipeWriter writer(fds[1]);
      work(writer);
    } catch (const std::exception& error) {
      std::fprintf(stderr, "svm_bench: %s\n", error.what());
      status = 4;
    }
    close(fds[1]);
    std::fflush(stdout);
    std::fflush(stderr);
    _exit(status);
  }
  close(fds[1]);
  ChildResult result;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t got = read(fds[0], buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    result.message.append(buffer, static_cast<std::size_t>(got));
  }
  close(fds[0]);
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status)) {
    throw std::runtime_error("a child process was killed by signal " +
                             std::to_string(WTERMSIG(status)) +
                             (WTERMSIG(status) == SIGKILL ? " (out of memory?)" : ""));
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("a child process failed (exit status " +
                             std::to_string(WEXITSTATUS(status)) + ")");
  }
  result.peak_mb = static_cast<double>(usage.ru_maxrss) / 1024.0;  // KB on Linux
  return result;
}

}  // namespace rbfsvm::bench
