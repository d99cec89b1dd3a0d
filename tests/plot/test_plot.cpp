#include <fcntl.h>
#include <stb/stb_image.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "plot/plplot_stream.hpp"
#include "rbfsvm/core/error.hpp"
#include "rbfsvm/plot/plot.hpp"
#include "support/paths.hpp"

extern "C" void plexit(const char* message);  // PLplot's internal fatal-error entry point

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;

struct Rgb {
  int r, g, b;
};

// A decoded PNG, 3 channels.
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

Rgb to_rgb8(const Eigen::Vector3d& colour) {
  return {static_cast<int>(std::lround(colour.x() * 255)),
          static_cast<int>(std::lround(colour.y() * 255)),
          static_cast<int>(std::lround(colour.z() * 255))};
}

bool close_to(const Rgb& a, const Rgb& b, int tolerance) {
  return std::abs(a.r - b.r) <= tolerance && std::abs(a.g - b.g) <= tolerance &&
         std::abs(a.b - b.b) <= tolerance;
}

// Pixels within `tolerance` of `colour`: how many, and their centroid.
struct Region {
  double count = 0;  // a whole number
  double x = 0;
  double y = 0;
};

Region find_colour(const Image& image, const Rgb& colour, int tolerance = 3) {
  Region region;
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      if (close_to(image.at(x, y), colour, tolerance)) {
        ++region.count;
        region.x += x;
        region.y += y;
      }
    }
  }
  if (region.count > 0) {
    region.x /= region.count;
    region.y /= region.count;
  }
  return region;
}

double grey_standard_deviation(const Image& image) {
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
  return std::sqrt(std::max(0.0, sum_squares / n - mean * mean));
}

std::vector<std::string> directory_entries(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  return names;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs `action` with file descriptors 1 and 2 sent to a file; returns what was written there.
std::string captured_output(const std::string& capture_path, const std::function<void()>& action) {
  std::fflush(stdout);
  std::fflush(stderr);
  const int capture = ::open(capture_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  REQUIRE(capture >= 0);
  const int saved_out = ::dup(1);
  const int saved_err = ::dup(2);
  ::dup2(capture, 1);
  ::dup2(capture, 2);
  ::close(capture);
  try {
    action();
  } catch (...) {
  }
  std::fflush(stdout);
  std::fflush(stderr);
  ::dup2(saved_out, 1);
  ::dup2(saved_err, 2);
  ::close(saved_out);
  ::close(saved_err);
  return read_text(capture_path);
}

// The what() of the exception `action` throws, which must be an `Expected`.
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

}  // namespace

TEST_CASE("viridis matches matplotlib's table at the ends and the middle", "[plot]") {
  const Eigen::Vector3d low = rbfsvm::viridis(0.0);
  CHECK(low.x() == Approx(0.267004));
  CHECK(low.y() == Approx(0.004874));
  CHECK(low.z() == Approx(0.329415));
  const Eigen::Vector3d high = rbfsvm::viridis(1.0);
  CHECK(high.x() == Approx(0.993248));
  CHECK(high.y() == Approx(0.906157));
  CHECK(high.z() == Approx(0.143936));
  // Entry 128 of 0..255.
  const Eigen::Vector3d entry_128 = rbfsvm::viridis(128.0 / 255.0);
  CHECK(entry_128.x() == Approx(0.127568));
  CHECK(entry_128.y() == Approx(0.566949));
  CHECK(entry_128.z() == Approx(0.550556));
  // Halfway between entries 0 and 1.
  CHECK(rbfsvm::viridis(0.5 / 255.0).y() == Approx((0.004874 + 0.009605) / 2));
  // 8-bit endpoints as matplotlib renders them.
  CHECK(close_to(to_rgb8(low), {68, 1, 84}, 0));
  CHECK(close_to(to_rgb8(high), {253, 231, 37}, 0));
}

TEST_CASE("viridis clamps t and refuses NaN", "[plot]") {
  CHECK(rbfsvm::viridis(-3.0) == rbfsvm::viridis(0.0));
  CHECK(rbfsvm::viridis(7.0) == rbfsvm::viridis(1.0));
  CHECK_THROWS_AS(rbfsvm::viridis(std::numeric_limits<double>::quiet_NaN()),
                  rbfsvm::InvalidArgument);
}

TEST_CASE("viridis gets lighter from 0 to 1", "[plot]") {
  double previous = -1;
  for (int i = 0; i <= 100; ++i) {
    const Eigen::Vector3d c = rbfsvm::viridis(i / 100.0);
    const double luma = 0.2126 * c.x() + 0.7152 * c.y() + 0.0722 * c.z();
    CHECK(luma > previous);
    previous = luma;
  }
}

TEST_CASE("heatmap PNG has the requested size and is not blank", "[plot]") {
  const std::string dir = rbfsvm::test::scratch_directory("plot_size");
  Eigen::MatrixXd values(3, 4);
  values << 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12;

  for (const auto& [width, height] : {std::pair{800, 700}, std::pair{333, 217}}) {
    rbfsvm::HeatmapOptions options;
    options.title = "Size test";
    options.width = width;
    options.height = height;
    const std::string path = dir + "/heatmap_" + std::to_string(width) + ".png";
    rbfsvm::write_heatmap_png(values, path, options);
    const Image image = load_png(path);
    CHECK(image.width == width);
    CHECK(image.height == height);
    CHECK(grey_standard_deviation(image) > 20.0);
    // White background in the corners.
    CHECK(close_to(image.at(0, 0), {255, 255, 255}, 0));
    CHECK(close_to(image.at(width - 1, height - 1), {255, 255, 255}, 0));
  }
}

TEST_CASE("heatmap draws row 0 at the top and column 0 at the left in viridis", "[plot]") {
  const std::string dir = rbfsvm::test::scratch_directory("plot_orientation");
  Eigen::MatrixXd values(2, 2);
  values << 0.0, 0.25,  //
      0.75, 1.0;
  rbfsvm::HeatmapOptions options;
  options.title = "Orientation";
  const std::string path = dir + "/orientation.png";
  rbfsvm::write_heatmap_png(values, path, options);
  const Image image = load_png(path);

  // Each cell covers a large block of pixels in exactly its colour; the colorbar holds only a
  // thin band of each, so the centroids are the cells'.
  const double pixels = static_cast<double>(image.width) * image.height;
  const Region minimum = find_colour(image, {68, 1, 84});
  const Region quarter = find_colour(image, to_rgb8(rbfsvm::viridis(0.25)));
  const Region three_quarters = find_colour(image, to_rgb8(rbfsvm::viridis(0.75)));
  const Region maximum = find_colour(image, {253, 231, 37});
  for (const Region* region : {&minimum, &quarter, &three_quarters, &maximum}) {
    CHECK(region->count > 0.05 * pixels);
  }
  // Row 0 (min, quarter) above row 1 (three quarters, max); column 0 left of column 1.
  CHECK(minimum.y < three_quarters.y);
  CHECK(quarter.y < maximum.y);
  CHECK(minimum.x < quarter.x);
  CHECK(three_quarters.x < maximum.x);
  CHECK(std::abs(minimum.y - quarter.y) < 3);
  CHECK(std::abs(minimum.x - three_quarters.x) < 3);
  // The cell centres' own colours.
  CHECK(
      close_to(image.at(static_cast<int>(minimum.x), static_cast<int>(minimum.y)), {68, 1, 84}, 2));
  CHECK(close_to(image.at(static_cast<int>(maximum.x), static_cast<int>(maximum.y)), {253, 231, 37},
                 2));
}

TEST_CASE("heatmap of a constant matrix draws in the middle colour", "[plot]") {
  const std::string dir = rbfsvm::test::scratch_directory("plot_constant");
  for (const double value : {0.0, 3.5, -1e-20, 1e12}) {
    const std::string path = dir + "/constant.png";
    rbfsvm::write_heatmap_png(Eigen::MatrixXd::Constant(3, 3, value), path);
    const Image image = load_png(path);
    const Region middle = find_colour(image, to_rgb8(rbfsvm::viridis(0.5)), 4);
    CHECK(middle.count > 0.1 * image.width * image.height);
  }
}

TEST_CASE("heatmap colorbar shows the whole scale at extreme magnitudes", "[plot]") {
  const std::string dir = rbfsvm::test::scratch_directory("plot_magnitudes");
  const std::string path = dir + "/magnitude.png";
  for (const auto& [low, high] :
       {std::pair{1e308, 1.7e308}, std::pair{1e-300, 1.7e-300}, std::pair{-1.7e308, -1e308}}) {
    Eigen::MatrixXd values(2, 1);
    values << low, high;
    rbfsvm::write_heatmap_png(values, path);
    // The middle colour appears only in the colorbar (the cells are the two ends).
    const Image image = load_png(path);
    CHECK(find_colour(image, to_rgb8(rbfsvm::viridis(0.5)), 4).count > 10);
    CHECK(find_colour(image, {68, 1, 84}).count > 0.05 * image.width * image.height);
  }
}

TEST_CASE("heatmap draws awkward matrices and sizes", "[plot]") {
  const std::string dir = rbfsvm::test::scratch_directory("plot_awkward");
  const std::string path = dir + "/awkward.png";
  Eigen::MatrixXd gram(60, 60);
  for (int i = 0; i < 60; ++i) {
    for (int j = 0; j < 60; ++j) gram(i, j) = std::exp(-0.01 * (i - j) * (i - j));
  }
  Eigen::MatrixXd near_constant(1, 2);
  near_constant << 1.0, 1.0 + 1e-15;
  Eigen::MatrixXd huge(2, 1);
  huge << 0.0, 1e308;
  Eigen::MatrixXd tiny(1, 2);
  tiny << 0.0, 1e-300;
  const std::vector<Eigen::MatrixXd> matrices{
      gram,
      Eigen::MatrixXd::Random(3, 40),
      Eigen::MatrixXd::Random(150, 2),
      Eigen::MatrixXd::Constant(1, 1, 2.0),
      near_constant,
      huge,
      tiny,
      1e6 + Eigen::MatrixXd::Random(4, 4).array(),
      Eigen::MatrixXd::Constant(2, 2, std::numeric_limits<double>::max())};
  for (const Eigen::MatrixXd& values : matrices) {
    rbfsvm::write_heatmap_png(values, path);
    CHECK(load_png(path).width == 800);
  }
  rbfsvm::HeatmapOptions small;
  small.width = 16;
  small.height = 16;
  small.title = "A title far too long for sixteen pixels #1 & <b>";
  rbfsvm::write_heatmap_png(gram, path, small);
  CHECK(load_png(path).height == 16);
}

TEST_CASE("heatmap refuses an empty matrix", "[plot]") {
  const std::string dir = rbfsvm::test::scratch_directory("plot_refuse_empty");
  const std::string path = dir + "/empty.png";
  CHECK_THAT(message_of<rbfsvm::InvalidArgument>(
                 [&] { rbfsvm::write_heatmap_png(Eigen::MatrixXd(0, 3), path); }),
             Contains("0 x 3"));
  CHECK_THROWS_AS(rbfsvm::write_heatmap_png(Eigen::MatrixXd(0, 0), path), rbfsvm::InvalidArgument);
  CHECK(directory_entries(dir).empty());
}

TEST_CASE("heatmap refuses non-finite values naming them", "[plot]") {
  const std::string dir = rbfsvm::test::scratch_directory("plot_refuse_nonfinite");
  const std::string path = dir + "/nonfinite.png";
  Eigen::MatrixXd values = Eigen::MatrixXd::Zero(2, 3);
  values(1, 2) = std::numeric_limits<double>::quiet_NaN();
  CHECK_THAT(message_of<rbfsvm::InvalidArgument>([&] { rbfsvm::write_heatmap_png(values, path); }),
             Contains("nan") && Contains("row 1") && Contains("column 2"));
  values(1, 2) = -std::numeric_limits<double>::infinity();
  CHECK_THAT(message_of<rbfsvm::InvalidArgument>([&] { rbfsvm::write_heatmap_png(values, path); }),
             Contains("-inf"));
  CHECK(directory_entries(dir).empty());
}

TEST_CASE("heatmap refuses sizes outside 16 to 10000 pixels", "[plot]") {
  const std::string dir = rbfsvm::test::scratch_directory("plot_refuse_size");
  const std::string path = dir + "/size.png";
  const Eigen::MatrixXd values = Eigen::MatrixXd::Identity(2, 2);
  for (const int bad : {15, 0, -800, 10001}) {
    rbfsvm::HeatmapOptions wide;
    wide.width = bad;
    CHECK_THAT(
        message_of<rbfsvm::InvalidArgument>([&] { rbfsvm::write_heatmap_png(values, path, wide); }),
        Contains("width " + std::to_string(bad)));
    rbfsvm::HeatmapOptions tall;
    tall.height = bad;
    CHECK_THAT(
        message_of<rbfsvm::InvalidArgument>([&] { rbfsvm::write_heatmap_png(values, path, tall); }),
        Contains("height " + std::to_string(bad)));
  }
  CHECK(directory_entries(dir).empty());
}

TEST_CASE("heatmap refuses values whose range overflows", "[plot]") {
  const std::string dir = rbfsvm::test::scratch_directory("plot_refuse_range");
  Eigen::MatrixXd values(1, 2);
  values << -1e308, 1e308;
  CHECK_THROWS_AS(rbfsvm::write_heatmap_png(values, dir + "/range.png"), rbfsvm::InvalidArgument);
  CHECK(directory_entries(dir).empty());
}

TEST_CASE("heatmap to an unwritable path throws IoError and leaves no file", "[plot]") {
  const std::string dir = rbfsvm::test::scratch_directory("plot_unwritable");
  const std::string path = dir + "/missing/subdir/heatmap.png";
  CHECK_THAT(message_of<rbfsvm::IoError>(
                 [&] { rbfsvm::write_heatmap_png(Eigen::MatrixXd::Identity(2, 2), path); }),
             Contains(path));
  CHECK_FALSE(fs::exists(dir + "/missing"));
  CHECK(directory_entries(dir).empty());
}

TEST_CASE("heatmap leaves only the PNG behind and replaces an old file", "[plot]") {
  const std::string dir = rbfsvm::test::scratch_directory("plot_atomic");
  const std::string path = dir + "/heatmap.png";
  { std::ofstream(path) << "old contents"; }

  // A refused plot leaves the old file alone.
  Eigen::MatrixXd bad = Eigen::MatrixXd::Zero(2, 2);
  bad(0, 0) = std::numeric_limits<double>::infinity();
  CHECK_THROWS_AS(rbfsvm::write_heatmap_png(bad, path), rbfsvm::InvalidArgument);
  CHECK(read_text(path) == "old contents");

  rbfsvm::write_heatmap_png(Eigen::MatrixXd::Identity(3, 3), path);
  CHECK(load_png(path).width == 800);
  CHECK(directory_entries(dir) == std::vector<std::string>{"heatmap.png"});
}

TEST_CASE("heatmap prints nothing on success or failure", "[plot]") {
  const std::string dir = rbfsvm::test::scratch_directory("plot_quiet");
  const std::string capture = rbfsvm::test::scratch_directory("plot_quiet_capture") + "/out.txt";
  const Eigen::MatrixXd values = Eigen::MatrixXd::Random(5, 7);
  CHECK(captured_output(capture, [&] {
          rbfsvm::write_heatmap_png(values, dir + "/quiet.png");
        }).empty());
  CHECK(fs::exists(dir + "/quiet.png"));
  CHECK(captured_output(capture, [&] {
          rbfsvm::write_heatmap_png(values, dir + "/no/such/dir.png");
        }).empty());
}

TEST_CASE("PLplot errors become exceptions instead of ending the process", "[plot]") {
  const std::string dir = rbfsvm::test::scratch_directory("plot_plplot_errors");
  const std::string capture = rbfsvm::test::scratch_directory("plot_errors_capture") + "/out.txt";
  const std::string file = dir + "/stream.png";

  // plabort(): an operation PLplot refuses (no window set up yet).
  const std::string abort_output = captured_output(capture, [&] {
    rbfsvm::detail::PlplotStream stream(file, file, 100, 100);
    const double column[1] = {1.0};
    const double* columns[1] = {column};
    CHECK_THAT(
        message_of<rbfsvm::Error>([&] {
          stream.draw([&] { plimagefr(columns, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1, nullptr, nullptr); });
        }),
        Contains("window"));
  });
  CHECK(abort_output.empty());

  // plexit(): PLplot's fatal path, which would call exit().
  const std::string fatal_output = captured_output(capture, [&] {
    rbfsvm::detail::PlplotStream stream(file, file, 100, 100);
    CHECK_THAT(
        message_of<rbfsvm::Error>([&] { stream.draw([] { plexit("simulated fatal error"); }); }),
        Contains("simulated fatal error"));
  });
  CHECK(fatal_output.empty());

  // A second stream on the same thread is refused rather than deadlocking.
  {
    rbfsvm::detail::PlplotStream stream(file, file, 100, 100);
    CHECK_THROWS_AS(rbfsvm::detail::PlplotStream(dir + "/second.png", "second", 100, 100),
                    rbfsvm::Error);
  }

  // And plotting still works afterwards.
  rbfsvm::write_heatmap_png(Eigen::MatrixXd::Identity(2, 2), dir + "/after.png");
  CHECK(load_png(dir + "/after.png").width == 800);
}

TEST_CASE("heatmaps from several threads at once all succeed", "[plot]") {
  const std::string dir = rbfsvm::test::scratch_directory("plot_threads");
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      try {
        rbfsvm::HeatmapOptions options;
        options.title = "thread " + std::to_string(t);
        rbfsvm::write_heatmap_png(Eigen::MatrixXd::Identity(6, 6) * (t + 1.0),
                                  dir + "/t" + std::to_string(t) + ".png", options);
      } catch (...) {
        failures[static_cast<std::size_t>(t)] = 1;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(failures == std::vector<int>(4, 0));
  for (int t = 0; t < 4; ++t) CHECK(load_png(dir + "/t" + std::to_string(t) + ".png").width == 800);
}

TEST_CASE("heatmap with coordinate values keeps row 0 at the top and labels the values", "[plot]") {
  const std::string dir = rbfsvm::test::scratch_directory("plot_axis_values");
  Eigen::MatrixXd values(2, 2);
  values << 0.0, 0.25,  //
      0.75, 1.0;
  rbfsvm::HeatmapOptions options;
  options.title = "Axis values";
  options.x_values = {10.0, 20.0};
  options.y_values = {1.5, 0.5};  // decreasing: y grows upwards
  const std::string path = dir + "/values.png";
  rbfsvm::write_heatmap_png(values, path, options);
  const Image image = load_png(path);
  CHECK(image.width == 800);
  CHECK(image.height == 700);
  const double pixels = static_cast<double>(image.width) * image.height;
  const Region minimum = find_colour(image, {68, 1, 84});
  const Region maximum = find_colour(image, {253, 231, 37});
  const Region quarter = find_colour(image, to_rgb8(rbfsvm::viridis(0.25)));
  CHECK(minimum.count > 0.05 * pixels);
  CHECK(maximum.count > 0.05 * pixels);
  CHECK(minimum.y < maximum.y);  // row 0 above row 1
  CHECK(minimum.x < quarter.x);  // column 0 left of column 1
  CHECK(std::abs(minimum.count - maximum.count) < 0.02 * minimum.count);  // equal cells

  // The tick labels are values now, not indices: the picture differs from the indexed one
  // outside the cells.
  const std::string indexed_path = dir + "/indexed.png";
  rbfsvm::HeatmapOptions indexed = options;
  indexed.x_values.clear();
  indexed.y_values.clear();
  rbfsvm::write_heatmap_png(values, indexed_path, indexed);
  CHECK(read_text(path) != read_text(indexed_path));

  // One cell with a value, and a long grid as a density would have.
  rbfsvm::HeatmapOptions single;
  single.x_values = {5.0};
  single.y_values = {-2.0};
  rbfsvm::write_heatmap_png(Eigen::MatrixXd::Constant(1, 1, 3.0), path, single);
  CHECK(load_png(path).width == 800);
  rbfsvm::HeatmapOptions grid;
  for (int k = 0; k < 150; ++k) grid.x_values.push_back(-3.0 + 0.04 * k);
  for (int k = 0; k < 100; ++k) grid.y_values.push_back(1e6 - 250.0 * k);
  rbfsvm::write_heatmap_png(Eigen::MatrixXd::Random(100, 150), path, grid);
  CHECK(load_png(path).height == 700);
}

TEST_CASE("heatmap cells follow uneven coordinate values", "[plot]") {
  const std::string dir = rbfsvm::test::scratch_directory("plot_uneven_values");
  Eigen::MatrixXd values(1, 3);
  values << 0.0, 0.5, 1.0;
  rbfsvm::HeatmapOptions options;
  options.x_values = {0.0, 1.0, 3.0};  // edges -0.5, 0.5, 2, 4: widths 1, 1.5, 2
  const std::string path = dir + "/uneven.png";
  rbfsvm::write_heatmap_png(values, path, options);
  const Image image = load_png(path);
  const Region narrow = find_colour(image, {68, 1, 84});
  const Region middle = find_colour(image, to_rgb8(rbfsvm::viridis(0.5)));
  const Region wide = find_colour(image, {253, 231, 37});
  REQUIRE(narrow.count > 0);
  CHECK(wide.count / narrow.count == Approx(2.0).epsilon(0.05));
  CHECK(middle.count / narrow.count == Approx(1.5).epsilon(0.05));
  CHECK(narrow.x < middle.x);
  CHECK(middle.x < wide.x);
}

TEST_CASE("heatmap refuses bad coordinate values naming them", "[plot]") {
  const std::string dir = rbfsvm::test::scratch_directory("plot_refuse_values");
  const std::string path = dir + "/values.png";
  const Eigen::MatrixXd values = Eigen::MatrixXd::Identity(2, 3);
  const auto refused = [&](std::vector<double> x, std::vector<double> y) {
    rbfsvm::HeatmapOptions options;
    options.x_values = std::move(x);
    options.y_values = std::move(y);
    return message_of<rbfsvm::InvalidArgument>(
        [&] { rbfsvm::write_heatmap_png(values, path, options); });
  };
  CHECK_THAT(refused({1, 2}, {}), Contains("x_values has 2 values for 3 cells"));
  CHECK_THAT(refused({}, {1, 2, 3}), Contains("y_values has 3 values for 2 cells"));
  CHECK_THAT(refused({0, 2, 1}, {}), Contains("strictly") && Contains("2 is followed by 1"));
  CHECK_THAT(refused({}, {4, 4}), Contains("y_values") && Contains("strictly"));
  CHECK_THAT(refused({0, std::numeric_limits<double>::quiet_NaN(), 2}, {}),
             Contains("x_values[1] = nan"));
  CHECK_THAT(refused({0, 1, std::numeric_limits<double>::infinity()}, {}), Contains("inf"));
  CHECK_THAT(refused({-1e308, 0, 1e308}, {}), Contains("overflows"));
  CHECK_THAT(refused({1e6, 1e6 + 1e-6, 1e6 + 2e-6}, {}), Contains("too little"));
  CHECK(directory_entries(dir).empty());
}

TEST_CASE("heatmaps side by side share one colour scale", "[plot]") {
  const std::string dir = rbfsvm::test::scratch_directory("plot_panels");
  const std::string path = dir + "/panels.png";
  // Each matrix constant: on a shared scale the first is all the low end, the last all the
  // high end, the middle one the middle colour.
  const std::vector<Eigen::MatrixXd> matrices{Eigen::MatrixXd::Constant(3, 3, 0.0),
                                              Eigen::MatrixXd::Constant(3, 3, 0.5),
                                              Eigen::MatrixXd::Constant(3, 3, 1.0)};
  rbfsvm::HeatmapOptions options;
  options.title = "Three panels";
  options.width = 1200;
  options.height = 450;
  rbfsvm::write_heatmaps_png(matrices, {"low", "middle", "high"}, path, options);
  const Image image = load_png(path);
  CHECK(image.width == 1200);
  CHECK(image.height == 450);
  const double pixels = static_cast<double>(image.width) * image.height;
  const Region low = find_colour(image, {68, 1, 84});
  const Region middle = find_colour(image, to_rgb8(rbfsvm::viridis(0.5)), 4);
  const Region high = find_colour(image, {253, 231, 37});
  for (const Region* region : {&low, &middle, &high}) CHECK(region->count > 0.05 * pixels);
  CHECK(low.x < middle.x);
  CHECK(middle.x < high.x);
  CHECK(std::abs(low.y - high.y) < 3);
  // Square cells of one size: the panels are equal.
  CHECK(std::abs(low.count - high.count) < 0.02 * low.count);

  // Without panel titles, with values on the axes, and one panel alone.
  options.x_values = {-1.0, 0.0, 1.0};
  options.y_values = {1.0, 0.0, -1.0};
  rbfsvm::write_heatmaps_png(matrices, {}, path, options);
  CHECK(load_png(path).width == 1200);
  rbfsvm::write_heatmaps_png({matrices[0]}, {"alone"}, path);
  CHECK(load_png(path).width == 800);
  CHECK(directory_entries(dir) == std::vector<std::string>{"panels.png"});
}

TEST_CASE("heatmaps side by side refuse bad input naming the matrix", "[plot]") {
  const std::string dir = rbfsvm::test::scratch_directory("plot_panels_refuse");
  const std::string path = dir + "/panels.png";
  const auto refused = [&](const std::vector<Eigen::MatrixXd>& matrices,
                           const std::vector<std::string>& titles,
                           const rbfsvm::HeatmapOptions& options = {}) {
    return message_of<rbfsvm::InvalidArgument>(
        [&] { rbfsvm::write_heatmaps_png(matrices, titles, path, options); });
  };
  const Eigen::MatrixXd good = Eigen::MatrixXd::Identity(2, 2);
  CHECK_THAT(refused({}, {}), Contains("no matrices"));
  CHECK_THAT(refused(std::vector<Eigen::MatrixXd>(17, good), {}), Contains("17 matrices"));
  CHECK_THAT(refused({good, good}, {"one"}), Contains("1 titles for 2 matrices"));
  Eigen::MatrixXd bad = good;
  bad(1, 0) = std::numeric_limits<double>::quiet_NaN();
  CHECK_THAT(refused({good, bad}, {}), Contains("matrix 1") && Contains("row 1, column 0"));
  CHECK_THAT(refused({good, Eigen::MatrixXd(0, 2)}, {}), Contains("matrix 1: the matrix is empty"));
  rbfsvm::HeatmapOptions values;
  values.x_values = {0.0, 1.0};
  CHECK_THAT(refused({good, Eigen::MatrixXd::Identity(2, 3)}, {}, values),
             Contains("matrix 1: x_values has 2 values for 3 cells"));
  rbfsvm::HeatmapOptions narrow;
  narrow.width = 10;
  CHECK_THAT(refused({good}, {}, narrow), Contains("width 10"));
  Eigen::MatrixXd huge = good;
  huge(0, 0) = -1e308;
  Eigen::MatrixXd other_huge = good;
  other_huge(0, 0) = 1e308;
  CHECK_THAT(refused({huge, other_huge}, {}), Contains("overflows"));
  CHECK(directory_entries(dir).empty());
}

TEST_CASE("bar chart PNG has the requested size, its bars and their colours", "[plot]") {
  const std::string dir = rbfsvm::test::scratch_directory("plot_bars");
  const std::string path = dir + "/bars.png";
  rbfsvm::BarChartOptions options;
  options.title = "Speed-up";
  options.y_label = "ratio";
  options.width = 640;
  options.height = 420;
  options.reference_line = 1.0;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  rbfsvm::write_bar_chart_png(
      {"a9a", "letter", "mnist"},
      {{"vs default", {2.0, 4.0, 1.0}}, {"vs same memory", {1.5, nan, 0.5}}}, path, options);
  const Image image = load_png(path);
  CHECK(image.width == 640);
  CHECK(image.height == 420);
  CHECK(grey_standard_deviation(image) > 20.0);
  CHECK(close_to(image.at(0, 0), {255, 255, 255}, 0));
  // Bars in tab10's first two colours; the second series, with a missing bar and smaller
  // values, covers less area than the first.
  const Region first = find_colour(image, {31, 119, 180});
  const Region second = find_colour(image, {255, 127, 14});
  CHECK(first.count > 1000);
  CHECK(second.count > 100);
  CHECK(second.count < 0.6 * first.count);
  // The first series' tallest bar is letter's, in the middle of the picture.
  CHECK(first.x > 0.3 * image.width);
  CHECK(first.x < 0.7 * image.width);
}

TEST_CASE("bar chart refuses bad input naming it", "[plot]") {
  const std::string dir = rbfsvm::test::scratch_directory("plot_bars_refusals");
  const std::string path = dir + "/bars.png";
  const auto refusal = [&](const std::vector<std::string>& categories,
                           const std::vector<rbfsvm::BarSeries>& series) {
    return message_of<rbfsvm::InvalidArgument>(
        [&] { rbfsvm::write_bar_chart_png(categories, series, path); });
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  CHECK_THAT(refusal({}, {{"s", {}}}), Contains("no categories"));
  CHECK_THAT(refusal({"a"}, {}), Contains("no series"));
  CHECK_THAT(refusal({"a", "b"}, {{"s", {1.0}}}), Contains("('s') has 1 values for 2 categories"));
  CHECK_THAT(refusal({"a"}, {{"s", {inf}}}), Contains("infinite"));
  CHECK_THAT(refusal({"a"}, {{"s", {nan}}}), Contains("every value is NaN"));
  CHECK_FALSE(fs::exists(path));
}
