// A pause shared by requests sent side by side (Generate Image with several canvases): when one of
// them is told "429, try again in S seconds", the server is speaking of the account, not of that
// request, so every request of the run waits until then before its next attempt instead of
// hitting the limit too and failing on its own. Thread-safe; the clock is injectable for tests.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>

namespace gpt_image {

class SharedBackoff {
 public:
  using Clock = std::chrono::steady_clock;
  explicit SharedBackoff(std::function<Clock::time_point()> now = Clock::now) : now_(std::move(now)) {}

  // The longest one pause may be: more than any retry delay the policy computes (retry_policy.h),
  // so it never cuts one short, and a bound on what a hostile value could ask.
  static constexpr double kMaxHoldSeconds = 120;

  // No attempt starts for `seconds` (at most kMaxHoldSeconds) from now. A later end extends the
  // pause; an earlier one never shortens what another request was asked to wait.
  void hold_for(double seconds);

  // Seconds left before the next attempt may start; 0 when there is no pause.
  double seconds_left() const;

 private:
  std::function<Clock::time_point()> now_;
  mutable std::mutex mutex_;
  Clock::time_point until_{};
};

}  // namespace gpt_image
