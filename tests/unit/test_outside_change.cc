// The check that tells a relay which dropped the mask from a model that only drifts colour.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "outside_change.h"

using namespace gpt_image;

namespace {

constexpr int kSide = 200;

// A picture with gradients and a fine pattern, so a repaint cannot match it by chance.
Raster picture() {
  Raster r(kSide, kSide, 4);
  for (int y = 0; y < kSide; ++y)
    for (int x = 0; x < kSide; ++x) {
      std::uint8_t *p = r.at(x, y);
      p[0] = static_cast<std::uint8_t>(x * 255 / kSide);
      p[1] = static_cast<std::uint8_t>(y * 255 / kSide);
      p[2] = static_cast<std::uint8_t>(((x / 8 + y / 8) % 2) * 160 + 40);
      p[3] = 255;
    }
  return r;
}

// A 40x40 square in the middle: the far area (32 px and more from it) is most of the frame.
Raster centre_selection() {
  Raster s(kSide, kSide, 1, 0);
  for (int y = 80; y < 120; ++y)
    for (int x = 80; x < 120; ++x) *s.at(x, y) = 255;
  return s;
}

template <class F>
Raster mapped(const Raster &source, F f) {
  Raster out = source;
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x) f(x, y, out.at(x, y));
  return out;
}

}  // namespace

TEST(OutsideChange, AColourDriftIsNotARepaint) {
  // gain 0.8 and offset 20, as the stand-in drifts, and the selection itself painted flat.
  const Raster answer = mapped(picture(), [](int x, int y, std::uint8_t *p) {
    for (int c = 0; c < 3; ++c) p[c] = static_cast<std::uint8_t>(std::lround(p[c] * 0.8 + 20));
    if (x >= 80 && x < 120 && y >= 80 && y < 120) p[0] = p[1] = p[2] = 200;
  });
  EXPECT_FALSE(changed_far_outside(picture(), answer, centre_selection()));
  // A strong drift, darker and flatter (gain 0.7, offset -30): most pixels differ by more than
  // kChangedLevel before the fit (0.3 * v + 30 > 48 for v > 60), none after it.
  const Raster darker = mapped(picture(), [](int, int, std::uint8_t *p) {
    for (int c = 0; c < 3; ++c) p[c] = static_cast<std::uint8_t>(std::max(0L, std::lround(p[c] * 0.7 - 30)));
  });
  EXPECT_FALSE(changed_far_outside(picture(), darker, centre_selection()));
}

TEST(OutsideChange, NoiseAndAChangedBandNearTheSelectionAreNotARepaint) {
  const Raster answer = mapped(picture(), [](int x, int y, std::uint8_t *p) {
    const int noise = ((x * 7 + y * 13) % 21) - 10;  // -10..10, a model's grain
    for (int c = 0; c < 3; ++c) p[c] = static_cast<std::uint8_t>(std::clamp(p[c] + noise, 0, 255));
    if (x >= 50 && x < 150 && y >= 50 && y < 150) p[0] = p[1] = p[2] = 0;  // 30 px around it repainted
  });
  EXPECT_FALSE(changed_far_outside(picture(), answer, centre_selection()));
}

TEST(OutsideChange, AFlatRepaintOfTheWholeFrameIsARepaint) {
  const Raster answer = mapped(picture(), [](int, int, std::uint8_t *p) { p[0] = 30, p[1] = 200, p[2] = 90; });
  EXPECT_TRUE(changed_far_outside(picture(), answer, centre_selection()));
}

TEST(OutsideChange, AnotherPictureEverywhereIsARepaint) {
  // The picture mirrored both ways: same colours overall, nowhere where they were.
  const Raster original = picture();
  const Raster answer = mapped(original, [&original](int x, int y, std::uint8_t *p) {
    const std::uint8_t *q = original.at(kSide - 1 - x, kSide - 1 - y);
    p[0] = q[0], p[1] = q[1], p[2] = q[2];
  });
  EXPECT_TRUE(changed_far_outside(original, answer, centre_selection()));
}

TEST(OutsideChange, LessThanHalfOfTheFarAreaChangedIsNotARepaint) {
  // Rows above `rows` repainted with noise no colour fit can explain (a hash of the position).
  auto noise_above = [](int rows) {
    return mapped(picture(), [rows](int x, int y, std::uint8_t *p) {
      if (y >= rows) return;
      for (int c = 0; c < 3; ++c) p[c] = static_cast<std::uint8_t>((x * 73 + y * 151 + c * 97) * 2654435761u >> 24);
    });
  };
  // The far area is the frame minus the selection grown by a 32 px disc: about 30000 pixels.
  // The top 60 of 200 rows hold about 11000 of them (37%).
  EXPECT_FALSE(changed_far_outside(picture(), noise_above(60), centre_selection()));
  // The top 130 rows: about 17500 of them (58%).
  EXPECT_TRUE(changed_far_outside(picture(), noise_above(130), centre_selection()));
}

TEST(OutsideChange, TooLittleFarAreaTellsNothing) {
  // Everything selected but a 10 px border: no pixel is 32 px from the selection.
  Raster selection(kSide, kSide, 1, 0);
  for (int y = 10; y < kSide - 10; ++y)
    for (int x = 10; x < kSide - 10; ++x) *selection.at(x, y) = 255;
  const Raster answer = mapped(picture(), [](int, int, std::uint8_t *p) { p[0] = p[1] = p[2] = 0; });
  EXPECT_FALSE(changed_far_outside(picture(), answer, selection));
}
