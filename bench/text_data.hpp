// Text-shaped benchmark data: documents drawn from topics, written as tf-idf rows in LIBSVM's
// format, deterministic for a seed. Real text sets of benchmark size (news20, rcv1, e-mail
// spam corpora) cannot be bundled or fetched here, so their shape is made instead: very wide,
// very sparse rows with Zipf-distributed word frequencies, L2-normalised tf-idf values, and
// classes that an RBF SVM learns well but not perfectly.
//
// The model, per document: a topic (its class), a second topic that it mixes in, and a length
// (its number of distinct words, log-normal around the requested mean, as document lengths
// are: Manning, Raghavan & Schütze, Introduction to Information Retrieval, 2008, §5.1). Words
// are drawn one token at a time, until the document has that many distinct words, from a
// mixture: most tokens from the background language, a Zipf law over the whole vocabulary
// (Zipf 1949; the most frequent 1% are the stop words every document shares), the rest from
// the topics, each a Zipf law over its own random subset of the other words. Subsets overlap
// (each word sits in about two topics' vocabularies) and every document borrows from its
// second topic, so classes share words and a few documents are ambiguous.
//
// The values are tf-idf as text classifiers use them (IIR §6.4.1; the same formula as
// ../shared/datasets/sparse/brown-genre, and rcv1's rows are normalised the same way):
// (1 + ln tf) * ln(N / df), df counted over the generated rows, each row scaled to unit
// Euclidean length and written with 6 significant digits. A word in every document has idf 0
// and is left out. Generating takes two passes over the same random stream (the first counts
// document frequencies), so memory stays O(features) however many rows are written.
//
// The same shape and seed give the same bytes with any standard library (portable_random.hpp);
// the values also depend on libm's log, exp and pow, correctly rounded in glibc.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace rbfsvm::bench {

struct TextShape {
  std::int64_t rows = 2000;
  std::int64_t features = 20000;  // vocabulary size: indices 1 .. features
  double nnz = 80;                // mean distinct words (non-zeros) per row
  int classes = 2;                // topics; labels 1 .. classes
  std::uint64_t seed = 1;
  double zipf = 1.0;          // exponent s: the word of rank r has weight 1 / r^s
  double topic_share = 0.15;  // fraction of a document's tokens drawn from its topics
  // Labels +1 (the first half of the topics, rounded down) and -1 (the others) instead of the
  // topic: news20.binary groups its 20 newsgroups the same way.
  bool binary = false;

  // Throws std::invalid_argument naming the first bad field.
  void validate() const;
};

// The shapes the benchmark uses (svm_bench's text cases, make_text_data --shape):
//   small:  2,000 x 20,000, 80 non-zeros per row, 5 topics (CI's quick run)
//   email:  4,200 x 51,000, 226 non-zeros per row, 2 classes (an e-mail spam corpus's shape)
//   news20: 20,000 x 1,350,000, 455 non-zeros per row, 20 topics in 2 classes (news20.binary:
//           19,996 x 1,355,191, 9.1 million non-zeros)
// Throws std::invalid_argument for any other name.
TextShape text_shape(const std::string& name);
std::vector<std::string> text_shape_names();

// A file name that identifies the shape and seed, for caching generated sets, e.g.
// "text-2000x20000-nnz80-k5-zipf1-share0.15-seed1.svm".
std::string text_file_name(const TextShape& shape);

// Writes the rows to `out`, one line each: "label index:value ...", indices ascending.
void write_text_data(const TextShape& shape, std::ostream& out);

// Writes the rows to `path` through a temporary file beside it that is renamed into place, so
// that a reader (or a cache) never sees a partly written file. Throws std::runtime_error when
// the file cannot be written.
void write_text_file(const TextShape& shape, const std::string& path);

}  // namespace rbfsvm::bench
