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

TEST(ContextPlan, FlexibleModelSendsRegionsAboveItsFloorOneToOne) {
  const auto p = plan({6000, 4000}, PixelRect{2000, 1500, 800, 600}, "gpt-image-2");
  // Margin 200: region 1200x1000 (1.2 Mpx, above the floor) rounds up to 1200x1008; the frame grows
  // to exactly that, nothing is resampled.
  EXPECT_EQ(p.region.size(), (PixelSize{1200, 1000}));
  EXPECT_EQ(p.request, (PixelSize{1200, 1008}));
  EXPECT_EQ(p.frame.size(), p.request);
  EXPECT_EQ(p.upload, p.request);
  EXPECT_TRUE(p.frame.contains(p.region));
}

TEST(ContextPlan, FlexibleModelEnlargesSmallRegionsToItsPixelFloor) {
  // Margin 75: region 450x350 = 157,500 px, below gpt-image-2's 655,360. Scale sqrt(655360/157500)
  // = 2.0399: 917.9 x 713.9, rounded up to multiples of 16: 928x720 (668,160 px).
  const auto p = plan({6000, 4000}, PixelRect{2000, 1500, 300, 200}, "gpt-image-2");
  EXPECT_EQ(p.region.size(), (PixelSize{450, 350}));
  EXPECT_EQ(p.request, (PixelSize{928, 720}));
  // The context is what the selection needs (450x350 grown to 928:720 is 451x350), not 928x720 of
  // canvas; it is enlarged to the request size for the upload and the answer is scaled back.
  EXPECT_EQ(p.frame.size(), (PixelSize{451, 350}));
  EXPECT_EQ(p.upload, (PixelSize{928, 720}));
  // The example: a 528x352 frame is never sent as it is. 185,856 px, scale 1.8778:
  // 991.5 x 661.0, rounded up to 992x672.
  EXPECT_EQ(request_size_for(describe_model("gpt-image-2"), "auto", {528, 352}, kDefaultPixelBudget),
            (PixelSize{992, 672}));
  // A long thin one: 1200x100 is clamped to 3:1 (1200x400 = 480,000 px), then scaled by 1.1685:
  // 1402.2 x 467.4, rounded up to 1408x480.
  EXPECT_EQ(request_size_for(describe_model("gpt-image-2"), "auto", {1200, 100}, kDefaultPixelBudget),
            (PixelSize{1408, 480}));
  // A pixel budget below the floor is raised to it.
  EXPECT_EQ(request_size_for(describe_model("gpt-image-2"), "auto", {4000, 4000}, 256LL * 256),
            (PixelSize{816, 816}));
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
  // Below the pixel floor the upload is the request, whatever the frame.
  EXPECT_EQ(upload_size_for({451, 350}, {928, 720}, 655360), (PixelSize{928, 720}));
  EXPECT_EQ(upload_size_for({900, 800}, {928, 816}, 655360), (PixelSize{900, 800}));  // 720,000 px
  // A one-to-one gpt-image-2 frame is the request itself.
  const auto p = plan({3000, 2000}, PixelRect{1000, 500, 800, 600}, "gpt-image-2");
  EXPECT_EQ(p.upload, p.request);
  EXPECT_EQ(p.frame.size(), p.request);
}
