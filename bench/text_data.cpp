#include "text_data.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <stdexcept>

#include "portable_random.hpp"

namespace rbfsvm::bench {

namespace {

// The spread of log(document length): sigma 0.5 puts the middle 95% of lengths within
// a factor of e^(2 sigma) = 2.7 of the median either way, about what news20's rows show.
constexpr double kLengthSigma = 0.5;
// The most frequent 1% of the vocabulary are stop words: background only, in no topic.
constexpr double kStopWordShare = 0.01;
// Each topic's vocabulary holds this many times its even share of the non-stop words, so each
// word sits in about that many topics' vocabularies.
constexpr double kTopicOverlap = 2.0;
// A document's tokens from its topics come from its own topic with a probability drawn
// uniformly from [kMainTopicLow, 1], from its second topic otherwise.
constexpr double kMainTopicLow = 0.6;
// Give up on reaching a document's length after this many tokens per word (a tiny vocabulary).
constexpr std::int64_t kTokensPerWord = 64;

// Weights 1 / r^s for ranks r = 1 .. n: Zipf's law.
std::vector<double> zipf_weights(std::int64_t n, double s) {
  std::vector<double> weights(static_cast<std::size_t>(n));
  for (std::int64_t r = 0; r < n; ++r) {
    weights[static_cast<std::size_t>(r)] = std::pow(static_cast<double>(r + 1), -s);
  }
  return weights;
}

struct Document {
  int topic = 0;
  std::vector<std::int32_t> words;    // 0-based, ascending
  std::vector<std::uint32_t> counts;  // tf of each word
};

// The vocabularies and the per-document draws.
class Corpus {
 public:
  explicit Corpus(const TextShape& shape)
      : shape_(shape),
        background_(zipf_weights(shape.features, shape.zipf)),
        topic_ranks_(zipf_weights(topic_size(shape), shape.zipf)),
        counts_(static_cast<std::size_t>(shape.features), 0) {
    // Each topic's words: a uniform sample of the non-stop words (a partial Fisher-Yates
    // shuffle), in random order, so its most frequent words are rare in the background.
    PortableRandom random(shape.seed);
    const std::int64_t stop = stop_words(shape);
    std::vector<std::int32_t> pool(static_cast<std::size_t>(shape.features - stop));
    std::iota(pool.begin(), pool.end(), static_cast<std::int32_t>(stop));
    const std::size_t size = topic_ranks_.size();
    for (int t = 0; t < shape.classes; ++t) {
      for (std::size_t i = 0; i < size; ++i) {
        std::swap(pool[i], pool[i + random.below(pool.size() - i)]);
      }
      topics_.emplace_back(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(size));
    }
  }

  // The next document of the stream `random`.
  Document next(PortableRandom& random) {
    Document doc;
    const int k = shape_.classes;
    doc.topic = static_cast<int>(random.below(static_cast<std::uint64_t>(k)));
    const int second =
        (doc.topic + 1 + static_cast<int>(random.below(static_cast<std::uint64_t>(k - 1)))) % k;
    const double main_share =
        shape_.topic_share * (kMainTopicLow + (1 - kMainTopicLow) * random.uniform());
    const std::int64_t length = document_length(random);
    std::vector<std::int32_t>& words = doc.words;
    for (std::int64_t token = 0;
         static_cast<std::int64_t>(words.size()) < length && token < kTokensPerWord * length;
         ++token) {
      const double u = random.uniform();
      const std::int32_t word = u < main_share ? topic_word(doc.topic, random)
                                : u < shape_.topic_share
                                    ? topic_word(second, random)
                                    : static_cast<std::int32_t>(background_.draw(random));
      if (counts_[static_cast<std::size_t>(word)]++ == 0) words.push_back(word);
    }
    std::sort(words.begin(), words.end());
    for (const std::int32_t word : words) {
      doc.counts.push_back(counts_[static_cast<std::size_t>(word)]);
      counts_[static_cast<std::size_t>(word)] = 0;
    }
    return doc;
  }

 private:
  static std::int64_t stop_words(const TextShape& shape) {
    return std::max<std::int64_t>(
        1, static_cast<std::int64_t>(kStopWordShare * static_cast<double>(shape.features)));
  }
  static std::int64_t topic_size(const TextShape& shape) {
    const std::int64_t others = shape.features - stop_words(shape);
    const auto share =
        static_cast<std::int64_t>(kTopicOverlap * static_cast<double>(others) / shape.classes);
    return std::clamp<std::int64_t>(share, 1, others);
  }

  std::int32_t topic_word(int topic, PortableRandom& random) const {
    return topics_[static_cast<std::size_t>(topic)][topic_ranks_.draw(random)];
  }

  // Log-normal around the requested mean: exp(sigma z - sigma^2 / 2) has mean 1 for a normal z.
  std::int64_t document_length(PortableRandom& random) const {
    const double factor =
        std::exp(kLengthSigma * random.normal() - 0.5 * kLengthSigma * kLengthSigma);
    const auto length = static_cast<std::int64_t>(std::llround(shape_.nnz * factor));
    return std::clamp<std::int64_t>(length, 1, shape_.features / 2);
  }

  TextShape shape_;
  CumulativeTable background_;
  CumulativeTable topic_ranks_;
  std::vector<std::vector<std::int32_t>> topics_;
  std::vector<std::uint32_t> counts_;  // all zero between documents
};

// The documents' stream: its own seed, so that it is the same in both passes.
PortableRandom document_stream(const TextShape& shape) {
  return PortableRandom(shape.seed ^ 0x9E3779B97F4A7C15ULL);  // 2^64 / golden ratio
}

std::string label_of(const TextShape& shape, int topic) {
  if (shape.binary) return topic < shape.classes / 2 ? "+1" : "-1";
  return std::to_string(topic + 1);
}

std::string compact(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

}  // namespace

void TextShape::validate() const {
  const auto require = [](bool ok, const char* what) {
    if (!ok) throw std::invalid_argument(what);
  };
  require(rows >= 1, "rows must be at least 1");
  require(features >= 100 && features <= 2147483647, "features must be between 100 and 2^31 - 1");
  require(nnz >= 1 && nnz <= static_cast<double>(features) / 4,
          "nnz must be between 1 and a quarter of the features");
  require(classes >= 2 && classes <= 1000, "classes must be between 2 and 1000");
  require(zipf > 0 && zipf <= 4, "zipf must be in (0, 4]");
  require(topic_share >= 0 && topic_share <= 1, "topic share must be in [0, 1]");
}

TextShape text_shape(const std::string& name) {
  TextShape shape;
  if (name == "small") {
    shape.rows = 2000, shape.features = 20000, shape.nnz = 80, shape.classes = 5;
  } else if (name == "email") {
    shape.rows = 4200, shape.features = 51000, shape.nnz = 226, shape.classes = 2;
  } else if (name == "news20") {
    shape.rows = 20000, shape.features = 1350000, shape.nnz = 455, shape.classes = 20;
    shape.binary = true;
  } else {
    throw std::invalid_argument("unknown text shape '" + name + "' (small, email, news20)");
  }
  return shape;
}

std::vector<std::string> text_shape_names() {
  return {"small", "email", "news20"};
}

std::string text_file_name(const TextShape& shape) {
  return "text-" + std::to_string(shape.rows) + "x" + std::to_string(shape.features) + "-nnz" +
         compact(shape.nnz) + "-k" + std::to_string(shape.classes) +
         (shape.binary ? "-binary" : "") + "-zipf" + compact(shape.zipf) + "-share" +
         compact(shape.topic_share) + "-seed" + std::to_string(shape.seed) + ".svm";
}

void write_text_data(const TextShape& shape, std::ostream& out) {
  shape.validate();
  Corpus corpus(shape);
  // Pass 1: document frequencies.
  std::vector<std::uint32_t> df(static_cast<std::size_t>(shape.features), 0);
  PortableRandom counting = document_stream(shape);
  for (std::int64_t i = 0; i < shape.rows; ++i) {
    for (const std::int32_t word : corpus.next(counting).words)
      ++df[static_cast<std::size_t>(word)];
  }
  // Pass 2: the same documents again, written as normalised tf-idf.
  const auto n = static_cast<double>(shape.rows);
  PortableRandom writing = document_stream(shape);
  std::vector<double> values;
  std::string line;
  char entry[48];
  for (std::int64_t i = 0; i < shape.rows; ++i) {
    const Document doc = corpus.next(writing);
    values.clear();
    double squared = 0;
    for (std::size_t j = 0; j < doc.words.size(); ++j) {
      const double idf = std::log(n / df[static_cast<std::size_t>(doc.words[j])]);
      values.push_back((1 + std::log(static_cast<double>(doc.counts[j]))) * idf);
      squared += values.back() * values.back();
    }
    const double norm = std::sqrt(squared);
    line = label_of(shape, doc.topic);
    for (std::size_t j = 0; j < doc.words.size(); ++j) {
      if (values[j] == 0) continue;  // in every document: idf 0
      std::snprintf(entry, sizeof entry, " %d:%.6g", doc.words[j] + 1, values[j] / norm);
      line += entry;
    }
    line += '\n';
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
  }
}

void write_text_file(const TextShape& shape, const std::string& path) {
  namespace fs = std::filesystem;
  const std::string temporary = path + ".partial-" + std::to_string(::getpid());
  try {
    std::ofstream out(temporary, std::ios::binary);
    if (!out) throw std::runtime_error("cannot write " + temporary);
    write_text_data(shape, out);
    out.close();
    if (!out) throw std::runtime_error("cannot write " + temporary + " (disk full?)");
  } catch (...) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw;
  }
  std::error_code error;
  fs::rename(temporary, path, error);
  if (error) {
    fs::remove(temporary, error);
    throw std::runtime_error("cannot rename " + temporary + " to " + path);
  }
}

}  // namespace rbfsvm::bench
