// How long-running core work reports progress to whatever shows it (GIMP's progress bar, a test).
#pragma once

#include <string>

#include "raster.h"

namespace gpt_image {

class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  virtual void set_text(const std::string &text) = 0;
  virtual void set_fraction(double fraction) = 0;  // 0..1
  virtual void pulse() = 0;                        // work goes on, amount unknown
  // A streamed preview arrived: its index (0-based, below the number asked for) and, for a sink that
  // wants_preview_pixels(), the decoded picture (nullptr otherwise). The client decodes it on the
  // transfer's thread, never more than the request's size; background_job keeps only the latest.
  virtual void preview(int /*index*/, const Raster * /*picture*/) {}
  virtual bool wants_preview_pixels() const { return false; }
  // The answer is in: what the call cost (ActualCost::text, "Cost unknown …" when it cannot be
  // told). The progress window shows it in place of the estimate while the result is placed.
  virtual void show_cost(const std::string & /*text*/) {}
  // True once the user asked to stop: the transfer is aborted at once and the job ends with
  // GenerativeError(Cancelled), before anything touched the image. Called from the transfer.
  virtual bool cancelled() const { return false; }
};

// For callers that do not show progress.
class SilentProgress : public ProgressSink {
 public:
  void set_text(const std::string &) override {}
  void set_fraction(double) override {}
  void pulse() override {}
};

}  // namespace gpt_image
