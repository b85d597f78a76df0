#include <gtest/gtest.h>

#include "retry_policy.h"

using namespace gpt_image;

namespace {
AttemptOutcome status(long code, const std::string &error_code = "") {
  AttemptOutcome o;
  o.status = code;
  o.error_code = error_code;
  return o;
}
}  // namespace

TEST(RetryPolicy, RetriesWhatTheSdkRetries) {
  AttemptOutcome broken;
  broken.transport_failed = true;
  EXPECT_TRUE(should_retry(broken));
  for (long code : {408L, 409L, 429L, 500L, 502L, 503L, 504L}) EXPECT_TRUE(should_retry(status(code))) << code;
  for (long code : {400L, 401L, 403L, 404L, 413L, 422L}) EXPECT_FALSE(should_retry(status(code))) << code;
  EXPECT_FALSE(should_retry(status(429, "insufficient_quota")));
}

TEST(RetryPolicy, ShouldRetryHeaderOverrides) {
  AttemptOutcome o = status(500);
  o.should_retry_header = "false";
  EXPECT_FALSE(should_retry(o));
  o = status(400);
  o.should_retry_header = "true";
  EXPECT_TRUE(should_retry(o));
}

TEST(RetryPolicy, ServerSuggestedDelaysWithinAMinuteAreHonoured) {
  AttemptOutcome o = status(429);
  o.retry_after_ms_header = "1500";
  EXPECT_DOUBLE_EQ(retry_delay_seconds(o, 0, 0.0, 0), 1.5);
  o.retry_after_ms_header.reset();
  o.retry_after_header = "7";
  EXPECT_DOUBLE_EQ(retry_delay_seconds(o, 0, 0.0, 0), 7.0);
  // An HTTP date 20 s ahead of "now".
  o.retry_after_header = "Wed, 21 Oct 2026 07:28:20 GMT";
  const std::time_t now = 1792567680;  // 2026-10-21 07:28:00 UTC
  EXPECT_DOUBLE_EQ(retry_delay_seconds(o, 0, 0.0, now), 20.0);
  // Beyond a minute, zero, negative or nonsense: the computed back-off instead.
  for (const char *header : {"120", "0", "-3", "soon"}) {
    o.retry_after_header = header;
    EXPECT_DOUBLE_EQ(retry_delay_seconds(o, 0, 0.0, 0), 0.5) << header;
  }
}

TEST(RetryPolicy, BackOffDoublesUpToEightSecondsWithJitter) {
  const AttemptOutcome o = status(503);
  EXPECT_DOUBLE_EQ(retry_delay_seconds(o, 0, 0.0, 0), 0.5);
  EXPECT_DOUBLE_EQ(retry_delay_seconds(o, 1, 0.0, 0), 1.0);
  EXPECT_DOUBLE_EQ(retry_delay_seconds(o, 3, 0.0, 0), 4.0);
  EXPECT_DOUBLE_EQ(retry_delay_seconds(o, 6, 0.0, 0), 8.0);
  EXPECT_DOUBLE_EQ(retry_delay_seconds(o, 1, 0.999999, 0), 1.0 * (1 - 0.25 * 0.999999));
}
