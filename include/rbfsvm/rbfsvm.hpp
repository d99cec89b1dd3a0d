// Everything rbfsvm offers, in one include. The parts follow the data path:
//   core    errors, basic types, atomic file output
//   data    data sets (CSV, LIBSVM format), unlabelled tables (CSV), scaling
//   kernel  kernel functions and the Gram builder K(X, Y)
//   solver  what the SMO solver reports while it runs (the engine itself is private)
//   svm     training, the gamma rules, models, model files, data read for a model,
//           probabilities, evaluation, grid search
// and, when this build has them (rbfsvm/config.hpp), the gaussian (image filter, blur, KDE) and
// plot (PNG pictures) components.
#pragma once

#include "rbfsvm/config.hpp"
#include "rbfsvm/core/atomic_file.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/core/format.hpp"
#include "rbfsvm/core/types.hpp"
#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/data/scaling.hpp"
#include "rbfsvm/data/table.hpp"
#include "rbfsvm/kernel/gram.hpp"
#include "rbfsvm/kernel/kernel.hpp"
#include "rbfsvm/solver/progress.hpp"
#include "rbfsvm/svm/evaluation.hpp"
#include "rbfsvm/svm/gamma.hpp"
#include "rbfsvm/svm/grid_search.hpp"
#include "rbfsvm/svm/model.hpp"
#include "rbfsvm/svm/model_io.hpp"
#include "rbfsvm/svm/prediction_data.hpp"
#include "rbfsvm/svm/probability.hpp"
#include "rbfsvm/svm/train.hpp"

#if RBFSVM_WITH_GAUSSIAN
#include "rbfsvm/gaussian/blur.hpp"
#include "rbfsvm/gaussian/filter.hpp"
#include "rbfsvm/gaussian/image.hpp"
#include "rbfsvm/gaussian/kde.hpp"
#endif

#if RBFSVM_WITH_PLOT
#include "rbfsvm/plot/decision_plot.hpp"
#include "rbfsvm/plot/plot.hpp"
#endif
