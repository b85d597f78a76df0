// The one-line timing report the benchmarks read.
#include <gtest/gtest.h>

#include <vector>

#include <cstdlib>

#include "fake_image_source.h"
#include "generative_fill.h"
#include "stage_timings.h"

using namespace gpt_image;

TEST(StageTimings, OnlyWhenAskedFor) {
  unsetenv("GPT_IMAGE_TIMINGS");
  EXPECT_FALSE(stage_timings_enabled());
  setenv("GPT_IMAGE_TIMINGS", "0", 1);
  EXPECT_FALSE(stage_timings_enabled());
  setenv("GPT_IMAGE_TIMINGS", "1", 1);
  EXPECT_TRUE(stage_timings_enabled());
  unsetenv("GPT_IMAGE_TIMINGS");
}

TEST(StageTimings, OneLineWithEveryStage) {
  StageTimings t;
  t.capture_ms = 1.5, t.encode_ms = 20, t.upload_bytes = 123456, t.request_ms = 1000, t.decode_ms = 30, t.place_ms = 4;
  EXPECT_EQ(format_stage_timings(t, 54321),
            "gimp-gpt-image timings: capture_ms=1.5 encode_ms=20.0 upload_bytes=123456 request_ms=1000.0 "
            "decode_ms=30.0 place_ms=4.0 total_ms=1055.5 peak_rss_kb=54321");
}

TEST(StageTimings, PreparingAnEditMeasuresCaptureEncodeAndBytes) {
  Raster canvas(400, 300, 4, 120);
  Raster selection(400, 300, 1, 0);
  for (int y = 100; y < 150; ++y)
    for (int x = 100; x < 200; ++x) *selection.at(x, y) = 255;
  gpt_image::testing::FakeImageSource source(canvas, selection);
  FillOptions options;
  options.prompt = "x";
  const PreparedEdit edit = prepare_edit(source, options, "gpt-image-1.5");
  EXPECT_GT(edit.timings.encode_ms, 0.0);
  EXPECT_EQ(edit.timings.upload_bytes, edit.request.image_png.size() + edit.request.mask_png->size());
}

// The peak follows this process's own memory: touching a block larger than the peak so far raises
// the peak to at least the block's size.
TEST(StageTimings, PeakResidentMemoryIsThisProcesssOwn) {
  const long before = peak_resident_kb();
  ASSERT_GT(before, 0);
  const size_t block_kb = static_cast<size_t>(before) + 64 * 1024;
  std::vector<char> block(block_kb * 1024);
  for (size_t i = 0; i < block.size(); i += 4096) block[i] = 1;
  const long after = peak_resident_kb();
  EXPECT_GE(after, static_cast<long>(block_kb)) << before << " -> " << after;
  EXPECT_EQ(block[4096], 1);
}
