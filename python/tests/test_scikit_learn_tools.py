"""rbfsvm's estimators inside scikit-learn's tools: Pipeline, cross-validation, GridSearchCV
with parallel jobs (processes and threads), and the GIL released while the library works."""

import signal
import threading
import time

import joblib
import numpy as np
import pytest
from sklearn import svm
from sklearn.model_selection import GridSearchCV, KFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import rbfsvm
from conftest import classification_sets

GRID = {"C": [0.5, 5.0, 50.0], "gamma": [0.005, 0.05, 0.5]}


def cancer():
    _, X, y = classification_sets()[2]
    return X, y


def test_pipeline_with_a_scaler_matches_scikit_learn():
    _, X, y = classification_sets()[1]  # wine, standardized; scale again inside the pipeline
    ours = make_pipeline(StandardScaler(), rbfsvm.SVC(C=2, tol=1e-6, exact=True)).fit(X, y)
    theirs = make_pipeline(StandardScaler(), svm.SVC(C=2, tol=1e-6)).fit(X, y)
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
    np.testing.assert_allclose(ours.decision_function(X), theirs.decision_function(X),
                               atol=1e-5)


def test_cross_val_score_matches_scikit_learn():
    X, y = cancer()
    folds = KFold(5, shuffle=True, random_state=0)
    ours = cross_val_score(rbfsvm.SVC(C=3, tol=1e-6, exact=True), X, y, cv=folds)
    theirs = cross_val_score(svm.SVC(C=3, tol=1e-6), X, y, cv=folds)
    np.testing.assert_array_equal(ours, theirs)


def test_grid_search_with_two_jobs_chooses_what_scikit_learn_chooses():
    X, y = cancer()
    folds = KFold(3, shuffle=True, random_state=0)
    ours = GridSearchCV(rbfsvm.SVC(tol=1e-6, exact=True, n_threads=1), GRID, cv=folds,
                        n_jobs=2).fit(X, y)
    theirs = GridSearchCV(svm.SVC(tol=1e-6), GRID, cv=folds, n_jobs=2).fit(X, y)
    assert ours.best_params_ == theirs.best_params_
    np.testing.assert_array_equal(ours.cv_results_["mean_test_score"],
                                  theirs.cv_results_["mean_test_score"])
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))


def test_grid_search_on_joblib_threads_equals_one_job():
    X, y = cancer()
    folds = KFold(3, shuffle=True, random_state=0)
    one_job = GridSearchCV(rbfsvm.SVC(), GRID, cv=folds, n_jobs=1).fit(X, y)
    with joblib.parallel_backend("threading", n_jobs=2):
        threaded = GridSearchCV(rbfsvm.SVC(), GRID, cv=folds).fit(X, y)
    np.testing.assert_array_equal(threaded.cv_results_["mean_test_score"],
                                  one_job.cv_results_["mean_test_score"])


def test_fit_releases_the_gil():
    # A Python thread keeps counting while another thread trains: with the GIL held for the
    # whole fit it could not run at all until the fit returned.
    # Noisy labels make a long solve (a few tenths of a second).
    rng = np.random.RandomState(0)
    X = rng.normal(size=(3000, 10))
    y = (X[:, 0] + rng.normal(scale=1.0, size=3000) > 0).astype(int)
    ticks = []
    fitting = threading.Event()

    def count():
        fitting.wait()
        while fitting.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    counter = threading.Thread(target=count)
    counter.start()
    estimator = rbfsvm.SVC(C=100, tol=1e-4, n_threads=1)
    fitting.set()
    started = time.perf_counter()
    estimator.fit(X, y)
    finished = time.perf_counter()
    fitting.clear()
    counter.join()
    during = [t for t in ticks if started < t < finished]
    assert finished - started > 0.05, "the fit was too short to tell"
    assert len(during) >= 2


def test_ctrl_c_stops_a_fit_with_keyboard_interrupt():
    # A fit of several seconds, interrupted after a tenth of one: the solvers poll for signals
    # and the fit raises KeyboardInterrupt instead of finishing.
    rng = np.random.RandomState(0)
    X = rng.normal(size=(4000, 10))
    y = (X[:, 0] + rng.normal(size=4000) > 0).astype(int)
    timer = threading.Timer(0.1, lambda: signal.raise_signal(signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            rbfsvm.SVC(C=1000, tol=1e-6, exact=True).fit(X, y)
    finally:
        timer.join()
