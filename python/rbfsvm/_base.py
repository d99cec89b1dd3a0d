"""What the five estimators share: parameters, fitting through the C++ library, the fitted
attributes in scikit-learn's layout (sklearn.svm's BaseLibSVM), prediction and model files.

scikit-learn's LIBSVM numbers the classes in ascending order; the library is asked to do the
same (ClassOrder.ascending), so a fitted model's class i is classes_[i] and its attributes map
onto scikit-learn's one for one. A model read from a file keeps the file's class order (LIBSVM
numbers classes by first appearance); the estimator then maps its columns onto classes_.
"""

import numbers
import warnings

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils import check_random_state
from sklearn.utils._param_validation import Interval, Options, StrOptions
from sklearn.utils.validation import check_is_fitted

from . import _rbfsvm
from ._data import checked_sample_weight, from_library_points, precomputed_rows, to_library_points

_KERNELS = {
    "linear": _rbfsvm.KernelType.linear,
    "poly": _rbfsvm.KernelType.polynomial,
    "rbf": _rbfsvm.KernelType.rbf,
    "sigmoid": _rbfsvm.KernelType.sigmoid,
    "precomputed": _rbfsvm.KernelType.precomputed,
}
_KERNEL_NAMES = {kernel_type: name for name, kernel_type in _KERNELS.items()}


class BaseRbfSVM(BaseEstimator):
    """Base of SVC, NuSVC, SVR, NuSVR and OneClassSVM; not for direct use."""

    _svm_type = None  # an _rbfsvm.SvmType, set by each estimator

    _parameter_constraints = {
        "kernel": [StrOptions(set(_KERNELS))],
        "degree": [Interval(numbers.Integral, 0, None, closed="left")],
        # gamma 0 (a constant kernel, which scikit-learn accepts) is refused, as by the library.
        "gamma": [StrOptions({"scale", "auto"}), Interval(numbers.Real, 0.0, None, closed="neither")],
        "sigma": [Interval(numbers.Real, 0.0, None, closed="neither"), None],
        "coef0": [Interval(numbers.Real, None, None, closed="neither")],
        "tol": [Interval(numbers.Real, 0.0, None, closed="neither")],
        "C": [Interval(numbers.Real, 0.0, None, closed="neither")],
        "nu": [Interval(numbers.Real, 0.0, 1.0, closed="right")],
        "epsilon": [Interval(numbers.Real, 0.0, None, closed="left")],
        "shrinking": ["boolean"],
        "probability": ["boolean"],
        "cache_size": [Interval(numbers.Real, 0, None, closed="neither"), None],
        "class_weight": [StrOptions({"balanced"}), dict, None],
        "verbose": ["verbose"],
        # -1: no limit of one's own; 0, which scikit-learn takes as "stop at once", is refused.
        "max_iter": [
            Options(numbers.Integral, {-1}),
            Interval(numbers.Integral, 1, None, closed="left"),
        ],
        "random_state": ["random_state"],
        "n_threads": [Interval(numbers.Integral, 0, None, closed="left"), None],
        "exact": ["boolean"],
    }

    def _store_parameters(self, parameters):
        """What every estimator's __init__ does: store each parameter unchanged, under its own
        name (scikit-learn's rule: validation waits for fit)."""
        for name, value in parameters.items():
            if name != "self":
                setattr(self, name, value)

    def _more_tags(self):
        # scikit-learn's SVMs declare this one check an expected failure: with zero weights the
        # remaining points are not laid out as if the weighted ones had been removed, so the
        # solver's path (and its result within tol) differs.
        return {
            "pairwise": self.kernel == "precomputed",
            "_xfail_checks": {
                "check_sample_weights_invariance": (
                    "zero sample_weight is not equivalent to removing samples"
                ),
            },
        }

    # ---- fitting ----------------------------------------------------------------------------

    def fit(self, X, y=None, sample_weight=None):
        """Fit the SVM on X (array-like or scipy.sparse matrix, n_samples x n_features, or
        n_samples x n_samples for kernel='precomputed') and y; sample_weight rescales C per
        sample (C_i = C * class_weight[y_i] * sample_weight[i]). Returns self."""
        self._validate_params()
        if self.sigma is not None and not (isinstance(self.gamma, str) and self.gamma == "scale"):
            raise ValueError(
                "give gamma or sigma, not both (gamma=%r, sigma=%r); sigma sets "
                "gamma = 1 / (2 sigma^2)" % (self.gamma, self.sigma)
            )
        sparse = sp.issparse(X)
        if sparse and self.kernel == "precomputed":
            raise TypeError("Sparse precomputed kernels are not supported.")
        X, y = self._validate_fit_data(X, y)
        n_samples = X.shape[0]
        if self.kernel == "precomputed" and X.shape[0] != X.shape[1]:
            raise ValueError(
                "Precomputed matrix must be a square matrix. Input is a {}x{} matrix.".format(
                    X.shape[0], X.shape[1]
                )
            )
        labels, class_names = self._training_labels(y, n_samples)
        options = self._train_options(X)
        if sample_weight is not None:
            options.sample_weights = checked_sample_weight(sample_weight, X)
        self._sparse = sparse
        if self.kernel == "precomputed":
            points = precomputed_rows(X, np.arange(1, n_samples + 1))
        else:
            points = to_library_points(X)
        if self.verbose:
            print("[rbfsvm]", end="")
        feature_names = [str(n) for n in getattr(self, "feature_names_in_", [])]
        model, report = _rbfsvm.train(points, labels, options, class_names, feature_names)
        self.shape_fit_ = X.shape
        self._set_fitted(model, report["iterations"])
        self.fit_status_ = 0 if report["converged"] else 1
        if self.fit_status_ == 1:
            warnings.warn(
                "Solver terminated early (max_iter=%i).  Consider pre-processing your data "
                "with StandardScaler or MinMaxScaler." % self.max_iter,
                ConvergenceWarning,
            )
        return self

    def _validate_fit_data(self, X, y):
        X, y = self._validate_data(
            X, y, dtype=np.float64, order="C", accept_sparse="csr", accept_large_sparse=False
        )
        return X, self._validate_targets(y)

    def _training_labels(self, y, n_samples):
        """The labels the library trains on and its class names (classifiers override)."""
        return np.asarray(y, dtype=np.float64), []

    def _resolved_gamma(self, X):
        """scikit-learn's gamma: 'scale' is 1 / (n_features Var(X)) over every entry of X (1 for
        constant X), 'auto' 1 / n_features; sigma, when given, gamma = 1 / (2 sigma^2)."""
        if self.kernel == "precomputed":
            return 0.0
        if self.sigma is not None:
            return _rbfsvm.gamma_from_sigma(self.sigma)
        if self.gamma == "scale":
            if sp.issparse(X):
                variance = X.multiply(X).mean() - X.mean() ** 2
            else:
                variance = X.var()
            if not np.isfinite(variance):
                raise ValueError(
                    "gamma='scale' needs the variance of X, which overflows (%r): scale the "
                    "data or give gamma" % variance
                )
            return 1.0 / (X.shape[1] * variance) if variance != 0 else 1.0
        if self.gamma == "auto":
            return 1.0 / X.shape[1]
        return float(self.gamma)

    def _train_options(self, X):
        options = _rbfsvm.TrainOptions()
        options.svm_type = self._svm_type
        kernel = _rbfsvm.Kernel()
        kernel.type = _KERNELS[self.kernel]
        self._gamma = self._resolved_gamma(X)
        kernel.gamma = self._gamma
        kernel.coef0 = float(self.coef0)
        kernel.degree = int(self.degree)
        options.kernel = kernel
        options.C = float(self.C)
        options.nu = float(self.nu)
        options.epsilon = float(self.epsilon)
        options.tolerance = float(self.tol)
        options.shrinking = bool(self.shrinking)
        options.probability = bool(self.probability)
        options.cache_mb = 0.0 if self.cache_size is None else float(self.cache_size)
        options.max_iterations = 0 if self.max_iter == -1 else int(self.max_iter)
        options.n_threads = self._threads()
        options.kernel_evaluation = (
            _rbfsvm.KernelEvaluation.exact if self.exact else _rbfsvm.KernelEvaluation.fast
        )
        options.class_order = _rbfsvm.ClassOrder.ascending
        # scikit-learn draws the seed of the probability model's internal folds the same way.
        options.seed = int(check_random_state(self.random_state).randint(np.iinfo("i").max))
        return options

    def _threads(self):
        return 0 if self.n_threads is None else int(self.n_threads)

    # ---- fitted attributes ------------------------------------------------------------------

    def _set_fitted(self, model, iterations):
        """The fitted attributes, in scikit-learn's layout, from a library model."""
        self._model = model
        sparse_svs = self._sparse
        support_vectors = from_library_points(model.support_vectors)
        if self.kernel == "precomputed":
            support_vectors = np.empty((0, 0))
        elif sparse_svs and not sp.issparse(support_vectors):
            support_vectors = sp.csr_matrix(support_vectors)
        elif not sparse_svs and sp.issparse(support_vectors):
            support_vectors = support_vectors.toarray()
        self.support_vectors_ = support_vectors
        self.support_ = (model.sv_indices - 1).astype(np.int32)
        n_sv = model.coefficients.shape[1]
        if self._is_classifier():
            self._n_support = np.asarray(model.sv_per_class, dtype=np.int32)
        else:
            self._n_support = np.array([n_sv, 0], dtype=np.int32)
        dual_coef = np.asarray(model.coefficients, dtype=np.float64)
        self._intercept_ = -np.asarray(model.rho, dtype=np.float64)
        self._probA = np.asarray(model.prob_a, dtype=np.float64)
        self._probB = np.asarray(model.prob_b, dtype=np.float64)
        self._dual_coef_ = sp.csr_matrix(dual_coef) if sparse_svs else dual_coef
        # In the binary case scikit-learn flips the signs so that positive decision values
        # mean classes_[1].
        if self._is_classifier() and len(self.classes_) == 2 and self._positive_is_first():
            self.intercept_ = -self._intercept_
            self.dual_coef_ = -self._dual_coef_
        else:
            self.intercept_ = self._intercept_.copy()
            self.dual_coef_ = self._dual_coef_
        iterations = np.asarray(iterations, dtype=np.int32)
        self.n_iter_ = iterations if self._is_classifier() else int(iterations.sum())

    def _is_classifier(self):
        return self._svm_type in (_rbfsvm.SvmType.c_svc, _rbfsvm.SvmType.nu_svc)

    def _positive_is_first(self):
        return True

    @property
    def n_support_(self):
        """Number of support vectors for each class (one count for SVR and one-class)."""
        try:
            check_is_fitted(self)
        except Exception:
            raise AttributeError("n_support_ is available once the model is fitted")
        if self._is_classifier():
            return self._n_support
        return np.array([self._n_support[0]])

    @property
    def coef_(self):
        """Weights of the features in the primal (kernel='linear' only)."""
        if self.kernel != "linear":
            raise AttributeError("coef_ is only available when using a linear kernel")
        check_is_fitted(self)
        return self._primal_coef()

    def _primal_coef(self):
        # A CSR matrix when the model is sparse, as in scikit-learn.
        coef = self._dual_coef_ @ self.support_vectors_
        return coef.tocsr() if sp.issparse(coef) else np.asarray(coef)

    @property
    def probA_(self):
        """Platt scaling's A per class pair (LIBSVM's probA), when probability=True."""
        return self._probA

    @property
    def probB_(self):
        """Platt scaling's B per class pair (LIBSVM's probB), when probability=True."""
        return self._probB

    # ---- prediction -------------------------------------------------------------------------

    def _validate_for_predict(self, X):
        check_is_fitted(self)
        if self.kernel == "precomputed" and sp.issparse(X):
            raise TypeError("Sparse precomputed kernels are not supported.")
        X = self._validate_data(
            X,
            dtype=np.float64,
            order="C",
            accept_sparse="csr",
            accept_large_sparse=False,
            reset=False,
        )
        if self.kernel == "precomputed":
            if X.shape[1] != self.shape_fit_[0]:  # as scikit-learn checks
                raise ValueError(
                    "X.shape[1] = %d should be equal to %d, the number of samples at "
                    "training time" % (X.shape[1], self.shape_fit_[0])
                )
            return precomputed_rows(X, 0.0)
        return to_library_points(X)

    def _raw_decision_values(self, X):
        """The library's decision values: one column per class pair in the model's order,
        positive for the pair's first class (LIBSVM's sign)."""
        return self._model.decision_values(self._validate_for_predict(X), self._threads())

    def _raw_predict(self, X):
        return np.asarray(self._model.predict(self._validate_for_predict(X), self._threads()))

    # ---- model files ------------------------------------------------------------------------

    def save_model(self, path):
        """Write the model as LIBSVM's text (and its JSON sidecar, PATH.json, where needed), the
        files svm_predict and LIBSVM's svm-predict read. Classes must be integers within
        LIBSVM's label range or strings, the labels a model file gives back unchanged; others
        (bools, fractions, larger integers) raise ValueError: pickle such an estimator."""
        check_is_fitted(self)
        if self._is_classifier() and _label_kind(self.classes_) == "other":
            raise ValueError(
                "classes_ of dtype %s cannot be written to a model file and read back as they "
                "are (model files hold integer labels in [-2^31, 2^31) or text class names): "
                "pickle the estimator, or encode the labels as such integers or strings"
                % self.classes_.dtype
            )
        self._model.save(str(path))


# LIBSVM model files write labels as integers (svm_save_model's %d).
_LARGEST_FILE_LABEL = 2**31 - 1


def _label_kind(classes):
    """How classes travel to the library and through model files: 'numbers' (integers that a
    model file holds exactly: the labels themselves), 'strings' (class names in the sidecar) or
    'other' (trained as class indices; a model file could not give them back)."""
    if classes.dtype.kind in "iuf":
        values = classes.astype(np.float64)
        if (
            np.all(np.isfinite(values))
            and np.all(values == np.round(values))
            and np.all(np.abs(values) <= _LARGEST_FILE_LABEL)
            and np.all(values.astype(np.int64) == classes)
        ):
            return "numbers"
        return "other"
    if classes.dtype.kind == "U" or (
        classes.dtype.kind == "O" and all(isinstance(c, str) for c in classes)
    ):
        return "strings"
    return "other"
