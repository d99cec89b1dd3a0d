"""Choosing C and gamma of an RBF SVC or SVR by cross-validation on rbfsvm's model-selection
engine, behind scikit-learn's GridSearchCV interface.

scikit-learn's GridSearchCV trains every (C, gamma, fold) on its own. This one hands the whole
grid to the C++ library's grid_search: per gamma one kernel matrix shared by every fold and every
C, each fold's solves warm-started along increasing C (docs/design.md, "Model selection"). The
optima are the same to the solver's tolerance. What differs from scikit-learn's:

- estimator: an rbfsvm.SVC or rbfsvm.SVR with kernel='rbf'; param_grid: values of "C" and
  "gamma" only (the estimator's own for a name left out), any positive numbers.
- cv: a number of folds (>= 2), drawn as LIBSVM's svm_cross_validation draws them (stratified
  for SVC) from random_state; test_fold_ gives each sample's fold, for
  sklearn.model_selection.PredefinedSplit.
- scoring: accuracy for SVC and the negated mean squared error for SVR, both pooled over the
  held-out predictions of all folds (for accuracy with folds of equal size, the mean of the
  folds' accuracies).
- cv_results_ holds params, param_C, param_gamma, mean_test_score and rank_test_score, in
  scikit-learn's order of the points (C slowest, gamma fastest, each in the order given).
"""

import numbers

import numpy as np
from sklearn.base import BaseEstimator, MetaEstimatorMixin, clone
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted

from . import _rbfsvm
from ._classes import SVC, SVR
from ._data import checked_sample_weight, to_library_points

__all__ = ["GridSearchCV"]

_GRID_NAMES = ("C", "gamma")


def _grid_values(param_grid, name, default):
    """The values of `name` in param_grid as floats, or [default] when it is left out."""
    if name not in param_grid:
        return [default]
    values = param_grid[name]
    if isinstance(values, (str, bytes)) or not hasattr(values, "__iter__"):
        raise TypeError(
            "param_grid[%r] must be a sequence of numbers, got %r" % (name, values)
        )
    values = list(values)
    if not values:
        raise ValueError("param_grid[%r] is empty" % name)
    result = []
    for value in values:
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(
                "param_grid[%r] must hold numbers, got %r" % (name, value)
            )
        value = float(value)
        if not (value > 0 and np.isfinite(value)):
            raise ValueError(
                "every value of param_grid[%r] must be a finite number > 0, got %r"
                % (name, value)
            )
        result.append(value)
    return result


class GridSearchCV(MetaEstimatorMixin, BaseEstimator):
    """Cross-validated grid search over C and gamma of an RBF SVC or SVR (see the module's
    docstring for what differs from sklearn.model_selection.GridSearchCV).

    Parameters: estimator (rbfsvm.SVC or rbfsvm.SVR, kernel='rbf'; its other parameters are
    kept), param_grid (dict with "C" and/or "gamma": sequences of positive numbers), cv (folds,
    default 5), refit (fit best_estimator_ on all the data, default True), random_state (the
    folds' seed, default 0), n_threads (None or 0: every core), kernel_sharing and warm_start
    (the engine's two savings, default on; off only to measure what they bring).

    Attributes after fit: cv_results_, best_index_, best_params_, best_score_, test_fold_,
    n_splits_, scorer_name_, and with refit best_estimator_ (predict, decision_function,
    predict_proba, score and classes_ go to it).
    """

    def __init__(
        self,
        estimator,
        param_grid,
        *,
        cv=5,
        refit=True,
        random_state=0,
        n_threads=None,
        kernel_sharing=True,
        warm_start=True,
    ):
        self.estimator = estimator
        self.param_grid = param_grid
        self.cv = cv
        self.refit = refit
        self.random_state = random_state
        self.n_threads = n_threads
        self.kernel_sharing = kernel_sharing
        self.warm_start = warm_start

    def _check_settings(self):
        if not isinstance(self.estimator, (SVC, SVR)):
            raise TypeError(
                "rbfsvm.model_selection.GridSearchCV searches an rbfsvm.SVC or rbfsvm.SVR, got "
                "%s; use sklearn.model_selection.GridSearchCV for other estimators"
                % type(self.estimator).__name__
            )
        if self.estimator.kernel != "rbf":
            raise ValueError(
                "the search tunes C and gamma of the rbf kernel, got kernel=%r"
                % self.estimator.kernel
            )
        if not isinstance(self.param_grid, dict):
            raise TypeError(
                "param_grid must be a dict of 'C' and 'gamma' values, got %s"
                % type(self.param_grid).__name__
            )
        unknown = sorted(set(self.param_grid) - set(_GRID_NAMES))
        if unknown:
            raise ValueError(
                "param_grid may hold 'C' and 'gamma' only, got %s; set other parameters on "
                "the estimator" % ", ".join(repr(name) for name in unknown)
            )
        if "gamma" in self.param_grid and self.estimator.sigma is not None:
            raise ValueError("the estimator's sigma sets gamma; leave it None to search gamma")
        if isinstance(self.cv, bool) or not isinstance(self.cv, numbers.Integral):
            raise TypeError(
                "cv must be a number of folds; for other splitters use "
                "sklearn.model_selection.GridSearchCV, got %r" % (self.cv,)
            )
        if self.cv < 2:
            raise ValueError("cv must be at least 2 folds, got %d" % self.cv)
        if self.n_threads is not None and (
            isinstance(self.n_threads, bool)
            or not isinstance(self.n_threads, numbers.Integral)
            or self.n_threads < 0
        ):
            raise ValueError("n_threads must be None or an integer >= 0, got %r" % (self.n_threads,))

    def fit(self, X, y, sample_weight=None):
        """Cross-validate every (C, gamma) of param_grid on X, y (sample_weight rescales C per
        sample, as in the estimator's fit); then, with refit, fit best_estimator_. Returns
        self."""
        self._check_settings()
        estimator = clone(self.estimator)
        estimator._validate_params()
        X, y = estimator._validate_fit_data(X, y)
        n_samples = X.shape[0]
        labels, _ = estimator._training_labels(y, n_samples)
        options = estimator._train_options(X)
        options.probability = False  # scores need decisions only; refit keeps the estimator's
        options.seed = int(check_random_state(self.random_state).randint(np.iinfo("i").max))
        if sample_weight is not None:
            options.sample_weights = checked_sample_weight(sample_weight, X)
        Cs = _grid_values(self.param_grid, "C", float(estimator.C))
        gammas = _grid_values(self.param_grid, "gamma", options.kernel.gamma)
        threads = 0 if self.n_threads is None else int(self.n_threads)
        scores, test_fold = _rbfsvm.grid_search(
            to_library_points(X), labels, options, Cs, gammas, int(self.cv), threads,
            bool(self.kernel_sharing), bool(self.warm_start),
        )
        # The library lists the points gamma-major; scikit-learn's ParameterGrid C-major.
        scores = np.asarray(scores).reshape(len(gammas), len(Cs)).T.ravel()
        regression = isinstance(self.estimator, SVR)
        if regression:
            scores = -scores
        self.scorer_name_ = "neg_mean_squared_error" if regression else "accuracy"
        self._set_results(Cs, gammas, scores)
        self.test_fold_ = np.asarray(test_fold, dtype=np.intp)
        self.n_splits_ = int(self.cv)
        self.n_features_in_ = X.shape[1]
        if self.refit:
            best = clone(self.estimator).set_params(**self._estimator_params(self.best_params_))
            self.best_estimator_ = best.fit(X, y, sample_weight=sample_weight)
        return self

    def _estimator_params(self, params):
        """The grid point's parameters as the estimator takes them."""
        return {name: params[name] for name in _GRID_NAMES if name in self.param_grid}

    def _set_results(self, Cs, gammas, scores):
        params, param_C, param_gamma = [], [], []
        for C in Cs:
            for gamma in gammas:
                point = {}
                if "C" in self.param_grid:
                    point["C"] = C
                if "gamma" in self.param_grid:
                    point["gamma"] = gamma
                params.append(point)
                param_C.append(C)
                param_gamma.append(gamma)
        # rank 1 for the best; equal scores share the lowest rank (scipy's rankdata 'min').
        order = np.argsort(-scores, kind="stable")
        ranks = np.empty(len(scores), dtype=np.int32)
        rank = 0
        for position, index in enumerate(order):
            if position == 0 or scores[index] != scores[order[position - 1]]:
                rank = position + 1
            ranks[index] = rank
        self.cv_results_ = {
            "params": params,
            "param_C": np.ma.MaskedArray(np.asarray(param_C, dtype=object), mask=False),
            "param_gamma": np.ma.MaskedArray(np.asarray(param_gamma, dtype=object), mask=False),
            "mean_test_score": scores,
            "rank_test_score": ranks,
        }
        # scikit-learn's choice: the first point of rank 1.
        self.best_index_ = int(np.flatnonzero(ranks == 1)[0])
        self.best_score_ = float(scores[self.best_index_])
        self.best_params_ = params[self.best_index_]

    def _best(self):
        check_is_fitted(self, "best_index_")
        if not self.refit:
            raise AttributeError("refit=False: no best_estimator_ to predict with")
        return self.best_estimator_

    @property
    def classes_(self):
        return self._best().classes_

    def predict(self, X):
        return self._best().predict(X)

    def decision_function(self, X):
        return self._best().decision_function(X)

    def predict_proba(self, X):
        return self._best().predict_proba(X)

    def score(self, X, y, sample_weight=None):
        return self._best().score(X, y, sample_weight=sample_weight)
