// Faults the stand-in API injects (see its docstring): every one ends in a clear error of the right
// kind, or in success where a careful client should cope, and never in a hang.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "errors.h"
#include "fake_image_source.h"
#include "generative_fill.h"
#include "image_codec.h"
#include "images_api_client.h"
#include "standin_process.h"

using namespace gpt_image;

namespace {

constexpr const char *kKey = "sk-fault-test-key";
using Clock = std::chrono::steady_clock;

class QuietProgress : public ProgressSink {
 public:
  void set_text(const std::string &) override {}
  void set_fraction(double) override {}
  void pulse() override {}
};

class ClientFaults : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { standin_ = new gpt_image::testing::StandInProcess(kKey); }
  static void TearDownTestSuite() { delete standin_; }

  // Short timeouts and quick retries, so hangs and stalls are seen in seconds.
  static ConnectionSettings connection(int retries = 0) {
    ConnectionSettings c;
    c.base_url = "http://127.0.0.1:" + std::to_string(standin_->port()) + "/v1";
    c.api_key = kKey;
    c.timeout_seconds = 4;
    c.stall_timeout_seconds = 1;
    c.max_retries = retries;
    return c;
  }

  static FillOptions options(const std::string &prompt, int variations = 1) {
    FillOptions o;
    o.prompt = prompt;
    o.variations = variations;
    return o;
  }

  static gpt_image::testing::FakeImageSource source() {
    Raster canvas(200, 100, 4, 120);
    Raster selection(200, 100, 1, 0);
    for (int y = 30; y < 60; ++y)
      for (int x = 80; x < 120; ++x) *selection.at(x, y) = 255;
    return gpt_image::testing::FakeImageSource(canvas, selection);
  }

  // Runs a whole fill; returns its error, or kind Host with "no error" when it worked.
  static GenerativeError fill_error(const std::string &prompt, const ConnectionSettings &c, int variations = 1) {
    auto fake = source();
    QuietProgress progress;
    try {
      run_generative_fill(fake, options(prompt, variations), c, progress);
    } catch (const GenerativeError &e) {
      return e;
    }
    return GenerativeError(ErrorKind::Host, "no error");
  }

  static LayersToPlace fill(const std::string &prompt, const ConnectionSettings &c, int variations = 1) {
    auto fake = source();
    QuietProgress progress;
    return run_generative_fill(fake, options(prompt, variations), c, progress);
  }

  static int attempts_for(const std::string &prompt) {
    const std::string log = standin_->recorded();
    int count = 0;
    const std::string needle = "\"prompt\": \"" + prompt + "\"";
    for (size_t at = log.find(needle); at != std::string::npos; at = log.find(needle, at + 1)) ++count;
    return count;
  }

  static bool says(const GenerativeError &e, const std::string &text) {
    return std::string(e.what()).find(text) != std::string::npos;
  }

  static inline gpt_image::testing::StandInProcess *standin_ = nullptr;
};

}  // namespace

TEST_F(ClientFaults, ResetMidBodyIsRetriedAndThenExplained) {
  const auto e = fill_error("standin-fault:reset", connection(2));
  EXPECT_EQ(e.kind(), ErrorKind::Network);
  EXPECT_TRUE(says(e, "broke off before the answer was complete")) << e.what();
  EXPECT_TRUE(says(e, "(3 attempts)")) << e.what();
  EXPECT_EQ(attempts_for("standin-fault:reset"), 3);
}

TEST_F(ClientFaults, AResetOnceIsCuredByARetry) {
  const LayersToPlace placed = fill("standin-fault-once:reset", connection(2));
  EXPECT_EQ(placed.layers.size(), 1u);
  EXPECT_EQ(attempts_for("standin-fault-once:reset"), 2);
}

TEST_F(ClientFaults, TruncatedBodyIsABrokenConnection) {
  const auto e = fill_error("standin-fault:truncate", connection());
  EXPECT_EQ(e.kind(), ErrorKind::Network);
  EXPECT_TRUE(says(e, "broke off")) << e.what();
}

TEST_F(ClientFaults, AServerThatNeverAnswersTimesOut) {
  const auto started = Clock::now();
  const auto e = fill_error("standin-fault:hang:60", connection());
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(15));
  EXPECT_EQ(e.kind(), ErrorKind::Network);
  EXPECT_TRUE(says(e, "within 4 s (the request timeout)")) << e.what();
}

TEST_F(ClientFaults, AStalledAnswerIsCutOffByTheStallTimeout) {
  const auto started = Clock::now();
  const auto e = fill_error("standin-fault:stall:8", connection());
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(4));  // the stall timeout, not the request timeout
  EXPECT_EQ(e.kind(), ErrorKind::Network);
  EXPECT_TRUE(says(e, "stalled: no data moved for 1 s")) << e.what();
}

TEST_F(ClientFaults, ASlowDripUnderTheStallTimeoutCompletes) {
  ConnectionSettings c = connection();
  c.timeout_seconds = 20;
  c.stall_timeout_seconds = 2;
  EXPECT_EQ(fill("standin-fault:drip:1.2", c).layers.size(), 1u);
}

TEST_F(ClientFaults, ThinkingTimeBeforeTheFirstByteIsNotAStall) {
  ConnectionSettings c = connection();
  c.stall_timeout_seconds = 1;
  EXPECT_EQ(fill("standin-fault:think:2.5", c).layers.size(), 1u);
}

TEST_F(ClientFaults, MalformedJsonIsExplainedAndNotRetried) {
  const auto e = fill_error("standin-fault:malformed_json", connection(2));
  EXPECT_EQ(e.kind(), ErrorKind::BadResponse);
  EXPECT_TRUE(says(e, "not valid JSON")) << e.what();
  EXPECT_EQ(attempts_for("standin-fault:malformed_json"), 1);
}

TEST_F(ClientFaults, InvalidBase64IsRefused) {
  const auto e = fill_error("standin-fault:bad_base64", connection());
  EXPECT_EQ(e.kind(), ErrorKind::BadResponse);
  EXPECT_TRUE(says(e, "not valid base64")) << e.what();
}

TEST_F(ClientFaults, BytesThatAreNoImageAreRefused) {
  const auto e = fill_error("standin-fault:not_image", connection());
  EXPECT_EQ(e.kind(), ErrorKind::Image);
  EXPECT_TRUE(says(e, "not a PNG, JPEG or WebP image")) << e.what();
}

TEST_F(ClientFaults, AnImageOfAnotherShapeIsRefused) {
  const auto e = fill_error("standin-fault:wrong_shape", connection());
  EXPECT_EQ(e.kind(), ErrorKind::BadResponse);
  EXPECT_TRUE(says(e, "its shape does not match")) << e.what();
}

TEST_F(ClientFaults, ASmallerImageOfTheSameShapeIsScaled) {
  const LayersToPlace placed = fill("standin-fault:half_size", connection());
  ASSERT_EQ(placed.layers.size(), 1u);
  EXPECT_EQ(placed.layers[0].size(), placed.at.size());
}

TEST_F(ClientFaults, FewerImagesThanAskedArePlacedAndSaidSo) {
  const LayersToPlace placed = fill("standin-fault:fewer", connection(), 3);
  EXPECT_EQ(placed.layers.size(), 2u);
  ASSERT_EQ(placed.notes.size(), 1u);
  EXPECT_NE(placed.notes[0].find("variations (asked 3, answered 2"), std::string::npos) << placed.notes[0];
}

TEST_F(ClientFaults, AHugeBodyIsCutOffAtTheCap) {
  // A plain JSON answer holds no previews, whatever was asked: the cap is one image's 48 MiB of
  // base64 plus 1 MiB for the JSON around it.
  const auto e = fill_error("standin-fault:huge:300", connection(2));
  EXPECT_EQ(e.kind(), ErrorKind::BadResponse);
  EXPECT_TRUE(says(e, "larger than 49 MB")) << e.what();
  EXPECT_EQ(attempts_for("standin-fault:huge:300"), 1);  // it would only come again
}

TEST_F(ClientFaults, RateLimitWaitsForRetryAfter) {
  const auto started = Clock::now();
  const LayersToPlace placed = fill("standin-fail-once:429:rate_limit_exceeded:Slow down", connection(2));
  EXPECT_EQ(placed.layers.size(), 1u);
  EXPECT_GE(Clock::now() - started, std::chrono::milliseconds(1000));  // the marker asks for retry-after: 1
  EXPECT_EQ(attempts_for("standin-fail-once:429:rate_limit_exceeded:Slow down"), 2);
}

TEST_F(ClientFaults, ServerErrorsGiveUpAfterThreeAttemptsWithTheRequestId) {
  const auto e = fill_error("standin-fail:500::The server had an error", connection(2));
  EXPECT_EQ(e.kind(), ErrorKind::Api);
  EXPECT_EQ(e.http_status(), 500);
  EXPECT_TRUE(says(e, "The service failed (HTTP 500) (3 attempts)")) << e.what();
  EXPECT_TRUE(says(e, "The server said: The server had an error")) << e.what();
  EXPECT_TRUE(says(e, "[request id req_standin_")) << e.what();
  EXPECT_EQ(attempts_for("standin-fail:500::The server had an error"), 3);
}
