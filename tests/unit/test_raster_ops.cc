#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "raster_ops.h"

using namespace gpt_image;

namespace {

// A smooth picture with detail at several scales, so resampling errors show.
Raster pattern(int w, int h) {
  Raster r(w, h, 4);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      auto *p = r.at(x, y);
      p[0] = static_cast<std::uint8_t>(128 + 100 * std::sin(x * 0.05));
      p[1] = static_cast<std::uint8_t>(128 + 100 * std::cos(y * 0.07));
      p[2] = static_cast<std::uint8_t>((x + y) * 255 / (w + h));
      p[3] = 255;
    }
  return r;
}

double psnr(const Raster &a, const Raster &b) {
  double sum = 0;
  for (size_t i = 0; i < a.pixels.size(); ++i) {
    const double d = static_cast<double>(a.pixels[i]) - b.pixels[i];
    sum += d * d;
  }
  const double mse = sum / a.pixels.size();
  return mse == 0 ? 99.0 : 10 * std::log10(255.0 * 255.0 / mse);
}

}  // namespace

TEST(RasterOps, PadToFrameRepeatsEdgePixels) {
  Raster captured(2, 1, 1);
  captured.pixels = {10, 20};
  const Raster out = pad_to_frame(captured, {5, 5, 2, 1}, {4, 4, 4, 3});
  ASSERT_EQ(out.size(), (PixelSize{4, 3}));
  for (int y = 0; y < 3; ++y) {
    EXPECT_EQ(*out.at(0, y), 10);
    EXPECT_EQ(*out.at(1, y), 10);
    EXPECT_EQ(*out.at(2, y), 20);
    EXPECT_EQ(*out.at(3, y), 20);
  }
}

TEST(RasterOps, SelectionBecomesTransparentWhereTheEditGoes) {
  Raster selection(3, 1, 1);
  selection.pixels = {255, 0, 128};
  const Raster mask = selection_to_edit_mask(selection);
  ASSERT_EQ(mask.channels, 4);
  EXPECT_EQ(mask.at(0, 0)[3], 0);
  EXPECT_EQ(mask.at(1, 0)[3], 255);
  EXPECT_EQ(mask.at(2, 0)[3], 127);
}

TEST(RasterOps, SameSizeScaleIsAnExactCopy) {
  const Raster src = pattern(50, 40);
  const Raster out = scale_raster(src, src.size(), {10, 5, 20, 30});
  EXPECT_EQ(out.pixels, crop_raster(src, {10, 5, 20, 30}).pixels);
}

TEST(RasterOps, FlatColourStaysFlatAndOpaqueToTheEdges) {
  Raster flat(37, 23, 4);
  for (size_t i = 0; i < flat.pixels.size(); i += 4) flat.pixels[i] = 200, flat.pixels[i + 3] = 255;
  const Raster up = scale_raster(flat, {101, 77});
  for (size_t i = 0; i < up.pixels.size(); i += 4) {
    ASSERT_NEAR(up.pixels[i], 200, 1);
    ASSERT_EQ(up.pixels[i + 3], 255) << "edges must not fade into transparency";
  }
}

// The core of "scale back": up to the request size and down again lands on the same pixels.
TEST(RasterOps, ScaleUpAndBackIsAligned) {
  const Raster src = pattern(300, 200);
  const Raster back = scale_raster(scale_raster(src, {1536, 1024}), src.size());
  EXPECT_GT(psnr(src, back), 35.0);
  // A one-pixel shift would do much worse than the round trip: the test can tell.
  const Raster shifted = pad_to_frame(crop_raster(src, {1, 0, 299, 200}), {1, 0, 299, 200}, {0, 0, 300, 200});
  EXPECT_LT(psnr(src, shifted), psnr(src, back) - 5);
}

TEST(RasterOps, RegionOfInterestMatchesTheFullScale) {
  const Raster src = pattern(120, 90);
  const Raster full = scale_raster(src, {300, 200});
  const Raster part = scale_raster(src, {300, 200}, {40, 30, 100, 50});
  EXPECT_GT(psnr(crop_raster(full, {40, 30, 100, 50}), part), 45.0);
}

TEST(RasterOps, SingleChannelScales) {
  Raster mask(10, 10, 1, 0);
  for (int y = 0; y < 10; ++y)
    for (int x = 5; x < 10; ++x) *mask.at(x, y) = 255;
  const Raster big = scale_raster(mask, {100, 100});
  EXPECT_EQ(big.channels, 1);
  EXPECT_LE(*big.at(10, 50), 2);
  EXPECT_GE(*big.at(90, 50), 253);
}

TEST(RasterOps, FeatherSoftensTheEdgeOverAboutTheRadius) {
  Raster mask(100, 20, 1, 0);
  for (int y = 0; y < 20; ++y)
    for (int x = 50; x < 100; ++x) *mask.at(x, y) = 255;
  EXPECT_EQ(feather_mask(mask, 0).pixels, mask.pixels);
  const Raster soft = feather_mask(mask, 10);
  EXPECT_LE(*soft.at(35, 10), 2);    // well outside: still nothing
  EXPECT_GE(*soft.at(64, 10), 253);  // well inside: still everything
  EXPECT_GT(*soft.at(47, 10), 40);   // just outside: partly
  EXPECT_LT(*soft.at(52, 10), 215);  // just inside: partly
  EXPECT_GE(*soft.at(99, 0), 253);   // corners do not fade into the canvas edge
}

// Generate Layer's answers are fitted into their target, never stretched.
TEST(RasterOps, FitIntoLetterboxesWithoutDistortion) {
  Raster wide(300, 100, 4, 255);  // 3:1, opaque white
  const Raster fitted = fit_into(wide, {300, 300});
  ASSERT_EQ(fitted.size(), (PixelSize{300, 300}));
  EXPECT_EQ(fitted.at(150, 10)[3], 0);    // transparent band above
  EXPECT_EQ(fitted.at(150, 150)[3], 255);  // the picture in the middle, full width
  EXPECT_EQ(fitted.at(0, 150)[3], 255);
  EXPECT_EQ(fitted.at(150, 290)[3], 0);   // and below
  const Raster same = fit_into(wide, {600, 200});  // same aspect: fills the target exactly
  EXPECT_EQ(same.at(0, 0)[3], 255);
  EXPECT_EQ(same.at(599, 199)[3], 255);
}

// Where each output pixel samples the input, checked against arithmetic rather than against the
// resampler itself: Lanczos-3 reproduces a linear ramp (to about 0.1 of a level away from the
// edges), so output pixel i must hold the ramp's value at input position (i + 0.5) * in / out - 0.5.
// Half a pixel off in either coordinate system misses it by a level or more.
namespace {
void expect_ramp_lands_where_it_should(int in_width, int in_height, PixelSize out, double slope_x, double slope_y) {
  Raster ramp(in_width, in_height, 4);
  for (int y = 0; y < in_height; ++y)
    for (int x = 0; x < in_width; ++x) {
      std::uint8_t *p = ramp.at(x, y);
      p[0] = static_cast<std::uint8_t>(std::lround(10 + slope_x * x));
      p[1] = static_cast<std::uint8_t>(std::lround(10 + slope_y * y));
      p[2] = 128, p[3] = 255;
    }
  const Raster scaled = scale_raster(ramp, out);
  const double sx = static_cast<double>(in_width) / out.width, sy = static_cast<double>(in_height) / out.height;
  // Far enough from the edges that clamping (edge pixels repeated) plays no part.
  const double margin = 4 * std::max(1.0, std::max(sx, sy));
  int checked = 0;
  for (int j = 0; j < out.height; ++j)
    for (int i = 0; i < out.width; ++i) {
      const double at_x = (i + 0.5) * sx - 0.5, at_y = (j + 0.5) * sy - 0.5;
      if (at_x < margin || at_x > in_width - 1 - margin || at_y < margin || at_y > in_height - 1 - margin) continue;
      ASSERT_NEAR(scaled.at(i, j)[0], 10 + slope_x * at_x, 0.75) << "x ramp at output " << i << "," << j;
      ASSERT_NEAR(scaled.at(i, j)[1], 10 + slope_y * at_y, 0.75) << "y ramp at output " << i << "," << j;
      ++checked;
    }
  EXPECT_GT(checked, 100);
}
}  // namespace

TEST(RasterOps, AnUpscaledRampSamplesTheRightPositions) {
  expect_ramp_lands_where_it_should(64, 48, {160, 120}, 3.0, 4.0);
}

TEST(RasterOps, ADownscaledRampSamplesTheRightPositions) {
  expect_ramp_lands_where_it_should(200, 180, {80, 72}, 1.0, 1.1);
}

TEST(RasterOps, FullyOpaqueLooksAtEveryAlpha) {
  Raster r(3, 2, 4, 255);
  EXPECT_TRUE(fully_opaque(r));
  *(r.at(2, 1) + 3) = 254;
  EXPECT_FALSE(fully_opaque(r));
  EXPECT_TRUE(fully_opaque(Raster(3, 2, 1, 0)));  // a mask has no alpha
}

// Values worked out by hand with out = (a * answer + (255 - a) * under) / 255 over an opaque under.
TEST(RasterOps, CompositeOverLaysATransparentAnswerOnTheOriginal) {
  Raster under(3, 1, 4, 255);
  for (int x = 0; x < 3; ++x) {
    std::uint8_t *p = under.at(x, 0);
    p[0] = 10, p[1] = 20, p[2] = 30;
  }
  Raster answer(3, 1, 4);
  const std::uint8_t pixels[] = {200, 100, 0, 0,  200, 100, 0, 128,  200, 100, 0, 255};
  std::copy(std::begin(pixels), std::end(pixels), answer.pixels.begin());
  ASSERT_TRUE(composite_over(answer, under));
  const std::vector<std::uint8_t> expected = {
      10, 20, 30, 255,   // alpha 0: the original
      105, 60, 15, 255,  // (200*128 + 10*127)/255 = 105.4, (100*128 + 20*127)/255 = 60.2, 30*127/255 = 14.9
      200, 100, 0, 255,  // opaque: the answer
  };
  EXPECT_EQ(answer.pixels, expected);
}

TEST(RasterOps, CompositeOverLeavesAnOpaqueAnswerAlone) {
  Raster under(2, 2, 4, 9);
  Raster answer(2, 2, 4, 255);
  answer.pixels[0] = 77;
  const Raster before = answer;
  EXPECT_FALSE(composite_over(answer, under));
  EXPECT_EQ(answer.pixels, before.pixels);
}
