#include <iostream>

#include "cli_common.hpp"
#include "svm_grid_cli.hpp"

int main(int argc, char** argv) {
  return rbfsvm::cli::run_svm_grid(rbfsvm::cli::arguments(argc, argv), std::cout, std::cerr);
}
