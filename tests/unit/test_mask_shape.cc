// The layer mask's edge: growing, feathering, the ring colours are compared on, and the defaults.
#include <gtest/gtest.h>

#include <cmath>
#include <utility>
#include <vector>

#include "mask_shape.h"
#include "raster_ops.h"

using namespace gpt_image;

namespace {

Raster disc(int size, double cx, double cy, double r, std::uint8_t value = 255) {
  Raster m(size, size, 1, 0);
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x)
      if (std::hypot(x + 0.5 - cx, y + 0.5 - cy) <= r) *m.at(x, y) = value;
  return m;
}

int count_set(const Raster &m) {
  int n = 0;
  for (auto v : m.pixels) n += v > 0;
  return n;
}

}  // namespace

TEST(MaskShape, ZeroGrowAndFeatherLeaveTheSelectionExactly) {
  Raster soft = disc(64, 32, 32, 20, 255);
  for (int x = 0; x < 64; ++x) *soft.at(x, 10) = static_cast<std::uint8_t>(x * 4);  // partial values
  EXPECT_EQ(shape_mask(soft, 0, 0).pixels, soft.pixels);
}

TEST(MaskShape, DilationIsADisc) {
  Raster dot(41, 41, 1, 0);
  *dot.at(20, 20) = 200;
  const Raster grown = dilate_mask(dot, 5);
  for (int y = 0; y < 41; ++y)
    for (int x = 0; x < 41; ++x) {
      const bool inside = (x - 20) * (x - 20) + (y - 20) * (y - 20) <= 25;
      ASSERT_EQ(*grown.at(x, y), inside ? 200 : 0) << x << "," << y;
    }
}

TEST(MaskShape, GrowingMovesTheEdgeOutByTheRadius) {
  const Raster grown = dilate_mask(disc(100, 50, 50, 20), 4);
  const Raster expected = disc(100, 50, 50, 24);
  int differing = 0;
  for (size_t i = 0; i < grown.pixels.size(); ++i) differing += (grown.pixels[i] > 0) != (expected.pixels[i] > 0);
  EXPECT_LE(differing, 40) << "pixels where a disc grown by 4 differs from a disc 4 larger";
  EXPECT_GT(count_set(grown), count_set(disc(100, 50, 50, 20)));
}

TEST(MaskShape, SoftSelectionsKeepTheirPartialValues) {
  Raster soft(30, 30, 1, 0);
  for (int y = 10; y < 20; ++y)
    for (int x = 10; x < 20; ++x) *soft.at(x, y) = 100;
  const Raster grown = dilate_mask(soft, 3);
  EXPECT_EQ(*grown.at(15, 15), 100);
  EXPECT_EQ(*grown.at(8, 15), 100);  // grown, still partial: not thresholded to 255
  EXPECT_EQ(*grown.at(5, 15), 0);
}

TEST(MaskShape, FeatheringSoftensBothSidesOfTheEdge) {
  const Raster hard = disc(80, 40, 40, 20);
  const Raster soft = shape_mask(hard, 0, 6);
  EXPECT_GT(*soft.at(40, 40), 250);                        // deep inside stays selected
  EXPECT_LT(*soft.at(40 + 19, 40), 255);                   // just inside the edge is softened
  EXPECT_GT(*soft.at(40 + 21, 40), 0);                     // just outside gets a little
  EXPECT_EQ(*soft.at(2, 2), 0);                            // far away stays unselected
}

TEST(MaskShape, RingLiesOutsideTheSelectionAndInsideTheKnownPart) {
  const Raster selection = disc(100, 50, 50, 20);
  const Raster ring = selection_ring(selection, {0, 0, 60, 100}, 8);
  int in_ring = 0;
  for (int y = 0; y < 100; ++y)
    for (int x = 0; x < 100; ++x) {
      if (!*ring.at(x, y)) continue;
      ++in_ring;
      EXPECT_EQ(*selection.at(x, y), 0) << "ring pixel inside the selection at " << x << "," << y;
      EXPECT_LT(x, 60) << "ring pixel outside the known part";
      EXPECT_LE(std::hypot(x + 0.5 - 50, y + 0.5 - 50), 20 + 8 + 1.5);
    }
  EXPECT_GT(in_ring, 300);
}

TEST(MaskShape, DefaultsScaleWithTheSelection) {
  EXPECT_EQ(auto_mask_grow({0, 0, 200, 150}), 2);
  EXPECT_EQ(auto_feather_radius({0, 0, 200, 150}), 3);
  EXPECT_EQ(auto_mask_grow({0, 0, 1000, 800}), 9);
  EXPECT_EQ(auto_feather_radius({0, 0, 1000, 800}), 18);
  EXPECT_EQ(auto_mask_grow({0, 0, 1, 1}), 1);       // at least
  EXPECT_EQ(auto_feather_radius({0, 0, 1, 1}), 2);
  EXPECT_EQ(auto_mask_grow({0, 0, 10000, 10000}), 16);  // at most
  EXPECT_EQ(auto_feather_radius({0, 0, 10000, 10000}), 32);
}

namespace {

// A selection with everything the tiles must get right: a large hard ellipse reaching the right
// and bottom edges, a soft (partially selected) band, a single pixel and a thin line, on a canvas
// that is no whole number of tiles.
Raster mixed_selection() {
  Raster m(611, 437, 1, 0);
  for (int y = 0; y < m.height; ++y)
    for (int x = 0; x < m.width; ++x) {
      if (std::hypot((x - 420.0) / 230.0, (y - 300.0) / 170.0) <= 1.0) *m.at(x, y) = 255;
      if (x >= 40 && x < 200 && y >= 30 && y < 90) *m.at(x, y) = static_cast<std::uint8_t>(x - 40);
    }
  *m.at(5, 400) = 255;
  for (int x = 0; x < 300; ++x) *m.at(x, 200) = 180;
  return m;
}

}  // namespace

// shape_mask works tile by tile and skips tiles far from any edge; the whole-mask grow and feather
// (dilate_mask, then feather_mask) is the reference it must equal exactly.
TEST(MaskShape, TiledShapingEqualsTheWholeMaskBitForBit) {
  const Raster selection = mixed_selection();
  for (const auto &[grow, feather] : std::vector<std::pair<int, int>>{{0, 3}, {4, 0}, {2, 3}, {16, 32}, {9, 60}}) {
    const Raster expected = feather_mask(dilate_mask(selection, grow), feather);
    const Raster shaped = shape_mask(selection, grow, feather);
    ASSERT_EQ(shaped.size(), expected.size());
    size_t differing = 0;
    for (size_t i = 0; i < shaped.pixels.size(); ++i) differing += shaped.pixels[i] != expected.pixels[i];
    EXPECT_EQ(differing, 0u) << "grow " << grow << ", feather " << feather;
  }
}

// A mask of more than a megapixel is shaped by several threads, each on its own band of tiles:
// still exactly the whole-mask result.
TEST(MaskShape, ALargeMaskShapedOnSeveralCoresEqualsTheWholeMask) {
  Raster selection(1500, 900, 1, 0);
  for (int y = 0; y < selection.height; ++y)
    for (int x = 0; x < selection.width; ++x) {
      if (std::hypot((x - 700.0) / 650.0, (y - 450.0) / 400.0) <= 1.0) *selection.at(x, y) = 255;
      if (y % 211 == 7) *selection.at(x, y) = 120;  // lines across every band
    }
  const Raster expected = feather_mask(dilate_mask(selection, 16), 32);
  const Raster shaped = shape_mask(selection, 16, 32);
  ASSERT_EQ(shaped.size(), expected.size());
  size_t differing = 0;
  for (size_t i = 0; i < shaped.pixels.size(); ++i) differing += shaped.pixels[i] != expected.pixels[i];
  EXPECT_EQ(differing, 0u);
}

// dilate_mask_by_levels takes the distance transform's way for masks of up to four values and the
// disc's way otherwise; either way it must give what the disc dilation gives, at the mask's edges too.
TEST(MaskShape, DilatingByLevelsEqualsTheDiscDilation) {
  const std::vector<std::vector<std::uint8_t>> value_sets{{255}, {255, 120}, {40, 90, 200, 255}, {10, 60, 110, 160, 210}};
  for (const auto &values : value_sets) {
    Raster mask(160, 120, 1, 0);
    for (int y = 0; y < mask.height; ++y)
      for (int x = 0; x < mask.width; ++x) {
        const size_t band = static_cast<size_t>((x / 23 + y / 17) % (values.size() + 1));
        if (band > 0 && std::hypot(x - 80.0, y - 60.0) < 55.0) *mask.at(x, y) = values[band - 1];
      }
    *mask.at(0, 0) = values.back();       // a lone pixel in a corner
    *mask.at(159, 119) = values.front();  // and in the opposite one
    for (const int radius : {0, 1, 7, 8, 16, 40}) {
      const Raster expected = dilate_mask(mask, radius);
      const Raster dilated = dilate_mask_by_levels(mask, radius);
      ASSERT_EQ(dilated.size(), expected.size());
      size_t differing = 0;
      for (size_t i = 0; i < dilated.pixels.size(); ++i) differing += dilated.pixels[i] != expected.pixels[i];
      EXPECT_EQ(differing, 0u) << values.size() << " values, radius " << radius;
    }
  }
}

// near_selection (a distance transform) must mark exactly what a disc dilation of the selection
// made hard marks, at every radius, for soft values, single pixels, lines and the canvas's edges.
TEST(MaskShape, NearSelectionIsTheDiscDilationOfTheHardSelection) {
  const Raster selection = mixed_selection();
  Raster hard(selection.width, selection.height, 1, 0);
  for (size_t i = 0; i < hard.pixels.size(); ++i) hard.pixels[i] = selection.pixels[i] ? 255 : 0;
  for (const int radius : {0, 1, 2, 5, 16, 32, 100}) {
    const Raster expected = dilate_mask(hard, radius);
    const Raster near = near_selection(selection, radius);
    ASSERT_EQ(near.size(), expected.size());
    size_t differing = 0;
    for (size_t i = 0; i < near.pixels.size(); ++i) differing += near.pixels[i] != expected.pixels[i];
    EXPECT_EQ(differing, 0u) << "radius " << radius;
  }
  const Raster none(50, 40, 1, 0);
  EXPECT_EQ(near_selection(none, 10).pixels, none.pixels);
}

// A selection covering the whole area stays fully selected; none stays empty.
TEST(MaskShape, UniformSelectionsStayUniform) {
  const Raster all(300, 300, 1, 255), none(300, 300, 1, 0);
  EXPECT_EQ(shape_mask(all, 16, 32).pixels, all.pixels);
  EXPECT_EQ(shape_mask(none, 16, 32).pixels, none.pixels);
}
