"""The Gaussian helpers of the classroom over rbfsvm's gaussian component: the normalized kernel
(gaussian_kernel), the RBF Gram matrix (rbf_gram), image blur (gaussian_blur) and kernel
density estimation (KernelDensity). The formulas and every refusal are the C++ library's
(include/rbfsvm/gaussian/, include/rbfsvm/kernel/gram.hpp); this module validates input as
scikit-learn does and converts it."""

import numbers
import operator

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.utils import check_array, check_random_state
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted

from . import _rbfsvm
from ._data import to_library_points


def _optional_size(size):
    """None, or size as an int (TypeError for a float such as 5.0)."""
    return None if size is None else operator.index(size)


def _threads(n_threads):
    """The library's thread count: 0 (all cores) for None."""
    return 0 if n_threads is None else operator.index(n_threads)


# ---- the kernel ---------------------------------------------------------------------------


def gaussian_kernel(size, sigma):
    """The size x size Gaussian filter G[i, j] = exp(-((i - c)^2 + (j - c)^2) / (2 sigma^2)) / S,
    c = (size - 1) / 2, S making the entries sum to 1 (OpenCV's getGaussianKernel, outer
    product). size None: 2 ceil(3 sigma) + 1. Returns a float64 array; ValueError unless sigma is
    finite and > 0 and 1 <= size <= 4097."""
    kernel = _rbfsvm.gaussian_kernel(_optional_size(size), float(sigma))
    return np.ascontiguousarray(kernel)


# ---- the Gram matrix ----------------------------------------------------------------------


def _rbf_gamma(gamma, sigma):
    """gamma, or 1 / (2 sigma^2) when sigma is given; exactly one of them."""
    if (gamma is None) == (sigma is None):
        raise ValueError(
            "give exactly one of gamma and sigma (gamma=%r, sigma=%r); "
            "K(x, y) = exp(-gamma |x - y|^2), gamma = 1 / (2 sigma^2)" % (gamma, sigma)
        )
    if sigma is not None:
        return _rbfsvm.gamma_from_sigma(float(sigma))
    return float(gamma)


def _gram_points(X, name):
    """X validated as scikit-learn's pairwise functions do: 2-D, float64, finite; CSR if sparse."""
    return check_array(
        X,
        accept_sparse="csr",
        dtype=np.float64,
        order="C",
        accept_large_sparse=False,
        input_name=name,
    )


def rbf_gram(X, Y=None, *, gamma=None, sigma=None, n_threads=None):
    """The RBF Gram matrix K[i, j] = exp(-gamma |x_i - y_j|^2), shape (n_samples_X,
    n_samples_Y), as sklearn.metrics.pairwise.rbf_kernel. X and Y: array-like or scipy.sparse
    (a sparse and a dense one are both used as CSR); Y None means K(X, X). Give gamma or
    sigma (gamma = 1 / (2 sigma^2)), not both. n_threads None: all cores."""
    kernel_gamma = _rbf_gamma(gamma, sigma)
    threads = _threads(n_threads)
    X = _gram_points(X, "X")
    if Y is None:
        return _rbfsvm.rbf_gram_symmetric(to_library_points(X), kernel_gamma, threads)
    Y = _gram_points(Y, "Y")
    if X.shape[1] != Y.shape[1]:
        raise ValueError(
            "Incompatible dimension for X and Y matrices: X.shape[1] == %d while "
            "Y.shape[1] == %d" % (X.shape[1], Y.shape[1])
        )
    if sp.issparse(X) != sp.issparse(Y):
        X, Y = sp.csr_matrix(X), sp.csr_matrix(Y)
    return _rbfsvm.rbf_gram(to_library_points(X), to_library_points(Y), kernel_gamma, threads)


# ---- the blur -----------------------------------------------------------------------------

_BORDERS = {
    "reflect101": _rbfsvm.BorderMode.reflect101,
    "reflect": _rbfsvm.BorderMode.reflect,
    "replicate": _rbfsvm.BorderMode.replicate,
    "constant": _rbfsvm.BorderMode.constant,
}

# Integer images are read as v / max (the library's rule for 8- and 16-bit files,
# skimage.img_as_float's) and written back as round(max * clip(s, 0, 1)).
_INTEGER_MAXIMA = {np.dtype(np.uint8): 255.0, np.dtype(np.uint16): 65535.0}


def _image_scale(image):
    """The value of full intensity: 255 (uint8), 65535 (uint16) or 1 (float images)."""
    if image.dtype in _INTEGER_MAXIMA:
        return _INTEGER_MAXIMA[image.dtype]
    if np.issubdtype(image.dtype, np.floating):
        return 1.0
    raise TypeError(
        "gaussian_blur takes uint8, uint16 or floating-point images, got dtype %s" % image.dtype
    )


def _image_samples(image, scale):
    """The image as (height, width, channels) float32 samples in [0, 1] units."""
    if image.ndim not in (2, 3) or (image.ndim == 3 and not 1 <= image.shape[2] <= 4):
        raise ValueError(
            "an image has shape (height, width) or (height, width, channels) with 1 to 4 "
            "channels, got shape %r" % (image.shape,)
        )
    channels = image.shape[2] if image.ndim == 3 else 1
    samples = image.reshape(image.shape[0], image.shape[1], channels).astype(np.float32)
    if scale != 1.0:
        samples /= np.float32(scale)
    elif not np.all(np.isfinite(samples)):
        raise ValueError("the image holds NaN or infinite samples")
    return np.ascontiguousarray(samples)


def _blur_options(size, border, border_value, blur_alpha, n_threads):
    if border not in _BORDERS:
        raise ValueError("border must be one of %s, got %r" % (", ".join(_BORDERS), border))
    options = _rbfsvm.BlurOptions()
    options.size = _optional_size(size)
    options.border = _BORDERS[border]
    options.border_value = float(border_value)
    options.blur_alpha = bool(blur_alpha)
    options.n_threads = _threads(n_threads)
    return options


def gaussian_blur(
    image,
    sigma,
    *,
    size=None,
    border="reflect101",
    border_value=0.0,
    blur_alpha=True,
    n_threads=None,
):
    """The image convolved with gaussian_kernel(size, sigma), each channel on its own (OpenCV's
    cv2.GaussianBlur). image: shape (H, W) or (H, W, C), C = 1..4 (grey, grey+alpha, RGB, RGBA;
    alpha last). Returns the same shape and dtype.

    Samples: float images are used as they are (conventionally in [0, 1]); uint8 and uint16
    images are read as v / 255 (v / 65535) and the result is returned as
    round(255 * clip(s, 0, 1)), and likewise for uint16. Computed in float32 samples with sums
    in double, so float64 images get float32 precision.

    size: odd kernel side; None: 2 ceil(3 sigma) + 1. border: how the image continues past its
    edges, 'reflect101' (gfedcb|abcdefgh|gfedcba, OpenCV's default, scipy's 'mirror'),
    'reflect' (fedcba|abcdefgh|hgfedcb), 'replicate' (aaaaaa|abcdefgh|hhhhhhh, scipy's
    'nearest') or 'constant' (border_value, in the image's units: 0..255 for uint8).
    blur_alpha False copies the alpha channel unchanged. n_threads None: all cores."""
    image = np.asarray(image)
    scale = _image_scale(image)
    samples = _image_samples(image, scale)
    options = _blur_options(size, border, float(border_value) / scale, blur_alpha, n_threads)
    blurred = _rbfsvm.gaussian_blur(samples, float(sigma), options).reshape(image.shape)
    if scale == 1.0:
        return blurred.astype(image.dtype, copy=False)
    return np.clip(np.rint(blurred * scale), 0.0, scale).astype(image.dtype)


# ---- kernel density -----------------------------------------------------------------------


def _library_bandwidth(bandwidth):
    if isinstance(bandwidth, str):
        return _rbfsvm.Bandwidth(getattr(_rbfsvm.BandwidthRule, bandwidth))
    return _rbfsvm.Bandwidth(_rbfsvm.BandwidthRule.fixed, float(bandwidth))


class KernelDensity(BaseEstimator):
    """Gaussian kernel density estimate f(y) = (1/n) sum_i N(y; x_i, H).

    bandwidth: 'scott' (H = s^2 C, s = n^(-1/(d+4))), 'silverman' (H = s^2 C,
    s = (n (d+2) / 4)^(-1/(d+4))), both with C the sample covariance (ddof 1) as
    scipy.stats.gaussian_kde; or a float h > 0, H = h^2 I, as sklearn.neighbors.KernelDensity
    with kernel='gaussian' (which, unlike this class, uses the rules' s as h unscaled).
    n_threads: None for all cores.

    Fitted attributes: bandwidth_ (s, or h), covariance_ (H, d x d), n_features_in_.
    """

    _parameter_constraints = {
        "bandwidth": [
            Interval(numbers.Real, 0.0, None, closed="neither"),
            StrOptions({"scott", "silverman"}),
        ],
        "n_threads": [Interval(numbers.Integral, 0, None, closed="left"), None],
    }

    def __init__(self, *, bandwidth="scott", n_threads=None):
        self.bandwidth = bandwidth
        self.n_threads = n_threads

    def fit(self, X, y=None):
        """Fit on X (n_samples, n_features); y is ignored. Every point weighs 1 / n_samples (no
        sample_weight, so scikit-learn's has_fit_parameter reports none). Returns self."""
        self._validate_params()
        # The rules estimate a covariance: scikit-learn's message for fewer than 2 samples.
        fewest = 1 if isinstance(self.bandwidth, numbers.Real) else 2
        X = self._validate_data(X, dtype=np.float64, order="C", ensure_min_samples=fewest)
        self._kde = _rbfsvm.GaussianKde(X, _library_bandwidth(self.bandwidth))
        self.bandwidth_ = self._kde.factor
        self.covariance_ = np.array(self._kde.bandwidth_matrix)
        return self

    def score_samples(self, X):
        """log f(x) for each row of X, shape (n_samples,); finite far from the data."""
        check_is_fitted(self)
        X = self._validate_data(X, dtype=np.float64, order="C", reset=False)
        return self._kde.log_density(X, _threads(self.n_threads))

    def score(self, X, y=None):
        """The total log-likelihood sum_x log f(x) of X; y is ignored."""
        return float(np.sum(self.score_samples(X)))

    def sample(self, n_samples=1, random_state=None):
        """n_samples points drawn from f, shape (n_samples, n_features): a data point chosen
        uniformly plus N(0, H) noise, with random_state as scikit-learn takes it."""
        check_is_fitted(self)
        rng = check_random_state(random_state)
        data = self._kde.data
        picks = rng.randint(data.shape[0], size=operator.index(n_samples))
        # z ~ N(0, I) gives L z ~ N(0, L L^T) = N(0, H) for the Cholesky factor L of H.
        noise = rng.standard_normal(size=(picks.shape[0], data.shape[1]))
        return data[picks] + noise @ np.linalg.cholesky(self.covariance_).T
