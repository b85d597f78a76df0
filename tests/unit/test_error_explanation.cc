// Each failure the Images API can give becomes a sentence that says what to do, then the server's
// own words and the request id.
#include <gtest/gtest.h>

#include <string>

#include "error_explanation.h"

using namespace gpt_image;

namespace {

ExchangeContext context(int attempts = 1) {
  ExchangeContext c;
  c.base_url = "https://api.example.com/v1";
  c.model = "gpt-image-1.5";
  c.attempts = attempts;
  c.connect_timeout_seconds = 10;
  c.timeout_seconds = 600;
  c.stall_timeout_seconds = 60;
  c.max_response_bytes = 65LL << 20;
  return c;
}

FailedAnswer answer(long status, const std::string &code = "", const std::string &param = "",
                    const std::string &message = "Server words.") {
  FailedAnswer a;
  a.status = status;
  a.error = ApiErrorBody{message, "invalid_request_error", param, code};
  a.request_id = "req_123";
  return a;
}

std::string explain(const FailedAnswer &a, int attempts = 1) { return explain_failed_answer(a, context(attempts)); }

void expect_has(const std::string &text, const std::string &part) {
  EXPECT_NE(text.find(part), std::string::npos) << "«" << part << "» not in: " << text;
}

}  // namespace

TEST(ErrorExplanation, EveryAnswerEndsWithTheServersWordsAndRequestId) {
  for (long status : {400L, 401L, 403L, 404L, 408L, 413L, 429L, 500L, 503L, 418L}) {
    const std::string text = explain(answer(status));
    expect_has(text, "The server said: Server words.");
    expect_has(text, "[request id req_123]");
  }
}

TEST(ErrorExplanation, KeyRefusedSaysWhereToSetIt) {
  const std::string text = explain(answer(401, "invalid_api_key"));
  expect_has(text, "API key was refused (HTTP 401)");
  expect_has(text, "Settings…");
  expect_has(text, "OPENAI_API_KEY");
}

TEST(ErrorExplanation, ForbiddenNamesVerificationAndRegion) {
  const std::string text = explain(answer(403));
  expect_has(text, "verified");
  expect_has(text, "gpt-image-1.5");
  expect_has(text, "region");
}

TEST(ErrorExplanation, NotFoundNamesModelAndBaseUrl) {
  const std::string text = explain(answer(404, "model_not_found"));
  expect_has(text, "https://api.example.com/v1");
  expect_has(text, "gpt-image-1.5");
  expect_has(text, "/v1");
}

TEST(ErrorExplanation, SafetyRefusalSaysWhichStage) {
  expect_has(explain(answer(400, "moderation_blocked", "prompt")), "refused the prompt");
  expect_has(explain(answer(400, "moderation_blocked", "image")), "refused the picture that was sent");
  expect_has(explain(answer(400, "moderation_blocked")), "the prompt, the picture sent, or the image it generated");
}

TEST(ErrorExplanation, OtherBadRequestsNameTheParameter) {
  expect_has(explain(answer(400, "invalid_value", "size")), "parameter \"size\"");
  expect_has(explain(answer(400)), "rejected (HTTP 400)");
}

TEST(ErrorExplanation, TooLargeSuggestsLessToUpload) {
  expect_has(explain(answer(413)), "too large");
  expect_has(explain(answer(413)), "GPT_IMAGE_PIXEL_BUDGET");
}

TEST(ErrorExplanation, QuotaIsNotARateLimit) {
  const std::string quota = explain(answer(429, "insufficient_quota"));
  expect_has(quota, "no quota left");
  expect_has(quota, "will not help");
  const std::string rate = explain(answer(429, "rate_limit_exceeded"), 3);
  expect_has(rate, "Rate limit reached (HTTP 429) (3 attempts)");
  expect_has(rate, "Wait a minute");
}

TEST(ErrorExplanation, ServerErrorsSayItIsTheServersSide) {
  const std::string text = explain(answer(502), 3);
  expect_has(text, "The service failed (HTTP 502) (3 attempts)");
  expect_has(text, "server's side");
}

TEST(ErrorExplanation, RedirectsAreNeverFollowed) {
  FailedAnswer a;
  a.status = 301;
  a.redirect = true;
  expect_has(explain(a), "never followed");
}

TEST(ErrorExplanation, AnswerWithoutErrorBodyStillExplains) {
  FailedAnswer a;
  a.status = 500;
  const std::string text = explain(a);
  expect_has(text, "HTTP 500");
  EXPECT_EQ(text.find("The server said"), std::string::npos);
}

TEST(ErrorExplanation, TransportFailuresSayWhatToCheck) {
  const ExchangeContext c = context(3);
  expect_has(explain_transport_failure(TransportFailure::Dns, "Could not resolve host", c), "name lookup failed");
  expect_has(explain_transport_failure(TransportFailure::Connect, "Connection refused", c),
             "Could not connect to https://api.example.com/v1 (Connection refused) (3 attempts)");
  expect_has(explain_transport_failure(TransportFailure::ConnectTimeout, "", c), "within 10 s (the connect timeout)");
  expect_has(explain_transport_failure(TransportFailure::Timeout, "", c), "within 600 s (the request timeout)");
  expect_has(explain_transport_failure(TransportFailure::Stalled, "", c), "no data moved for 60 s");
  expect_has(explain_transport_failure(TransportFailure::Broken, "Recv failure", c), "broke off");
  expect_has(explain_transport_failure(TransportFailure::TooLarge, "", c), "larger than 65 MB");
  expect_has(explain_transport_failure(TransportFailure::Other, "weird", c), "weird");
}
