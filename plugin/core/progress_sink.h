// How long-running core work reports progress to whatever shows it (GIMP's progress bar, a test).
#pragma once

#include <string>

namespace gpt_image {

class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  virtual void set_text(const std::string &text) = 0;
  virtual void set_fraction(double fraction) = 0;  // 0..1
  virtual void pulse() = 0;                        // work goes on, amount unknown
};

// For callers that do not show progress.
class SilentProgress : public ProgressSink {
 public:
  void set_text(const std::string &) override {}
  void set_fraction(double) override {}
  void pulse() override {}
};

}  // namespace gpt_image
