#include "shared_backoff.h"

#include <algorithm>

namespace gpt_image {

void SharedBackoff::hold_for(double seconds) {
  if (!(seconds > 0)) return;
  seconds = std::min(seconds, kMaxHoldSeconds);  // also an infinity, which no duration can hold
  const auto end = now_() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  std::lock_guard<std::mutex> lock(mutex_);
  until_ = std::max(until_, end);
}

double SharedBackoff::seconds_left() const {
  Clock::time_point until;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    until = until_;
  }
  const double left = std::chrono::duration<double>(until - now_()).count();
  return std::max(0.0, left);
}

}  // namespace gpt_image
