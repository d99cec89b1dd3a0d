"""The Gaussian helpers of the classroom (gaussian_kernel, rbf_gram, gaussian_blur,
KernelDensity) over rbfsvm's gaussian component. Being written: see the Python issue."""


def gaussian_kernel(size, sigma):
    raise NotImplementedError("gaussian_kernel is being written")


def rbf_gram(X, Y=None, *, gamma=None, sigma=None):
    raise NotImplementedError("rbf_gram is being written")


def gaussian_blur(image, sigma, **options):
    raise NotImplementedError("gaussian_blur is being written")


class KernelDensity:
    pass
