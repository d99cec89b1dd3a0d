// Internal: exceptions out of parallel loops. An exception must not leave an OpenMP region (the
// program would terminate), so each task runs inside FirstException::capture and the loop's
// caller rethrows after the loop has finished.
#pragma once

#include <exception>
#include <mutex>
#include <utility>

namespace rbfsvm::detail {

// Keeps the first exception the tasks of one parallel loop throw (the first to be caught, in
// time; with one thread that is the one of the lowest index) and drops the later ones. The other
// tasks still run to the end.
class FirstException {
 public:
  template <typename Task>
  void capture(Task&& task) noexcept {
    try {
      std::forward<Task>(task)();
    } catch (...) {
      const std::lock_guard<std::mutex> lock(mutex_);
      if (!first_) first_ = std::current_exception();
    }
  }

  // Throws the kept exception, if any. Call after the loop.
  void rethrow() const {
    if (first_) std::rethrow_exception(first_);
  }

 private:
  std::mutex mutex_;
  std::exception_ptr first_;
};

}  // namespace rbfsvm::detail
