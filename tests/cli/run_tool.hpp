// Runs a tool's run_<tool>(args, out, err) in-process and keeps what it printed.
#pragma once

#include <sstream>
#include <string>
#include <vector>

namespace rbfsvm::test {

struct Run {
  int status;
  std::string out, err;
};

template <typename Tool>
Run run(Tool tool, const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int status = tool(args, out, err);
  return {status, out.str(), err.str()};
}

}  // namespace rbfsvm::test
