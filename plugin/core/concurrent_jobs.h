// Several core jobs side by side (Generate Image with several canvases): at most `limit` run at
// once on worker threads while the calling (main) thread keeps a GLib main loop turning, as
// background_job.h does for one. The main thread hears of each job as it ends, in the order they
// end, so the host can make and show its image at once (GIMP may only be called from there).
// One progress for all: the fraction is (jobs done + the running jobs' fractions) / jobs; the
// text is the latest a job said, prefixed with its name. Cancelling the main sink stops the
// running jobs (their transfers abort) and the waiting ones never start.
#pragma once

#include <exception>
#include <functional>
#include <string>
#include <vector>

#include "generative_fill.h"
#include "progress_sink.h"

namespace gpt_image {

// At most this many requests of one run are in flight: more only meets the rate limit sooner.
constexpr int kMaxConcurrentRequests = 3;

struct ConcurrentJob {
  std::string name;  // prefixed to its progress text, "story: Waiting for the image…"
  std::function<LayersToPlace(ProgressSink &)> work;  // runs on a worker thread
};

// Called on the main thread once per job as it ends: its result, or what it threw (a job that
// never started because of a cancel ends with GenerativeError(Cancelled)). It must not throw.
using JobFinished = std::function<void(size_t index, LayersToPlace *result, std::exception_ptr failure)>;

// Returns when every job has ended and been reported.
void run_concurrently(const std::vector<ConcurrentJob> &jobs, int limit, ProgressSink &main_sink,
                      const JobFinished &finished);

// The overall fraction: `done` jobs finished, `running` the fractions (0..1) of those under way.
double aggregate_fraction(size_t done, const std::vector<double> &running, size_t total);

}  // namespace gpt_image
