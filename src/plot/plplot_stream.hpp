// A private PLplot stream that draws one page into a PNG file with the cairo driver ("pngcairo"),
// guarded so that PLplot can neither print nor end the process. Every plot in src/plot/ draws
// through one of these.
//
// What PLplot does by default, and what this class does instead:
// - Fatal errors call plexit(), which prints to stderr and calls exit(). Our plsexit() handler
//   longjmp()s back into PlplotStream::draw / finish, which throw rbfsvm::Error.
// - Recoverable errors call plabort(), which prints and skips the operation. Our plsabort()
//   handler records the message (plsError() silences the print); draw() then throws Error.
// - plwarn() always prints to stderr; it is only reached by misuse (e.g. a second page, which
//   the PNG driver refuses), so plots must call pladv(0) once and use PLplot as documented.
// - A missing output file name or device makes plinit() prompt on stdin, and an output file it
//   cannot open makes it print, retry and exit: the constructor creates the file itself, names
//   it and the device, and checks first that the pngcairo device is installed.
// - All state is global (current stream, error handlers, cairo driver options), so PLplot is not
//   thread-safe: one PlplotStream exists at a time in the process, under a process-wide lock
//   (other threads wait; opening a second one on the same thread throws Error). Code outside
//   rbfsvm that uses PLplot on another thread at the same time is not supported. The handlers
//   are global too: they are installed for the stream's lifetime and reset to PLplot's defaults
//   (none) afterwards, since PLplot offers no way to read the previous ones back.
//
// What plots drawn on it should know:
// - Sizes are in millimetres at 72 dpi (kPixelsPerMm), but pango lays text out at 96 dpi, so
//   text comes out 4/3 the size PLplot computes (plschr's height is the font's em size).
//   plstrl(), which would measure text, is not exported by the shared library: estimate widths.
// - Text is UTF-8 with '#' as an escape character: pass user text through plplot_text().
// - plimagefr() without a pltr callback maps the *first* corners of the first and last cells
//   to xmin and xmax (cell size (xmax - xmin) / (nx - 1)); give it a pltr callback.
// - plslabelfunc() sets one label callback for the whole stream, x and y axes alike (and for
//   plcolorbar's axis): set it right before each plbox, clear it after.
// - Windows may run backwards (plwind with ymin > ymax) for axes that grow downwards.
#pragma once

#include <plplot.h>

#include <mutex>
#include <string>
#include <type_traits>

namespace rbfsvm::detail {

// Pixels per millimetre in the cairo driver, which draws at 72 dpi so that one point is one
// pixel: PLplot sizes (plschr, plsmaj, plgspa) are in millimetres, layouts are done in pixels.
constexpr double kPixelsPerMm = 72.0 / 25.4;

// The colour map 0 (indexed colours) every stream starts with; cmap1 is viridis, 256 entries.
enum PlplotColor : PLINT {
  kBackground = 0,  // white
  kForeground = 1,  // near-black: text, axes, frames
  kGrid = 2,        // light grey
  kFirstSeries = 3  // 3..12: matplotlib's "tab10" qualitative colours, for lines and markers
};

// PLplot reads '#' as the start of a text escape ("#u" superscript, "#(...)" glyph); returns
// `text` with each '#' doubled so that it prints as itself.
std::string plplot_text(const std::string& text);

class PlplotStream {
 public:
  // Opens a new stream on the pngcairo device, width x height pixels, that will write the
  // page to `file` (created now, empty). `reported_path` is the name used in error messages
  // (the final path when `file` is a temporary one). White background, sans-serif font, the
  // colour maps above. Throws IoError when `file` cannot be created, Error when PLplot or its
  // cairo driver cannot start.
  PlplotStream(const std::string& file, const std::string& reported_path, int width, int height);
  // Ends the stream (without checking the file: call finish() for a usable one) and makes the
  // stream that was current before the constructor current again.
  ~PlplotStream();
  PlplotStream(const PlplotStream&) = delete;
  PlplotStream& operator=(const PlplotStream&) = delete;

  // Runs body() with this stream current; body() makes the PLplot calls (pladv(0) first).
  // A fatal PLplot error inside it does not return: it longjmp()s back here, skipping the
  // destructors of whatever body() holds, so body() must not hold objects with non-trivial
  // destructors (strings, vectors, locks) while it calls PLplot: prepare them before and
  // capture them by reference. Throws Error naming PLplot's message when PLplot failed or
  // aborted an operation; the stream is then unusable (destroy it).
  template <class Body>
  void draw(Body&& body) {
    using Function = std::remove_reference_t<Body>;
    run_guarded([](void* context) { (*static_cast<Function*>(context))(); },
                const_cast<void*>(static_cast<const void*>(&body)));
  }

  // Ends the page and closes the stream, which writes the PNG, then checks that the file holds
  // a complete PNG. Throws IoError when it does not (disk full...), Error when PLplot failed.
  void finish();

 private:
  // Marks the calling thread as holding a stream for the object's lifetime; throws Error if it
  // already holds one (the process-wide lock would deadlock).
  class ThreadClaim {
   public:
    ThreadClaim();
    ~ThreadClaim();
    ThreadClaim(const ThreadClaim&) = delete;
    ThreadClaim& operator=(const ThreadClaim&) = delete;
  };

  void run_guarded(void (*body)(void*), void* context);
  void end_stream() noexcept;

  ThreadClaim claim_;
  std::unique_lock<std::mutex> lock_;
  std::string file_;
  std::string reported_path_;
  PLINT previous_stream_ = 0;
  PLINT stream_ = -1;  // ours, or -1 once ended (or before it exists)
  PLINT error_code_ = 0;
  char error_message_[4096] = {};
};

}  // namespace rbfsvm::detail
