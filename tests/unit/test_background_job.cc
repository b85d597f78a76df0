// The worker's reports reach the main thread's sink; a flood of previews never queues up there.
#include <gtest/gtest.h>

#include <vector>

#include "background_job.h"

using namespace gpt_image;

namespace {

class MainSink : public ProgressSink {
 public:
  void set_text(const std::string &text) override { last_text = text; }
  void set_fraction(double) override {}
  void pulse() override {}
  void preview(int index, const Raster *picture) override {
    indices.push_back(index);
    sizes.push_back(picture ? picture->size() : PixelSize{0, 0});
  }
  bool wants_preview_pixels() const override { return true; }
  std::string last_text;
  std::vector<int> indices;
  std::vector<PixelSize> sizes;
};

}  // namespace

TEST(BackgroundJob, OnlyTheLatestPreviewIsHandedToTheMainThread) {
  MainSink sink;
  run_in_background(
      [](ProgressSink &worker) {
        EXPECT_TRUE(worker.wants_preview_pixels());  // the main sink's wish reaches the worker
        for (int i = 0; i < 200; ++i) {
          const Raster picture(8 + i, 8, 4, 0);
          worker.preview(i, &picture);
        }
        worker.set_text("done");
        return ImagesResult{};
      },
      sink);
  // 200 previews sent within one tick of the main loop: the main thread sees the last one only.
  ASSERT_FALSE(sink.indices.empty());
  EXPECT_LE(sink.indices.size(), 2u);
  EXPECT_EQ(sink.indices.back(), 199);
  EXPECT_EQ(sink.sizes.back(), (PixelSize{207, 8}));  // the picture came along, whole
  EXPECT_EQ(sink.last_text, "done");
}

TEST(BackgroundJob, AFailureOnTheWorkerIsRethrownOnTheCaller) {
  MainSink sink;
  EXPECT_THROW(run_in_background([](ProgressSink &) -> ImagesResult { throw std::runtime_error("boom"); }, sink),
               std::runtime_error);
}
