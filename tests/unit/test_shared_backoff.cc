// The pause shared by the requests of one run: on a fake clock, then two clients against the
// stand-in, where a 429 on one makes the other wait before it sends.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <thread>

#include "errors.h"
#include "fake_image_source.h"
#include "images_api_client.h"
#include "shared_backoff.h"
#include "standin_process.h"

using namespace gpt_image;

namespace {

constexpr const char *kKey = "sk-unit-test-key-do-not-print";

struct FakeClock {
  SharedBackoff::Clock::time_point now{};
  void advance(double seconds) {
    now += std::chrono::duration_cast<SharedBackoff::Clock::duration>(std::chrono::duration<double>(seconds));
  }
};

}  // namespace

TEST(SharedBackoff, APauseRunsOutWithTheClock) {
  FakeClock clock;
  SharedBackoff backoff([&] { return clock.now; });
  EXPECT_DOUBLE_EQ(backoff.seconds_left(), 0.0);
  backoff.hold_for(2.0);
  EXPECT_DOUBLE_EQ(backoff.seconds_left(), 2.0);
  clock.advance(1.5);
  EXPECT_DOUBLE_EQ(backoff.seconds_left(), 0.5);
  clock.advance(1.0);
  EXPECT_DOUBLE_EQ(backoff.seconds_left(), 0.0);
}

TEST(SharedBackoff, ALaterEndExtendsAndAnEarlierOneNeverShortens) {
  FakeClock clock;
  SharedBackoff backoff([&] { return clock.now; });
  backoff.hold_for(3.0);
  clock.advance(1.0);
  backoff.hold_for(1.0);  // ends at 2 s, before the first pause's 3 s
  EXPECT_DOUBLE_EQ(backoff.seconds_left(), 2.0);
  backoff.hold_for(4.0);  // ends at 5 s
  EXPECT_DOUBLE_EQ(backoff.seconds_left(), 4.0);
  backoff.hold_for(-1.0);  // nonsense is ignored
  EXPECT_DOUBLE_EQ(backoff.seconds_left(), 4.0);
}

TEST(SharedBackoff, A429OnOneClientMakesTheOtherWaitBeforeItSends) {
  gpt_image::testing::StandInProcess standin(kKey);
  ASSERT_GT(standin.port(), 0) << "the stand-in API did not start";
  ConnectionSettings connection;
  connection.base_url = "http://127.0.0.1:" + std::to_string(standin.port()) + "/v1";
  connection.api_key = kKey;
  connection.max_retries = 0;  // the first gives up at once: only the shared pause can delay the second
  auto backoff = std::make_shared<SharedBackoff>();
  standin.control(R"({"fail_next": [{"status": 429, "message": "Rate limit reached", "code": "rate_limit_exceeded",
                                     "headers": {"retry-after-ms": "400"}}]})");
  FillOptions options;
  options.prompt = "shared pause";
  const EditRequest request = gpt_image::testing::small_fill_request(options);
  SilentProgress progress;
  EXPECT_THROW(ImagesApiClient(connection, backoff).edit(request, progress), GenerativeError);
  const auto second = std::chrono::steady_clock::now();
  EXPECT_EQ(ImagesApiClient(connection, backoff).edit(request, progress).images.size(), 1u);
  EXPECT_GE(std::chrono::steady_clock::now() - second, std::chrono::milliseconds(350));
}
