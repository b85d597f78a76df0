#include <gtest/gtest.h>
#include <zlib.h>

#include <turbojpeg.h>
#include <webp/encode.h>

#include "errors.h"
#include "image_codec.h"

using namespace gpt_image;

namespace {
Raster gradient(int w, int h) {
  Raster r(w, h, 4);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      auto *p = r.at(x, y);
      p[0] = static_cast<std::uint8_t>(x * 4), p[1] = static_cast<std::uint8_t>(y * 4), p[2] = 90;
      p[3] = static_cast<std::uint8_t>(100 + x + y);  // no fully transparent pixel: lossless WebP drops their colour
    }
  return r;
}
}  // namespace

TEST(ImageCodec, PngRoundTripIsLossless) {
  const Raster src = gradient(33, 17);
  const auto png = encode_png(src);
  ASSERT_GT(png.size(), 8u);
  EXPECT_EQ(png[1], 'P');
  const Raster back = decode_image(png);
  EXPECT_EQ(back.size(), src.size());
  EXPECT_EQ(back.pixels, src.pixels);
}

TEST(ImageCodec, GrayPngDecodesToOpaqueRgba) {
  Raster gray(4, 2, 1, 77);
  const Raster back = decode_image(encode_png(gray));
  ASSERT_EQ(back.channels, 4);
  EXPECT_EQ(back.at(3, 1)[0], 77);
  EXPECT_EQ(back.at(3, 1)[3], 255);
}

TEST(ImageCodec, DecodesJpeg) {
  Raster src(16, 8, 4);
  for (size_t i = 0; i < src.pixels.size(); i += 4) src.pixels[i] = 200, src.pixels[i + 1] = 100, src.pixels[i + 3] = 255;
  tjhandle handle = tjInitCompress();
  unsigned char *jpeg = nullptr;
  unsigned long size = 0;
  ASSERT_EQ(tjCompress2(handle, src.pixels.data(), 16, 0, 8, TJPF_RGBA, &jpeg, &size, TJSAMP_444, 95, 0), 0);
  const std::vector<std::uint8_t> bytes(jpeg, jpeg + size);
  tjFree(jpeg);
  tjDestroy(handle);
  const Raster back = decode_image(bytes);
  EXPECT_EQ(back.size(), (PixelSize{16, 8}));
  EXPECT_NEAR(back.at(5, 5)[0], 200, 4);
  EXPECT_NEAR(back.at(5, 5)[1], 100, 4);
}

TEST(ImageCodec, AnImageLargerThanTheCallerAllowsIsRefusedBeforeDecoding) {
  const std::vector<std::uint8_t> png = encode_png(Raster(64, 64, 4, 90));
  EXPECT_EQ(decode_image(png, 64 * 64).size(), (PixelSize{64, 64}));
  try {
    decode_image(png, 64 * 64 - 1);
    FAIL() << "a 64x64 image was decoded under a limit of 4095 pixels";
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::Image);
    EXPECT_NE(std::string(e.what()).find("64x64"), std::string::npos) << e.what();
  }
}

TEST(ImageCodec, DecodesWebp) {
  const Raster src = gradient(20, 10);
  uint8_t *webp = nullptr;
  const size_t size = WebPEncodeLosslessRGBA(src.pixels.data(), 20, 10, static_cast<int>(src.stride()), &webp);
  ASSERT_GT(size, 0u);
  const std::vector<std::uint8_t> bytes(webp, webp + size);
  WebPFree(webp);
  EXPECT_EQ(decode_image(bytes).pixels, src.pixels);
}

TEST(ImageCodec, RejectsWhatIsNoImage) {
  try {
    decode_image({'h', 'e', 'l', 'l', 'o'});
    FAIL();
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::Image);
  }
  auto png = encode_png(gradient(8, 8));
  png.resize(png.size() / 2);  // truncated
  EXPECT_THROW(decode_image(png), GenerativeError);
}

// A header claiming a gigapixel image is refused before anything that size is allocated.
TEST(ImageCodec, RefusesAbsurdDimensionsFromTheHeader) {
  std::vector<std::uint8_t> png = encode_png(gradient(8, 8));
  // IHDR's data starts at byte 16: width and height, big-endian; its CRC follows the 13 data bytes.
  const std::uint32_t side = 100000;
  for (int i = 0; i < 4; ++i) png[16 + i] = png[20 + i] = static_cast<std::uint8_t>(side >> (24 - 8 * i));
  const std::uint32_t crc = static_cast<std::uint32_t>(crc32(0, png.data() + 12, 17));  // "IHDR" + data
  for (int i = 0; i < 4; ++i) png[29 + i] = static_cast<std::uint8_t>(crc >> (24 - 8 * i));
  try {
    decode_image(png);
    FAIL() << "decoded a 100000x100000 header";
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::Image);
    EXPECT_NE(std::string(e.what()).find("100000x100000"), std::string::npos) << e.what();
  }
}

// An opaque picture is written as RGB (colour type 2), one with transparency as RGBA (6); both
// decode to the same RGBA pixels.
TEST(ImageCodec, OpaquePicturesGoWithoutAlpha) {
  Raster picture(40, 30, 4, 255);
  for (size_t i = 0; i < picture.pixels.size(); i += 4) picture.pixels[i] = static_cast<std::uint8_t>(i % 251);
  const auto opaque = encode_png(picture);
  ASSERT_GT(opaque.size(), 26u);
  EXPECT_EQ(opaque[25], 2);  // IHDR colour type: RGB
  EXPECT_EQ(decode_image(opaque).pixels, picture.pixels);
  picture.pixels[3] = 7;
  const auto translucent = encode_png(picture);
  EXPECT_EQ(translucent[25], 6);  // RGBA
  EXPECT_EQ(decode_image(translucent).pixels, picture.pixels);
}
