// Which tiles of a layer mask are written into GIMP after GIMP filled it (mask_writes.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <random>
#include <stdexcept>

#include "mask_shape.h"
#include "mask_writes.h"

using namespace gpt_image;

namespace {

// What GIMP ends up with: a mask filled with `writes.fill`, then `writes.parts` copied from `mask`.
Raster replay(const Raster &mask, const MaskWrites &writes) {
  Raster out(mask.width, mask.height, 1, writes.fill);
  for (const PixelRect &part : writes.parts)
    for (int y = part.y; y < part.y + part.height; ++y)
      for (int x = part.x; x < part.x + part.width; ++x) *out.at(x, y) = *mask.at(x, y);
  return out;
}

long long written_pixels(const MaskWrites &writes) {
  long long n = 0;
  for (const PixelRect &part : writes.parts) n += static_cast<long long>(part.width) * part.height;
  return n;
}

}  // namespace

TEST(MaskWrites, SmallExampleWorkedByHand) {
  // 10x4 in tiles of 4x2: three columns of tiles (4, 4 and 2 wide), two rows.
  Raster mask(10, 4, 1, 255);
  *mask.at(5, 3) = 128;                                 // the middle tile of the lower row is mixed
  for (int y = 0; y < 2; ++y) *mask.at(8, y) = *mask.at(9, y) = 0;  // the narrow top-right tile is black
  const MaskWrites writes = plan_mask_writes(mask, {4, 2});
  // Four tiles wholly white against one wholly black: a white mask, two tiles written.
  EXPECT_EQ(writes.fill, 255);
  ASSERT_EQ(writes.parts.size(), 2u);
  EXPECT_EQ(writes.parts[0], (PixelRect{8, 0, 2, 2}));
  EXPECT_EQ(writes.parts[1], (PixelRect{4, 2, 4, 2}));
}

TEST(MaskWrites, NeighbouringTilesToWriteBecomeOneRectanglePerRowOfTiles) {
  Raster mask(12, 6, 1, 0);
  for (int y = 0; y < 6; ++y)
    for (int x = 2; x < 10; ++x) *mask.at(x, y) = 200;  // every tile of every row is touched
  const MaskWrites writes = plan_mask_writes(mask, {4, 4});
  EXPECT_EQ(writes.fill, 0);  // no tile is uniform: a tie, which goes to black
  ASSERT_EQ(writes.parts.size(), 2u);
  EXPECT_EQ(writes.parts[0], (PixelRect{0, 0, 12, 4}));
  EXPECT_EQ(writes.parts[1], (PixelRect{0, 4, 12, 2}));
}

TEST(MaskWrites, AUniformMaskIsFilledAndNothingIsWritten) {
  EXPECT_TRUE(plan_mask_writes(Raster(300, 200, 1, 255), {128, 128}).parts.empty());
  EXPECT_EQ(plan_mask_writes(Raster(300, 200, 1, 255), {128, 128}).fill, 255);
  EXPECT_TRUE(plan_mask_writes(Raster(300, 200, 1, 0), {128, 128}).parts.empty());
  EXPECT_EQ(plan_mask_writes(Raster(300, 200, 1, 0), {128, 128}).fill, 0);
}

TEST(MaskWrites, HalfOfALargeRegionWritesOnlyItsEdge) {
  // The benchmark's case in small: the left part selected, grown and feathered, in a region that
  // also holds unselected context on the right.
  Raster selection(1500, 1000, 1, 0);
  for (int y = 0; y < 1000; ++y)
    for (int x = 0; x < 1000; ++x) *selection.at(x, y) = 255;
  const Raster mask = shape_mask(selection, 10, 20);
  const MaskWrites writes = plan_mask_writes(mask, {128, 128});
  EXPECT_EQ(writes.fill, 255);
  EXPECT_EQ(replay(mask, writes).pixels, mask.pixels);
  // The feathered edge (x 980-1030) falls in two columns of tiles (896-1151); the black context
  // right of it in the other three; the mask is eight rows of tiles high.
  EXPECT_EQ(written_pixels(writes), (1500LL - 896) * 1000);
  EXPECT_EQ(writes.parts.size(), 8u);
}

TEST(MaskWrites, ReplayingTheWritesGivesTheMaskAndOnlyNeededTilesAreWritten) {
  std::mt19937 random(7);
  for (int round = 0; round < 40; ++round) {
    const int width = 1 + static_cast<int>(random() % 300), height = 1 + static_cast<int>(random() % 300);
    const PixelSize tile{1 + static_cast<int>(random() % 70), 1 + static_cast<int>(random() % 70)};
    // Blocks of one value (black, white or grey) with the odd stray pixel: some tiles uniform.
    Raster mask(width, height, 1, 0);
    const int block = 1 + static_cast<int>(random() % 90);
    for (int by = 0; by < height; by += block)
      for (int bx = 0; bx < width; bx += block) {
        const std::uint8_t value = std::array<std::uint8_t, 3>{0, 255, 77}[random() % 3];
        for (int y = by; y < std::min(height, by + block); ++y)
          for (int x = bx; x < std::min(width, bx + block); ++x) *mask.at(x, y) = value;
      }
    for (int stray = 0; stray < 3; ++stray) *mask.at(random() % width, random() % height) = random() % 256;
    const MaskWrites writes = plan_mask_writes(mask, tile);
    ASSERT_TRUE(writes.fill == 0 || writes.fill == 255);
    EXPECT_EQ(replay(mask, writes).pixels, mask.pixels) << "round " << round;
    // Every written tile holds a pixel other than the fill: nothing is written for nothing.
    for (const PixelRect &part : writes.parts) {
      ASSERT_EQ(part.x % tile.width, 0);
      ASSERT_EQ(part.y % tile.height, 0);
      for (int tx = part.x; tx < part.x + part.width; tx += tile.width) {
        bool differs = false;
        for (int y = part.y; y < part.y + part.height && !differs; ++y)
          for (int x = tx; x < std::min(tx + tile.width, width) && !differs; ++x) differs = *mask.at(x, y) != writes.fill;
        EXPECT_TRUE(differs) << "round " << round << ": the tile at " << tx << "," << part.y << " is all fill";
      }
    }
  }
}

TEST(MaskWrites, RefusesAnythingButAOneChannelMask) {
  EXPECT_THROW(plan_mask_writes(Raster(4, 4, 4, 0), {2, 2}), std::invalid_argument);
  EXPECT_THROW(plan_mask_writes(Raster(4, 4, 1, 0), {0, 2}), std::invalid_argument);
}
