// Colour matching on synthetic buffers: a global drift is undone, real changes are not fitted.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "color_match.h"
#include "mask_shape.h"

using namespace gpt_image;

namespace {

Raster textured(int w, int h, unsigned seed = 1) {
  std::mt19937 random(seed);
  Raster r(w, h, 4, 255);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      std::uint8_t *p = r.at(x, y);
      p[0] = static_cast<std::uint8_t>(40 + (x * 150) / w + random() % 20);
      p[1] = static_cast<std::uint8_t>(30 + (y * 180) / h + random() % 20);
      p[2] = static_cast<std::uint8_t>(60 + ((x / 8 + y / 8) % 2) * 90 + random() % 10);
    }
  return r;
}

Raster drifted(const Raster &source, double gain, double offset) {
  Raster out = source;
  for (size_t i = 0; i < out.pixels.size(); i += 4)
    for (int c = 0; c < 3; ++c)
      out.pixels[i + c] = static_cast<std::uint8_t>(std::clamp(std::lround(gain * source.pixels[i + c] + offset), 0L, 255L));
  return out;
}

Raster centre_selection(int w, int h) {
  Raster s(w, h, 1, 0);
  for (int y = h / 4; y < 3 * h / 4; ++y)
    for (int x = w / 4; x < 3 * w / 4; ++x) *s.at(x, y) = 255;
  return s;
}

double mean_abs_difference(const Raster &a, const Raster &b) {
  double sum = 0;
  for (size_t i = 0; i < a.pixels.size(); i += 4)
    for (int c = 0; c < 3; ++c) sum += std::abs(a.pixels[i + c] - b.pixels[i + c]);
  return sum / (a.pixels.size() / 4 * 3);
}

}  // namespace

TEST(ColorMatch, UndoesAGlobalGainAndOffset) {
  const Raster original = textured(200, 160);
  Raster generated = drifted(original, 0.8, 20);  // the stand-in's drift
  const Raster ring = selection_ring(centre_selection(200, 160), {0, 0, 200, 160}, 16);
  const ColorFit fit = fit_color(original, generated, ring);
  ASSERT_GE(fit.samples, kMinColorSamples);
  for (const ChannelFit &c : fit.channels) {
    EXPECT_NEAR(c.gain, 1.25, 0.03);
    EXPECT_NEAR(c.offset, -25, 3);
  }
  const double before = mean_abs_difference(original, generated);
  apply_color_fit(generated, fit);
  EXPECT_LT(mean_abs_difference(original, generated), before * 0.1);
}

TEST(ColorMatch, IgnoresWhatTheModelReallyChangedInTheRing) {
  const Raster original = textured(200, 160, 2);
  Raster generated = drifted(original, 1.1, -8);
  const Raster ring = selection_ring(centre_selection(200, 160), {0, 0, 200, 160}, 16);
  // A tenth of the ring repainted bright red: a fit must not follow it.
  int n = 0;
  for (int y = 0; y < 160; ++y)
    for (int x = 0; x < 200; ++x)
      if (*ring.at(x, y) && (n++ % 10 == 0)) {
        std::uint8_t *p = generated.at(x, y);
        p[0] = 255, p[1] = 0, p[2] = 0;
      }
  const ColorFit fit = fit_color(original, generated, ring);
  EXPECT_NEAR(fit.channels[1].gain, 1 / 1.1, 0.05);
  EXPECT_NEAR(fit.channels[1].offset, 8 / 1.1, 4);
}

TEST(ColorMatch, IdentityStaysIdentity) {
  const Raster original = textured(120, 120, 3);
  Raster generated = original;
  const ColorFit fit = fit_color(original, generated, selection_ring(centre_selection(120, 120), {0, 0, 120, 120}, 12));
  apply_color_fit(generated, fit);
  EXPECT_EQ(generated.pixels, original.pixels);
}

TEST(ColorMatch, TooFewRingPixelsMeansNoFit) {
  const Raster original = textured(40, 40);
  Raster whole(40, 40, 1, 255);  // everything selected: no ring
  Raster generated = drifted(original, 0.5, 50);
  const ColorFit fit = fit_color(original, generated, selection_ring(whole, {0, 0, 40, 40}, 8));
  EXPECT_EQ(fit.samples, 0);
  const Raster untouched = generated;
  apply_color_fit(generated, fit);
  EXPECT_EQ(generated.pixels, untouched.pixels);
}

TEST(ColorMatch, TransparentPixelsAreLeftOut) {
  Raster original = textured(100, 100, 4);
  for (int y = 0; y < 100; ++y)
    for (int x = 0; x < 100; ++x) original.at(x, y)[3] = 0;  // a transparent layer sampled alone
  const Raster generated = drifted(textured(100, 100, 4), 0.8, 20);
  EXPECT_EQ(fit_color(original, generated, selection_ring(centre_selection(100, 100), {0, 0, 100, 100}, 10)).samples, 0);
}

TEST(ColorMatch, AlphaIsNeverChanged) {
  Raster image = textured(10, 10);
  image.at(3, 3)[3] = 17;
  ColorFit fit;
  fit.samples = 100;
  fit.channels = {ChannelFit{2.0, 10}, ChannelFit{0.5, 0}, ChannelFit{1, -5}};
  apply_color_fit(image, fit);
  EXPECT_EQ(image.at(3, 3)[3], 17);
}
