// Streamed answers (stream=true, partial_images) against the stand-in API: previews arrive before
// the image, a relay that ignores `stream` still works, an error event and a stream that ends
// early are clear errors.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "errors.h"
#include "fake_image_source.h"
#include "generative_fill.h"
#include "image_codec.h"
#include "images_api_client.h"
#include "standin_process.h"

using namespace gpt_image;

namespace {

constexpr const char *kKey = "sk-stream-test-key";
using Clock = std::chrono::steady_clock;

class PreviewRecorder : public ProgressSink {
 public:
  void set_text(const std::string &) override {}
  void set_fraction(double) override {}
  void pulse() override {}
  void preview(int index, const Raster *picture) override {
    indices.push_back(index);
    sizes.push_back(picture ? picture->size() : PixelSize{0, 0});
    arrived.push_back(Clock::now());
  }
  bool wants_preview_pixels() const override { return true; }
  std::vector<int> indices;
  std::vector<PixelSize> sizes;
  std::vector<Clock::time_point> arrived;
};

class ClientStreaming : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { standin_ = new gpt_image::testing::StandInProcess(kKey); }
  static void TearDownTestSuite() { delete standin_; }

  static ConnectionSettings connection() {
    ConnectionSettings c;
    c.base_url = "http://127.0.0.1:" + std::to_string(standin_->port()) + "/v1";
    c.api_key = kKey;
    c.max_retries = 0;
    return c;
  }

  static EditRequest request(const std::string &prompt, int partial_images, int n = 1) {
    FillOptions options;
    options.prompt = prompt;
    options.partial_images = partial_images;
    options.variations = n;
    return gpt_image::testing::small_fill_request(options);
  }

  static inline gpt_image::testing::StandInProcess *standin_ = nullptr;
};

}  // namespace

TEST_F(ClientStreaming, PreviewsArriveBeforeTheImage) {
  PreviewRecorder progress;
  const EditRequest r = request("a streamed pear standin-stream-delay:0.4", 2);
  const ImagesResult result = ImagesApiClient(connection()).edit(r, progress);
  const auto done = Clock::now();
  ASSERT_EQ(result.images.size(), 1u);
  EXPECT_EQ(decode_image(result.images[0]).size(), *parse_size(r.size));
  ASSERT_TRUE(result.usage);
  EXPECT_EQ(progress.indices, (std::vector<int>{0, 1}));
  ASSERT_EQ(progress.arrived.size(), 2u);
  EXPECT_GE(done - progress.arrived[0], std::chrono::milliseconds(700));  // two more pauses came after it
  EXPECT_EQ(progress.sizes[0], *parse_size(r.size));
  const std::string log = standin_->recorded();
  EXPECT_NE(log.find("\"stream\": true"), std::string::npos);
  EXPECT_NE(log.find("\"partial_images\": 2"), std::string::npos);
}

TEST_F(ClientStreaming, NoStreamingWhenPartialImagesIsZero) {
  PreviewRecorder progress;
  const ImagesResult result = ImagesApiClient(connection()).edit(request("a plain pear", 0), progress);
  EXPECT_EQ(result.images.size(), 1u);
  EXPECT_TRUE(progress.indices.empty());
}

TEST_F(ClientStreaming, ARelayThatIgnoresStreamStillWorks) {
  PreviewRecorder progress;
  const ImagesResult result =
      ImagesApiClient(connection()).edit(request("a pear standin-stream-ignore", 2), progress);
  EXPECT_EQ(result.images.size(), 1u);
  EXPECT_TRUE(progress.indices.empty());
}

TEST_F(ClientStreaming, VariationsEachComplete) {
  PreviewRecorder progress;
  const ImagesResult result = ImagesApiClient(connection()).edit(request("two pears", 1, 2), progress);
  EXPECT_EQ(result.images.size(), 2u);
}

TEST_F(ClientStreaming, AnErrorEventIsAClearError) {
  PreviewRecorder progress;
  try {
    ImagesApiClient(connection()).edit(request("a pear standin-stream-error", 2), progress);
    FAIL() << "an error event was not an error";
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::Api);
    const std::string text = e.what();
    EXPECT_NE(text.find("reported an error while it was generating"), std::string::npos) << text;
    EXPECT_NE(text.find("The image could not be generated."), std::string::npos) << text;
    EXPECT_NE(text.find("[request id req_standin_"), std::string::npos) << text;
  }
  EXPECT_EQ(progress.indices.size(), 2u);  // the previews before it still arrived
}

TEST_F(ClientStreaming, AStreamThatEndsWithoutTheImageIsAnErrorNotAHang) {
  PreviewRecorder progress;
  const auto started = Clock::now();
  try {
    ImagesApiClient(connection()).edit(request("a pear standin-stream-cut", 1), progress);
    FAIL() << "a stream without its completed event was accepted";
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadResponse);
    EXPECT_NE(std::string(e.what()).find("ended without a finished image"), std::string::npos) << e.what();
  }
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(10));
}

TEST_F(ClientStreaming, DallE2NeverStreams) {
  Raster canvas(64, 64, 4, 120);
  Raster selection(64, 64, 1, 255);
  gpt_image::testing::FakeImageSource source(canvas, selection);
  FillOptions options;
  options.prompt = "x";
  options.quality = "standard";
  EXPECT_EQ(prepare_edit(source, options, "dall-e-2").request.partial_images, 0);
}

namespace {
// Cancels as soon as the transfer reports that it is waiting for the model.
class CancellingProgress : public ProgressSink {
 public:
  void set_text(const std::string &text) override { waiting |= text.find("Waiting for") != std::string::npos; }
  void set_fraction(double) override {}
  void pulse() override {}
  bool cancelled() const override { return waiting; }
  bool waiting = false;
};
}  // namespace

TEST_F(ClientStreaming, CancelAbortsTheTransferAtOnce) {
  CancellingProgress progress;
  const auto started = Clock::now();
  try {
    ImagesApiClient(connection()).edit(request("a slow pear standin-fault:think:20", 2), progress);
    FAIL() << "the request was not cancelled";
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::Cancelled) << e.what();
  }
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(3));
}

TEST_F(ClientStreaming, ProgressNamesTheStages) {
  class Texts : public ProgressSink {
   public:
    void set_text(const std::string &text) override { texts.push_back(text); }
    void set_fraction(double) override {}
    void pulse() override {}
    std::vector<std::string> texts;
  } progress;
  ImagesApiClient(connection()).edit(request("a patient pear standin-fault:think:1.5", 0), progress);
  auto said = [&](const std::string &part) {
    for (const auto &t : progress.texts)
      if (t.find(part) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(said("Waiting for gpt-image-1.5… 1 s"));
}
