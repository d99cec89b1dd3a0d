// What every command-line tool shares: argument handling, error reporting and exit codes
// (0 success, 1 failure, 2 usage error).
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

// CLI11 is declared, not included: the one-line main()s that include this header then compile
// in a second instead of parsing all of CLI11.
namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace rbfsvm::cli {

constexpr int exit_success = 0;
constexpr int exit_failure = 1;
constexpr int exit_usage = 2;
constexpr int exit_interrupted = 130;  // 128 + SIGINT, as shells report it

// Parses `args` (without the program name) with `app`, then calls body(). Prints
// "TOOL: error: MESSAGE" on err for a usage error (exit 2) or any rbfsvm / std exception (exit 1);
// --help prints the help on out and returns 0.
int run_tool(CLI::App& app, const std::string& tool, const std::vector<std::string>& args,
             std::ostream& out, std::ostream& err, const std::function<int()>& body);

// Calls body(); for an rbfsvm or std exception prints "TOOL: error: MESSAGE" on err and returns
// exit_failure. run_tool's handling, for a tool's steps after the parse.
int report_errors(const std::string& tool, std::ostream& err, const std::function<int()>& body);

// Marks an option that draws a picture. A build without rbfsvm::plot (RBFSVM_WITH_PLOT=OFF)
// refuses it as a usage error (exit 2): "OPTION: this build of rbfsvm has no plotting
// (configured with RBFSVM_WITH_PLOT=OFF)"; a build with it leaves the option as it is.
CLI::Option* draws_picture(CLI::Option* option);

// argv[1..argc) as strings.
std::vector<std::string> arguments(int argc, char** argv);

}  // namespace rbfsvm::cli
