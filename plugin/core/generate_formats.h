// Generate Image with several canvases: one generation per canvas, sent side by side (at most
// kMaxConcurrentRequests at once, a 429 on one pausing all of them: shared_backoff.h), one
// progress for all. Each answer is handed to the host on the main thread as it arrives, so its
// image is made and shown while the others are still on their way. A canvas that fails is named
// with its error and the others are kept; only when none was made does the run fail.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "canvas_list.h"
#include "connection_settings.h"
#include "generate_layer.h"
#include "progress_sink.h"
#include "raster.h"

namespace gpt_image {

// What became of a run whose images were not all made.
struct FormatsReport {
  size_t made = 0;                    // images the host made
  std::vector<std::string> failures;  // one line per failed canvas, in list order
  bool cancelled = false;             // the user stopped it; what was made stays
};

// "story (1080x1920): <text>": a line about one canvas (its error, or its notes and cost).
std::string canvas_line(const CanvasChoice &canvas, const std::string &text);

// The options each canvas of a list is asked with: no streamed previews. One progress stands for
// every canvas, so a preview would have nowhere to show and would be paid for nothing.
GenerateOptions side_by_side_options(GenerateOptions options);

// Main thread: make the image of canvases[index] from `placement`. What it throws counts as that
// canvas's failure (its sentence in the report).
using MakeImage = std::function<void(size_t index, LayersToPlace &placement)>;

// Throws GenerativeError when no image was made: Cancelled after a cancel, otherwise the kind of
// the first failure with every failure line in its message. Otherwise returns the report.
FormatsReport run_generate_formats(const GenerateOptions &options, const std::vector<CanvasChoice> &canvases,
                                   const std::vector<Raster> &references, const ConnectionSettings &connection,
                                   ProgressSink &progress, const MakeImage &make_image);

// The message after a run that made some images: the failures, then that the rest were kept.
// Empty when every canvas was made.
std::string formats_report_text(const FormatsReport &report, size_t canvases);

}  // namespace gpt_image
