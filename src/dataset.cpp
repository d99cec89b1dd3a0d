#include "rbfsvm/dataset.hpp"

#include "rbfsvm/error.hpp"

namespace rbfsvm {

Dataset read_dataset(const std::string& path, const ReadOptions&) {
  throw Error("read_dataset(" + path + "): not implemented yet");
}

Dataset parse_dataset(std::istream&, const std::string& name, const ReadOptions&) {
  throw Error("parse_dataset(" + name + "): not implemented yet");
}

}  // namespace rbfsvm
