"""The five estimators, with scikit-learn's parameters, defaults and fitted attributes
(sklearn.svm.SVC, NuSVC, SVR, NuSVR, OneClassSVM), plus rbfsvm's own: sigma (instead of
gamma), n_threads and exact. docs/python.md lists what differs."""

import numpy as np
import scipy.sparse as sp
from sklearn.base import ClassifierMixin, OutlierMixin, RegressorMixin
from sklearn.utils._param_validation import StrOptions
from sklearn.utils.class_weight import compute_class_weight
from sklearn.utils.metaestimators import available_if
from sklearn.utils.multiclass import _ovr_decision_function, check_classification_targets
from sklearn.utils.validation import check_is_fitted, column_or_1d

from . import _rbfsvm
from ._base import BaseRbfSVM, _label_kind

class BaseSVC(ClassifierMixin, BaseRbfSVM):
    """Classification: classes, class weights, one-vs-one decision values and probabilities."""

    _parameter_constraints = {
        **BaseRbfSVM._parameter_constraints,
        "decision_function_shape": [StrOptions({"ovr", "ovo"})],
        "break_ties": ["boolean"],
    }
    for unused in ("epsilon", "nu"):
        _parameter_constraints.pop(unused)

    def _validate_targets(self, y):
        y_ = column_or_1d(y, warn=True)
        check_classification_targets(y)
        classes, y_index = np.unique(y_, return_inverse=True)
        self.class_weight_ = compute_class_weight(self.class_weight, classes=classes, y=y_)
        if len(classes) < 2:
            raise ValueError(
                "The number of classes has to be greater than one; got %d class" % len(classes)
            )
        self.classes_ = classes
        return y_index

    def _training_labels(self, y_index, n_samples):
        # Integers a model file holds are the labels themselves; other classes are trained as
        # indices 0..k-1 with their names in the sidecar.
        if _label_kind(self.classes_) == "numbers":
            self._label_values = self.classes_.astype(np.float64)
            names = []
        else:
            self._label_values = np.arange(len(self.classes_), dtype=np.float64)
            names = [str(c) for c in self.classes_]
        # With ascending class order the model's class p is classes_[p].
        self._model_classes = np.arange(len(self.classes_))
        return self._label_values[y_index], names

    def _train_options(self, X):
        options = super()._train_options(X)
        options.class_weights = [
            (float(label), float(weight))
            for label, weight in zip(self._label_values, self.class_weight_)
            if weight != 1.0
        ]
        return options

    def _positive_is_first(self):
        return self._model_classes[0] == 0

    def _ovo_decision_values(self, X):
        """Decision values per class pair (a, b), a < b in classes_ order, positive for a."""
        raw = np.asarray(self._raw_decision_values(X))
        k = len(self.classes_)
        if np.array_equal(self._model_classes, np.arange(k)):
            return raw
        column = {}
        position = 0
        for p in range(k):
            for q in range(p + 1, k):
                column[(self._model_classes[p], self._model_classes[q])] = (position, 1.0)
                column[(self._model_classes[q], self._model_classes[p])] = (position, -1.0)
                position += 1
        ordered = np.empty_like(raw)
        position = 0
        for a in range(k):
            for b in range(a + 1, k):
                source, sign = column[(a, b)]
                ordered[:, position] = sign * raw[:, source]
                position += 1
        return ordered

    def decision_function(self, X):
        """Decision values: (n_samples,) for two classes, positive meaning classes_[1]; else
        (n_samples, n_classes) for decision_function_shape='ovr' (scikit-learn's transform of
        the votes) or (n_samples, n_classes (n_classes - 1) / 2) for 'ovo'."""
        check_is_fitted(self)
        dec = self._ovo_decision_values(X)
        if len(self.classes_) == 2:
            return -dec.ravel()
        if self.decision_function_shape == "ovr":
            return _ovr_decision_function(dec < 0, -dec, len(self.classes_))
        return dec

    def predict(self, X):
        """Class labels: the one-vs-one vote winner (LIBSVM's rule), or with break_ties and
        decision_function_shape='ovr' the largest 'ovr' decision value."""
        check_is_fitted(self)
        if self.break_ties and self.decision_function_shape == "ovo":
            raise ValueError("break_ties must be False when decision_function_shape is 'ovo'")
        if self.break_ties and self.decision_function_shape == "ovr" and len(self.classes_) > 2:
            return self.classes_.take(np.argmax(self.decision_function(X), axis=1))
        raw = self._raw_predict(X)
        order = np.argsort(self._label_values)
        index = order[np.searchsorted(self._label_values[order], raw)]
        return self.classes_.take(index)

    def _check_proba(self):
        if not self.probability:
            raise AttributeError("predict_proba is not available when  probability=False")
        return True

    @available_if(_check_proba)
    def predict_proba(self, X):
        """Class probabilities, columns in classes_ order: Platt's sigmoid per class pair,
        coupled by Wu, Lin & Weng's method (LIBSVM's -b 1)."""
        check_is_fitted(self)
        raw = np.asarray(self._model.predict_probabilities(self._validate_for_predict(X),
                                                           self._threads()))
        probabilities = np.empty_like(raw)
        probabilities[:, self._model_classes] = raw
        return probabilities

    @available_if(_check_proba)
    def predict_log_proba(self, X):
        """The logarithm of predict_proba."""
        return np.log(self.predict_proba(X))

    def _primal_coef(self):
        if self.dual_coef_.shape[0] == 1:
            # Two classes: from the sign-flipped dual_coef_, so that coef_ . x + intercept_ is
            # the decision function (positive for classes_[1]).
            coef = self.dual_coef_ @ self.support_vectors_
            return coef.tocsr() if sp.issparse(coef) else np.asarray(coef)
        # One hyperplane per class pair (i, j), from both classes' support vectors (LIBSVM's
        # layout of sv_coef: class i's coefficients for the pair are in row j - 1, class j's
        # in row i).
        starts = np.concatenate([[0], np.cumsum(self._n_support)])
        dual = sp.csr_matrix(self._dual_coef_)
        svs = self.support_vectors_
        planes = []
        k = len(self.classes_)
        for i in range(k):
            for j in range(i + 1, k):
                rows_i = slice(starts[i], starts[i + 1])
                rows_j = slice(starts[j], starts[j + 1])
                planes.append(dual[j - 1, rows_i] @ svs[rows_i] + dual[i, rows_j] @ svs[rows_j])
        if sp.issparse(svs):
            return sp.vstack([sp.csr_matrix(p) for p in planes]).tocsr()
        return np.vstack([np.asarray(p).ravel() for p in planes])


class SVC(BaseSVC):
    """C-support vector classification (LIBSVM's C-SVC), as sklearn.svm.SVC.

    rbfsvm's own parameters: sigma (gamma = 1 / (2 sigma^2), instead of gamma), n_threads (0 or
    None: all cores) and exact (LIBSVM's double-precision kernel arithmetic instead of the
    faster float kernel rows). cache_size=None lets the library size its kernel store from the
    machine's memory."""

    _svm_type = _rbfsvm.SvmType.c_svc

    def __init__(
        self,
        *,
        C=1.0,
        kernel="rbf",
        degree=3,
        gamma="scale",
        coef0=0.0,
        shrinking=True,
        probability=False,
        tol=1e-3,
        cache_size=None,
        class_weight=None,
        verbose=False,
        max_iter=-1,
        decision_function_shape="ovr",
        break_ties=False,
        random_state=None,
        sigma=None,
        n_threads=None,
        exact=False,
    ):
        self._store_parameters(locals())

    # Parameters of the other formulations, fixed for this one.
    nu = 0.5
    epsilon = 0.0


class NuSVC(BaseSVC):
    """nu-support vector classification (LIBSVM's nu-SVC), as sklearn.svm.NuSVC; rbfsvm's own
    parameters as in SVC."""

    _svm_type = _rbfsvm.SvmType.nu_svc

    _parameter_constraints = {
        **BaseSVC._parameter_constraints,
        "nu": [BaseRbfSVM._parameter_constraints["nu"][0]],
    }
    _parameter_constraints.pop("C")

    def __init__(
        self,
        *,
        nu=0.5,
        kernel="rbf",
        degree=3,
        gamma="scale",
        coef0=0.0,
        shrinking=True,
        probability=False,
        tol=1e-3,
        cache_size=None,
        class_weight=None,
        verbose=False,
        max_iter=-1,
        decision_function_shape="ovr",
        break_ties=False,
        random_state=None,
        sigma=None,
        n_threads=None,
        exact=False,
    ):
        self._store_parameters(locals())

    C = 1.0
    epsilon = 0.0

    def _more_tags(self):
        # The expected failures scikit-learn's NuSVC declares, for the same reasons. (Each
        # class's tags replace its bases' tags of the same name, so the base's entry is
        # repeated.)
        return {
            "_xfail_checks": {
                **BaseRbfSVM._more_tags(self)["_xfail_checks"],
                "check_methods_subset_invariance": "fails for the decision_function method",
                "check_class_weight_classifiers": "class_weight is ignored.",
                "check_classifiers_one_label_sample_weights": (
                    "specified nu is infeasible for the fit."
                ),
            }
        }


class _BaseRegressor(RegressorMixin, BaseRbfSVM):
    """SVR and NuSVR: real targets, one decision value, which is the prediction."""

    def _validate_fit_data(self, X, y):
        X, y = self._validate_data(
            X,
            y,
            dtype=np.float64,
            order="C",
            accept_sparse="csr",
            accept_large_sparse=False,
            y_numeric=True,
        )
        self.class_weight_ = np.empty(0)
        return X, column_or_1d(y, warn=True).astype(np.float64, copy=False)

    def predict(self, X):
        """The regression function at X."""
        check_is_fitted(self)
        return self._raw_predict(X)


class SVR(_BaseRegressor):
    """epsilon-support vector regression (LIBSVM's epsilon-SVR), as sklearn.svm.SVR."""

    _svm_type = _rbfsvm.SvmType.epsilon_svr

    _parameter_constraints = dict(BaseRbfSVM._parameter_constraints)
    for unused in ("class_weight", "nu", "probability", "random_state"):
        _parameter_constraints.pop(unused)

    def __init__(
        self,
        *,
        kernel="rbf",
        degree=3,
        gamma="scale",
        coef0=0.0,
        tol=1e-3,
        C=1.0,
        epsilon=0.1,
        shrinking=True,
        cache_size=None,
        verbose=False,
        max_iter=-1,
        sigma=None,
        n_threads=None,
        exact=False,
    ):
        self._store_parameters(locals())

    nu = 0.5
    probability = False
    class_weight = None
    random_state = None


class NuSVR(_BaseRegressor):
    """nu-support vector regression (LIBSVM's nu-SVR), as sklearn.svm.NuSVR."""

    _svm_type = _rbfsvm.SvmType.nu_svr

    _parameter_constraints = dict(BaseRbfSVM._parameter_constraints)
    for unused in ("class_weight", "epsilon", "probability", "random_state"):
        _parameter_constraints.pop(unused)

    def __init__(
        self,
        *,
        nu=0.5,
        C=1.0,
        kernel="rbf",
        degree=3,
        gamma="scale",
        coef0=0.0,
        shrinking=True,
        tol=1e-3,
        cache_size=None,
        verbose=False,
        max_iter=-1,
        sigma=None,
        n_threads=None,
        exact=False,
    ):
        self._store_parameters(locals())

    epsilon = 0.0
    probability = False
    class_weight = None
    random_state = None


class OneClassSVM(OutlierMixin, BaseRbfSVM):
    """One-class SVM (Schölkopf et al. 2001; LIBSVM's one-class), as sklearn.svm.OneClassSVM:
    predict gives +1 inside the estimated support, -1 outside."""

    _svm_type = _rbfsvm.SvmType.one_class

    _parameter_constraints = dict(BaseRbfSVM._parameter_constraints)
    for unused in ("C", "class_weight", "epsilon", "probability", "random_state"):
        _parameter_constraints.pop(unused)

    def __init__(
        self,
        *,
        kernel="rbf",
        degree=3,
        gamma="scale",
        coef0=0.0,
        tol=1e-3,
        nu=0.5,
        shrinking=True,
        cache_size=None,
        verbose=False,
        max_iter=-1,
        sigma=None,
        n_threads=None,
        exact=False,
    ):
        self._store_parameters(locals())

    C = 1.0
    epsilon = 0.0
    probability = False
    class_weight = None
    random_state = None

    def _validate_fit_data(self, X, y):
        X = self._validate_data(
            X, dtype=np.float64, order="C", accept_sparse="csr", accept_large_sparse=False
        )
        self.class_weight_ = np.empty(0)
        return X, np.ones(X.shape[0], dtype=np.float64)

    def fit(self, X, y=None, sample_weight=None):
        """Estimate the support of X's distribution; y is ignored."""
        super().fit(X, None, sample_weight=sample_weight)
        self.offset_ = -self._intercept_
        return self

    def decision_function(self, X):
        """Signed distance to the boundary: positive inside, negative outside."""
        check_is_fitted(self)
        return np.asarray(self._raw_decision_values(X)).ravel()

    def score_samples(self, X):
        """The unshifted scoring function: decision_function(X) + offset_."""
        return self.decision_function(X) + self.offset_

    def predict(self, X):
        """+1 for inliers, -1 for outliers."""
        check_is_fitted(self)
        return self._raw_predict(X).astype(np.int64)
