#include "concurrent_jobs.h"

#include <glib.h>

#include <algorithm>
#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "errors.h"
#include "i18n.h"

namespace gpt_image {

namespace {

// What every job and the main thread share; guarded by `mutex` except the atomics.
struct Board {
  std::mutex mutex;
  size_t next = 0;  // the next job to start
  std::vector<std::optional<double>> running;  // per job: its fraction while it runs
  std::optional<std::string> text;             // the latest words, not yet shown
  bool pulsed = false;
  struct Ended {
    size_t index;
    std::optional<LayersToPlace> result;
    std::exception_ptr failure;
  };
  std::deque<Ended> ended;  // not yet reported to the main thread
  std::atomic<bool> cancelled{false};
  std::atomic<int> workers_left{0};
};

// One job's view of the progress: writes to the board under its index.
class JobSink : public ProgressSink {
 public:
  JobSink(Board &board, size_t index, std::string name) : board_(board), index_(index), name_(std::move(name)) {}
  void set_text(const std::string &text) override {
    std::lock_guard<std::mutex> lock(board_.mutex);
    board_.text = name_ + ": " + text;
  }
  void set_fraction(double fraction) override {
    std::lock_guard<std::mutex> lock(board_.mutex);
    board_.running[index_] = std::clamp(fraction, 0.0, 1.0);
  }
  void pulse() override {
    std::lock_guard<std::mutex> lock(board_.mutex);
    board_.pulsed = true;
  }
  bool cancelled() const override { return board_.cancelled.load(); }

 private:
  Board &board_;
  const size_t index_;
  const std::string name_;
};

void work_through(Board &board, const std::vector<ConcurrentJob> &jobs) {
  for (;;) {
    size_t index;
    {
      std::lock_guard<std::mutex> lock(board.mutex);
      if (board.next >= jobs.size()) break;
      index = board.next++;
      board.running[index] = 0.0;
    }
    Board::Ended ended{index, std::nullopt, nullptr};
    try {
      if (board.cancelled.load()) throw GenerativeError(ErrorKind::Cancelled, _("Cancelled."));
      JobSink sink(board, index, jobs[index].name);
      ended.result = jobs[index].work(sink);
    } catch (...) {
      ended.failure = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(board.mutex);
    board.running[index].reset();
    board.ended.push_back(std::move(ended));
  }
  --board.workers_left;
}

struct Loop {
  Board *board;
  ProgressSink *main_sink;
  const JobFinished *finished;
  size_t total;
  size_t reported = 0;
  GMainLoop *loop = nullptr;
};

// Main thread: report what ended, show the progress, pass a cancel on.
void deliver(Loop &l) {
  std::deque<Board::Ended> ended;
  std::optional<std::string> text;
  std::vector<double> running;
  bool pulsed = false;
  {
    std::lock_guard<std::mutex> lock(l.board->mutex);
    ended.swap(l.board->ended);
    text.swap(l.board->text);
    std::swap(pulsed, l.board->pulsed);
    for (const auto &fraction : l.board->running)
      if (fraction) running.push_back(*fraction);
  }
  for (Board::Ended &e : ended) {
    (*l.finished)(e.index, e.result ? &*e.result : nullptr, e.failure);
    ++l.reported;
  }
  if (text) l.main_sink->set_text(*text);
  l.main_sink->set_fraction(aggregate_fraction(l.reported, running, l.total));
  if (pulsed) l.main_sink->pulse();
  if (l.main_sink->cancelled()) l.board->cancelled = true;
}

gboolean on_tick(gpointer data) {
  auto *l = static_cast<Loop *>(data);
  deliver(*l);
  if (l->board->workers_left.load() == 0) {
    g_main_loop_quit(l->loop);
    return G_SOURCE_REMOVE;
  }
  return G_SOURCE_CONTINUE;
}

}  // namespace

double aggregate_fraction(size_t done, const std::vector<double> &running, size_t total) {
  if (total == 0) return 1.0;
  double sum = static_cast<double>(done);
  for (double fraction : running) sum += std::clamp(fraction, 0.0, 1.0);
  return std::clamp(sum / static_cast<double>(total), 0.0, 1.0);
}

void run_concurrently(const std::vector<ConcurrentJob> &jobs, int limit, ProgressSink &main_sink,
                      const JobFinished &finished) {
  if (jobs.empty()) return;
  Board board;
  board.running.resize(jobs.size());
  const size_t workers = std::min(jobs.size(), static_cast<size_t>(std::max(1, limit)));
  board.workers_left = static_cast<int>(workers);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < workers; ++i) threads.emplace_back([&] { work_through(board, jobs); });
  Loop l{&board, &main_sink, &finished, jobs.size()};
  // The default context: GTK's windows (the progress window with its Cancel button) live there.
  l.loop = g_main_loop_new(nullptr, FALSE);
  g_timeout_add(50, on_tick, &l);
  g_main_loop_run(l.loop);
  g_main_loop_unref(l.loop);
  for (std::thread &t : threads) t.join();
  deliver(l);  // what ended after the last tick
}

}  // namespace gpt_image
