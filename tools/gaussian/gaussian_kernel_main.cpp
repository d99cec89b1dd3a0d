#include <iostream>

#include "cli_common.hpp"
#include "gaussian_kernel_cli.hpp"

int main(int argc, char** argv) {
  return rbfsvm::cli::run_gaussian_kernel(rbfsvm::cli::arguments(argc, argv), std::cout, std::cerr);
}
