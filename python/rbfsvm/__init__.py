"""rbfsvm: Gaussian (RBF) kernel methods and support vector machines.

scikit-learn estimators backed by rbfsvm's C++ library (SVC, NuSVC, OneClassSVM, SVR, NuSVR),
model files shared with the command-line tools and LIBSVM (load_model, and each estimator's
save_model), and the Gaussian helpers of the classroom (gaussian_kernel, rbf_gram,
gaussian_blur, KernelDensity), and model_selection.GridSearchCV, which searches C and gamma on the
library's shared-kernel engine. docs/python.md describes them next to scikit-learn's."""

from ._classes import SVC, SVR, NuSVC, NuSVR, OneClassSVM
from ._gaussian import KernelDensity, gaussian_blur, gaussian_kernel, rbf_gram
from ._model_files import load_model
from . import model_selection  # GridSearchCV over the shared-kernel engine

__version__ = "0.1.0"

__all__ = [
    "SVC",
    "NuSVC",
    "OneClassSVM",
    "SVR",
    "NuSVR",
    "load_model",
    "gaussian_kernel",
    "rbf_gram",
    "gaussian_blur",
    "KernelDensity",
    "model_selection",
]
