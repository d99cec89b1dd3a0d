// The fuzz targets' bodies, shared by the libFuzzer targets (fuzz/fuzz_*.cpp) and by the normal
// test suite, which replays every input in fuzz/regressions/ through them
// (tests/reliability/test_fuzz_regressions.cpp).
//
// Each entry point feeds the bytes to one reader or tool. rbfsvm::Error (a refusal with a
// message) is the expected outcome of bad input and is caught; anything else escapes: another
// exception (std::bad_alloc included), or std::logic_error thrown here when a result breaks an
// invariant (a parsed data set with NaN in it, a model that does not read back as written...).
// Under libFuzzer an escaping exception aborts, which is reported as a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace rbfsvm::fuzz {

// parse_dataset on the input minus its first byte, whose bits choose the ReadOptions: format
// (csv / libsvm / automatic), header (on / off / detected), precomputed_kernel, delimiter,
// label column and min_features. The CSV and LIBSVM targets differ in their seeds and in the
// format they choose most often (`prefer_libsvm`).
void dataset_reader(const std::uint8_t* data, std::size_t size, bool prefer_libsvm);

// read_model on the input; then load_model on the input split at "\n#sidecar\n" into a model
// file and its JSON sidecar (PATH.json), written to a per-process temporary directory, with
// every "@FP@" in the sidecar replaced by the model text's fingerprint so that the sidecar's
// contents get past the fingerprint check. A model that loads is written, read back and used
// for a prediction.
void model_reader(const std::uint8_t* data, std::size_t size);

// read_range_file on the input; a scaling that reads is applied, written and read back.
void range_reader(const std::uint8_t* data, std::size_t size);

// The first byte picks svm_train, svm_predict, svm_scale or gaussian_kernel; the rest, split at
// '\n', is the argument list. It runs in a per-process temporary directory (the working
// directory for the run only) holding a few tiny data, model and range files (a.csv, b.txt,
// k.txt, r.csv, m.model, n.model, range.txt), restored before each run, every other file
// removed. Inputs that could reach outside that directory (a '/' or ".." in an argument) or ask
// for long runs (a --max-iterations of their own, a gaussian_kernel size or sigma above 200,
// --png) are skipped; svm_train always gets --max-iterations 20000. A run must exit 0, 1, 2 or
// 130, say why when it fails, and leave no temporary file behind.
void cli(const std::uint8_t* data, std::size_t size);

// The per-process temporary directory the model and CLI entry points work in, created on
// first use and removed at exit.
const std::string& work_directory();

}  // namespace rbfsvm::fuzz
