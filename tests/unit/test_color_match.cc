// Colour matching on synthetic buffers: a global drift is undone, real changes are not fitted.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

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

// The colour fit as it was before it counted value pairs (b1592fb): every sample kept as doubles,
// quantiles by nth_element on copies. fit_color() must give the same line.
namespace reference {
struct Sample {
  double generated, original;
};

ChannelFit least_squares(const std::vector<Sample> &samples) {
  double sg = 0, so = 0;
  for (const Sample &s : samples) sg += s.generated, so += s.original;
  const double n = static_cast<double>(samples.size());
  const double mg = sg / n, mo = so / n;
  double covariance = 0, variance = 0;
  for (const Sample &s : samples) {
    covariance += (s.generated - mg) * (s.original - mo);
    variance += (s.generated - mg) * (s.generated - mg);
  }
  ChannelFit fit;
  if (variance / n >= 1.0) fit.gain = std::clamp(covariance / variance, 0.5, 2.0);
  fit.offset = mo - fit.gain * mg;
  return fit;
}

double quantile(std::vector<double> values, double q) {
  const size_t k = static_cast<size_t>(q * static_cast<double>(values.size() - 1));
  std::nth_element(values.begin(), values.begin() + static_cast<long>(k), values.end());
  return values[k];
}

ChannelFit robust_fit(const std::vector<Sample> &samples) {
  std::vector<double> generated, original;
  for (const Sample &s : samples) generated.push_back(s.generated), original.push_back(s.original);
  ChannelFit fit;
  const double spread_g = quantile(generated, 0.75) - quantile(generated, 0.25);
  const double spread_o = quantile(original, 0.75) - quantile(original, 0.25);
  if (spread_g >= 1.0) fit.gain = std::clamp(spread_o / spread_g, 0.5, 2.0);
  fit.offset = quantile(original, 0.5) - fit.gain * quantile(generated, 0.5);
  for (int round = 0; round < 2; ++round) {
    std::vector<double> residuals;
    for (const Sample &s : samples) residuals.push_back(std::fabs(s.original - (fit.gain * s.generated + fit.offset)));
    const double limit = 3.0 * 1.4826 * quantile(residuals, 0.5) + 1.0;
    std::vector<Sample> kept;
    for (size_t i = 0; i < samples.size(); ++i)
      if (residuals[i] <= limit) kept.push_back(samples[i]);
    if (kept.size() < static_cast<size_t>(kMinColorSamples)) break;
    fit = least_squares(kept);
  }
  return fit;
}

ColorFit fit_color(const Raster &original, const Raster &generated, const Raster &ring) {
  ColorFit fit;
  std::vector<Sample> samples[3];
  for (int y = 0; y < ring.height; ++y)
    for (int x = 0; x < ring.width; ++x) {
      if (!*ring.at(x, y)) continue;
      const std::uint8_t *o = original.at(x, y), *g = generated.at(x, y);
      if (o[3] < 250 || g[3] < 250) continue;
      for (int c = 0; c < 3; ++c) samples[c].push_back({static_cast<double>(g[c]), static_cast<double>(o[c])});
    }
  if (samples[0].size() < static_cast<size_t>(kMinColorSamples)) return fit;
  for (int c = 0; c < 3; ++c) fit.channels[c] = robust_fit(samples[c]);
  fit.samples = static_cast<int>(samples[0].size());
  return fit;
}
}  // namespace reference

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

// Counting value pairs must not change the fit: the same line as the per-sample fit, on rings with
// drift, ties (few distinct values), repainted outliers and partly transparent pixels.
TEST(ColorMatch, CountingPairsFitsTheSameLineAsKeepingEverySample) {
  std::mt19937 random(11);
  for (int round = 0; round < 30; ++round) {
    const int w = 60 + static_cast<int>(random() % 140), h = 60 + static_cast<int>(random() % 140);
    Raster original = textured(w, h, 100 + round);
    if (round % 3 == 0)  // few distinct values: many ties at every quantile
      for (size_t i = 0; i < original.pixels.size(); ++i)
        if (i % 4 != 3) original.pixels[i] = static_cast<std::uint8_t>(original.pixels[i] / 32 * 32);
    Raster generated = drifted(original, 0.7 + 0.02 * round, -20.0 + round);
    for (size_t i = 0; i < generated.pixels.size(); i += 4) {
      if (static_cast<int>(random() % 100) < 5 + round % 25)  // repainted: an outlier the fit must reject
        for (int c = 0; c < 3; ++c) generated.pixels[i + c] = static_cast<std::uint8_t>(random() % 256);
      if (random() % 50 == 0) generated.pixels[i + 3] = static_cast<std::uint8_t>(random() % 250);
    }
    Raster ring(w, h, 1, 0);
    for (size_t i = 0; i < ring.pixels.size(); ++i) ring.pixels[i] = random() % 3 == 0 ? 255 : 0;
    const ColorFit expected = reference::fit_color(original, generated, ring);
    const ColorFit fit = fit_color(original, generated, ring);
    ASSERT_EQ(fit.samples, expected.samples) << "round " << round;
    for (int c = 0; c < 3; ++c) {
      EXPECT_NEAR(fit.channels[c].gain, expected.channels[c].gain, 1e-9) << "round " << round << ", channel " << c;
      EXPECT_NEAR(fit.channels[c].offset, expected.channels[c].offset, 1e-7) << "round " << round << ", channel " << c;
    }
  }
}
