// How Generative Expand pastes each window's answer (expand_paste.h): two windows answering flat
// colours, and literal values worked out by hand for the ramp across their overlap.
#include <gtest/gtest.h>

#include <array>
#include <cstdlib>

#include "expand_paste.h"

using namespace gpt_image;

namespace {

using Rgba = std::array<int, 4>;
constexpr Rgba kPicture{90, 90, 90, 255}, kA{200, 40, 20, 255}, kB{20, 100, 240, 255};

Raster flat(int w, int h, const Rgba &c) {
  Raster r(w, h, 4, 0);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int ch = 0; ch < 4; ++ch) r.at(x, y)[ch] = static_cast<std::uint8_t>(c[ch]);
  return r;
}

Rgba pixel(const Raster &r, int x, int y) {
  const std::uint8_t *p = r.at(x, y);
  return {p[0], p[1], p[2], p[3]};
}

// A 50x10 picture at the left of a 175x10 canvas; window 1 (x 0..99) answers A, window 2
// (x 75..174) answers B: they overlap on x 75..99, 25 columns.
ExpandCanvas two_windows(int band) {
  ExpandCanvas c = start_expand_canvas(flat(50, 10, kPicture), {175, 10}, {0, 0, 50, 10});
  paste_window_answer(c, flat(100, 10, kA), {0, 0, 100, 10}, band);
  paste_window_answer(c, flat(100, 10, kB), {75, 0, 100, 10}, band);
  return c;
}

}  // namespace

TEST(ExpandPaste, RampsALaterWindowIntoAnEarlierOne) {
  const ExpandCanvas c = two_windows(100);
  for (int y = 0; y < 10; ++y) {
    for (int x = 50; x < 75; ++x) ASSERT_EQ(pixel(c.layer, x, y), kA) << x;    // only window 1
    for (int x = 100; x < 175; ++x) ASSERT_EQ(pixel(c.layer, x, y), kB) << x;  // window 2's own area
    // Across the overlap: the weight of B is d_edge / (d_edge + d_new), from 1/26 at x 75 (one
    // step from window 2's edge, 25 from its new area) to 25/26 at x 99.
    EXPECT_EQ(pixel(c.layer, 75, y), (Rgba{193, 42, 28, 255}));  // 200-180/26, 40+60/26, 20+220/26
    EXPECT_EQ(pixel(c.layer, 87, y), (Rgba{110, 70, 130, 255}));  // halfway: 13 and 13
    EXPECT_EQ(pixel(c.layer, 99, y), (Rgba{27, 98, 232, 255}));   // 200-180*25/26, ...
    for (int x = 50; x < 175; ++x)
      for (int ch = 0; ch < 3; ++ch) {
        const int step = c.layer.at(x, y)[ch] - c.layer.at(x - 1, y)[ch];
        EXPECT_LE(std::abs(step), 9) << "jump at x " << x;                    // |B-A| / 26, rounded
        EXPECT_TRUE(kB[ch] > kA[ch] ? step >= 0 : step <= 0) << "not monotone at x " << x;
      }
  }
}

TEST(ExpandPaste, TheNextWindowSeesTheBlendAndThePictureStays) {
  const ExpandCanvas c = two_windows(100);
  for (int x = 0; x < 175; ++x) {
    EXPECT_EQ(*c.paint.at(x, 5), 0) << x;
    if (x < 50) {
      EXPECT_EQ(pixel(c.known, x, 5), kPicture) << x;  // the picture itself is shown to later windows
      EXPECT_EQ(pixel(c.layer, x, 5), kA) << x;        // the first answer over it, for the blend band
    } else {
      EXPECT_EQ(pixel(c.known, x, 5), pixel(c.layer, x, 5)) << x;
    }
  }
}

TEST(ExpandPaste, TheRampIsAtMostTheBand) {
  const ExpandCanvas c = two_windows(10);
  // The weight of B is 1 - d_new / 10: none up to x 90, 0.5 at x 95, 0.9 at x 99.
  for (int x = 50; x <= 90; ++x) EXPECT_EQ(pixel(c.layer, x, 3), kA) << x;
  EXPECT_EQ(pixel(c.layer, 95, 3), (Rgba{110, 70, 130, 255}));
  EXPECT_EQ(pixel(c.layer, 99, 3), (Rgba{38, 94, 218, 255}));  // 200-162, 40+54, 20+198
  EXPECT_EQ(pixel(c.layer, 100, 3), kB);
}

TEST(ExpandPaste, PastTheCanvasIsNoEdge) {
  // Window 2 reaches 25 columns past the right edge, and every window's top and bottom rows lie on
  // the canvas's edge: none of these is where a window ends, so rows 0 and 9 ramp as row 5 does.
  ExpandCanvas c = start_expand_canvas(flat(50, 10, kPicture), {150, 10}, {0, 0, 50, 10});
  paste_window_answer(c, flat(100, 10, kA), {0, 0, 100, 10}, 100);
  paste_window_answer(c, flat(100, 10, kB), {75, 0, 100, 10}, 100);
  for (int y : {0, 5, 9}) EXPECT_EQ(pixel(c.layer, 87, y), (Rgba{110, 70, 130, 255})) << y;
  EXPECT_EQ(pixel(c.layer, 149, 9), kB);
}
