#include "png_encoder.h"

#include <glib.h>
#include <png.h>
#include <zlib.h>

#include <csetjmp>
#include <cstring>

#include "errors.h"
#include "i18n.h"

namespace gpt_image {

namespace {

constexpr int kZlibLevel = 6;
// The sample for choosing the settings: bands of whole rows (so "up" and "paeth" see their
// neighbours), one band in every kSampleEvery.
constexpr int kSampleBandRows = 8;
constexpr int kSampleEvery = 16;
constexpr size_t kMessageSize = 256;

// The picture as libpng takes it: rows of packed pixels and their colour type.
struct PngPixels {
  std::vector<std::uint8_t> packed;  // holds RGB when an opaque RGBA picture lost its alpha
  std::vector<const std::uint8_t *> rows;
  int width = 0;
  int color_type = PNG_COLOR_TYPE_RGBA;
};

// A fully opaque picture goes without its alpha channel: a quarter fewer bytes to compress and send
// (decoders give RGBA back either way).
PngPixels png_pixels(const Raster &raster) {
  PngPixels out;
  out.width = raster.width;
  bool opaque = raster.channels == 4;
  for (size_t i = 3; opaque && i < raster.pixels.size(); i += 4) opaque = raster.pixels[i] == 255;
  const std::uint8_t *pixels = raster.pixels.data();
  size_t stride = raster.stride();
  if (opaque) {
    out.packed.resize(static_cast<size_t>(raster.width) * raster.height * 3);
    for (size_t from = 0, to = 0; from < raster.pixels.size(); from += 4, to += 3)
      std::memcpy(&out.packed[to], &raster.pixels[from], 3);
    pixels = out.packed.data();
    stride = static_cast<size_t>(raster.width) * 3;
  }
  out.color_type = opaque ? PNG_COLOR_TYPE_RGB : raster.channels == 4 ? PNG_COLOR_TYPE_RGBA : PNG_COLOR_TYPE_GRAY;
  out.rows.reserve(raster.height);
  for (int y = 0; y < raster.height; ++y) out.rows.push_back(pixels + y * stride);
  return out;
}

void on_png_error(png_structp png, png_const_charp message) {
  g_strlcpy(static_cast<char *>(png_get_error_ptr(png)), message, kMessageSize);
  png_longjmp(png, 1);
}

void on_png_warning(png_structp, png_const_charp) {}  // warnings change nothing in the bytes written

void append_bytes(png_structp png, png_bytep data, size_t length) {
  bool out_of_memory = false;
  try {
    auto *out = static_cast<std::vector<std::uint8_t> *>(png_get_io_ptr(png));
    out->insert(out->end(), data, data + length);
  } catch (...) {  // an exception must not unwind through libpng's C frames
    out_of_memory = true;
  }
  if (out_of_memory) png_error(png, "out of memory");
}

void no_flush(png_structp) {}

// Appends the PNG to *out; on failure returns false with libpng's reason in `why`. Only plain data
// lives in this frame: libpng reports errors with longjmp, which must not skip a destructor.
bool write_png(const std::uint8_t *const *rows, int width, int height, int color_type, const PngTuning &tuning,
               std::vector<std::uint8_t> *out, char *why) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, why, on_png_error, on_png_warning);
  if (!png) {
    g_strlcpy(why, "out of memory", kMessageSize);
    return false;
  }
  png_infop info = png_create_info_struct(png);
  if (!info || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  png_set_write_fn(png, out, append_bytes, no_flush);
  png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8, color_type,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_sRGB(png, info, PNG_sRGB_INTENT_PERCEPTUAL);  // the pixels are sRGB; say so, as GIMP does
  png_set_compression_level(png, kZlibLevel);
  png_set_compression_strategy(png, tuning.zlib_strategy);
  png_set_filter(png, PNG_FILTER_TYPE_BASE, tuning.row_filters);
  png_write_info(png, info);
  png_write_rows(png, const_cast<png_bytepp>(rows), static_cast<png_uint_32>(height));
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  return true;
}

std::vector<std::uint8_t> write_or_throw(const PngPixels &pixels, const PngTuning &tuning) {
  std::vector<std::uint8_t> out;
  char why[kMessageSize] = "";
  const int height = static_cast<int>(pixels.rows.size());
  if (!write_png(pixels.rows.data(), pixels.width, height, pixels.color_type, tuning, &out, why))
    throw GenerativeError(ErrorKind::Image, format_text(_("Could not encode PNG: %s"), why));
  return out;
}

PngTuning choose_tuning(const PngPixels &pixels) {
  PngPixels sample;
  sample.width = pixels.width;
  sample.color_type = pixels.color_type;
  for (size_t y = 0; y < pixels.rows.size(); ++y)
    if ((y / kSampleBandRows) % kSampleEvery == 0) sample.rows.push_back(pixels.rows[y]);
  // Libpng's own per-row choice with zlib's default comes first, so it wins ties.
  static const int kFilters[] = {PNG_ALL_FILTERS, PNG_FILTER_SUB, PNG_FILTER_UP, PNG_FILTER_PAETH};
  static const int kStrategies[] = {Z_DEFAULT_STRATEGY, Z_RLE};
  PngTuning best{PNG_ALL_FILTERS, Z_DEFAULT_STRATEGY};
  size_t best_size = SIZE_MAX;
  for (int strategy : kStrategies)
    for (int filters : kFilters) {
      const PngTuning candidate{filters, strategy};
      const size_t size = write_or_throw(sample, candidate).size();
      if (size < best_size) best = candidate, best_size = size;
    }
  return best;
}

}  // namespace

PngTuning choose_png_tuning(const Raster &raster) { return choose_tuning(png_pixels(raster)); }

std::vector<std::uint8_t> encode_png(const Raster &raster, const PngTuning &tuning) {
  const PngPixels pixels = png_pixels(raster);
  return write_or_throw(pixels, tuning);
}

std::vector<std::uint8_t> encode_png(const Raster &raster) {
  const PngPixels pixels = png_pixels(raster);
  return write_or_throw(pixels, choose_tuning(pixels));
}

}  // namespace gpt_image
