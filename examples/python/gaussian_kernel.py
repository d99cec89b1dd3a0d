"""The 5 x 5 Gaussian kernel for sigma = 1, printed and drawn (the C++ example
01_gaussian_kernel_matrix, in Python).

    python3 gaussian_kernel.py [output.png]        (default gaussian_kernel.png)

The weights are the 2-D Gaussian bell sampled at the integer offsets from the centre
c = (size - 1) / 2 and divided by their sum S, so that they add up to 1:

    G[i, j] = exp(-((i - c)^2 + (j - c)^2) / (2 sigma^2)) / S.

For sigma = 1 the centre weight is 0.16210, close to the continuous peak 1 / (2 pi) = 0.159.
The RBF kernel of an SVM is the same bell unnormalized, exp(-gamma |x - y|^2) with
gamma = 1 / (2 sigma^2): sigma = 1 is gamma = 0.5.
"""

import sys

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import rbfsvm  # noqa: E402


def print_kernel(kernel, sigma):
    print("%d x %d Gaussian kernel, sigma %g, weights sum to %.12g:"
          % (kernel.shape[0], kernel.shape[1], sigma, kernel.sum()))
    for row in kernel:
        print(" ".join("%.5f" % weight for weight in row))
    print("centre weight %.5f, continuous peak 1 / (2 pi) = %.5f"
          % (kernel.max(), 1.0 / (2.0 * np.pi)))


def draw_kernel(kernel, sigma, path):
    """The kernel as a heatmap (viridis, with a colorbar), each cell labelled with its weight."""
    radius = (kernel.shape[0] - 1) / 2.0
    figure, axes = plt.subplots(figsize=(5.5, 4.5))
    picture = axes.imshow(kernel, cmap="viridis",
                          extent=(-radius - 0.5, radius + 0.5, radius + 0.5, -radius - 0.5))
    figure.colorbar(picture, ax=axes, label="weight")
    for i, row in enumerate(kernel):
        for j, weight in enumerate(row):
            # Dark text on the bright cells near the centre, light text elsewhere.
            colour = "black" if weight > 0.6 * kernel.max() else "white"
            axes.text(j - radius, i - radius, "%.3f" % weight, ha="center", va="center",
                      color=colour, fontsize=8)
    axes.set_title("Gaussian kernel, %d x %d, sigma %g" % (kernel.shape[0], kernel.shape[1], sigma))
    axes.set_xlabel("column offset from the centre")
    axes.set_ylabel("row offset from the centre")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    plt.close(figure)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "gaussian_kernel.png"
    sigma = 1.0
    kernel = rbfsvm.gaussian_kernel(5, sigma)
    print_kernel(kernel, sigma)
    draw_kernel(kernel, sigma, path)
    print("wrote %s" % path)


if __name__ == "__main__":
    main()
