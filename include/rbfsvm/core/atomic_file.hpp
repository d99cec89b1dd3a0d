// Writing output files so that a failed run never leaves a partial or corrupt file behind.
#pragma once

#include <functional>
#include <ostream>
#include <string>

namespace rbfsvm {

// Calls write(temp_path) to produce the file under a temporary name in the same directory, then
// renames it over `path` (rename(2) is atomic within a file system). If write throws, or the
// rename fails, the temporary file is removed, `path` is left as it was, and the exception
// propagates (IoError for a failed rename).
void write_file_atomically(const std::string& path,
                           const std::function<void(const std::string& temp_path)>& write);

// The same for text: write(stream) fills a stream that becomes `path` only if it completes.
// Throws IoError when the directory cannot be written or the stream fails.
void write_text_atomically(const std::string& path,
                           const std::function<void(std::ostream& out)>& write);

}  // namespace rbfsvm
