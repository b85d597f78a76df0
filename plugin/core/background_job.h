// Runs the network part of a job on a worker thread while the calling thread keeps a GLib main
// loop turning: dialogs (the progress window and its Cancel button) stay responsive, and GIMP's
// wire protocol, which only the main thread may use, is never touched from the worker. What the
// worker reports to its ProgressSink is handed over to `main_sink` on the main thread a few times
// a second; `main_sink.cancelled()` reaches the worker at once.
#pragma once

#include <functional>

#include "api_response.h"
#include "progress_sink.h"

namespace gpt_image {

// Returns what `work` returned, or rethrows what it threw, on the calling thread.
ImagesResult run_in_background(const std::function<ImagesResult(ProgressSink &)> &work, ProgressSink &main_sink);

}  // namespace gpt_image
