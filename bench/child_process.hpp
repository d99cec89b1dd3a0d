// svm_bench's measurement: work run in a forked child process, which sends its results down a
// pipe; the parent reads them and the child's peak resident set (wait4's ru_maxrss). A fresh
// child per run means no run inherits another's allocator state, kernel cache or warm pages.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace rbfsvm::bench {

// Buffered writes to a pipe from a child; small buffer, so sending a model adds little to the
// child's peak memory.
class PipeWriter {
 public:
  explicit PipeWriter(int fd) : fd_(fd) {}
  ~PipeWriter() { flush(); }
  PipeWriter(const PipeWriter&) = delete;
  PipeWriter& operator=(const PipeWriter&) = delete;

  void bytes(const void* data, std::size_t size);
  template <class T>
  void value(const T& v) {
    bytes(&v, sizeof v);
  }
  void flush();

 private:
  static constexpr std::size_t kCapacity = 1 << 16;
  void write_all(const char* p, std::size_t size);
  int fd_;
  std::vector<char> buffer_;
};

// Reads what a child sent, in order; throws when the message is shorter than expected.
class MessageReader {
 public:
  explicit MessageReader(const std::string& data) : data_(data) {}
  void bytes(void* out, std::size_t size);
  template <class T>
  T value() {
    T v;
    bytes(&v, sizeof v);
    return v;
  }

 private:
  const std::string& data_;
  std::size_t position_ = 0;
};

struct ChildResult {
  std::string message;  // what the child wrote
  double peak_mb = 0;   // its ru_maxrss, in MB
};

// The resident set of the calling process now, in MB (/proc/self/statm), NaN if unreadable.
double resident_mb();

// Runs work(writer) in a forked child and returns what it wrote and its peak resident set.
// A child whose work() throws prints "svm_bench: <error>" and exits with status 4; one that dies
// (killed for memory, say) is reported with its signal. Both throw std::runtime_error here.
ChildResult run_in_child(const std::function<void(PipeWriter&)>& work);

}  // namespace rbfsvm::bench
