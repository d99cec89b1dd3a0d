#include <iostream>

#include "cli_common.hpp"
#include "svm_train_cli.hpp"

int main(int argc, char** argv) {
  return rbfsvm::cli::run_svm_train(rbfsvm::cli::arguments(argc, argv), std::cout, std::cerr);
}
