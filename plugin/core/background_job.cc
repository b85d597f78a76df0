#include "background_job.h"

#include <glib.h>

#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace gpt_image {

namespace {

// The worker's side: records what it is told; the main thread takes it over.
class Mailbox : public ProgressSink {
 public:
  explicit Mailbox(bool wants_pixels) : wants_pixels_(wants_pixels) {}
  void set_text(const std::string &text) override {
    std::lock_guard<std::mutex> lock(mutex_);
    text_ = text;
  }
  void set_fraction(double fraction) override {
    std::lock_guard<std::mutex> lock(mutex_);
    fraction_ = fraction;
    pulses_ = 0;
  }
  void pulse() override {
    std::lock_guard<std::mutex> lock(mutex_);
    ++pulses_;
  }
  // Only the latest preview waits here: a flood of them never queues up for the main thread.
  void preview(int index, const Raster *picture) override {
    std::optional<Raster> copy;
    if (picture) copy = *picture;
    std::lock_guard<std::mutex> lock(mutex_);
    preview_ = Preview{index, std::move(copy)};
  }
  bool wants_preview_pixels() const override { return wants_pixels_; }
  bool cancelled() const override { return cancelled_.load(); }

  // Main thread: passes everything new to `sink`.
  void deliver(ProgressSink &sink) {
    std::optional<std::string> text;
    std::optional<double> fraction;
    int pulses = 0;
    std::optional<Preview> preview;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      text.swap(text_);
      fraction.swap(fraction_);
      std::swap(pulses, pulses_);
      preview.swap(preview_);
    }
    if (text) sink.set_text(*text);
    if (fraction) sink.set_fraction(*fraction);
    if (pulses > 0) sink.pulse();
    if (preview) sink.preview(preview->index, preview->picture ? &*preview->picture : nullptr);
    if (sink.cancelled()) cancelled_ = true;
  }

 private:
  std::mutex mutex_;
  std::optional<std::string> text_;
  std::optional<double> fraction_;
  int pulses_ = 0;
  struct Preview {
    int index;
    std::optional<Raster> picture;
  };
  std::optional<Preview> preview_;
  const bool wants_pixels_;
  std::atomic<bool> cancelled_{false};
};

struct Shared {
  explicit Shared(ProgressSink &sink) : mailbox(sink.wants_preview_pixels()), main_sink(&sink) {}
  Mailbox mailbox;
  ProgressSink *main_sink = nullptr;
  GMainLoop *loop = nullptr;
  std::atomic<bool> done{false};
};

gboolean on_tick(gpointer data) {
  auto *shared = static_cast<Shared *>(data);
  shared->mailbox.deliver(*shared->main_sink);
  if (shared->done.load()) {
    g_main_loop_quit(shared->loop);
    return G_SOURCE_REMOVE;
  }
  return G_SOURCE_CONTINUE;
}

}  // namespace

ImagesResult run_in_background(const std::function<ImagesResult(ProgressSink &)> &work, ProgressSink &main_sink) {
  Shared shared(main_sink);
  ImagesResult result;
  std::exception_ptr failure;
  std::thread worker([&] {
    try {
      result = work(shared.mailbox);
    } catch (...) {
      failure = std::current_exception();
    }
    shared.done = true;
  });
  // The default context: GTK's windows (GIMP 2.10's GTK 2 and GIMP 3's GTK 3) live there.
  shared.loop = g_main_loop_new(nullptr, FALSE);
  g_timeout_add(50, on_tick, &shared);
  g_main_loop_run(shared.loop);
  g_main_loop_unref(shared.loop);
  worker.join();
  shared.mailbox.deliver(main_sink);  // the last words
  if (failure) std::rethrow_exception(failure);
  return result;
}

}  // namespace gpt_image
