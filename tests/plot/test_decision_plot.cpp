// write_decision_boundary_png and svm_train --plot: the pictures decoded and checked where the
// geometry is known (the plot frame is found in the image, data coordinates mapped onto it),
// and every refusal.
#include <stb/stb_image.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "rbfsvm/data/dataset.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/svm/model.hpp"
#include "rbfsvm/svm/model_io.hpp"
#include "rbfsvm/plot/decision_plot.hpp"
#include "rbfsvm/plot/plot.hpp"
#include "rbfsvm/svm/train.hpp"
#include "support/paths.hpp"
#include "support/test_data.hpp"
#include "svm_train_cli.hpp"

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using rbfsvm::RowMatrix;

struct Rgb {
  int r, g, b;
};

struct Image {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> pixels;

  Rgb at(int x, int y) const {
    const std::size_t i = 3 * (static_cast<std::size_t>(y) * width + x);
    return {pixels[i], pixels[i + 1], pixels[i + 2]};
  }
};

Image load_png(const std::string& path) {
  Image image;
  int channels = 0;
  unsigned char* data = stbi_load(path.c_str(), &image.width, &image.height, &channels, 3);
  REQUIRE(data != nullptr);
  image.pixels.assign(data, data + 3 * static_cast<std::size_t>(image.width) * image.height);
  stbi_image_free(data);
  return image;
}

double grey_variance(const Image& image) {
  double sum = 0, sum_squares = 0;
  const double n = static_cast<double>(image.width) * image.height;
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      const Rgb p = image.at(x, y);
      const double grey = (p.r + p.g + p.b) / 3.0;
      sum += grey;
      sum_squares += grey * grey;
    }
  }
  const double mean = sum / n;
  return sum_squares / n - mean * mean;
}

bool dark(const Rgb& p) { return p.r + p.g + p.b < 3 * 110; }
bool bluish(const Rgb& p) { return p.b > p.r + 25; }
bool reddish(const Rgb& p) { return p.r > p.b + 25; }
bool close_to(const Rgb& a, const Rgb& b, int tolerance) {
  return std::abs(a.r - b.r) <= tolerance && std::abs(a.g - b.g) <= tolerance &&
         std::abs(a.b - b.b) <= tolerance;
}

// The plot frame: its top and bottom lines are the only dark horizontal runs longer than a
// third of the image; the first one gives the left and right edges.
struct Frame {
  double left = 0, right = 0, top = 0, bottom = 0;
};

Frame find_frame(const Image& image) {
  std::vector<int> long_rows;
  int run_start = 0, run_end = 0;
  for (int y = 0; y < image.height; ++y) {
    int best = 0, start = 0;
    for (int x = 0, run = 0; x < image.width; ++x) {
      run = dark(image.at(x, y)) ? run + 1 : 0;
      if (run > best) {
        best = run;
        start = x - run + 1;
      }
    }
    if (best > image.width / 3) {
      if (long_rows.empty()) {
        run_start = start;
        run_end = start + best - 1;
      }
      long_rows.push_back(y);
    }
  }
  REQUIRE(long_rows.size() >= 2);
  Frame frame;
  frame.left = run_start;
  frame.right = run_end;
  frame.top = long_rows.front();
  frame.bottom = long_rows.back();
  return frame;
}

// Maps data coordinates to pixels, for a picture drawn with padding 0 (the frame is then the
// points' bounding box).
struct PixelMap {
  Frame frame;
  double x_low, x_high, y_low, y_high;

  std::pair<int, int> operator()(double x, double y) const {
    const double px = frame.left + (x - x_low) / (x_high - x_low) * (frame.right - frame.left);
    const double py = frame.bottom - (y - y_low) / (y_high - y_low) * (frame.bottom - frame.top);
    return {static_cast<int>(std::lround(px)), static_cast<int>(std::lround(py))};
  }
};

PixelMap pixel_map(const Image& image, const RowMatrix<double>& X) {
  return {find_frame(image), X.col(0).minCoeff(), X.col(0).maxCoeff(), X.col(1).minCoeff(),
          X.col(1).maxCoeff()};
}

// Whether any pixel within `radius` of (x, y) satisfies `test`.
bool any_near(const Image& image, std::pair<int, int> centre, int radius,
              const std::function<bool(const Rgb&)>& test) {
  for (int y = centre.second - radius; y <= centre.second + radius; ++y) {
    for (int x = centre.first - radius; x <= centre.first + radius; ++x) {
      if (x >= 0 && y >= 0 && x < image.width && y < image.height && test(image.at(x, y))) {
        return true;
      }
    }
  }
  return false;
}

// Pixels that differ between two pictures of the same size within `radius` of `centre`.
int differences_near(const Image& a, const Image& b, std::pair<int, int> centre, int radius) {
  int count = 0;
  for (int y = centre.second - radius; y <= centre.second + radius; ++y) {
    for (int x = centre.first - radius; x <= centre.first + radius; ++x) {
      if (!close_to(a.at(x, y), b.at(x, y), 0)) ++count;
    }
  }
  return count;
}

// Points on a grid: class +1 in the columns x = -3, -2.5, -2 and class -1 mirrored at 2, 2.5, 3,
// rows y = -1, 0, 1. The symmetric problem puts the boundary on x = 0, the support vectors in
// the inner columns.
rbfsvm::Dataset mirrored_columns() {
  rbfsvm::Dataset data;
  std::vector<std::array<double, 3>> points;
  for (const double x : {-3.0, -2.5, -2.0, 2.0, 2.5, 3.0}) {
    for (const double y : {-1.0, 0.0, 1.0}) points.push_back({x, y, x < 0 ? 1.0 : -1.0});
  }
  data.X.resize(static_cast<rbfsvm::Index>(points.size()), 2);
  for (std::size_t i = 0; i < points.size(); ++i) {
    data.X(static_cast<rbfsvm::Index>(i), 0) = points[i][0];
    data.X(static_cast<rbfsvm::Index>(i), 1) = points[i][1];
    data.labels.push_back(points[i][2]);
  }
  return data;
}

// Three classes, 0, 1 and 2, each a 3 x 3 grid of points 0.5 apart around its centre.
rbfsvm::Dataset three_blobs() {
  rbfsvm::Dataset data;
  const double centres[3][2] = {{-2.0, -1.5}, {2.0, -1.5}, {0.0, 2.0}};
  data.X.resize(27, 2);
  for (int c = 0; c < 3; ++c) {
    for (int k = 0; k < 9; ++k) {
      data.X(9 * c + k, 0) = centres[c][0] + 0.5 * (k % 3 - 1);
      data.X(9 * c + k, 1) = centres[c][1] + 0.5 * (k / 3 - 1);
      data.labels.push_back(c);
    }
  }
  data.class_names = {"left", "right", "top"};
  return data;
}

rbfsvm::Model train(const rbfsvm::Dataset& data, double sigma, double C,
                    rbfsvm::SvmType type = rbfsvm::SvmType::c_svc) {
  rbfsvm::TrainOptions options;
  options.svm_type = type;
  options.kernel = rbfsvm::Kernel::rbf_from_sigma(sigma);
  options.C = C;
  options.nu = 0.2;
  return rbfsvm::train(data, options);
}

rbfsvm::DecisionPlotOptions unpadded() {
  rbfsvm::DecisionPlotOptions options;
  options.padding = 0;
  options.title = "test";
  return options;
}

template <class Expected>
std::string message_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const Expected& error) {
    return error.what();
  } catch (const std::exception& error) {
    FAIL("threw an exception of another type: " << error.what());
  }
  FAIL("threw nothing");
  return {};
}

std::vector<std::string> directory_entries(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  return names;
}

struct Run {
  int status;
  std::string out, err;
};

Run svm_train(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int status = rbfsvm::cli::run_svm_train(args, out, err);
  return {status, out.str(), err.str()};
}

void write_csv(const rbfsvm::Dataset& data, const std::string& path, int extra_columns = 0) {
  std::ofstream file(path);
  file << "a,b";
  for (int k = 0; k < extra_columns; ++k) file << ",extra" << k;
  file << ",label\n";
  for (rbfsvm::Index i = 0; i < data.X.rows(); ++i) {
    file << data.X(i, 0) << ',' << data.X(i, 1);
    for (int k = 0; k < extra_columns; ++k) file << ',' << 0.5 * k;
    file << ',' << data.labels[static_cast<std::size_t>(i)] << '\n';
  }
}

}  // namespace

TEST_CASE("decision boundary PNG has the requested size and is not blank", "[plot][decision]") {
  const std::string dir = rbfsvm::test::scratch_directory("decision_size");
  const rbfsvm::Dataset data = mirrored_columns();
  const rbfsvm::Model model = train(data, 1.5, 10);
  for (const auto& [width, height] : {std::pair{800, 760}, std::pair{431, 377}}) {
    rbfsvm::DecisionPlotOptions options;
    options.width = width;
    options.height = height;
    const std::string path = dir + "/size_" + std::to_string(width) + ".png";
    rbfsvm::write_decision_boundary_png(model, data.X, data.labels, path, options);
    const Image image = load_png(path);
    CHECK(image.width == width);
    CHECK(image.height == height);
    CHECK(grey_variance(image) > 400.0);
    CHECK(close_to(image.at(0, 0), {255, 255, 255}, 0));
  }
  CHECK(directory_entries(dir).size() == 2);
}

TEST_CASE("two-class picture puts the boundary between the classes and each side in its colour",
          "[plot][decision]") {
  const std::string dir = rbfsvm::test::scratch_directory("decision_two_classes");
  const rbfsvm::Dataset data = mirrored_columns();
  const rbfsvm::Model model = train(data, 1.5, 10);
  REQUIRE(model.data().labels.front() == 1.0);  // +1 first: f > 0 is the left class
  const std::string path = dir + "/two.png";
  rbfsvm::write_decision_boundary_png(model, data.X, data.labels, path, unpadded());
  const Image image = load_png(path);
  const PixelMap map = pixel_map(image, data.X);
  CHECK(map.frame.right - map.frame.left > 0.5 * image.width);
  CHECK(map.frame.bottom - map.frame.top > 0.4 * image.height);

  // f > 0 (the first class, +1) is blue, f < 0 red, between the points and the boundary.
  for (const double y : {-0.5, 0.5}) {
    CHECK(bluish(image.at(map(-1.0, y).first, map(-1.0, y).second)));
    CHECK(reddish(image.at(map(1.0, y).first, map(1.0, y).second)));
    // The boundary f = 0 is the black line x = 0, where the classes meet.
    CHECK(any_near(image, map(0.0, y), 3, dark));
    CHECK_FALSE(any_near(image, map(-0.6, y), 3, dark));
  }
  // The points' markers in their class colours, at their centres.
  const auto [left_x, left_y] = map(-2.5, 0.0);
  CHECK(close_to(image.at(left_x, left_y), {33, 102, 172}, 4));
  const auto [right_x, right_y] = map(2.5, 0.0);
  CHECK(close_to(image.at(right_x, right_y), {202, 32, 38}, 4));
}

TEST_CASE("two-class picture rings exactly the support vectors", "[plot][decision]") {
  const std::string dir = rbfsvm::test::scratch_directory("decision_rings");
  const rbfsvm::Dataset data = mirrored_columns();
  const rbfsvm::Model model = train(data, 1.5, 10);
  // Wide enough for the legend to keep one row with or without its support-vector entry, so
  // that both pictures have the same frame.
  rbfsvm::DecisionPlotOptions options = unpadded();
  options.width = 1200;
  rbfsvm::write_decision_boundary_png(model, data.X, data.labels, dir + "/rings.png", options);
  options.show_support_vectors = false;
  rbfsvm::write_decision_boundary_png(model, data.X, data.labels, dir + "/plain.png", options);
  const Image rings = load_png(dir + "/rings.png");
  const Image plain = load_png(dir + "/plain.png");
  const PixelMap map = pixel_map(rings, data.X);
  const Frame plain_frame = find_frame(plain);
  REQUIRE(plain_frame.left == map.frame.left);
  REQUIRE(plain_frame.top == map.frame.top);
  REQUIRE(plain_frame.bottom == map.frame.bottom);

  // Rings (black, outside the marker) around the support vectors, nothing around the others.
  std::vector<int> is_sv(static_cast<std::size_t>(data.X.rows()), 0);
  for (const int index : model.data().sv_indices) is_sv[static_cast<std::size_t>(index - 1)] = 1;
  int n_svs = 0, n_others = 0;
  for (rbfsvm::Index i = 0; i < data.X.rows(); ++i) {
    const auto centre = map(data.X(i, 0), data.X(i, 1));
    const int changed = differences_near(rings, plain, centre, 16);
    if (is_sv[static_cast<std::size_t>(i)] != 0) {
      ++n_svs;
      CHECK(changed > 30);
      CHECK(any_near(rings, centre, 14, dark));
    } else {
      ++n_others;
      CHECK(changed == 0);
    }
  }
  CHECK(n_svs == model.n_support_vectors());
  CHECK(n_svs >= 2);
  CHECK(n_others >= 2);
}

TEST_CASE("support vectors of a scaled model are ringed in the data's units", "[plot][decision]") {
  const std::string dir = rbfsvm::test::scratch_directory("decision_scaled");
  rbfsvm::Dataset data = mirrored_columns();
  data.X *= 100.0;  // in units the scaling maps to [-1, 1]
  rbfsvm::TrainOptions train_options;
  train_options.kernel = rbfsvm::Kernel::rbf_from_sigma(0.5);
  train_options.C = 10;
  train_options.scaling = rbfsvm::ScalingKind::min_max;
  const rbfsvm::Model model = rbfsvm::train(data, train_options);
  rbfsvm::DecisionPlotOptions options = unpadded();
  options.width = 1200;
  rbfsvm::write_decision_boundary_png(model, data.X, data.labels, dir + "/rings.png", options);
  options.show_support_vectors = false;
  rbfsvm::write_decision_boundary_png(model, data.X, data.labels, dir + "/plain.png", options);
  const Image rings = load_png(dir + "/rings.png");
  const Image plain = load_png(dir + "/plain.png");
  const PixelMap map = pixel_map(rings, data.X);
  REQUIRE_FALSE(model.data().sv_indices.empty());
  for (const int index : model.data().sv_indices) {
    const auto centre = map(data.X(index - 1, 0), data.X(index - 1, 1));
    CHECK(differences_near(rings, plain, centre, 16) > 30);
  }
  CHECK(bluish(rings.at(map(-100.0, 50.0).first, map(-100.0, 50.0).second)));
  CHECK(reddish(rings.at(map(100.0, 50.0).first, map(100.0, 50.0).second)));
}

TEST_CASE("multiclass picture tints each predicted region in its class colour", "[plot][decision]") {
  const std::string dir = rbfsvm::test::scratch_directory("decision_multiclass");
  const rbfsvm::Dataset data = three_blobs();
  const rbfsvm::Model model = train(data, 1.0, 10);
  REQUIRE(model.n_classes() == 3);
  const std::string path = dir + "/three.png";
  rbfsvm::DecisionPlotOptions options = unpadded();
  options.class_names = data.class_names;
  rbfsvm::write_decision_boundary_png(model, data.X, data.labels, path, options);
  const Image image = load_png(path);
  CHECK(image.width == 800);
  CHECK(image.height == 760);
  const PixelMap map = pixel_map(image, data.X);

  // Between the points of each blob (0.25 from its neighbours): the tint of its class, 30% of
  // the class colour on white.
  const auto tint = [](Rgb colour) {
    const auto mix = [](int channel) { return static_cast<int>(std::lround(0.3 * channel + 178.5)); };
    return Rgb{mix(colour.r), mix(colour.g), mix(colour.b)};
  };
  const Rgb colours[3] = {{33, 102, 172}, {202, 32, 38}, {44, 160, 44}};
  const double centres[3][2] = {{-2.0, -1.5}, {2.0, -1.5}, {0.0, 2.0}};
  for (int c = 0; c < 3; ++c) {
    const auto [x, y] = map(centres[c][0] + 0.25, centres[c][1] + 0.25);
    CHECK(close_to(image.at(x, y), tint(colours[c]), 3));
    const auto [point_x, point_y] = map(centres[c][0], centres[c][1]);
    CHECK(close_to(image.at(point_x, point_y), colours[c], 4));
  }
  // No colorbar: the right of the image, beside the plot, is white.
  const auto [right_x, middle_y] = map(2.5, 0.0);
  CHECK(right_x < image.width - 10);
  CHECK(close_to(image.at(image.width - 12, middle_y), {255, 255, 255}, 0));
}

TEST_CASE("one-class picture shades inside blue and outside red", "[plot][decision]") {
  const std::string dir = rbfsvm::test::scratch_directory("decision_one_class");
  rbfsvm::Dataset data = three_blobs();
  const rbfsvm::Model model = train(data, 0.5, 1, rbfsvm::SvmType::one_class);
  const std::string path = dir + "/one.png";
  rbfsvm::write_decision_boundary_png(model, data.X, data.labels, path, unpadded());
  const Image image = load_png(path);
  const PixelMap map = pixel_map(image, data.X);
  const auto [inside_x, inside_y] = map(0.25, 2.25);
  CHECK(bluish(image.at(inside_x, inside_y)));
  const auto [outside_x, outside_y] = map(0.0, -1.0);
  CHECK(reddish(image.at(outside_x, outside_y)));
}

TEST_CASE("decision boundary draws awkward inputs", "[plot][decision]") {
  const std::string dir = rbfsvm::test::scratch_directory("decision_awkward");
  const std::string path = dir + "/awkward.png";
  const rbfsvm::Dataset data = mirrored_columns();
  const rbfsvm::Model model = train(data, 1.5, 10);
  // One point; all points on a line; far from the origin; labels the model does not know.
  RowMatrix<double> one(1, 2);
  one << 0.5, 0.5;
  rbfsvm::write_decision_boundary_png(model, one, {1.0}, path);
  CHECK(load_png(path).width == 800);
  RowMatrix<double> line = data.X;
  line.col(1).setConstant(3.0);
  rbfsvm::write_decision_boundary_png(model, line, data.labels, path);
  RowMatrix<double> far = data.X.array() + 1e6;
  std::vector<double> unknown(data.labels.size(), 7.0);
  unknown[0] = -4.0;
  rbfsvm::DecisionPlotOptions small;
  small.width = 16;
  small.height = 16;
  small.resolution = 10;
  small.title = "# a title far too long for sixteen pixels";
  rbfsvm::write_decision_boundary_png(model, far, unknown, path, small);
  CHECK(load_png(path).height == 16);
  rbfsvm::DecisionPlotOptions square;
  square.equal_aspect = true;
  square.class_names = {"zero", "one"};
  rbfsvm::write_decision_boundary_png(model, data.X, data.labels, path, square);
  CHECK(load_png(path).height == 760);
  CHECK(directory_entries(dir) == std::vector<std::string>{"awkward.png"});
}

TEST_CASE("decision boundary refuses what it cannot draw and leaves no file", "[plot][decision]") {
  const std::string dir = rbfsvm::test::scratch_directory("decision_refusals");
  const std::string path = dir + "/refused.png";
  const rbfsvm::Dataset data = mirrored_columns();
  const rbfsvm::Model model = train(data, 1.5, 10);
  const auto refused = [&](const rbfsvm::Model& m, const RowMatrix<double>& X,
                           const std::vector<double>& labels,
                           const rbfsvm::DecisionPlotOptions& options = {}) {
    return message_of<rbfsvm::InvalidArgument>(
        [&] { rbfsvm::write_decision_boundary_png(m, X, labels, path, options); });
  };

  RowMatrix<double> three_columns(data.X.rows(), 3);
  three_columns << data.X, RowMatrix<double>::Zero(data.X.rows(), 1);
  CHECK_THAT(refused(model, three_columns, data.labels), Contains("3 columns"));
  CHECK_THAT(refused(model, RowMatrix<double>(0, 2), {}), Contains("no points"));
  CHECK_THAT(refused(model, data.X, {1.0, -1.0}), Contains("2 labels for 18 points"));
  RowMatrix<double> nan_point = data.X;
  nan_point(4, 1) = std::numeric_limits<double>::quiet_NaN();
  CHECK_THAT(refused(model, nan_point, data.labels), Contains("point 4") && Contains("nan"));
  std::vector<double> inf_label = data.labels;
  inf_label[3] = std::numeric_limits<double>::infinity();
  CHECK_THAT(refused(model, data.X, inf_label), Contains("label inf of point 3"));
  std::vector<double> many_labels;
  for (std::size_t i = 0; i < data.labels.size(); ++i) many_labels.push_back(static_cast<double>(i));
  CHECK_THAT(refused(model, data.X, many_labels), Contains("distinct labels"));

  // Models that cannot be drawn in the plane.
  rbfsvm::Dataset three_d = data;
  three_d.X = three_columns;
  three_d.X.col(2).setLinSpaced(-1.0, 1.0);
  CHECK_THAT(refused(train(three_d, 1.5, 10), data.X, data.labels), Contains("3 features"));
  rbfsvm::TrainOptions regression;
  regression.svm_type = rbfsvm::SvmType::epsilon_svr;
  const rbfsvm::Model svr = rbfsvm::train(data, regression);
  CHECK_THAT(refused(svr, data.X, data.labels), Contains("regression"));
  rbfsvm::Dataset precomputed;
  precomputed.X = RowMatrix<double>::Zero(2, 3);
  precomputed.X << 1, 1, 0.5, 2, 0.5, 1;
  precomputed.labels = {1.0, -1.0};
  rbfsvm::TrainOptions precomputed_options;
  precomputed_options.kernel = rbfsvm::Kernel::precomputed();
  const rbfsvm::Model precomputed_model = rbfsvm::train(precomputed, precomputed_options);
  CHECK_THAT(refused(precomputed_model, data.X, data.labels), Contains("precomputed"));

  // Options.
  for (const int bad : {15, 10001}) {
    rbfsvm::DecisionPlotOptions options;
    options.width = bad;
    CHECK_THAT(refused(model, data.X, data.labels, options), Contains("width " + std::to_string(bad)));
    options = {};
    options.height = bad;
    CHECK_THAT(refused(model, data.X, data.labels, options), Contains("height " + std::to_string(bad)));
  }
  for (const int bad : {9, 2001}) {
    rbfsvm::DecisionPlotOptions options;
    options.resolution = bad;
    CHECK_THAT(refused(model, data.X, data.labels, options), Contains("resolution"));
  }
  for (const double bad : {-0.1, 11.0, std::numeric_limits<double>::quiet_NaN()}) {
    rbfsvm::DecisionPlotOptions options;
    options.padding = bad;
    CHECK_THAT(refused(model, data.X, data.labels, options), Contains("padding"));
  }
  RowMatrix<double> huge = data.X;
  huge(0, 0) = -1e308;
  huge(1, 0) = 1e308;
  CHECK_THAT(refused(model, huge, data.labels), Contains("overflows"));
  CHECK(directory_entries(dir).empty());
}

TEST_CASE("decision boundary keeps an old file on refusal and reports unwritable paths",
          "[plot][decision]") {
  const std::string dir = rbfsvm::test::scratch_directory("decision_atomic");
  const std::string path = dir + "/boundary.png";
  { std::ofstream(path) << "old contents"; }
  const rbfsvm::Dataset data = mirrored_columns();
  const rbfsvm::Model model = train(data, 1.5, 10);
  CHECK_THROWS_AS(rbfsvm::write_decision_boundary_png(model, data.X, {1.0}, path),
                  rbfsvm::InvalidArgument);
  CHECK(rbfsvm::test::read_text_file(path) == "old contents");
  const std::string missing = dir + "/no/such/dir/boundary.png";
  CHECK_THAT(message_of<rbfsvm::IoError>([&] {
               rbfsvm::write_decision_boundary_png(model, data.X, data.labels, missing);
             }),
             Contains(missing));
  rbfsvm::write_decision_boundary_png(model, data.X, data.labels, path);
  CHECK(load_png(path).width == 800);
  CHECK(directory_entries(dir) == std::vector<std::string>{"boundary.png"});
}

TEST_CASE("several models side by side each get their own panel", "[plot][decision]") {
  const std::string dir = rbfsvm::test::scratch_directory("decision_panels");
  const std::string path = dir + "/panels.png";
  const rbfsvm::Dataset data = mirrored_columns();
  const std::vector<rbfsvm::Model> models{train(data, 1.5, 10), train(data, 0.7, 1),
                                          train(data, 3.0, 0.1)};
  rbfsvm::DecisionPlotOptions options = unpadded();
  options.width = 1800;
  options.height = 640;
  rbfsvm::write_decision_boundaries_png(models, {"a", "b", "c"}, data.X, data.labels, path,
                                        options);
  const Image image = load_png(path);
  CHECK(image.width == 1800);
  CHECK(image.height == 640);
  CHECK(grey_variance(image) > 400.0);
  // Each third of the image is a picture of its own: a frame, blue left of x = 0, red right.
  for (int k = 0; k < 3; ++k) {
    Image third;
    third.width = 600;
    third.height = image.height;
    for (int y = 0; y < image.height; ++y) {
      for (int x = 0; x < 600; ++x) {
        const Rgb p = image.at(600 * k + x, y);
        third.pixels.insert(third.pixels.end(), {static_cast<unsigned char>(p.r),
                                                 static_cast<unsigned char>(p.g),
                                                 static_cast<unsigned char>(p.b)});
      }
    }
    const PixelMap map = pixel_map(third, data.X);
    CHECK(map.frame.right - map.frame.left > 0.5 * third.width);
    CHECK(bluish(third.at(map(-1.0, 0.5).first, map(-1.0, 0.5).second)));
    CHECK(reddish(third.at(map(1.0, 0.5).first, map(1.0, 0.5).second)));
    CHECK(any_near(third, map(0.0, 0.5), 3, dark));
  }
  // One model, no titles: the last picture left behind (look at it).
  rbfsvm::write_decision_boundaries_png(models, {}, data.X, data.labels, dir + "/untitled.png",
                                        options);
  rbfsvm::write_decision_boundaries_png({models[0]}, {}, data.X, data.labels, path);
  CHECK(load_png(path).width == 800);
  CHECK(directory_entries(dir).size() == 2);
}

TEST_CASE("several models side by side refuse bad input", "[plot][decision]") {
  const std::string dir = rbfsvm::test::scratch_directory("decision_panels_refusals");
  const std::string path = dir + "/panels.png";
  const rbfsvm::Dataset data = mirrored_columns();
  const rbfsvm::Model model = train(data, 1.5, 10);
  const auto refused = [&](const std::vector<rbfsvm::Model>& models,
                           const std::vector<std::string>& titles) {
    return message_of<rbfsvm::InvalidArgument>([&] {
      rbfsvm::write_decision_boundaries_png(models, titles, data.X, data.labels, path);
    });
  };
  CHECK_THAT(refused({}, {}), Contains("no models"));
  CHECK_THAT(refused(std::vector<rbfsvm::Model>(17, model), {}), Contains("17 models"));
  CHECK_THAT(refused({model, model}, {"one", "two", "three"}), Contains("3 titles for 2 models"));
  rbfsvm::TrainOptions regression;
  regression.svm_type = rbfsvm::SvmType::nu_svr;
  CHECK_THAT(refused({model, rbfsvm::train(data, regression)}, {}), Contains("regression"));
  CHECK(directory_entries(dir).empty());
}

TEST_CASE("svm_train --plot draws the boundary and still writes the model", "[plot][decision][cli]") {
  const std::string dir = rbfsvm::test::scratch_directory("decision_cli");
  const std::string csv = dir + "/columns.csv";
  write_csv(mirrored_columns(), csv);
  const Run run = svm_train({csv, dir + "/columns.model", "--sigma", "1.5", "-c", "10", "--plot",
                             dir + "/boundary.png"});
  INFO(run.err);
  REQUIRE(run.status == 0);
  CHECK_THAT(run.out, Contains("decision boundary drawn in " + dir + "/boundary.png"));
  CHECK(fs::exists(dir + "/columns.model"));
  const rbfsvm::Model model = rbfsvm::load_model(dir + "/columns.model");
  CHECK(model.n_support_vectors() > 0);

  const Image image = load_png(dir + "/boundary.png");
  CHECK(image.width == 800);
  CHECK(image.height == 760);
  CHECK(grey_variance(image) > 400.0);
  // The default padding is 8% of the extent on each side.
  rbfsvm::Dataset data = mirrored_columns();
  const Frame frame = find_frame(image);
  const PixelMap map{frame, -3.0 - 0.48, 3.0 + 0.48, -1.0 - 0.16, 1.0 + 0.16};
  CHECK(bluish(image.at(map(-1.0, 0.5).first, map(-1.0, 0.5).second)));
  CHECK(reddish(image.at(map(1.0, 0.5).first, map(1.0, 0.5).second)));
  CHECK(any_near(image, map(0.0, 0.5), 3, dark));

  // Quiet: nothing printed, the picture still drawn.
  const Run quiet = svm_train({csv, dir + "/quiet.model", "-q", "--plot", dir + "/quiet.png"});
  CHECK(quiet.status == 0);
  CHECK(quiet.out.empty());
  CHECK(load_png(dir + "/quiet.png").width == 800);
}

TEST_CASE("svm_train --plot refuses before training what it cannot draw", "[plot][decision][cli]") {
  const std::string dir = rbfsvm::test::scratch_directory("decision_cli_refusals");
  const std::string wide = dir + "/wide.csv";
  write_csv(mirrored_columns(), wide, 1);
  const Run three = svm_train({wide, dir + "/wide.model", "--plot", dir + "/wide.png"});
  CHECK(three.status == 1);
  CHECK_THAT(three.err, Contains("svm_train: error: --plot draws 2-feature data only") &&
                            Contains("3 features"));
  CHECK_FALSE(fs::exists(dir + "/wide.model"));
  CHECK_FALSE(fs::exists(dir + "/wide.png"));

  const std::string csv = dir + "/columns.csv";
  write_csv(mirrored_columns(), csv);
  const Run regression = svm_train({csv, dir + "/svr.model", "-s", "3", "--plot", dir + "/svr.png"});
  CHECK(regression.status == 1);
  CHECK_THAT(regression.err, Contains("epsilon_svr is regression"));
  CHECK_FALSE(fs::exists(dir + "/svr.model"));

  const Run cv = svm_train({csv, "-v", "3", "--plot", dir + "/cv.png"});
  CHECK(cv.status == 2);
  CHECK_THAT(cv.err, Contains("--plot"));
  CHECK_FALSE(fs::exists(dir + "/cv.png"));

  // Drawing itself fails after training: the model is written, the error reported.
  const Run unwritable =
      svm_train({csv, dir + "/kept.model", "-q", "--plot", dir + "/missing/dir/plot.png"});
  CHECK(unwritable.status == 1);
  CHECK_THAT(unwritable.err, Contains("missing/dir/plot.png"));
  CHECK(fs::exists(dir + "/kept.model"));
}
