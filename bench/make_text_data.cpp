// make_text_data: writes a text-shaped data set (text_data.hpp) in LIBSVM's format.
//
//   make_text_data [--shape small|email|news20] [--rows N] [--features D] [--nnz M]
//                  [--classes K] [--binary] [--seed S] [--zipf E] [--topic-share F] OUTPUT
//
// --shape starts from one of the benchmark's shapes; the other options then change it.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "text_data.hpp"

namespace {

using rbfsvm::bench::TextShape;

void usage(std::FILE* to) {
  std::fprintf(
      to,
      "usage: make_text_data [--shape NAME] [--rows N] [--features D] [--nnz M] [--classes K]\n"
      "                      [--binary] [--seed S] [--zipf E] [--topic-share F] OUTPUT\n"
      "  --shape NAME       start from small (2000 x 20000, 80 nnz, 5 topics), email\n"
      "                     (4200 x 51000, 226 nnz, 2 classes) or news20 (20000 x 1350000,\n"
      "                     455 nnz, 20 topics, binary); default: small's numbers, 2 classes\n"
      "  --rows N           documents (rows)\n"
      "  --features D       vocabulary size (indices 1..D)\n"
      "  --nnz M            mean distinct words (non-zeros) per row\n"
      "  --classes K        topics, labelled 1..K\n"
      "  --binary           labels +1 (first half of the topics) and -1 (the rest)\n"
      "  --seed S           random seed (default 1): the same seed gives the same bytes\n"
      "  --zipf E           Zipf exponent of the word frequencies (default 1)\n"
      "  --topic-share F    fraction of the words drawn from the topics (default 0.15):\n"
      "                     lower is harder to classify\n"
      "  OUTPUT             the file, written to a temporary beside it and renamed\n");
}

[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr, "make_text_data: %s\n", message.c_str());
  usage(stderr);
  std::exit(2);
}

// The whole of `text` as a number, else a usage error.
template <class T>
T number(const std::string& option, const std::string& text) {
  std::size_t used = 0;
  T value{};
  try {
    if constexpr (std::is_floating_point_v<T>) {
      value = static_cast<T>(std::stod(text, &used));
    } else {
      value = static_cast<T>(std::stoll(text, &used));
    }
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size()) usage_error(option + ": not a number: '" + text + "'");
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  TextShape shape;
  std::string output;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      const auto next = [&]() -> std::string {
        if (i + 1 >= argc) usage_error(arg + " needs a value");
        return argv[++i];
      };
      if (arg == "--shape") {
        shape = rbfsvm::bench::text_shape(next());
      } else if (arg == "--rows") {
        shape.rows = number<std::int64_t>(arg, next());
      } else if (arg == "--features") {
        shape.features = number<std::int64_t>(arg, next());
      } else if (arg == "--nnz") {
        shape.nnz = number<double>(arg, next());
      } else if (arg == "--classes") {
        shape.classes = number<int>(arg, next());
      } else if (arg == "--binary") {
        shape.binary = true;
      } else if (arg == "--seed") {
        shape.seed = number<std::uint64_t>(arg, next());
      } else if (arg == "--zipf") {
        shape.zipf = number<double>(arg, next());
      } else if (arg == "--topic-share") {
        shape.topic_share = number<double>(arg, next());
      } else if (arg == "--help" || arg == "-h") {
        usage(stdout);
        return 0;
      } else if (!arg.empty() && arg[0] == '-') {
        usage_error("unknown option '" + arg + "'");
      } else if (output.empty()) {
        output = arg;
      } else {
        usage_error("one output file only");
      }
    }
    if (output.empty()) usage_error("no output file");
    shape.validate();
  } catch (const std::invalid_argument& error) {
    usage_error(error.what());
  }
  try {
    const auto start = std::chrono::steady_clock::now();
    rbfsvm::bench::write_text_file(shape, output);
    std::fprintf(stderr, "make_text_data: wrote %s (%lld x %lld) in %.1f s\n", output.c_str(),
                 static_cast<long long>(shape.rows), static_cast<long long>(shape.features),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  } catch (const std::exception& error) {
    std::fprintf(stderr, "make_text_data: %s\n", error.what());
    return 1;
  }
  return 0;
}
