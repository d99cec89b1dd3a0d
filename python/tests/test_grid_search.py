"""rbfsvm.model_selection.GridSearchCV against scikit-learn: every grid point's score against
sklearn.svm.SVC / SVR cross-validated on the same folds (test_fold_ through PredefinedSplit),
the refit model against a plain fit at the best point, and the refusals."""

import numpy as np
import pytest
import scipy.sparse as sp
import sklearn.svm
from sklearn.model_selection import PredefinedSplit, cross_val_predict

import rbfsvm
from rbfsvm.model_selection import GridSearchCV
from conftest import classification_sets, regression_sets

C_VALUES = [0.25, 2.0, 16.0, 128.0]
GAMMA_VALUES = [0.5, 0.05, 0.005]


def sklearn_scores(make, X, y, test_fold, regression):
    """Pooled held-out score of scikit-learn's estimator at every point, C-major."""
    scores = []
    for C in C_VALUES:
        for gamma in GAMMA_VALUES:
            predicted = cross_val_predict(make(C=C, gamma=gamma), X, y, cv=PredefinedSplit(test_fold))
            if regression:
                scores.append(-np.mean((predicted - y) ** 2))
            else:
                scores.append(np.mean(predicted == y))
    return np.array(scores)


@pytest.mark.parametrize("name,X,y", classification_sets()[:3] + classification_sets()[4:])
def test_svc_scores_are_scikit_learns_on_the_same_folds(name, X, y):
    search = GridSearchCV(rbfsvm.SVC(), {"C": C_VALUES, "gamma": GAMMA_VALUES}, cv=5).fit(X, y)
    theirs = sklearn_scores(sklearn.svm.SVC, X, y, search.test_fold_, False)
    ours = search.cv_results_["mean_test_score"]
    assert ours.shape == theirs.shape
    # The same optimum to the solvers' tolerance: at most one held-out prediction apart.
    assert np.max(np.abs(ours - theirs)) <= 1.0 / len(y) + 1e-12
    assert search.best_score_ == ours.max()
    assert search.cv_results_["rank_test_score"][search.best_index_] == 1
    assert set(np.bincount(search.test_fold_)) <= {len(y) // 5, len(y) // 5 + 1}
    for k, params in enumerate(search.cv_results_["params"]):
        assert params == {"C": C_VALUES[k // 3], "gamma": GAMMA_VALUES[k % 3]}


@pytest.mark.parametrize("name,X,y", regression_sets())
def test_svr_scores_are_scikit_learns_on_the_same_folds(name, X, y):
    search = GridSearchCV(
        rbfsvm.SVR(epsilon=0.1 * np.std(y)), {"C": C_VALUES, "gamma": GAMMA_VALUES}, cv=4
    ).fit(X, y)
    assert search.scorer_name_ == "neg_mean_squared_error"
    theirs = sklearn_scores(
        lambda **p: sklearn.svm.SVR(epsilon=0.1 * np.std(y), **p), X, y, search.test_fold_, True
    )
    np.testing.assert_allclose(search.cv_results_["mean_test_score"], theirs, rtol=1e-3)


def test_the_refit_model_is_a_plain_fit_at_the_best_point():
    name, X, y = classification_sets()[2]  # breast_cancer, standardized
    search = GridSearchCV(rbfsvm.SVC(probability=True, random_state=0), {"C": C_VALUES, "gamma": GAMMA_VALUES}).fit(X, y)
    plain = rbfsvm.SVC(probability=True, random_state=0, **search.best_params_).fit(X, y)
    np.testing.assert_array_equal(search.predict(X), plain.predict(X))
    np.testing.assert_array_equal(search.decision_function(X), plain.decision_function(X))
    np.testing.assert_array_equal(search.predict_proba(X), plain.predict_proba(X))
    assert search.score(X, y) == plain.score(X, y)
    np.testing.assert_array_equal(search.classes_, np.unique(y))


def test_sparse_input_one_name_and_the_savings_switched_off_agree():
    name, X, y = classification_sets()[0]  # iris
    dense = GridSearchCV(rbfsvm.SVC(), {"C": C_VALUES}, refit=False).fit(X, y)
    # gamma left out: the estimator's own ('scale'), resolved as its fit resolves it.
    assert all(set(p) == {"C"} for p in dense.cv_results_["params"])
    assert list(dense.cv_results_["param_gamma"]) == [1.0 / (X.shape[1] * X.var())] * len(C_VALUES)
    sparse = GridSearchCV(rbfsvm.SVC(), {"C": C_VALUES}, refit=False).fit(sp.csr_matrix(X), y)
    plain = GridSearchCV(
        rbfsvm.SVC(), {"C": C_VALUES}, refit=False, kernel_sharing=False, warm_start=False
    ).fit(X, y)
    one_point = 1.0 / len(y)
    assert np.max(np.abs(sparse.cv_results_["mean_test_score"] - dense.cv_results_["mean_test_score"])) <= one_point
    assert np.max(np.abs(plain.cv_results_["mean_test_score"] - dense.cv_results_["mean_test_score"])) <= one_point
    with pytest.raises(AttributeError, match="refit=False"):
        dense.predict(X)


def test_the_same_search_gives_the_same_table_for_any_thread_count():
    name, X, y = classification_sets()[3]  # digits, 600 points
    grid = {"C": C_VALUES, "gamma": GAMMA_VALUES}
    one = GridSearchCV(rbfsvm.SVC(), grid, n_threads=1, refit=False).fit(X, y)
    two = GridSearchCV(rbfsvm.SVC(), grid, n_threads=2, refit=False).fit(X, y)
    np.testing.assert_array_equal(one.cv_results_["mean_test_score"], two.cv_results_["mean_test_score"])
    other_folds = GridSearchCV(rbfsvm.SVC(), grid, random_state=1, refit=False).fit(X, y)
    assert not np.array_equal(one.test_fold_, other_folds.test_fold_)


@pytest.mark.parametrize(
    "search,error,message",
    [
        (GridSearchCV(rbfsvm.NuSVC(), {"C": [1]}), TypeError, "rbfsvm.SVC or rbfsvm.SVR"),
        (GridSearchCV(sklearn.svm.SVC(), {"C": [1]}), TypeError, "rbfsvm.SVC or rbfsvm.SVR"),
        (GridSearchCV(rbfsvm.SVC(kernel="linear"), {"C": [1]}), ValueError, "rbf kernel"),
        (GridSearchCV(rbfsvm.SVC(), [{"C": [1]}]), TypeError, "must be a dict"),
        (GridSearchCV(rbfsvm.SVC(), {"C": [1], "tol": [1e-3]}), ValueError, "'tol'"),
        (GridSearchCV(rbfsvm.SVC(), {"C": []}), ValueError, "is empty"),
        (GridSearchCV(rbfsvm.SVC(), {"C": 1.0}), TypeError, "sequence of numbers"),
        (GridSearchCV(rbfsvm.SVC(), {"C": ["1"]}), TypeError, "must hold numbers"),
        (GridSearchCV(rbfsvm.SVC(), {"gamma": [0.1, -1]}), ValueError, "finite number > 0"),
        (GridSearchCV(rbfsvm.SVC(), {"C": [np.inf]}), ValueError, "finite number > 0"),
        (GridSearchCV(rbfsvm.SVC(sigma=1.0), {"gamma": [1]}), ValueError, "sigma sets gamma"),
        (GridSearchCV(rbfsvm.SVC(), {"C": [1]}, cv=1), ValueError, "at least 2 folds"),
        (GridSearchCV(rbfsvm.SVC(), {"C": [1]}, cv=PredefinedSplit([0, 1])), TypeError, "number of folds"),
        (GridSearchCV(rbfsvm.SVC(), {"C": [1]}, n_threads=-1), ValueError, "n_threads"),
        (GridSearchCV(rbfsvm.SVC(C=-1), {"gamma": [1]}), ValueError, "C"),
    ],
)
def test_refusals(search, error, message):
    name, X, y = classification_sets()[0]
    with pytest.raises(error, match=message):
        search.fit(X, y)


def test_more_folds_than_points_and_bad_data_are_refused():
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    y = np.array([0, 1, 0, 1])
    with pytest.raises(ValueError, match="number of folds"):
        GridSearchCV(rbfsvm.SVC(), {"C": [1.0]}, cv=5).fit(X, y)
    with pytest.raises(ValueError, match="NaN|infinity"):
        GridSearchCV(rbfsvm.SVC(), {"C": [1.0]}, cv=2).fit(np.array([[0.0], [np.nan], [2.0], [3.0]]), y)
    with pytest.raises(ValueError, match="sample_weight"):
        GridSearchCV(rbfsvm.SVC(), {"C": [1.0]}, cv=2).fit(X, y, sample_weight=[1.0, 2.0])
