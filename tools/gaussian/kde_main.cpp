#include <iostream>

#include "cli_common.hpp"
#include "kde_cli.hpp"

int main(int argc, char** argv) {
  return rbfsvm::cli::run_kde(rbfsvm::cli::arguments(argc, argv), std::cout, std::cerr);
}
