#include "plot/plplot_stream.hpp"

#include <array>
#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "rbfsvm/core/error.hpp"
#include "rbfsvm/plot/plot.hpp"

namespace rbfsvm::detail {
namespace {

std::mutex g_plplot_mutex;
thread_local bool t_holds_stream = false;

// PLplot's error handlers are plain function pointers with no user data, so what they need
// lives here; g_plplot_mutex guards it.
//
// Where a fatal error jumps to: set only while a guarded call runs.
std::jmp_buf* g_fatal_jump = nullptr;
// The first error PLplot reported since the stream opened.
bool g_failed = false;
char g_error[1024] = {};

void record_error(const char* message) {
  if (g_failed) return;
  g_failed = true;
  std::snprintf(g_error, sizeof g_error, "%s", message != nullptr ? message : "");
  // PLplot's messages may end in newlines; they read better without.
  std::size_t length = std::strlen(g_error);
  while (length > 0 && (g_error[length - 1] == '\n' || g_error[length - 1] == ' ')) {
    g_error[--length] = '\0';
  }
  if (length == 0) std::snprintf(g_error, sizeof g_error, "unknown error");
}

// plabort(): PLplot skips the operation and returns; we remember why.
void on_plplot_abort(const char* message) {
  record_error(message);
}

// plexit(): PLplot would print, end the stream and call exit() after this returns, so it must
// not return while a guarded call runs.
int on_plplot_fatal(const char* message) {
  record_error(message);
  if (g_fatal_jump != nullptr) std::longjmp(*g_fatal_jump, 1);
  return 1;
}

// Runs body(context) so that a fatal PLplot error comes back here as `false` instead of ending
// the process. Nothing with a destructor lives in this frame across setjmp.
bool call_catching_fatal(void (*body)(void*), void* context) {
  std::jmp_buf jump;
  if (setjmp(jump) != 0) {
    g_fatal_jump = nullptr;
    return false;
  }
  g_fatal_jump = &jump;
  try {
    body(context);
  } catch (...) {
    g_fatal_jump = nullptr;
    throw;
  }
  g_fatal_jump = nullptr;
  return true;
}

bool pngcairo_installed() {
  std::array<const char*, 512> menus{};
  std::array<const char*, 512> names{};
  const char** menu_list = menus.data();
  const char** name_list = names.data();
  int count = static_cast<int>(names.size());
  plgDevs(&menu_list, &name_list, &count);
  for (int i = 0; i < count; ++i) {
    if (name_list[i] != nullptr && std::strcmp(name_list[i], "pngcairo") == 0) return true;
  }
  return false;
}

void set_colour_maps() {
  // matplotlib's "tab10" (Vega category10) for data series.
  static constexpr std::array<std::array<PLINT, 3>, 13> kCmap0{{{255, 255, 255},
                                                                {38, 38, 38},
                                                                {204, 204, 204},
                                                                {31, 119, 180},
                                                                {255, 127, 14},
                                                                {44, 160, 44},
                                                                {214, 39, 40},
                                                                {148, 103, 189},
                                                                {140, 86, 75},
                                                                {227, 119, 194},
                                                                {127, 127, 127},
                                                                {188, 189, 34},
                                                                {23, 190, 207}}};
  std::array<PLINT, kCmap0.size()> red{}, green{}, blue{};
  for (std::size_t i = 0; i < kCmap0.size(); ++i) {
    red[i] = kCmap0[i][0];
    green[i] = kCmap0[i][1];
    blue[i] = kCmap0[i][2];
  }
  plscmap0(red.data(), green.data(), blue.data(), static_cast<PLINT>(kCmap0.size()));

  constexpr int kLevels = 256;
  std::array<PLINT, kLevels> r1{}, g1{}, b1{};
  for (int i = 0; i < kLevels; ++i) {
    const Eigen::Vector3d rgb = viridis(i / double(kLevels - 1));
    r1[i] = static_cast<PLINT>(std::lround(rgb.x() * 255.0));
    g1[i] = static_cast<PLINT>(std::lround(rgb.y() * 255.0));
    b1[i] = static_cast<PLINT>(std::lround(rgb.z() * 255.0));
  }
  plscmap1(r1.data(), g1.data(), b1.data(), kLevels);
}

// True when `file` holds a PNG signature and ends with the IEND chunk: cairo ignores write
// errors, so a full disk shows only as a truncated file.
bool is_complete_png(const std::string& file) {
  static constexpr unsigned char kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  static constexpr unsigned char kEnd[12] = {0,   0,   0,    0,    'I',  'E',
                                             'N', 'D', 0xae, 0x42, 0x60, 0x82};
  std::ifstream in(file, std::ios::binary | std::ios::ate);
  const std::streamoff size = in ? static_cast<std::streamoff>(in.tellg()) : -1;
  if (size < static_cast<std::streamoff>(sizeof kSignature + sizeof kEnd)) return false;
  char start[sizeof kSignature];
  char end[sizeof kEnd];
  in.seekg(0);
  in.read(start, sizeof start);
  in.seekg(size - static_cast<std::streamoff>(sizeof end));
  in.read(end, sizeof end);
  return in && std::memcmp(start, kSignature, sizeof start) == 0 &&
         std::memcmp(end, kEnd, sizeof end) == 0;
}

}  // namespace

std::string plplot_text(const std::string& text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    escaped += c;
    if (c == '#') escaped += '#';
  }
  return escaped;
}

PlplotStream::ThreadClaim::ThreadClaim() {
  if (t_holds_stream) throw Error("a PLplot stream is already open on this thread");
  t_holds_stream = true;
}

PlplotStream::ThreadClaim::~ThreadClaim() {
  t_holds_stream = false;
}

PlplotStream::PlplotStream(const std::string& file, const std::string& reported_path, int width,
                           int height)
    : lock_(g_plplot_mutex), file_(file), reported_path_(reported_path) {
  // Create the file ourselves: PLplot's own fopen() failing would print and retry, then exit.
  std::FILE* created = std::fopen(file.c_str(), "wb");
  if (created == nullptr) {
    throw IoError("cannot write '" + reported_path + "': " + std::strerror(errno));
  }
  std::fclose(created);

  plgstrm(&previous_stream_);
  g_failed = false;
  plsexit(on_plplot_fatal);
  plsabort(on_plplot_abort);
  try {
    bool installed = false;
    run_guarded([](void* result) { *static_cast<bool*>(result) = pngcairo_installed(); },
                &installed);
    if (!installed) {
      throw Error("cannot draw '" + reported_path +
                  "': PLplot's cairo driver (pngcairo) is not installed");
    }
    run_guarded([](void* result) { plmkstrm(static_cast<PLINT*>(result)); }, &stream_);
    if (stream_ < 0) throw Error("cannot draw '" + reported_path + "': no free PLplot stream");
    draw([&] {
      plsError(&error_code_, error_message_);  // silences plabort()'s printing
      plsdev("pngcairo");
      plsfnam(file_.c_str());
      plspage(0.0, 0.0, width, height, 0, 0);
      set_colour_maps();
      plinit();
      plsfont(PL_FCI_SANS, PL_FCI_UPRIGHT, PL_FCI_MEDIUM);
      plcol0(kForeground);
    });
  } catch (...) {
    end_stream();
    throw;
  }
}

PlplotStream::~PlplotStream() {
  end_stream();
}

void PlplotStream::run_guarded(void (*body)(void*), void* context) {
  if (stream_ >= 0) plsstrm(stream_);
  const bool completed = call_catching_fatal(body, context);
  if (!completed || g_failed) {
    throw Error("cannot draw '" + reported_path_ + "': PLplot: " + std::string(g_error));
  }
}

void PlplotStream::finish() {
  if (stream_ < 0) throw Error("cannot draw '" + reported_path_ + "': the stream has ended");
  const PLINT stream = stream_;
  stream_ = -1;  // whatever happens, the destructor must not end it again
  plsstrm(stream);
  const bool completed = call_catching_fatal([](void*) { plend1(); }, nullptr);
  plsstrm(previous_stream_);
  if (!completed || g_failed) {
    throw Error("cannot draw '" + reported_path_ + "': PLplot: " + std::string(g_error));
  }
  if (!is_complete_png(file_)) {
    throw IoError("cannot write '" + reported_path_ + "': the PNG file is incomplete (disk full?)");
  }
}

void PlplotStream::end_stream() noexcept {
  if (stream_ >= 0) {
    plsstrm(stream_);
    stream_ = -1;
    try {
      call_catching_fatal([](void*) { plend1(); }, nullptr);
    } catch (...) {
      // plend1() is C and throws nothing; nothing else runs in the body.
    }
  }
  plsstrm(previous_stream_);
  plsexit(nullptr);
  plsabort(nullptr);
}

}  // namespace rbfsvm::detail
