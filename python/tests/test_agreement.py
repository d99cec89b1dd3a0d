"""The same solutions as scikit-learn's LIBSVM: at tol=1e-6, with exact=True (LIBSVM's double
kernel arithmetic), the same support vectors, dual_coef_ and intercept_ within 1e-5 (relative
to C, the bound of the dual coefficients), and the same predictions, for every SVM type, with
class and sample weights, dense and sparse."""

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn import svm

import rbfsvm
from conftest import classification_sets, regression_sets

TOL = 1e-6


def dense(matrix):
    return matrix.toarray() if sp.issparse(matrix) else np.asarray(matrix)


def assert_same_solution(ours, theirs, X, bound=1.0, classifier=True):
    np.testing.assert_array_equal(ours.support_, theirs.support_)
    np.testing.assert_array_equal(ours.n_support_, theirs.n_support_)
    np.testing.assert_allclose(dense(ours.support_vectors_), dense(theirs.support_vectors_))
    np.testing.assert_allclose(dense(ours.dual_coef_), dense(theirs.dual_coef_),
                               rtol=0, atol=1e-5 * max(1.0, bound))
    np.testing.assert_allclose(ours.intercept_, theirs.intercept_, rtol=0,
                               atol=1e-5 * max(1.0, bound))
    if classifier:
        # Free support vectors sit on the boundary (decision value 0 up to rounding), where the
        # sign is either: compare predictions off the boundary.
        decision = theirs.decision_function(X)
        away = np.abs(decision) > 1e-6 if decision.ndim == 1 else np.ones(X.shape[0], bool)
        np.testing.assert_array_equal(ours.predict(X)[away], theirs.predict(X)[away])
        np.testing.assert_allclose(ours.decision_function(X), decision, rtol=0,
                                   atol=1e-4 * max(1.0, bound))
    else:
        np.testing.assert_allclose(ours.predict(X), theirs.predict(X), rtol=0,
                                   atol=1e-4 * max(1.0, bound))


def both(name, **params):
    return (getattr(rbfsvm, name)(tol=TOL, exact=True, **params),
            getattr(svm, name)(tol=TOL, **params))


@pytest.mark.parametrize("data", classification_sets(), ids=lambda d: d[0])
@pytest.mark.parametrize("params", [
    {"C": 10.0},
    {"C": 2.0, "kernel": "poly", "degree": 2, "gamma": "auto", "coef0": 1.0},
    {"C": 1.0, "kernel": "linear"},
    {"C": 3.0, "class_weight": "balanced", "decision_function_shape": "ovo"},
], ids=["rbf", "poly", "linear", "balanced-ovo"])
def test_svc_matches_scikit_learn(data, params):
    _, X, y = data
    ours, theirs = both("SVC", **params)
    assert_same_solution(ours.fit(X, y), theirs.fit(X, y), X, bound=params["C"] * 2)
    np.testing.assert_array_equal(ours.classes_, theirs.classes_)
    np.testing.assert_array_equal(ours.n_iter_, theirs.n_iter_)


@pytest.mark.parametrize("data", classification_sets()[:3], ids=lambda d: d[0])
def test_nu_svc_and_one_class_match_scikit_learn(data):
    _, X, y = data
    ours, theirs = both("NuSVC", nu=0.3)
    assert_same_solution(ours.fit(X, y), theirs.fit(X, y), X)
    ours, theirs = both("OneClassSVM", nu=0.2)
    assert_same_solution(ours.fit(X), theirs.fit(X), X)
    np.testing.assert_allclose(ours.score_samples(X), theirs.score_samples(X), atol=1e-4)


@pytest.mark.parametrize("data", regression_sets(), ids=lambda d: d[0])
@pytest.mark.parametrize("name, params", [
    ("SVR", {"C": 3.0, "epsilon": 0.05}),
    ("NuSVR", {"C": 3.0, "nu": 0.4}),
])
def test_regression_matches_scikit_learn(data, name, params):
    _, X, y = data
    ours, theirs = both(name, **params)
    assert_same_solution(ours.fit(X, y), theirs.fit(X, y), X, bound=params["C"],
                         classifier=False)


def positive_weights(n, seed=0):
    return np.random.RandomState(seed).uniform(0.2, 3.0, n)


@pytest.mark.parametrize("name, params, classifier", [
    ("SVC", {"C": 3.0, "class_weight": {0: 2.0, 2: 0.5}}, True),
    ("NuSVC", {"nu": 0.3}, True),
    ("SVR", {"C": 3.0}, False),
    ("NuSVR", {"C": 3.0, "nu": 0.4}, False),
    ("OneClassSVM", {"nu": 0.2}, True),
])
@pytest.mark.parametrize("sparse", [False, True], ids=["dense", "sparse"])
def test_sample_weights_match_scikit_learn(wine, name, params, classifier, sparse):
    X, y = wine
    if sparse:
        X = sp.csr_matrix(np.where(np.abs(X) < 0.5, 0.0, X))
    target = y.astype(np.float64) if not classifier else y
    weights = positive_weights(X.shape[0])
    ours, theirs = both(name, **params)
    ours.fit(X, target, sample_weight=weights)
    theirs.fit(X, target, sample_weight=weights)
    if sparse and name in ("SVR", "NuSVR", "OneClassSVM"):
        # scikit-learn's sparse SVR and one-class report n_support_ as the length of a dual
        # coefficient array, not the support vector count (compare its dense result).
        theirs._n_support = np.array([theirs.support_.size, 0], dtype=np.int32)
    assert_same_solution(ours, theirs, X, bound=params.get("C", 1.0) * 6, classifier=classifier)


def test_zero_sample_weights_drop_the_points_and_support_indexes_the_rows_given(wine):
    X, y = wine
    weights = positive_weights(X.shape[0])
    weights[[0, 3, 50, 51]] = 0.0
    ours, theirs = both("SVC", C=3.0)
    ours.fit(X, y, sample_weight=weights)
    theirs.fit(X, y, sample_weight=weights)
    # scikit-learn 1.2 numbers support_ within the points left after dropping the zero weights
    # (scikit-learn issue 5150, pull request 27763); rbfsvm numbers the rows given, so that
    # support_vectors_ == X[support_].
    kept = np.flatnonzero(weights > 0)
    np.testing.assert_array_equal(ours.support_, kept[theirs.support_])
    np.testing.assert_array_equal(ours.support_vectors_, X[ours.support_])
    np.testing.assert_allclose(ours.dual_coef_, theirs.dual_coef_, atol=1e-5)
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))


def test_sparse_input_matches_dense_input(wine):
    X, y = wine
    X = np.where(np.abs(X) < 0.5, 0.0, X)
    on_dense = rbfsvm.SVC(C=10, tol=TOL, exact=True).fit(X, y)
    for layout in (sp.csr_matrix, sp.csc_matrix):
        on_sparse = rbfsvm.SVC(C=10, tol=TOL, exact=True).fit(layout(X), y)
        assert sp.issparse(on_sparse.support_vectors_) and sp.issparse(on_sparse.dual_coef_)
        np.testing.assert_array_equal(on_sparse.support_, on_dense.support_)
        np.testing.assert_allclose(on_sparse.dual_coef_.toarray(), on_dense.dual_coef_,
                                   atol=1e-9)
        np.testing.assert_allclose(on_sparse.decision_function(layout(X)),
                                   on_dense.decision_function(X), atol=1e-9)
        np.testing.assert_allclose(on_sparse.decision_function(X),
                                   on_dense.decision_function(X), atol=1e-9)


def test_precomputed_kernel_matches_scikit_learn(wine):
    X, y = wine
    K = X @ X.T
    ours, theirs = both("SVC", kernel="precomputed")
    ours.fit(K[:120, :120], y[:120])
    theirs.fit(K[:120, :120], y[:120])
    np.testing.assert_array_equal(ours.support_, theirs.support_)
    np.testing.assert_allclose(ours.dual_coef_, theirs.dual_coef_, atol=1e-5)
    np.testing.assert_array_equal(ours.predict(K[120:, :120]), theirs.predict(K[120:, :120]))
    assert ours.support_vectors_.shape == theirs.support_vectors_.shape


def test_fast_kernel_rows_give_scikit_learns_predictions():
    _, X, y = classification_sets()[3]  # digits
    ours = rbfsvm.SVC(C=10, gamma=0.02, decision_function_shape="ovo").fit(X, y)
    theirs = svm.SVC(C=10, gamma=0.02, decision_function_shape="ovo").fit(X, y)
    # Both stop at tol=1e-3, on paths that the float kernel rows make differ slightly.
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
    np.testing.assert_allclose(ours.decision_function(X), theirs.decision_function(X),
                               atol=1e-2)


def test_string_labels_and_probability_columns_follow_classes(wine):
    X, y = wine
    names = np.array(["shiraz", "merlot", "barbera"])[y]
    ours = rbfsvm.SVC(probability=True, random_state=0).fit(X, names)
    theirs = svm.SVC(probability=True, random_state=0).fit(X, names)
    np.testing.assert_array_equal(ours.classes_, ["barbera", "merlot", "shiraz"])
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
    probabilities = ours.predict_proba(X)
    # Columns follow classes_: the column of the predicted class is the largest where the
    # classes are well apart, and the probabilities are scikit-learn's up to its random folds.
    confident = probabilities.max(axis=1) > 0.8
    assert confident.mean() > 0.8
    np.testing.assert_array_equal(ours.classes_[probabilities.argmax(axis=1)][confident],
                                  ours.predict(X)[confident])
    np.testing.assert_allclose(probabilities, theirs.predict_proba(X), atol=0.15)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0)
    np.testing.assert_allclose(ours.predict_log_proba(X), np.log(probabilities))


def test_break_ties_predicts_the_largest_ovr_value(wine):
    X, y = wine
    ours = rbfsvm.SVC(break_ties=True, tol=TOL, exact=True).fit(X, y)
    theirs = svm.SVC(break_ties=True, tol=TOL).fit(X, y)
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
    np.testing.assert_array_equal(ours.predict(X),
                                  ours.classes_[ours.decision_function(X).argmax(axis=1)])


@pytest.mark.parametrize("binary", [False, True], ids=["multiclass", "binary"])
@pytest.mark.parametrize("sparse", [False, True], ids=["dense", "sparse"])
def test_linear_coef_matches_scikit_learn(wine, binary, sparse):
    X, y = wine
    if binary:
        y = (y == 1).astype(int)
    if sparse:
        X = sp.csr_matrix(np.where(np.abs(X) < 0.5, 0.0, X))
    ours, theirs = both("SVC", kernel="linear", C=0.5)
    ours_coef, theirs_coef = ours.fit(X, y).coef_, theirs.fit(X, y).coef_
    assert sp.issparse(ours_coef) == sp.issparse(theirs_coef)
    assert ours_coef.shape == theirs_coef.shape
    np.testing.assert_allclose(dense(ours_coef), dense(theirs_coef), atol=1e-5)


def test_sigma_is_gamma_one_over_two_sigma_squared(wine):
    X, y = wine
    by_sigma = rbfsvm.SVC(sigma=2.0, tol=TOL, exact=True).fit(X, y)
    by_gamma = rbfsvm.SVC(gamma=0.125, tol=TOL, exact=True).fit(X, y)
    np.testing.assert_array_equal(by_sigma.support_, by_gamma.support_)
    np.testing.assert_array_equal(by_sigma.dual_coef_, by_gamma.dual_coef_)
