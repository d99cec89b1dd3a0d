"""What an RBF support vector machine does in the plane (the C++ example
05_svm_decision_boundary, in Python, for the two moons).

    python3 decision_boundary.py [output.png]        (default decision_boundary.png)

A trained SVM classifies x by the sign of the decision function

    f(x) = sum_i alpha_i y_i K(x_i, x) - rho,    K(x_i, x) = exp(-|x - x_i|^2 / (2 sigma^2)),

a sum of Gaussian bumps on the support vectors x_i (Cortes & Vapnik 1995). The picture colours
f, draws the boundary f = 0 (solid) and the margins f = +-1 (dashed), and rings the support
vectors: the points on or inside the margins, or misclassified. sigma sets the width of each
bump: about the distance over which the class stays the same (here 0.5, a moon's thickness).
"""

import sys

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.datasets import make_moons  # noqa: E402

import rbfsvm  # noqa: E402

SIGMA = 0.5
C = 10.0


def train_and_test():
    """An SVC on 200 seeded moon points, scored on 1000 fresh ones of the same distribution."""
    X, y = make_moons(n_samples=200, noise=0.2, random_state=0)
    X_test, y_test = make_moons(n_samples=1000, noise=0.2, random_state=1)
    model = rbfsvm.SVC(sigma=SIGMA, C=C).fit(X, y)
    print("moons (sigma %g, C %g): %d support vectors, training accuracy %.1f%%, "
          "test accuracy %.1f%%" % (SIGMA, C, len(model.support_), 100.0 * model.score(X, y),
                                    100.0 * model.score(X_test, y_test)))
    return model, X, y


def draw(model, X, y, path):
    """f on a grid over the data, its 0 and +-1 contours, the points and the support vectors."""
    x_range = np.linspace(X[:, 0].min() - 0.5, X[:, 0].max() + 0.5, 300)
    y_range = np.linspace(X[:, 1].min() - 0.5, X[:, 1].max() + 0.5, 300)
    grid_x, grid_y = np.meshgrid(x_range, y_range)
    f = model.decision_function(np.column_stack([grid_x.ravel(), grid_y.ravel()]))
    f = f.reshape(grid_x.shape)

    figure, axes = plt.subplots(figsize=(6.5, 5))
    # Symmetric colour limits so that white is f = 0.
    limit = np.abs(f).max()
    filled = axes.contourf(grid_x, grid_y, f, levels=30, cmap="RdBu", vmin=-limit, vmax=limit)
    figure.colorbar(filled, ax=axes, label="decision function f(x)")
    axes.contour(grid_x, grid_y, f, levels=[-1.0, 0.0, 1.0], colors="black",
                 linestyles=["dashed", "solid", "dashed"], linewidths=[1, 2, 1])
    # f > 0 (blue) means classes_[1].
    axes.scatter(X[:, 0], X[:, 1], c=np.where(y == model.classes_[1], "navy", "darkred"),
                 edgecolors="white", linewidths=0.5, s=20)
    support_vectors = model.support_vectors_
    axes.scatter(support_vectors[:, 0], support_vectors[:, 1], s=90, facecolors="none",
                 edgecolors="black", linewidths=1, label="support vectors")
    axes.set_title("RBF SVM on two moons: sigma %g, C %g" % (SIGMA, C))
    axes.legend(loc="lower left")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "decision_boundary.png"
    model, X, y = train_and_test()
    draw(model, X, y, path)
    print("wrote %s" % path)


if __name__ == "__main__":
    main()
