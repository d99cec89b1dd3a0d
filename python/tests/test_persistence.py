"""Pickling, copying and model files: a model keeps its predictions through pickle,
copy.deepcopy and clone, and the model files are those of the command-line tools, both ways."""

import copy
import pickle
import subprocess

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn import datasets
from sklearn.base import clone

import rbfsvm
from conftest import DATASETS, TOOLS

HEART = DATASETS / "heart_scale"


def heart():
    X, y = datasets.load_svmlight_file(str(HEART))
    return X.toarray(), y


ESTIMATORS = [
    rbfsvm.SVC(C=4, probability=True, random_state=0),
    rbfsvm.NuSVC(nu=0.4),
    rbfsvm.SVR(C=2),
    rbfsvm.NuSVR(nu=0.3),
    rbfsvm.OneClassSVM(nu=0.3),
    rbfsvm.SVC(kernel="poly", degree=2, coef0=1.0),
]


def outputs(estimator, X):
    """Every prediction method the estimator has, by name."""
    names = ["predict", "decision_function", "predict_proba", "score_samples"]
    return {n: getattr(estimator, n)(X) for n in names if hasattr(estimator, n)}


def assert_same_outputs(a, b):
    assert a.keys() == b.keys()
    for name in a:
        np.testing.assert_array_equal(a[name], b[name], err_msg=name)


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
def test_pickle_and_deepcopy_keep_every_prediction(estimator):
    X, y = heart()
    fitted = clone(estimator).fit(X, y)
    expected = outputs(fitted, X)
    assert_same_outputs(outputs(pickle.loads(pickle.dumps(fitted)), X), expected)
    assert_same_outputs(outputs(copy.deepcopy(fitted), X), expected)


def test_pickle_keeps_sparse_models_sparse():
    X, y = heart()
    X = sp.csr_matrix(np.where(np.abs(X) < 0.3, 0.0, X))
    fitted = rbfsvm.SVC(C=4).fit(X, y)
    restored = pickle.loads(pickle.dumps(fitted))
    assert sp.issparse(restored.support_vectors_)
    np.testing.assert_array_equal(restored.decision_function(X), fitted.decision_function(X))


def test_clone_copies_parameters_not_the_fit():
    X, y = heart()
    fitted = rbfsvm.SVC(C=3, sigma=2.0, n_threads=1, exact=True).fit(X, y)
    twin = clone(fitted)
    assert twin.get_params() == fitted.get_params()
    assert not hasattr(twin, "support_")


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=lambda e: type(e).__name__)
def test_save_model_and_load_model_round_trip(estimator, tmp_path):
    X, y = heart()
    fitted = clone(estimator).fit(X, y)
    path = tmp_path / "model"
    fitted.save_model(path)
    loaded = rbfsvm.load_model(path)
    assert type(loaded) is type(fitted)
    assert_same_outputs(outputs(loaded, X), outputs(fitted, X))
    np.testing.assert_array_equal(loaded.support_, fitted.support_)
    np.testing.assert_array_equal(loaded.dual_coef_, fitted.dual_coef_)


def predictions_of_svm_predict(test_file, model_file, tmp_path):
    output = tmp_path / "predictions"
    subprocess.run([str(TOOLS / "svm_predict"), "-q", str(test_file), str(model_file),
                    str(output)], check=True)
    return np.loadtxt(output, dtype=str)


def test_a_model_trained_in_python_predicts_with_svm_predict(tmp_path):
    X, y = heart()
    fitted = rbfsvm.SVC(C=4, gamma=0.2).fit(X, y)
    fitted.save_model(tmp_path / "model")
    predicted = predictions_of_svm_predict(HEART, tmp_path / "model", tmp_path)
    np.testing.assert_array_equal(predicted.astype(float), fitted.predict(X))


def test_text_classes_travel_in_the_sidecar(tmp_path):
    X, y = heart()
    names = np.where(y > 0, "present", "absent")
    fitted = rbfsvm.SVC(C=4).fit(X, names)
    fitted.save_model(tmp_path / "model")
    loaded = rbfsvm.load_model(tmp_path / "model")
    np.testing.assert_array_equal(loaded.classes_, ["absent", "present"])
    np.testing.assert_array_equal(loaded.predict(X), fitted.predict(X))
    csv = tmp_path / "heart.csv"
    np.savetxt(csv, np.column_stack([X, names]), fmt="%s", delimiter=",")
    predicted = predictions_of_svm_predict(csv, tmp_path / "model", tmp_path)
    np.testing.assert_array_equal(predicted, fitted.predict(X))


@pytest.mark.parametrize("flags", [["-c", "4"], ["-c", "4", "-b", "1"], ["-s", "4", "-n", "0.3"]])
def test_a_model_from_svm_train_becomes_a_fitted_estimator(flags, tmp_path):
    X, y = heart()
    model = tmp_path / "model"
    subprocess.run([str(TOOLS / "svm_train"), "-q", *flags, str(HEART), str(model)], check=True)
    loaded = rbfsvm.load_model(model)
    predicted = predictions_of_svm_predict(HEART, model, tmp_path).astype(float)
    if isinstance(loaded, rbfsvm.SVC):
        # heart_scale's first label is +1: LIBSVM's class order is (+1, -1), the reverse of
        # classes_, and the estimator maps the file's columns onto classes_.
        np.testing.assert_array_equal(loaded.classes_, [-1.0, 1.0])
        np.testing.assert_array_equal(loaded.predict(X), predicted)
        decision = loaded.decision_function(X)
        np.testing.assert_array_equal(loaded.classes_[(decision > 0).astype(int)], predicted)
        if "-b" in flags:
            probabilities = loaded.predict_proba(X)
            assert probabilities.shape == (X.shape[0], 2)
            # The column of +1 is the larger where the decision value is clearly positive.
            clear = np.abs(decision) > 0.5
            np.testing.assert_array_equal((probabilities[:, 1] > 0.5)[clear], (decision > 0)[clear])
    else:
        np.testing.assert_allclose(loaded.predict(X), predicted, rtol=1e-5)


def test_model_file_errors_are_python_errors(tmp_path):
    with pytest.raises(OSError, match="cannot read model"):
        rbfsvm.load_model(tmp_path / "missing")
    bad = tmp_path / "bad"
    bad.write_text("svm_type c_svc\nkernel_type rbf\ngamma x\n")
    with pytest.raises(ValueError, match=r"bad:3:"):
        rbfsvm.load_model(bad)
    with pytest.raises(OSError):
        rbfsvm.SVC().fit(*heart()).save_model(tmp_path)


@pytest.mark.parametrize("classes", [
    np.array(["1", "10", "2"]),
    np.array([-7, 3, 2**31 - 1]),
    np.array(["setosa", "versicolor", "virginica"], dtype=object),
], ids=["numeric-strings", "integers", "object-strings"])
def test_model_files_give_back_integer_and_string_classes_unchanged(classes, tmp_path):
    X, y = datasets.load_iris(return_X_y=True)
    fitted = rbfsvm.SVC(probability=True, random_state=0).fit(X, classes[y])
    fitted.save_model(tmp_path / "model")
    loaded = rbfsvm.load_model(tmp_path / "model")
    np.testing.assert_array_equal(loaded.classes_, fitted.classes_)
    assert_same_outputs(outputs(loaded, X), outputs(fitted, X))


@pytest.mark.parametrize("labels", [
    np.array([False, True]), np.array([2**53 + 1, 7]), np.array([2**63 + 1, 3], dtype=np.uint64)
], ids=["bool", "beyond-int32", "uint64"])
def test_classes_a_model_file_cannot_give_back_are_refused_at_save(labels, tmp_path):
    X, y = heart()
    fitted = rbfsvm.SVC().fit(X, labels[(y > 0).astype(int)])
    restored = pickle.loads(pickle.dumps(fitted))  # pickling keeps them
    np.testing.assert_array_equal(restored.predict(X), fitted.predict(X))
    with pytest.raises(ValueError, match="cannot be written to a model file"):
        fitted.save_model(tmp_path / "model")
    assert not (tmp_path / "model").exists()


def test_feature_names_travel_through_model_files(tmp_path):
    pandas = pytest.importorskip("pandas")
    X, y = heart()
    frame = pandas.DataFrame(X, columns=[f"f{j}" for j in range(X.shape[1])])
    fitted = rbfsvm.SVC().fit(frame, y)
    fitted.save_model(tmp_path / "model")
    loaded = rbfsvm.load_model(tmp_path / "model")
    np.testing.assert_array_equal(loaded.feature_names_in_, fitted.feature_names_in_)
    np.testing.assert_array_equal(loaded.predict(frame), fitted.predict(frame))
