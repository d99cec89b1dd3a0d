"""Model files shared with the command-line tools and LIBSVM: LIBSVM's text plus rbfsvm's JSON
sidecar. A model trained in Python predicts with svm_predict and svm-predict, and a model
trained by svm_train (or LIBSVM's svm-train) becomes a fitted estimator here."""

import numpy as np

from . import _rbfsvm
from ._base import _KERNEL_NAMES
from ._classes import SVC, SVR, NuSVC, NuSVR, OneClassSVM

_ESTIMATORS = {
    _rbfsvm.SvmType.c_svc: SVC,
    _rbfsvm.SvmType.nu_svc: NuSVC,
    _rbfsvm.SvmType.one_class: OneClassSVM,
    _rbfsvm.SvmType.epsilon_svr: SVR,
    _rbfsvm.SvmType.nu_svr: NuSVR,
}


def _class_values(model):
    """Each model class's value: its name from the sidecar when the classes have names, else
    its label (an integer, as model files write labels)."""
    labels = np.asarray(model.labels, dtype=np.float64)
    names = model.class_names
    if not names:
        return labels.astype(np.int64)
    return np.asarray([names[int(label)] for label in labels])


def load_model(path):
    """The fitted estimator (SVC, NuSVC, OneClassSVM, SVR or NuSVR, by the file's svm_type) of
    a model file written by save_model, svm_train or LIBSVM's svm-train (with PATH.json when
    present). Raises OSError when the file cannot be read and ValueError, naming file and line,
    when it is malformed."""
    model = _rbfsvm.Model.load(str(path))
    kernel = model.kernel
    if kernel.type == _rbfsvm.KernelType.precomputed:
        raise ValueError(
            "%s: a precomputed-kernel model cannot become an estimator: the file does not hold "
            "the training set's size, which the kernel rows of new points must match" % path
        )
    estimator = _ESTIMATORS[model.svm_type](
        kernel=_KERNEL_NAMES[kernel.type],
        degree=kernel.degree,
        gamma=kernel.gamma if kernel.type != _rbfsvm.KernelType.precomputed else "scale",
        coef0=kernel.coef0,
    )
    if model.has_probability and hasattr(estimator, "probability"):
        estimator.probability = True
    estimator._gamma = kernel.gamma
    estimator._sparse = isinstance(model.support_vectors, _rbfsvm.SparseRows)
    if estimator._is_classifier():
        values = _class_values(model)
        estimator.classes_ = np.unique(values)
        estimator._model_classes = np.searchsorted(estimator.classes_, values)
        estimator._label_values = np.empty(len(values), dtype=np.float64)
        estimator._label_values[estimator._model_classes] = np.asarray(model.labels)
        estimator.class_weight_ = np.ones(len(values))
    else:
        estimator.class_weight_ = np.empty(0)
    estimator.n_features_in_ = int(model.n_features)
    if model.feature_names:
        estimator.feature_names_in_ = np.asarray(model.feature_names, dtype=object)
    # The training set's size is not in the file: 0 marks it unknown.
    estimator.shape_fit_ = (0, int(model.n_features))
    n_pairs = len(model.rho)
    estimator._set_fitted(model, np.zeros(n_pairs, dtype=np.int32))
    estimator.fit_status_ = 0
    if isinstance(estimator, OneClassSVM):
        estimator.offset_ = -estimator._intercept_
    return estimator
