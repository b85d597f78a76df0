// When and how long to wait before trying a request again, as the official OpenAI SDKs do:
// retried are connection failures, timeouts, 408, 409, 429 and 5xx (a response header
// `x-should-retry: true|false` overrides); a 429 whose error code is insufficient_quota is not
// (waiting does not buy credit). The wait is the server's `retry-after-ms` or `retry-after`
// (seconds or an HTTP date) when that lies in (0, 60] seconds, otherwise
// min(0.5 * 2^k, 8) * (1 - 0.25 * jitter) seconds before the k-th retry (k from 0).
#pragma once

#include <ctime>
#include <optional>
#include <string>

namespace gpt_image {

constexpr int kDefaultMaxRetries = 2;
constexpr int kMaxRetriesLimit = 10;

struct AttemptOutcome {
  bool transport_failed = false;  // no HTTP answer (connection refused, reset, timed out)
  long status = 0;                // HTTP status when there was an answer
  std::string error_code;         // error.code of the body, if any
  std::optional<std::string> should_retry_header;  // x-should-retry
  std::optional<std::string> retry_after_ms_header;
  std::optional<std::string> retry_after_header;
};

bool should_retry(const AttemptOutcome &outcome);

// `retries_done` counts retries already made (0 before the first retry); `jitter` in [0, 1);
// `now` is the current time for HTTP-date headers.
double retry_delay_seconds(const AttemptOutcome &outcome, int retries_done, double jitter, std::time_t now);

// Why we are waiting, for the progress text: "rate limited (HTTP 429)", "server error (HTTP 503)"...
std::string retry_reason(const AttemptOutcome &outcome);

}  // namespace gpt_image
