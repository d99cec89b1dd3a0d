"""The Gaussian helpers against independent references: the kernel against its formula in numpy,
rbf_gram against sklearn.metrics.pairwise.rbf_kernel, gaussian_blur against
scipy.ndimage.gaussian_filter, KernelDensity against scipy.stats.gaussian_kde and
sklearn.neighbors.KernelDensity."""

import pickle

import numpy as np
import pytest
import scipy.ndimage as ndimage
import scipy.sparse as sp
import scipy.stats as stats
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.metrics.pairwise import rbf_kernel
from sklearn.neighbors import KernelDensity as SklearnKernelDensity
from sklearn.utils.estimator_checks import parametrize_with_checks

import rbfsvm

# ---- gaussian_kernel ----------------------------------------------------------------------


def kernel_formula(size, sigma):
    """exp(-((i - c)^2 + (j - c)^2) / (2 sigma^2)) / sum, c = (size - 1) / 2."""
    offsets = np.arange(size) - (size - 1) / 2.0
    squared = offsets[:, None] ** 2 + offsets[None, :] ** 2
    weights = np.exp(-squared / (2.0 * sigma**2))
    return weights / weights.sum()


@pytest.mark.parametrize("size, sigma", [(5, 1.0), (4, 0.7), (9, 2.5), (1, 1.0), (15, 0.3)])
def test_gaussian_kernel_matches_formula(size, sigma):
    kernel = rbfsvm.gaussian_kernel(size, sigma)
    assert kernel.shape == (size, size)
    assert_allclose(kernel, kernel_formula(size, sigma), rtol=1e-12, atol=1e-300)
    assert kernel.sum() == pytest.approx(1.0, abs=1e-14)
    assert_allclose(kernel, kernel.T, rtol=1e-15)
    assert_allclose(kernel, kernel[::-1, ::-1], rtol=1e-15)


def test_gaussian_kernel_5x5_sigma_1():
    # 1-D taps exp(-k^2 / 2), k = -2..2; the 2-D kernel is their outer product over S^2.
    total = 1.0 + 2.0 * np.exp(-0.5) + 2.0 * np.exp(-2.0)
    kernel = rbfsvm.gaussian_kernel(5, 1.0)
    assert kernel[2, 2] == pytest.approx(1.0 / total**2, rel=1e-12)  # 0.16210
    assert kernel[0, 0] == pytest.approx(np.exp(-4.0) / total**2, rel=1e-12)
    assert round(kernel[2, 2], 5) == 0.16210


def test_gaussian_kernel_default_size():
    # OpenCV's rule for 8-bit images: 2 ceil(3 sigma) + 1.
    assert rbfsvm.gaussian_kernel(None, 1.2).shape == (9, 9)
    assert rbfsvm.gaussian_kernel(None, 1.0).shape == (7, 7)


@pytest.mark.parametrize("sigma", [0.0, -1.0, np.nan, np.inf])
def test_gaussian_kernel_refuses_bad_sigma(sigma):
    with pytest.raises(ValueError, match="sigma"):
        rbfsvm.gaussian_kernel(5, sigma)


@pytest.mark.parametrize("size", [0, -3, 5000])
def test_gaussian_kernel_refuses_bad_size(size):
    with pytest.raises(ValueError, match="size"):
        rbfsvm.gaussian_kernel(size, 1.0)


def test_gaussian_kernel_refuses_float_size():
    with pytest.raises(TypeError):
        rbfsvm.gaussian_kernel(5.0, 1.0)


# ---- rbf_gram -----------------------------------------------------------------------------


@pytest.fixture
def points():
    rng = np.random.default_rng(1)
    return rng.normal(size=(30, 4)), rng.normal(size=(7, 4))


def sparse_points(n, d, seed):
    return sp.random(n, d, density=0.3, format="csr", random_state=seed)


def test_rbf_gram_gamma(points):
    X, Y = points
    assert_allclose(rbfsvm.rbf_gram(X, Y, gamma=0.3), rbf_kernel(X, Y, gamma=0.3), atol=1e-12)


def test_rbf_gram_sigma(points):
    X, Y = points
    expected = rbf_kernel(X, Y, gamma=1.0 / (2.0 * 1.5**2))
    assert_allclose(rbfsvm.rbf_gram(X, Y, sigma=1.5), expected, atol=1e-12)


def test_rbf_gram_of_x_with_itself(points):
    X, _ = points
    K = rbfsvm.rbf_gram(X, gamma=0.2)
    assert_allclose(K, rbf_kernel(X, gamma=0.2), atol=1e-12)
    assert_array_equal(K, K.T)


def test_rbf_gram_lists():
    X = [[0.0, 1.0], [2.0, 3.0]]
    assert_allclose(rbfsvm.rbf_gram(X, [[1, 1]], gamma=1.0), rbf_kernel(X, [[1, 1]], gamma=1.0))


def test_rbf_gram_sparse():
    X, Y = sparse_points(25, 40, 2), sparse_points(9, 40, 3)
    assert_allclose(rbfsvm.rbf_gram(X, Y, sigma=2.0), rbf_kernel(X, Y, gamma=0.125), atol=1e-12)
    assert_allclose(rbfsvm.rbf_gram(X, gamma=0.5), rbf_kernel(X, gamma=0.5), atol=1e-12)
    assert_allclose(rbfsvm.rbf_gram(X.tocsc(), gamma=0.5), rbf_kernel(X, gamma=0.5), atol=1e-12)


def test_rbf_gram_sparse_with_dense():
    X, Y = sparse_points(12, 6, 4), np.random.default_rng(5).normal(size=(5, 6))
    expected = rbf_kernel(X.toarray(), Y, gamma=0.4)
    assert_allclose(rbfsvm.rbf_gram(X, Y, gamma=0.4), expected, atol=1e-12)
    assert_allclose(rbfsvm.rbf_gram(Y, X, gamma=0.4), expected.T, atol=1e-12)


def test_rbf_gram_refuses_gamma_and_sigma(points):
    with pytest.raises(ValueError, match="exactly one of gamma and sigma"):
        rbfsvm.rbf_gram(*points, gamma=0.5, sigma=1.0)


def test_rbf_gram_refuses_neither_gamma_nor_sigma(points):
    with pytest.raises(ValueError, match="exactly one of gamma and sigma"):
        rbfsvm.rbf_gram(*points)


@pytest.mark.parametrize("parameter", [{"gamma": -1.0}, {"gamma": np.nan}, {"sigma": 0.0}])
def test_rbf_gram_refuses_bad_parameter(points, parameter):
    with pytest.raises(ValueError):
        rbfsvm.rbf_gram(*points, **parameter)


def test_rbf_gram_refuses_nan(points):
    X, Y = points
    X[3, 1] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        rbfsvm.rbf_gram(X, Y, gamma=1.0)
    with pytest.raises(ValueError, match="NaN"):
        rbfsvm.rbf_gram(Y, X, gamma=1.0)


def test_rbf_gram_refuses_one_dimensional_input():
    with pytest.raises(ValueError, match="2D"):
        rbfsvm.rbf_gram(np.ones(4), gamma=1.0)


def test_rbf_gram_refuses_feature_mismatch(points):
    X, Y = points
    with pytest.raises(ValueError, match="Incompatible dimension"):
        rbfsvm.rbf_gram(X, Y[:, :3], gamma=1.0)
    with pytest.raises(ValueError, match="Incompatible dimension"):
        rbfsvm.rbf_gram(sparse_points(3, 5, 0), sparse_points(3, 6, 1), gamma=1.0)


# ---- gaussian_blur ------------------------------------------------------------------------

# rbfsvm's border modes and scipy.ndimage's names for them.
BORDERS = [("reflect101", "mirror"), ("reflect", "reflect"), ("replicate", "nearest")]


def scipy_blur(image, sigma, size, mode, cval=0.0):
    """scipy's filter with the same taps: radius r = (size - 1) / 2 is int(truncate sigma + 0.5),
    and channels (axis 2) are not mixed."""
    radius = (size - 1) // 2
    sigmas = (sigma, sigma, 0.0)[: image.ndim]
    return ndimage.gaussian_filter(
        image, sigmas, mode=mode, cval=cval, truncate=radius / sigma
    )


@pytest.fixture
def image():
    return np.random.default_rng(7).uniform(size=(12, 15))


@pytest.mark.parametrize("border, mode", BORDERS)
def test_gaussian_blur_matches_scipy(image, border, mode):
    blurred = rbfsvm.gaussian_blur(image, 1.3, border=border)  # size 2 ceil(3.9) + 1 = 9
    assert blurred.shape == image.shape and blurred.dtype == np.float64
    assert_allclose(blurred, scipy_blur(image, 1.3, 9, mode), atol=2e-6)


def test_gaussian_blur_constant_border(image):
    blurred = rbfsvm.gaussian_blur(image, 0.8, size=5, border="constant", border_value=0.25)
    assert_allclose(blurred, scipy_blur(image, 0.8, 5, "constant", cval=0.25), atol=2e-6)


def test_gaussian_blur_channels():
    rgb = np.random.default_rng(8).uniform(size=(10, 11, 3)).astype(np.float32)
    blurred = rbfsvm.gaussian_blur(rgb, 1.0, size=7)
    assert blurred.dtype == np.float32
    assert_allclose(blurred, scipy_blur(rgb.astype(np.float64), 1.0, 7, "mirror"), atol=2e-6)


def test_gaussian_blur_keeps_alpha_when_asked():
    rgba = np.random.default_rng(9).uniform(size=(8, 9, 4))
    blurred = rbfsvm.gaussian_blur(rgba, 1.0, blur_alpha=False)
    assert_allclose(blurred[:, :, 3], rgba[:, :, 3], rtol=1e-7)
    assert_allclose(blurred[:, :, :3], scipy_blur(rgba[:, :, :3], 1.0, 7, "mirror"), atol=2e-6)


def test_gaussian_blur_uint8():
    # uint8 in: samples v / 255; uint8 out: round(255 * clip(s, 0, 1)).
    image = np.random.default_rng(10).integers(0, 256, size=(9, 13), dtype=np.uint8)
    blurred = rbfsvm.gaussian_blur(image, 1.0, border="replicate")
    expected = np.rint(255.0 * scipy_blur(image / 255.0, 1.0, 7, "nearest"))
    assert blurred.dtype == np.uint8
    # float32 samples may round a value within 1e-5 of a .5 tie the other way.
    assert np.max(np.abs(blurred.astype(np.int64) - expected)) <= 1
    assert np.mean(blurred == expected) > 0.95
    assert_array_equal(rbfsvm.gaussian_blur(np.full((5, 6), 200, np.uint8), 2.0), 200)


def test_gaussian_blur_uint8_constant_border_in_image_units():
    image = np.zeros((6, 6), dtype=np.uint8)
    blurred = rbfsvm.gaussian_blur(image, 1.0, border="constant", border_value=255)
    expected = np.rint(255.0 * scipy_blur(np.zeros((6, 6)), 1.0, 7, "constant", cval=1.0))
    assert np.max(np.abs(blurred.astype(np.int64) - expected)) <= 1


def test_gaussian_blur_refuses_even_size(image):
    with pytest.raises(ValueError, match="size"):
        rbfsvm.gaussian_blur(image, 1.0, size=4)


@pytest.mark.parametrize("sigma", [0.0, -2.0, np.nan])
def test_gaussian_blur_refuses_bad_sigma(image, sigma):
    with pytest.raises(ValueError, match="sigma"):
        rbfsvm.gaussian_blur(image, sigma)


@pytest.mark.parametrize("shape", [(10,), (4, 5, 5), (2, 3, 4, 1)])
def test_gaussian_blur_refuses_wrong_dims(shape):
    with pytest.raises(ValueError, match="shape"):
        rbfsvm.gaussian_blur(np.zeros(shape), 1.0)


def test_gaussian_blur_refuses_unknown_border(image):
    with pytest.raises(ValueError, match="border"):
        rbfsvm.gaussian_blur(image, 1.0, border="wrap")


def test_gaussian_blur_refuses_nan(image):
    image[2, 2] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        rbfsvm.gaussian_blur(image, 1.0)


def test_gaussian_blur_refuses_other_integer_types():
    with pytest.raises(TypeError, match="int64"):
        rbfsvm.gaussian_blur(np.zeros((4, 4), dtype=np.int64), 1.0)


# ---- KernelDensity ------------------------------------------------------------------------


@pytest.fixture
def sample():
    """200 correlated 2-D points."""
    rng = np.random.default_rng(11)
    return rng.multivariate_normal([1.0, -2.0], [[2.0, 0.6], [0.6, 0.5]], size=200)


@pytest.mark.parametrize("rule", ["scott", "silverman"])
def test_kernel_density_matches_scipy(sample, rule):
    queries = np.random.default_rng(12).normal(size=(50, 2)) * 3.0
    kde = rbfsvm.KernelDensity(bandwidth=rule).fit(sample)
    reference = stats.gaussian_kde(sample.T, bw_method=rule)
    assert_allclose(kde.score_samples(queries), reference.logpdf(queries.T), rtol=1e-10)
    assert kde.bandwidth_ == pytest.approx(reference.factor, rel=1e-14)
    assert_allclose(kde.covariance_, reference.covariance, rtol=1e-12)
    assert kde.n_features_in_ == 2


def test_kernel_density_fixed_bandwidth_matches_sklearn():
    data = np.random.default_rng(13).normal(size=(100, 1))
    queries = np.linspace(-5.0, 5.0, 41)[:, None]
    kde = rbfsvm.KernelDensity(bandwidth=0.4).fit(data)
    reference = SklearnKernelDensity(kernel="gaussian", bandwidth=0.4).fit(data)
    assert_allclose(kde.score_samples(queries), reference.score_samples(queries), rtol=1e-10)
    assert kde.score(queries) == pytest.approx(reference.score(queries), rel=1e-10)
    assert kde.bandwidth_ == 0.4
    assert_allclose(kde.covariance_, [[0.16]], rtol=1e-15)


def test_kernel_density_sample_moments(sample):
    kde = rbfsvm.KernelDensity(bandwidth="silverman").fit(sample)
    drawn = kde.sample(40000, random_state=0)
    assert drawn.shape == (40000, 2)
    # The mixture's mean is the data mean; its covariance the data's (ddof 0) plus H.
    expected_covariance = np.cov(sample.T, ddof=0) + kde.covariance_
    assert_allclose(drawn.mean(axis=0), sample.mean(axis=0), atol=0.03)
    assert_allclose(np.cov(drawn.T), expected_covariance, rtol=0.05, atol=0.02)


def test_kernel_density_sample_is_reproducible(sample):
    kde = rbfsvm.KernelDensity().fit(sample)
    assert_array_equal(kde.sample(5, random_state=3), kde.sample(5, random_state=3))
    assert not np.array_equal(kde.sample(5, random_state=3), kde.sample(5, random_state=4))
    assert kde.sample(random_state=0).shape == (1, 2)


def test_kernel_density_pickles_and_clones(sample):
    kde = rbfsvm.KernelDensity(bandwidth=0.7).fit(sample)
    restored = pickle.loads(pickle.dumps(kde))
    assert_array_equal(restored.score_samples(sample[:10]), kde.score_samples(sample[:10]))
    assert clone(kde).get_params() == {"bandwidth": 0.7, "n_threads": None}


@pytest.mark.parametrize("method", ["score_samples", "score", "sample"])
def test_kernel_density_refuses_unfitted(method, sample):
    arguments = () if method == "sample" else (sample,)
    with pytest.raises(NotFittedError):
        getattr(rbfsvm.KernelDensity(), method)(*arguments)


def test_kernel_density_refuses_nan(sample):
    sample[5, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        rbfsvm.KernelDensity().fit(sample)


def test_kernel_density_refuses_one_dimensional_input():
    with pytest.raises(ValueError, match="2D"):
        rbfsvm.KernelDensity().fit(np.arange(10.0))


def test_kernel_density_refuses_feature_mismatch(sample):
    kde = rbfsvm.KernelDensity().fit(sample)
    with pytest.raises(ValueError, match="features"):
        kde.score_samples(np.zeros((3, 3)))


@pytest.mark.parametrize("bandwidth", [0.0, -1.0, "normal"])
def test_kernel_density_refuses_bad_bandwidth(sample, bandwidth):
    with pytest.raises(ValueError, match="bandwidth"):
        rbfsvm.KernelDensity(bandwidth=bandwidth).fit(sample)


def test_kernel_density_refuses_sample_weight(sample):
    with pytest.raises(TypeError, match="sample_weight"):
        rbfsvm.KernelDensity().fit(sample, sample_weight=np.ones(len(sample)))


def test_kernel_density_refuses_one_point_with_a_rule():
    with pytest.raises(ValueError, match="1 sample"):
        rbfsvm.KernelDensity(bandwidth="scott").fit([[1.0, 2.0]])
    rbfsvm.KernelDensity(bandwidth=1.0).fit([[1.0, 2.0]])  # a fixed h needs no covariance


def test_kernel_density_refuses_singular_covariance():
    collinear = np.column_stack([np.arange(10.0), 2.0 * np.arange(10.0)])
    with pytest.raises(ValueError, match="singular"):
        rbfsvm.KernelDensity().fit(collinear)


@parametrize_with_checks([rbfsvm.KernelDensity(), rbfsvm.KernelDensity(bandwidth=0.5)])
def test_kernel_density_scikit_learn_checks(estimator, check):
    check(estimator)
