// StreamingResample scales a frame down as its rows arrive; resample_lanczos3 (whose alignment and
// quality the raster-ops tests and the e2e seam suite check) is the reference it must equal.
#include <gtest/gtest.h>

#include <stdexcept>

#include "resample.h"

using namespace gpt_image;

namespace {

// Detail at every scale and, with 4 channels, partial transparency: what makes rounding differ.
Raster busy(int width, int height, int channels) {
  Raster out(width, height, channels);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      for (int c = 0; c < channels; ++c)
        out.at(x, y)[c] = static_cast<std::uint8_t>((x * 7 + y * 13 + c * 50 + (x * y) % 31) % 256);
  if (channels == 4)
    for (int y = 0; y < height; ++y)
      for (int x = 0; x < width; ++x) out.at(x, y)[3] = static_cast<std::uint8_t>(x < width / 3 ? 255 : (x * 3 + y) % 256);
  return out;
}

Raster streamed(const Raster &source, const PixelRect &placed, PixelSize frame, PixelSize target, int band_rows) {
  StreamingResample down(source.channels, placed, frame, target);
  for (int first = 0; first < source.height; first += band_rows) {
    const int rows = std::min(band_rows, source.height - first);
    Raster band(source.width, rows, source.channels);
    std::copy_n(source.at(0, first), band.pixels.size(), band.pixels.data());
    down.add_rows(band);
  }
  return down.finish();
}

}  // namespace

TEST(StreamingResample, EqualsTheWholeResampleBitForBitForAnyBands) {
  for (const int channels : {4, 1}) {
    const Raster source = busy(301, 257, channels);
    // The captured part fills the frame, or lies inside a larger one (the canvas edge).
    for (const auto &[placed, frame] : std::vector<std::pair<PixelRect, PixelSize>>{
             {{0, 0, 301, 257}, {301, 257}}, {{17, 9, 301, 257}, {340, 290}}}) {
      const PixelSize target{97, 83};
      const Raster expected = resample_lanczos3(source, placed, frame, target, {0, 0, target.width, target.height});
      for (const int band_rows : {1, 7, 128, 257}) {
        const Raster made = streamed(source, placed, frame, target, band_rows);
        ASSERT_EQ(made.size(), target);
        EXPECT_EQ(made.pixels, expected.pixels)
            << channels << " channels, bands of " << band_rows << ", placed at " << placed.x << "," << placed.y;
      }
    }
  }
}

TEST(StreamingResample, RefusesBandsThatDoNotContinueTheSourceAndAnEarlyFinish) {
  StreamingResample down(4, {0, 0, 10, 8}, {10, 8}, {5, 4});
  EXPECT_THROW(down.add_rows(Raster(9, 2, 4)), std::invalid_argument);   // narrower
  EXPECT_THROW(down.add_rows(Raster(10, 2, 1)), std::invalid_argument);  // other channels
  down.add_rows(Raster(10, 5, 4));
  EXPECT_THROW(down.finish(), std::logic_error);                         // 3 rows missing
  EXPECT_THROW(down.add_rows(Raster(10, 4, 4)), std::invalid_argument);  // one too many
  down.add_rows(Raster(10, 3, 4));
  EXPECT_EQ(down.finish().size(), (PixelSize{5, 4}));
  EXPECT_THROW(StreamingResample(3, {0, 0, 10, 8}, {10, 8}, {5, 4}), std::invalid_argument);
  EXPECT_THROW(StreamingResample(4, {5, 0, 10, 8}, {10, 8}, {5, 4}), std::invalid_argument);  // outside the frame
}
