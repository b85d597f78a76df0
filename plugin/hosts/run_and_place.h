// The part every procedure shares once its options are read: run the core job under GIMP's progress
// bar (and, interactively, the plug-in's progress window with its Cancel button), then place the
// result, report the stage timings and pass on the notes and the call's actual cost. libgimp spells
// these calls the same in GIMP 2.10 and 3, so one header serves both adapters.
#pragma once

#include <libgimp/gimp.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "common/progress_window.h"
#include "cost_estimate.h"
#include "flow_budget.h"
#include "generative_fill.h"
#include "gimp_progress.h"
#include "stage_timings.h"

namespace gpt_image {

// `job` is a core job (run_generative_fill, run_generate_layer) given the progress to report to.
// `cost` is the run's whole estimate, the cost line's: the monthly budget is held against it
// before the job starts (flow_budget.h), and the progress window shows its text.
inline LayersToPlace run_with_progress(const char *progress_text, const std::string &window_title, bool interactive,
                                       const std::function<CostEstimate()> &cost,
                                       const std::function<LayersToPlace(ProgressSink &)> &job) {
  std::optional<CostEstimate> estimate;  // estimated once, for the budget and the window
  auto estimated = [&] {
    if (!estimate) estimate = cost();
    return *estimate;
  };
  const std::string budget_note = enforce_monthly_budget(estimated);
  GimpProgress progress(progress_text);
  std::unique_ptr<ProgressWindow> window;
  if (interactive) window = std::make_unique<ProgressWindow>(window_title, progress, estimated().text);
  LayersToPlace placement = job(window ? static_cast<ProgressSink &>(*window) : progress);
  if (!budget_note.empty()) placement.notes.push_back(budget_note);
  return placement;
}

// `place` puts the layers into the image and returns what the procedure returns.
template <class Place>
auto place_and_report(LayersToPlace &placement, Place &&place) {
  const auto placing = std::chrono::steady_clock::now();
  auto result = place();
  placement.timings.place_ms = elapsed_ms(placing);
  report_stage_timings(placement.timings);
  gimp_message(result_message(placement).c_str());  // the notes and what the call cost
  return result;
}

}  // namespace gpt_image
