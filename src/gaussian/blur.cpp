#include "rbfsvm/gaussian/blur.hpp"

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/gaussian/filter.hpp"
#include "core/threads.hpp"

namespace rbfsvm {
namespace {

constexpr int outside = -1;

// Which index of [0, n) the border mode reads for index p (any integer), or `outside` for a
// constant border. The mirrored modes are periodic (see BorderMode), so one modulo places p.
int border_index(long long p, int n, BorderMode border) {
  if (p >= 0 && p < n) return static_cast<int>(p);
  switch (border) {
    case BorderMode::constant:
      return outside;
    case BorderMode::replicate:
      return p < 0 ? 0 : n - 1;
    case BorderMode::reflect: {
      const long long period = 2LL * n;
      long long q = ((p % period) + period) % period;
      if (q >= n) q = period - 1 - q;
      return static_cast<int>(q);
    }
    case BorderMode::reflect101: {
      if (n == 1) return 0;
      const long long period = 2LL * n - 2;
      long long q = ((p % period) + period) % period;
      if (q >= n) q = period - q;
      return static_cast<int>(q);
    }
  }
  return 0;
}

void validate(double sigma, const BlurOptions& options) {
  std::ostringstream message;
  message << "gaussian_blur: ";
  if (!std::isfinite(sigma) || sigma <= 0.0) {
    message << "sigma must be a finite number > 0, got " << sigma;
    throw InvalidArgument(message.str());
  }
  if (options.size) {
    const int size = *options.size;
    if (size < 1 || size > max_gaussian_kernel_size) {
      message << "kernel size must be between 1 and " << max_gaussian_kernel_size << ", got "
              << size;
      throw InvalidArgument(message.str());
    }
    if (size % 2 == 0) {
      message << "kernel size must be odd (as OpenCV's GaussianBlur requires), got " << size;
      throw InvalidArgument(message.str());
    }
  }
  if (!std::isfinite(options.border_value)) {
    message << "border value must be finite, got " << options.border_value;
    throw InvalidArgument(message.str());
  }
  if (options.n_threads < 0) {
    message << "n_threads must be >= 0 (0: all cores), got " << options.n_threads;
    throw InvalidArgument(message.str());
  }
}

}  // namespace

Image gaussian_blur(const Image& image, double sigma, const BlurOptions& options) {
  validate(sigma, options);
  const int size = options.size ? *options.size : gaussian_kernel_size(sigma);
  const Eigen::VectorXd kernel = gaussian_kernel_1d(size, sigma);
  const int radius = (size - 1) / 2;
  const int height = image.height();
  const auto width = static_cast<std::size_t>(image.width());
  const auto channels = static_cast<std::size_t>(image.channels());
  const std::size_t row_samples = width * channels;
  const double border_value = options.border_value;
  const bool keep_alpha = image.has_alpha() && !options.blur_alpha;

  // Where each padded column reads from: columns -radius .. width - 1 + radius.
  std::vector<int> column_source(width + 2 * static_cast<std::size_t>(radius));
  for (std::size_t p = 0; p < column_source.size(); ++p) {
    column_source[p] =
        border_index(static_cast<long long>(p) - radius, image.width(), options.border);
  }

  Image blurred(image.width(), height, image.channels());
  // Output row y: first the vertical pass (the weighted sum of rows y - r .. y + r) into a row of
  // doubles padded by the border, then the horizontal pass along it. Each sample sums its taps in
  // index order within one task, so the result does not depend on the number of threads.
  detail::parallel_for(height, options.n_threads, [&](Eigen::Index task) {
    const int y = static_cast<int>(task);
    std::vector<double> columns(row_samples, 0.0);
    for (int k = 0; k < size; ++k) {
      const double weight = kernel(k);
      const int source =
          border_index(static_cast<long long>(y) + k - radius, height, options.border);
      if (source == outside) {
        for (double& sum : columns) sum += weight * border_value;
        continue;
      }
      const float* row = image.row(source);
      for (std::size_t i = 0; i < row_samples; ++i) {
        columns[i] += weight * static_cast<double>(row[i]);
      }
    }

    std::vector<double> padded(column_source.size() * channels);
    for (std::size_t p = 0; p < column_source.size(); ++p) {
      const int source = column_source[p];
      for (std::size_t c = 0; c < channels; ++c) {
        padded[p * channels + c] = source == outside
                                       ? border_value
                                       : columns[static_cast<std::size_t>(source) * channels + c];
      }
    }
    float* out = blurred.row(y);
    for (std::size_t x = 0; x < width; ++x) {
      for (std::size_t c = 0; c < channels; ++c) {
        double sum = 0.0;
        for (int k = 0; k < size; ++k) {
          sum += kernel(k) * padded[(x + static_cast<std::size_t>(k)) * channels + c];
        }
        out[x * channels + c] = static_cast<float>(sum);
      }
    }

    if (keep_alpha) {
      const float* in = image.row(y);
      for (std::size_t x = 0; x < width; ++x) {
        out[x * channels + channels - 1] = in[x * channels + channels - 1];
      }
    }
  });
  return blurred;
}

}  // namespace rbfsvm
