// svm_bench's models through the pipe from a training child to the parent: the parts of
// ModelData the evaluation needs (classes, labels, SV counts, rho, gamma, coefficients, support
// vectors), exactly. Support vectors travel as they are stored: a dense matrix, or sparse
// points as their CSR arrays, never densified (a text set's SVs, dense, would take n_sv x d
// doubles: 9.8 GB for brown-genre's 122,824 columns).
#pragma once

#include <libsvm/svm.h>

#include "child_process.hpp"
#include "rbfsvm/svm/model.hpp"

namespace rbfsvm::bench {

void send_model(PipeWriter& out, const ModelData& model);

// LIBSVM's model in the same layout (sv_coef[c] is row c of the coefficients): its SVs, sparse
// node lists, sent as CSR when `sparse`, else as d-column dense rows, one at a time (so that
// a dense copy of all of them never adds to the child's peak memory).
void send_libsvm_model(PipeWriter& out, const svm_model& model, Index d, bool sparse);

ModelData receive_model(MessageReader& in);

}  // namespace rbfsvm::bench
