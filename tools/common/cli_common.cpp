#include "cli_common.hpp"

#include <CLI/CLI.hpp>
#include <exception>

#include "rbfsvm/config.hpp"

namespace rbfsvm::cli {

int run_tool(CLI::App& app, const std::string& tool, const std::vector<std::string>& args,
             std::ostream& out, std::ostream& err, const std::function<int()>& body) {
  try {
    std::vector<std::string> argv_storage;
    argv_storage.push_back(tool);
    argv_storage.insert(argv_storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : argv_storage) argv.push_back(arg.data());
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return exit_success;
  } catch (const CLI::ParseError& error) {
    err << tool << ": error: " << error.what() << "\n"
        << "Run '" << tool << " --help' for the options.\n";
    return exit_usage;
  }
  return report_errors(tool, err, body);
}

int report_errors(const std::string& tool, std::ostream& err, const std::function<int()>& body) {
  try {
    return body();
  } catch (const std::exception& error) {  // rbfsvm's errors (InvalidArgument, ...) included
    err << tool << ": error: " << error.what() << "\n";
    return exit_failure;
  }
}

CLI::Option* draws_picture(CLI::Option* option) {
  if (RBFSVM_WITH_PLOT) return option;
  // CLI11 reports a failed check as "OPTION: MESSAGE", a usage error.
  return option->check(
      [](const std::string&) {
        return std::string(
            "this build of rbfsvm has no plotting (configured with RBFSVM_WITH_PLOT=OFF)");
      },
      "", "no_plotting");
}

std::vector<std::string> arguments(int argc, char** argv) {
  return std::vector<std::string>(argv + 1, argv + argc);
}

}  // namespace rbfsvm::cli
