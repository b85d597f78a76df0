#include <gtest/gtest.h>
#include <png.h>
#include <zlib.h>

#include <cstdint>
#include <random>

#include "errors.h"
#include "image_codec.h"
#include "png_encoder.h"

using namespace gpt_image;

namespace {

// A smooth grey ramp with one bit of dither, as GIMP's gradient fills make: the picture on which
// libpng's per-row filter guess is at its worst.
Raster dithered_ramp(int w, int h) {
  std::mt19937 random(7);
  Raster r(w, h, 4, 255);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const int v = std::min(255, x * 255 / w + static_cast<int>(random() & 1));
      std::uint8_t *p = r.at(x, y);
      p[0] = p[1] = p[2] = static_cast<std::uint8_t>(v);
    }
  return r;
}

// Grain in every channel, as in a photograph's shadows.
Raster grainy(int w, int h) {
  std::mt19937 random(11);
  Raster r(w, h, 4, 255);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      for (int c = 0; c < 3; ++c) r.at(x, y)[c] = static_cast<std::uint8_t>(100 + (x + y) / 8 % 40 + random() % 24);
  return r;
}

const PngTuning kLibpngDefault{PNG_ALL_FILTERS, Z_DEFAULT_STRATEGY};

}  // namespace

TEST(PngEncoder, EveryTuningDecodesToTheSamePixels) {
  Raster picture = grainy(97, 61);
  picture.at(5, 5)[3] = 17;  // keeps the alpha channel
  for (int filters : {PNG_ALL_FILTERS, PNG_FILTER_SUB, PNG_FILTER_UP, PNG_FILTER_PAETH})
    for (int strategy : {Z_DEFAULT_STRATEGY, Z_RLE}) {
      const Raster back = decode_image(encode_png(picture, PngTuning{filters, strategy}));
      EXPECT_EQ(back.size(), picture.size());
      EXPECT_EQ(back.pixels, picture.pixels) << "filters " << filters << " strategy " << strategy;
    }
}

TEST(PngEncoder, ASmoothRampIsFilteredWithSubAlone) {
  const Raster ramp = dithered_ramp(640, 400);
  EXPECT_EQ(choose_png_tuning(ramp).row_filters, PNG_FILTER_SUB);
  const size_t tuned = encode_png(ramp).size(), plain = encode_png(ramp, kLibpngDefault).size();
  EXPECT_LT(tuned, plain * 0.95) << "tuned " << tuned << " bytes, libpng's default " << plain;
}

TEST(PngEncoder, TheChoiceIsNeverLargerThanLibpngsDefault) {
  for (const Raster &picture : {grainy(640, 400), dithered_ramp(300, 200), Raster(256, 256, 4, 0)}) {
    const size_t tuned = encode_png(picture).size(), plain = encode_png(picture, kLibpngDefault).size();
    EXPECT_LE(tuned, plain);
  }
}

TEST(PngEncoder, ATinyPictureIsItsOwnSample) {
  const Raster dot(1, 1, 4, 200);
  EXPECT_EQ(decode_image(encode_png(dot)).pixels, dot.pixels);
}

TEST(PngEncoder, AnEmptyPictureIsAnErrorNotACrash) {
  EXPECT_THROW(encode_png(Raster(0, 0, 4)), GenerativeError);
}
