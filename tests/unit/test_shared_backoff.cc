// The pause shared by the requests of one run: on a fake clock, then two clients against the
// stand-in, where a 429 on one makes the other wait before it sends.
#include <gtest/gtest.h>

#include <limits>
#include <glib.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

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

// When each recorded request arrived, by the stand-in's clock (seconds), oldest first.
std::vector<double> arrival_times(const std::string &recorded) {
  std::vector<double> times;
  const std::string key = "\"time\": ";
  for (size_t at = recorded.find(key); at != std::string::npos; at = recorded.find(key, at + 1))
    times.push_back(g_ascii_strtod(recorded.c_str() + at + key.size(), nullptr));
  return times;
}

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

// A hostile or broken value cannot hold the run for longer than the bound (nor overflow the clock).
TEST(SharedBackoff, APauseIsAtMostTwoMinutes) {
  FakeClock clock;
  SharedBackoff backoff([&] { return clock.now; });
  backoff.hold_for(std::numeric_limits<double>::infinity());
  EXPECT_DOUBLE_EQ(backoff.seconds_left(), 120.0);
  backoff.hold_for(1e300);
  EXPECT_DOUBLE_EQ(backoff.seconds_left(), 120.0);
  backoff.hold_for(std::numeric_limits<double>::quiet_NaN());  // no pause from nonsense
  EXPECT_DOUBLE_EQ(backoff.seconds_left(), 120.0);
  clock.advance(120.0);
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
  EXPECT_EQ(ImagesApiClient(connection, backoff).edit(request, progress).images.size(), 1u);
  // The stand-in's clock: the second request arrived the server's 400 ms after the first.
  const std::vector<double> times = arrival_times(standin.recorded());
  ASSERT_EQ(times.size(), 2u);
  EXPECT_GE(times[1] - times[0], 0.38);
}
