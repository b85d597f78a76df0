// The whole fill against the stand-in's lazy relay (standin-lazy:...): what the relay ignored is
// found in its real answers, the result is still placed, and one note says what was ignored.
#include <gtest/gtest.h>

#include <string>

#include "fake_image_source.h"
#include "generate_layer.h"
#include "generative_fill.h"
#include "raster_ops.h"
#include "standin_process.h"

using namespace gpt_image;

namespace {

constexpr const char *kKey = "sk-lazy-relay-test-key";

class QuietProgress : public ProgressSink {
 public:
  void set_text(const std::string &) override {}
  void set_fraction(double) override {}
  void pulse() override {}
};

// Keeps what the job reports as the call's actual cost (ProgressSink::show_cost).
class CostRecorder : public QuietProgress {
 public:
  void show_cost(const std::string &text) override { shown.push_back(text); }
  std::vector<std::string> shown;
};

class LazyRelay : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { standin_ = new gpt_image::testing::StandInProcess(kKey); }
  static void TearDownTestSuite() { delete standin_; }

  // An opaque 400x300 picture with a 200x100 selection in the middle, filled with streaming on. The
  // frame is the selection and 50 px around it (300x200, 3:2): wide enough to hold pixels far from
  // the selection, where a repaint shows (outside_change.h).
  static LayersToPlace fill(const std::string &prompt) {
    QuietProgress progress;
    return fill(prompt, progress);
  }
  static LayersToPlace fill(const std::string &prompt, ProgressSink &progress) {
    Raster canvas(400, 300, 4, 255);
    for (int y = 0; y < 300; ++y)
      for (int x = 0; x < 400; ++x) {
        canvas.at(x, y)[0] = static_cast<std::uint8_t>(x * 255 / 400);
        canvas.at(x, y)[1] = static_cast<std::uint8_t>(y * 255 / 300);
      }
    Raster selection(400, 300, 1, 0);
    for (int y = 100; y < 200; ++y)
      for (int x = 100; x < 300; ++x) *selection.at(x, y) = 255;
    gpt_image::testing::FakeImageSource source(canvas, selection);
    ConnectionSettings c;
    c.base_url = "http://127.0.0.1:" + std::to_string(standin_->port()) + "/v1";
    c.api_key = kKey;
    c.model = "gpt-image-1.5";
    c.max_retries = 0;
    FillOptions o;
    o.prompt = prompt;
    o.partial_images = 2;
    return run_generative_fill(source, o, c, progress);
  }

  // A 600x400 Generate Layer (asks 1536x1024 at quality medium as JPEG, streamed) on gpt-image-1.5.
  static LayersToPlace generate(const std::string &prompt, ProgressSink &progress, int variations = 1) {
    ConnectionSettings c;
    c.base_url = "http://127.0.0.1:" + std::to_string(standin_->port()) + "/v1";
    c.api_key = kKey;
    c.model = "gpt-image-1.5";
    c.max_retries = 0;
    GenerateOptions o;
    o.prompt = prompt;
    o.quality = "medium";
    o.output_format = "jpeg";
    o.partial_images = 2;
    o.variations = variations;
    return run_generate_layer(o, {0, 0, 600, 400}, {}, c, progress);
  }

  static gpt_image::testing::StandInProcess *standin_;
};

gpt_image::testing::StandInProcess *LazyRelay::standin_ = nullptr;

::testing::AssertionResult says(const LayersToPlace &placed, const std::string &words) {
  if (placed.notes.size() == 1 && placed.notes[0].find(words) != std::string::npos)
    return ::testing::AssertionSuccess();
  std::string all;
  for (const std::string &note : placed.notes) all += "\n  " + note;
  return ::testing::AssertionFailure() << "no single note saying \"" << words << "\"; notes:" << all;
}

}  // namespace

TEST_F(LazyRelay, AnHonestServerGetsNoNote) {
  const LayersToPlace placed = fill("a pear");
  EXPECT_TRUE(placed.notes.empty()) << placed.notes[0];
}

TEST_F(LazyRelay, IgnoredSizeAndStreamArePlacedAndSaidOnce) {
  const LayersToPlace placed = fill("a pear standin-lazy:size,stream");
  ASSERT_EQ(placed.layers.size(), 1u);
  EXPECT_EQ(placed.layers[0].size(), placed.at.size());
  EXPECT_TRUE(placed.ignored.ignored(IgnoredField::Size));
  EXPECT_TRUE(placed.ignored.ignored(IgnoredField::Stream));
  // The 3:2 frame asks for 1536x1024; the relay answers half of it.
  EXPECT_TRUE(says(placed, "size (asked 1536x1024, answered 768x512; scaled to fit)"));
  EXPECT_TRUE(says(placed, "streaming (answered in one piece, without previews)"));
}

TEST_F(LazyRelay, IgnoredQualityIsSaid) {
  EXPECT_TRUE(says(fill("a pear standin-lazy:quality"), "quality (asked medium, answered high)"));
}

TEST_F(LazyRelay, ATransparentAnswerToAnOpaquePictureIsLaidOverIt) {
  const LayersToPlace placed = fill("a pear standin-lazy:background");
  ASSERT_EQ(placed.layers.size(), 1u);
  EXPECT_TRUE(fully_opaque(placed.layers[0]));
  EXPECT_TRUE(says(placed, "background (asked opaque, answered with transparency; laid over the original)"));
}

TEST_F(LazyRelay, AnIgnoredMaskIsSaid) {
  EXPECT_TRUE(says(fill("a pear standin-lazy:mask"), "the mask (the answer repainted the picture"));
}

TEST_F(LazyRelay, IgnoredQualityAndOutputFormatOfAFillAreSaid) {
  const LayersToPlace placed = fill("a pear standin-lazy:quality,output_format");
  ASSERT_EQ(placed.layers.size(), 1u);
  EXPECT_TRUE(says(placed, "quality (asked medium, answered high); output format (asked png, answered webp)"));
}

// Generate Layer and Generate Image report what a relay dropped as fills do.
TEST_F(LazyRelay, AGenerationSaysWhatTheRelayIgnored) {
  QuietProgress quiet;
  const LayersToPlace honest = generate("a kite", quiet);
  EXPECT_TRUE(honest.notes.empty()) << honest.notes[0];
  const LayersToPlace placed = generate("a kite standin-lazy:size,quality,output_format,stream", quiet);
  ASSERT_EQ(placed.layers.size(), 1u);
  EXPECT_EQ(placed.layers[0].size(), (PixelSize{600, 400}));
  EXPECT_TRUE(says(placed, "The relay ignored part of the request: size (asked 1536x1024, answered 768x512; scaled "
                           "to fit); quality (asked medium, answered high); output format (asked jpeg, answered png); "
                           "streaming (answered in one piece, without previews)."));
}

TEST_F(LazyRelay, AGenerationWithFewerImagesSaysSoOnce) {
  QuietProgress quiet;
  const LayersToPlace placed = generate("a kite standin-fault:fewer", quiet, 3);
  EXPECT_EQ(placed.layers.size(), 2u);
  EXPECT_TRUE(says(placed, "variations (asked 3, answered 2; the result holds those that came)"));
}

// The progress window's cost line gets the actual cost once the answer is in, once per call.
TEST_F(LazyRelay, TheActualCostIsShownOncePerCall) {
  // gpt-image-1.5 takes $5 (text in), $8 (image in) and $32 (image out) per million tokens:
  // 37 x 5 + 1200 x 8 + 4160 x 32 = 142,905 millionths of a dollar.
  const std::string expected = "Cost: $0.14 (1237 input and 4160 output tokens)";
  CostRecorder fill_progress;
  const LayersToPlace filled = fill("a pear standin-usage:37,1200,4160", fill_progress);
  EXPECT_EQ(fill_progress.shown, std::vector<std::string>{expected});
  EXPECT_EQ(filled.cost.text, expected);
  EXPECT_EQ(result_message(filled), expected);
  CostRecorder generate_progress;
  const LayersToPlace generated = generate("a kite standin-usage:37,1200,4160", generate_progress);
  EXPECT_EQ(generate_progress.shown, std::vector<std::string>{expected});
  EXPECT_EQ(result_message(generated), expected);
}
