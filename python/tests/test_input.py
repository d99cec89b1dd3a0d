"""Input as scikit-learn users pass it, and a clear error for each thing refused."""

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.exceptions import NotFittedError

import rbfsvm
from conftest import classification_sets


def iris():
    _, X, y = classification_sets()[0]
    return X, y


@pytest.mark.parametrize("convert", [
    lambda X: X.astype(np.float32),
    lambda X: np.round(X * 10).astype(np.int32),
    lambda X: np.round(X * 10).astype(np.int64),
    np.asfortranarray,
    lambda X: X.tolist(),
    lambda X: X[:, ::1].copy()[::1],
    sp.csr_matrix,
    sp.csc_matrix,
    sp.coo_matrix,
], ids=["float32", "int32", "int64", "fortran", "list", "copy", "csr", "csc", "coo"])
def test_inputs_give_the_model_of_their_float64_values(convert):
    X, y = iris()
    converted = convert(X)
    as_float = np.asarray(sp.csr_matrix(converted).toarray() if sp.issparse(converted)
                          else np.asarray(converted, dtype=np.float64), dtype=np.float64)
    reference = rbfsvm.SVC(C=5, exact=True).fit(as_float, y)
    model = rbfsvm.SVC(C=5, exact=True).fit(converted, y)
    np.testing.assert_array_equal(model.support_, reference.support_)
    np.testing.assert_allclose(model.decision_function(converted),
                               reference.decision_function(as_float), atol=1e-9)


def test_read_only_memmaps_are_read_in_place(tmp_path):
    X, y = iris()
    path = tmp_path / "X.npy"
    np.save(path, X)
    mapped = np.load(path, mmap_mode="r")
    model = rbfsvm.SVC().fit(mapped, y)
    np.testing.assert_array_equal(model.predict(mapped), rbfsvm.SVC().fit(X, y).predict(X))


def test_a_model_fitted_on_dense_data_predicts_sparse_input_and_back():
    X, y = iris()
    dense_model = rbfsvm.SVC(C=5, exact=True).fit(X, y)
    sparse_model = rbfsvm.SVC(C=5, exact=True).fit(sp.csr_matrix(X), y)
    np.testing.assert_allclose(dense_model.decision_function(sp.csr_matrix(X)),
                               dense_model.decision_function(X), atol=1e-6)
    np.testing.assert_allclose(sparse_model.decision_function(X),
                               dense_model.decision_function(X), atol=1e-8)


def test_unsorted_and_duplicate_sparse_indices_are_summed_as_scipy_does():
    X, y = iris()
    canonical = sp.csr_matrix(X)
    # The same matrix with each row's entries reversed and the first one split in two halves.
    rows = []
    for i in range(X.shape[0]):
        start, end = canonical.indptr[i], canonical.indptr[i + 1]
        indices = list(canonical.indices[start:end][::-1]) + [canonical.indices[start]]
        values = list(canonical.data[start:end][::-1])
        values[-1] /= 2
        rows.append((indices, values + [canonical.data[start] / 2]))
    indptr = np.cumsum([0] + [len(r[0]) for r in rows])
    messy = sp.csr_matrix((np.concatenate([r[1] for r in rows]),
                           np.concatenate([r[0] for r in rows]), indptr), shape=X.shape)
    assert not messy.has_canonical_format
    a = rbfsvm.SVC(exact=True).fit(messy, y)
    b = rbfsvm.SVC(exact=True).fit(canonical, y)
    np.testing.assert_array_equal(a.support_, b.support_)
    np.testing.assert_allclose(a.decision_function(messy), b.decision_function(canonical),
                               atol=1e-12)


# ---- refusals ---------------------------------------------------------------------------------


def test_nan_and_infinity_are_refused():
    X, y = iris()
    for bad in (np.nan, np.inf):
        Xb = X.copy()
        Xb[3, 1] = bad
        with pytest.raises(ValueError, match="NaN|infinity"):
            rbfsvm.SVC().fit(Xb, y)
        with pytest.raises(ValueError, match="NaN|infinity"):
            rbfsvm.SVC().fit(X, y).predict(Xb)
    with pytest.raises(ValueError, match="NaN"):
        rbfsvm.SVR().fit(X, np.where(np.arange(len(y)) == 4, np.nan, 1.0))


def test_wrong_shapes_are_refused():
    X, y = iris()
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        rbfsvm.SVC().fit(X, y[:-1])
    model = rbfsvm.SVC().fit(X, y)
    with pytest.raises(ValueError, match="features"):
        model.predict(X[:, :3])
    with pytest.raises(ValueError, match="2D array"):
        model.predict(X[0])
    with pytest.raises(ValueError, match="sample_weight and X have incompatible shapes"):
        rbfsvm.SVC().fit(X, y, sample_weight=np.ones(len(y) - 1))


def test_one_class_and_continuous_labels_are_refused():
    X, y = iris()
    with pytest.raises(ValueError, match="has to be greater than one; got 1 class"):
        rbfsvm.SVC().fit(X, np.zeros(len(y)))
    with pytest.raises(ValueError, match="Unknown label type"):
        rbfsvm.SVC().fit(X, y + 0.5 * np.random.RandomState(0).rand(len(y)))


def test_bad_sample_weights_are_refused_with_the_librarys_message():
    X, y = iris()
    with pytest.raises(ValueError, match="sample weight"):
        rbfsvm.SVC().fit(X, y, sample_weight=np.where(np.arange(len(y)) == 7, -1.0, 1.0))
    with pytest.raises(ValueError, match="sample weight"):
        rbfsvm.SVC().fit(X, y, sample_weight=np.zeros(len(y)))
    with pytest.raises(ValueError, match="sample weight"):
        rbfsvm.SVC().fit(X, y, sample_weight=np.where(y == 2, 0.0, 1.0))


def test_bad_parameters_are_refused():
    X, y = iris()
    for params in ({"C": -1.0}, {"kernel": "cosine"}, {"gamma": "wide"}, {"nu": 1.5},
                   {"sigma": 0.0}, {"n_threads": -1}, {"decision_function_shape": "ova"}):
        estimator = rbfsvm.NuSVC(**params) if "nu" in params else rbfsvm.SVC(**params)
        with pytest.raises(ValueError, match=list(params)[0]):
            estimator.fit(X, y)
    for params in ({"gamma": 0.0}, {"max_iter": 0}):
        with pytest.raises(ValueError, match=list(params)[0]):
            rbfsvm.SVC(**params).fit(X, y)
    with pytest.raises(ValueError, match="variance of X, which overflows"):
        rbfsvm.SVC().fit(X * 1e300, y)
    with pytest.raises(ValueError, match="beyond the float range of the fast kernel rows"):
        rbfsvm.SVC(gamma=1e39).fit(X, y)
    assert rbfsvm.SVC(gamma=1e39, exact=True).fit(X, y).fit_status_ == 0
    with pytest.raises(ValueError, match="gamma or sigma, not both"):
        rbfsvm.SVC(gamma=0.5, sigma=1.0).fit(X, y)
    with pytest.raises(ValueError, match="infeasible"):
        rbfsvm.NuSVC(nu=0.95).fit(X[:60], y[:60] + (np.arange(60) < 5))


def test_use_before_fit_and_missing_methods_are_refused():
    X, y = iris()
    with pytest.raises(NotFittedError):
        rbfsvm.SVC().predict(X)
    with pytest.raises(NotFittedError):
        rbfsvm.OneClassSVM().decision_function(X)
    assert not hasattr(rbfsvm.SVC(), "predict_proba")
    with pytest.raises(AttributeError, match="probability=False"):
        rbfsvm.SVC().fit(X, y).predict_proba(X)
    with pytest.raises(ValueError, match="break_ties must be False"):
        rbfsvm.SVC(break_ties=True, decision_function_shape="ovo").fit(X, y).predict(X)
    with pytest.raises(AttributeError, match="linear kernel"):
        rbfsvm.SVC().fit(X, y).coef_


def test_precomputed_kernels_are_checked():
    X, y = iris()
    K = X @ X.T
    with pytest.raises(ValueError, match="square"):
        rbfsvm.SVC(kernel="precomputed").fit(K[:, :100], y)
    with pytest.raises(TypeError, match="Sparse precomputed"):
        rbfsvm.SVC(kernel="precomputed").fit(sp.csr_matrix(K), y)
    model = rbfsvm.SVC(kernel="precomputed").fit(K, y)
    with pytest.raises(ValueError, match="100 features, but SVC is expecting 150"):
        model.predict(K[:, :100])
