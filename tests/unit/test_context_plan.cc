#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "context_plan.h"
#include "errors.h"

using namespace gpt_image;

namespace {

ContextPlan plan(PixelSize canvas, std::optional<PixelRect> selection, const std::string &model,
                 const std::string &size = "auto", long long budget = kDefaultPixelBudget) {
  PlanInput input;
  input.canvas = canvas;
  input.selection = selection;
  input.model = describe_model(model);
  input.size = size;
  input.pixel_budget = budget;
  return plan_context(input);
}

// The frame must show the request's aspect up to rounding of the dimension that was grown.
void expect_aspect(const PixelRect &frame, PixelSize request) {
  const double height_error = std::fabs(double(frame.width) * request.height / request.width - frame.height);
  const double width_error = std::fabs(double(frame.height) * request.width / request.height - frame.width);
  EXPECT_LE(std::min(height_error, width_error), 1.0)
      << "frame " << frame.width << "x" << frame.height << " for " << format_size(request);
}

}  // namespace

TEST(ContextPlan, MarginIsAQuarterOfTheLargerSideAtLeast32) {
  EXPECT_EQ(context_margin({0, 0, 200, 150}), 50);
  EXPECT_EQ(context_margin({0, 0, 10, 10}), 32);
  EXPECT_EQ(context_margin({0, 0, 300, 2000}), 500);
}

TEST(ContextPlan, StandardModelPicksNearestAspectAndGrowsContext) {
  const auto p = plan({800, 600}, PixelRect{300, 200, 200, 150}, "gpt-image-1.5");
  EXPECT_EQ(p.region, (PixelRect{250, 150, 300, 250}));
  EXPECT_EQ(p.request, (PixelSize{1024, 1024}));
  EXPECT_EQ(p.frame, (PixelRect{250, 125, 300, 300}));
  EXPECT_EQ(p.captured, p.frame);
}

TEST(ContextPlan, FrameIsPushedBackOntoTheCanvasNearAnEdge) {
  const auto p = plan({800, 600}, PixelRect{40, 40, 120, 80}, "gpt-image-1");
  EXPECT_EQ(p.request, (PixelSize{1536, 1024}));
  EXPECT_EQ(p.frame, (PixelRect{0, 8, 216, 144}));
}

TEST(ContextPlan, PadsWhenTheCanvasIsTooSmallForTheAspect) {
  const auto p = plan({800, 600}, std::nullopt, "gpt-image-1.5");
  EXPECT_EQ(p.request, (PixelSize{1536, 1024}));
  EXPECT_EQ(p.frame, (PixelRect{-50, 0, 900, 600}));
  EXPECT_EQ(p.captured, (PixelRect{0, 0, 800, 600}));
}

TEST(ContextPlan, SmallSelectionOnAPhotoStaysSmall) {
  const auto p = plan({6000, 4000}, PixelRect{2000, 1500, 300, 200}, "gpt-image-1.5");
  EXPECT_EQ(p.request, (PixelSize{1536, 1024}));
  EXPECT_EQ(p.frame, (PixelRect{1888, 1425, 525, 350}));
}

TEST(ContextPlan, PortraitSelectionGetsPortraitSize) {
  const auto p = plan({4000, 4000}, PixelRect{1000, 1000, 200, 500}, "gpt-image-1-mini");
  EXPECT_EQ(p.request, (PixelSize{1024, 1536}));
  expect_aspect(p.frame, p.request);
}

TEST(ContextPlan, ExplicitSizeSetsTheAspect) {
  const auto p = plan({800, 600}, PixelRect{300, 200, 200, 150}, "gpt-image-1.5", "1024x1536");
  EXPECT_EQ(p.request, (PixelSize{1024, 1536}));
  EXPECT_TRUE(p.frame.contains(p.region));
  expect_aspect(p.frame, p.request);
  EXPECT_THROW(plan({800, 600}, PixelRect{300, 200, 200, 150}, "gpt-image-1.5", "640x480"), GenerativeError);
}

TEST(ContextPlan, FlexibleModelSendsSmallRegionsOneToOne) {
  const auto p = plan({6000, 4000}, PixelRect{2000, 1500, 300, 200}, "gpt-image-2");
  // Region 450x350 rounds up to 464x352: the frame grows to exactly that, nothing is resampled.
  EXPECT_EQ(p.request, (PixelSize{464, 352}));
  EXPECT_EQ(p.frame.size(), p.request);
  EXPECT_TRUE(p.frame.contains(p.region));
}

TEST(ContextPlan, FlexibleModelStaysWithinThePixelBudget) {
  const auto p = plan({6000, 4000}, std::nullopt, "gpt-image-2");
  EXPECT_LE(static_cast<long long>(p.request.width) * p.request.height, kDefaultPixelBudget);
  EXPECT_EQ(p.request.width % 16, 0);
  EXPECT_EQ(p.request.height % 16, 0);
  expect_aspect(p.frame, p.request);
  const auto big = plan({6000, 4000}, std::nullopt, "gpt-image-2", "auto", 3840LL * 2160);
  EXPECT_GT(big.request.width, p.request.width);
  EXPECT_LE(big.request.width, kFlexibleMaxLongEdge);
}

TEST(ContextPlan, FlexibleModelClampsExtremeAspects) {
  const auto p = plan({5000, 5000}, PixelRect{100, 2000, 4000, 40}, "gpt-image-2");
  EXPECT_LE(p.request.width, 3 * p.request.height);
  EXPECT_NO_THROW(validate_size_for_model(describe_model("gpt-image-2"), format_size(p.request)));
  expect_aspect(p.frame, p.request);
}

TEST(ContextPlan, DallE2GetsTheSmallestSufficientSquare) {
  const auto p = plan({800, 600}, PixelRect{300, 200, 100, 100}, "dall-e-2");
  EXPECT_EQ(p.request, (PixelSize{256, 256}));
  EXPECT_EQ(p.frame.width, p.frame.height);
}

TEST(ContextPlan, RejectsSelectionsOffTheCanvasAndEmptyImages) {
  EXPECT_THROW(plan({800, 600}, PixelRect{900, 700, 10, 10}, "gpt-image-1"), GenerativeError);
  EXPECT_THROW(plan({0, 600}, std::nullopt, "gpt-image-1"), GenerativeError);
}

// Whatever the canvas and selection: the frame contains the region, has the request's aspect,
// covers the canvas where it overflows, and the request size is one the model accepts.
TEST(ContextPlan, InvariantsHoldForRandomInputs) {
  std::mt19937 random(42);
  for (const char *model : {"gpt-image-1.5", "gpt-image-2", "dall-e-2"}) {
    for (int i = 0; i < 2000; ++i) {
      const PixelSize canvas{1 + static_cast<int>(random() % 5000), 1 + static_cast<int>(random() % 5000)};
      const int x = random() % canvas.width, y = random() % canvas.height;
      const PixelRect selection{x, y, 1 + static_cast<int>(random() % (canvas.width - x)),
                                1 + static_cast<int>(random() % (canvas.height - y))};
      const auto p = plan(canvas, random() % 5 ? std::optional<PixelRect>(selection) : std::nullopt, model);
      ASSERT_TRUE(p.frame.contains(p.region)) << model << " " << i;
      ASSERT_NO_THROW(validate_size_for_model(describe_model(model), format_size(p.request)));
      expect_aspect(p.frame, p.request);
      const PixelRect canvas_rect{0, 0, canvas.width, canvas.height};
      ASSERT_EQ(p.captured, p.frame.intersected(canvas_rect));
      if (p.frame.width > canvas.width) {
        ASSERT_TRUE(p.frame.x <= 0 && p.frame.right() >= canvas.width);
      } else {
        ASSERT_TRUE(p.frame.x >= 0 && p.frame.right() <= canvas.width);
      }
    }
  }
}

TEST(ContextPlan, RequestSizeForATargetShape) {
  const ImageModel standard = describe_model("gpt-image-1.5");
  EXPECT_EQ(request_size_for(standard, "auto", {1080, 1920}, kDefaultPixelBudget), (PixelSize{1024, 1536}));
  EXPECT_EQ(request_size_for(standard, "auto", {1200, 630}, kDefaultPixelBudget), (PixelSize{1536, 1024}));
  EXPECT_EQ(request_size_for(standard, "1024x1024", {1200, 630}, kDefaultPixelBudget), (PixelSize{1024, 1024}));
  const ImageModel flexible = describe_model("gpt-image-2");
  const PixelSize story = request_size_for(flexible, "auto", {1080, 1920}, kDefaultPixelBudget);
  EXPECT_EQ(story.width % 16, 0);
  EXPECT_NEAR(static_cast<double>(story.height) / story.width, 1920.0 / 1080, 0.05);
}

TEST(ContextPlan, SendsASmallFrameAtItsOwnResolution) {
  // 300x200 in the middle of 6000x4000: the frame (525x350) is far below 1536x1024.
  const auto p = plan({6000, 4000}, PixelRect{2850, 1900, 300, 200}, "gpt-image-1.5");
  EXPECT_EQ(p.request, (PixelSize{1536, 1024}));
  EXPECT_EQ(p.frame.size(), (PixelSize{525, 350}));
  EXPECT_EQ(p.upload, p.frame.size());
}

TEST(ContextPlan, ScalesALargeFrameDownToTheRequestSize) {
  const auto p = plan({6000, 4000}, PixelRect{0, 0, 3000, 4000}, "gpt-image-1.5");
  EXPECT_EQ(p.upload, p.request);
  const auto whole = plan({6000, 4000}, std::nullopt, "gpt-image-1");
  EXPECT_EQ(whole.upload, (PixelSize{1536, 1024}));
}

TEST(ContextPlan, EnlargesATinyFrameByAWholeFactor) {
  const auto p = plan({800, 600}, PixelRect{40, 40, 120, 80}, "gpt-image-1");
  EXPECT_EQ(p.frame.size(), (PixelSize{216, 144}));
  EXPECT_EQ(p.upload, (PixelSize{216, 144}));  // above the minimum: as it is
  const auto tiny = plan({10, 10}, std::nullopt, "gpt-image-1.5");
  EXPECT_EQ(tiny.upload, (PixelSize{130, 130}));  // 13 times
  const auto dot = plan({800, 600}, PixelRect{400, 300, 1, 1}, "gpt-image-1.5");
  EXPECT_EQ(dot.frame.size(), (PixelSize{65, 65}));
  EXPECT_EQ(dot.upload, (PixelSize{130, 130}));  // twice
}

TEST(ContextPlan, UploadSizeNeverExceedsTheRequestAndKeepsItsAspect) {
  EXPECT_EQ(upload_size_for({100, 100}, {256, 256}), (PixelSize{200, 200}));
  EXPECT_EQ(upload_size_for({100, 100}, {150, 150}), (PixelSize{150, 150}));  // twice would pass it
  EXPECT_EQ(upload_size_for({200, 200}, {256, 256}), (PixelSize{200, 200}));
  EXPECT_EQ(upload_size_for({1000, 1000}, {1024, 1024}), (PixelSize{1000, 1000}));
  EXPECT_EQ(upload_size_for({1024, 1024}, {1024, 1024}), (PixelSize{1024, 1024}));
  EXPECT_EQ(upload_size_for({60, 180}, {1024, 1536}), (PixelSize{180, 540}));
  // A one-to-one gpt-image-2 frame is the request itself.
  const auto p = plan({800, 600}, PixelRect{300, 200, 200, 150}, "gpt-image-2");
  EXPECT_EQ(p.upload, p.request);
  EXPECT_EQ(p.frame.size(), p.request);
}
