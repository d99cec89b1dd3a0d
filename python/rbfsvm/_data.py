"""Input as scikit-learn users pass it, handed to the C++ library.

Dense data goes over as a C-contiguous float64 array, which the library reads in place; sparse
data as the parts of a canonical CSR matrix (sorted indices, no duplicates), copied once.
"""

import numpy as np
import scipy.sparse as sp

from . import _rbfsvm


def checked_sample_weight(sample_weight, X):
    """sample_weight as a float64 vector of one weight per row of X (ValueError otherwise)."""
    sample_weight = np.asarray(sample_weight, dtype=np.float64)
    if sample_weight.ndim != 1 or sample_weight.shape[0] != X.shape[0]:
        raise ValueError(
            "sample_weight and X have incompatible shapes: %r vs %r" % (sample_weight.shape, X.shape)
        )
    return sample_weight


def to_library_points(X):
    """X after scikit-learn's validation (float64, C order or CSR) as the library takes it."""
    if sp.issparse(X):
        X = X.tocsr()
        if not X.has_canonical_format:
            X = X.copy()
            X.sum_duplicates()
        return _rbfsvm.SparseRows(
            np.ascontiguousarray(X.data, dtype=np.float64),
            np.ascontiguousarray(X.indices, dtype=np.int32),
            np.ascontiguousarray(X.indptr, dtype=np.int64),
            X.shape[1],
        )
    return np.ascontiguousarray(X, dtype=np.float64)


def from_library_points(points):
    """A model's support vectors: a numpy array, or a CSR matrix when they are stored sparse."""
    if isinstance(points, _rbfsvm.SparseRows):
        data, indices, indptr = points.csr()
        return sp.csr_matrix((data, indices, indptr), shape=points.shape)
    return points


def precomputed_rows(K, serials):
    """A precomputed kernel as the library's rows (LIBSVM's -t 4 layout): column 0 holds the
    point's serial number (1-based for training points, 0 for test points) and column j the
    kernel value with training point j."""
    K = np.asarray(K, dtype=np.float64)
    rows = np.empty((K.shape[0], K.shape[1] + 1), dtype=np.float64)
    rows[:, 0] = serials
    rows[:, 1:] = K
    return rows
