"""Shared data for the Python tests: scikit-learn's bundled sets and the project's datasets/."""

import os
import pathlib

import numpy as np
import pytest
from sklearn import datasets

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
DATASETS = pathlib.Path(os.environ.get("RBFSVM_DATASETS", REPOSITORY / "datasets"))
TOOLS = pathlib.Path(os.environ.get("RBFSVM_TOOLS", REPOSITORY / "build" / "release" / "bin"))


def standardized(X):
    spread = X.std(axis=0)
    spread[spread == 0] = 1
    return (X - X.mean(axis=0)) / spread


def classification_sets():
    """(name, X, y) of the classification sets, standardized where the raw scales differ."""
    iris = datasets.load_iris(return_X_y=True)
    wine = datasets.load_wine(return_X_y=True)
    cancer = datasets.load_breast_cancer(return_X_y=True)
    digits = datasets.load_digits(return_X_y=True)
    heart = datasets.load_svmlight_file(str(DATASETS / "heart_scale"))
    return [
        ("iris", iris[0], iris[1]),
        ("wine", standardized(wine[0]), wine[1]),
        ("breast_cancer", standardized(cancer[0]), cancer[1]),
        ("digits", digits[0][:600] / 16.0, digits[1][:600]),
        ("heart_scale", heart[0].toarray(), heart[1]),
    ]


def regression_sets():
    diabetes = datasets.load_diabetes(return_X_y=True)
    housing = datasets.load_svmlight_file(str(DATASETS / "housing_scale"))
    return [
        ("diabetes", diabetes[0] / np.abs(diabetes[0]).max(axis=0), diabetes[1] / 100.0),
        ("housing_scale", housing[0].toarray(), housing[1] / 10.0),
    ]


@pytest.fixture
def wine():
    X, y = datasets.load_wine(return_X_y=True)
    return standardized(X), y
