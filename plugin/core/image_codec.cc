#include "image_codec.h"

#include <png.h>
#include <turbojpeg.h>
#include <webp/decode.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

#include "errors.h"
#include "i18n.h"

namespace gpt_image {

namespace {

bool has_prefix(const std::vector<std::uint8_t> &bytes, const char *magic, size_t offset = 0) {
  const size_t n = std::strlen(magic);
  return bytes.size() >= offset + n && std::memcmp(bytes.data() + offset, magic, n) == 0;
}

constexpr long long kMaxDecodedSide = 16384;

void check_decoded_size(long long width, long long height, long long max_pixels) {
  if (width <= 0 || height <= 0 || width > kMaxDecodedSide || height > kMaxDecodedSide ||
      width * height > std::min(max_pixels, kMaxDecodedPixels))
    throw GenerativeError(ErrorKind::Image,
                          format_text(_("The returned image claims to be %lldx%lld pixels, which no Images API "
                                        "answer is; it was not decoded."),
                                      width, height));
}

Raster decode_png(const std::vector<std::uint8_t> &bytes, long long max_pixels) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()))
    throw GenerativeError(ErrorKind::Image, format_text(_("The returned PNG is damaged: %s"), image.message));
  image.format = PNG_FORMAT_RGBA;
  try {
    check_decoded_size(image.width, image.height, max_pixels);
  } catch (...) {
    png_image_free(&image);
    throw;
  }
  Raster out(static_cast<int>(image.width), static_cast<int>(image.height), 4);
  if (!png_image_finish_read(&image, nullptr, out.pixels.data(), 0, nullptr)) {
    const std::string why = image.message;
    png_image_free(&image);
    throw GenerativeError(ErrorKind::Image, format_text(_("The returned PNG is damaged: %s"), why.c_str()));
  }
  return out;
}

Raster decode_jpeg(const std::vector<std::uint8_t> &bytes, long long max_pixels) {
  std::unique_ptr<void, int (*)(tjhandle)> handle(tjInitDecompress(), tjDestroy);
  int w = 0, h = 0, subsampling = 0, colorspace = 0;
  auto *data = const_cast<unsigned char *>(bytes.data());
  if (!handle || tjDecompressHeader3(handle.get(), data, bytes.size(), &w, &h, &subsampling, &colorspace) != 0)
    throw GenerativeError(ErrorKind::Image, _("The returned JPEG is damaged."));
  check_decoded_size(w, h, max_pixels);
  Raster out(w, h, 4);
  // A progressive JPEG of a few KB can hold thousands of scans that take minutes to decode.
  if (tjDecompress2(handle.get(), data, bytes.size(), out.pixels.data(), w, 0, h, TJPF_RGBA, TJFLAG_LIMITSCANS) != 0)
    throw GenerativeError(ErrorKind::Image, 
                          format_text(_("The returned JPEG is damaged: %s"), tjGetErrorStr2(handle.get())));
  return out;
}

Raster decode_webp(const std::vector<std::uint8_t> &bytes, long long max_pixels) {
  int w = 0, h = 0;
  if (!WebPGetInfo(bytes.data(), bytes.size(), &w, &h))
    throw GenerativeError(ErrorKind::Image, _("The returned WebP image is damaged."));
  check_decoded_size(w, h, max_pixels);
  Raster out(w, h, 4);
  if (!WebPDecodeRGBAInto(bytes.data(), bytes.size(), out.pixels.data(), out.pixels.size(),
                          static_cast<int>(out.stride())))
    throw GenerativeError(ErrorKind::Image, _("The returned WebP image is damaged."));
  return out;
}

}  // namespace

Raster decode_image(const std::vector<std::uint8_t> &bytes, long long max_pixels) {
  if (has_prefix(bytes, "\x89PNG\r\n\x1a\n")) return decode_png(bytes, max_pixels);
  if (has_prefix(bytes, "\xff\xd8\xff")) return decode_jpeg(bytes, max_pixels);
  if (has_prefix(bytes, "RIFF") && has_prefix(bytes, "WEBP", 8)) return decode_webp(bytes, max_pixels);
  throw GenerativeError(ErrorKind::Image, 
                        _("The server returned data that is not a PNG, JPEG or WebP image."));
}

}  // namespace gpt_image
