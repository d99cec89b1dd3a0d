// How many kernel rows to compute together when the solver needs one that is missing.
//
// A row computed alone costs a pass over the data at the memory's rate; rows computed together
// run as one GEMM block at the machine's arithmetic rate (ThunderSVM computes the rows of its
// whole working set so: Wen et al., "ThunderSVM", JMLR 19, 2018). The rows added to a missing one
// are a guess at the rows wanted next, and a wrong guess costs a row's work for nothing. So the
// advice follows the guesses' record (our rule, tuned on LIBSVM's data sets): of a list of rows
// computed together the first was asked for and the others are speculative until read, and with
//   share = min(1, useful / speculated)
// over counts that decay by 0.9 at every list (so that the advice follows the solver's phase,
// from the many new rows of the first iterations to the few of the last), the suggested list
// length is 1 + share^2 max_batch, between 1 and max_batch. Squared, so that a poor guesser
// quickly falls back to single rows. The counts start at 8 speculated, 1 useful.
#pragma once

#include <vector>

#include "rbfsvm/kernel/gram.hpp"

namespace rbfsvm {

class BatchAdvisor {
 public:
  // Rows are of points 0..points - 1; lists hold at most max_batch rows.
  BatchAdvisor(Index points, Index max_batch);

  Index suggested_batch() const;
  // The rows of `points` were computed together; all but the first are speculative.
  void note_computed(const std::vector<Index>& points);
  // Row p was read (a useful guess if it was speculative).
  void note_read(Index p);
  // Row p was dropped unread: no longer counted as a guess that may still come true.
  void forget(Index p) { speculative_[static_cast<std::size_t>(p)] = 0; }

 private:
  Index max_batch_;
  std::vector<char> speculative_;       // per point: computed speculatively and not read yet
  double speculated_ = 8, useful_ = 1;  // decayed counts
};

}  // namespace rbfsvm
