// Internal: the operating-system calls the engine makes, kept out of the algorithm files. Each
// has a portable fallback, so a build without them only loses speed (or, for the memory size,
// the default memory limit).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

namespace rbfsvm::detail {

// Memory for `count` floats (at least one), left uninitialized, released when the last owner
// goes. On Linux its pages are put in place by the one mmap call (MAP_POPULATE) instead of one
// page fault at a time as it is first written: the faults cost 4-8% of a long training in a VM
// (docs/performance.md). Elsewhere plain new[]. Throws std::bad_alloc.
std::shared_ptr<float> allocate_populated_floats(std::size_t count);

// Asks the kernel to back [data, data + bytes) with transparent huge pages (Linux madvise
// MADV_HUGEPAGE) when it is at least 4 MiB: only a hint, a no-op elsewhere or if ignored.
void advise_huge_pages(void* data, std::size_t bytes);

// The machine's physical memory in bytes (sysconf), or 0 when unknown.
std::uint64_t physical_memory_bytes();

}  // namespace rbfsvm::detail
