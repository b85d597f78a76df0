// How long-running core work reports progress to whatever shows it (GIMP's progress bar, a test).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gpt_image {

class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  virtual void set_text(const std::string &text) = 0;
  virtual void set_fraction(double fraction) = 0;  // 0..1
  virtual void pulse() = 0;                        // work goes on, amount unknown
  // A partial image of a streamed answer (encoded PNG, JPEG or WebP), for a preview; index 0-based.
  virtual void partial_image(int /*index*/, const std::vector<std::uint8_t> & /*encoded*/) {}
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
