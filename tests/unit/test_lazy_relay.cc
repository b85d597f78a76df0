// The whole fill against the stand-in's lazy relay (standin-lazy:...): what the relay ignored is
// found in its real answers, the result is still placed, and one note says what was ignored.
#include <gtest/gtest.h>

#include <string>

#include "fake_fill_source.h"
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

class LazyRelay : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { standin_ = new gpt_image::testing::StandInProcess(kKey); }
  static void TearDownTestSuite() { delete standin_; }

  // An opaque 400x300 picture with a 200x100 selection in the middle, filled with streaming on. The
  // frame is the selection and 50 px around it (300x200, 3:2): wide enough to hold pixels far from
  // the selection, where a repaint shows (outside_change.h).
  static FillPlacement fill(const std::string &prompt) {
    Raster canvas(400, 300, 4, 255);
    for (int y = 0; y < 300; ++y)
      for (int x = 0; x < 400; ++x) {
        canvas.at(x, y)[0] = static_cast<std::uint8_t>(x * 255 / 400);
        canvas.at(x, y)[1] = static_cast<std::uint8_t>(y * 255 / 300);
      }
    Raster selection(400, 300, 1, 0);
    for (int y = 100; y < 200; ++y)
      for (int x = 100; x < 300; ++x) *selection.at(x, y) = 255;
    gpt_image::testing::FakeFillSource source(canvas, selection);
    ConnectionSettings c;
    c.base_url = "http://127.0.0.1:" + std::to_string(standin_->port()) + "/v1";
    c.api_key = kKey;
    c.model = "gpt-image-1.5";
    c.max_retries = 0;
    FillOptions o;
    o.prompt = prompt;
    o.partial_images = 2;
    QuietProgress progress;
    return run_generative_fill(source, o, c, progress);
  }

  static gpt_image::testing::StandInProcess *standin_;
};

gpt_image::testing::StandInProcess *LazyRelay::standin_ = nullptr;

::testing::AssertionResult says(const FillPlacement &placed, const std::string &words) {
  if (placed.notes.size() == 1 && placed.notes[0].find(words) != std::string::npos)
    return ::testing::AssertionSuccess();
  std::string all;
  for (const std::string &note : placed.notes) all += "\n  " + note;
  return ::testing::AssertionFailure() << "no single note saying \"" << words << "\"; notes:" << all;
}

}  // namespace

TEST_F(LazyRelay, AnHonestServerGetsNoNote) {
  const FillPlacement placed = fill("a pear");
  EXPECT_TRUE(placed.notes.empty()) << placed.notes[0];
}

TEST_F(LazyRelay, IgnoredSizeAndStreamArePlacedAndSaidOnce) {
  const FillPlacement placed = fill("a pear standin-lazy:size,stream");
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
  const FillPlacement placed = fill("a pear standin-lazy:background");
  ASSERT_EQ(placed.layers.size(), 1u);
  EXPECT_TRUE(fully_opaque(placed.layers[0]));
  EXPECT_TRUE(says(placed, "background (asked opaque, answered with transparency; laid over the original)"));
}

TEST_F(LazyRelay, AnIgnoredMaskIsSaid) {
  EXPECT_TRUE(says(fill("a pear standin-lazy:mask"), "the mask (the answer repainted the picture"));
}
