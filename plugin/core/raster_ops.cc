#include "raster_ops.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "errors.h"
#include "i18n.h"
#include "resample.h"

namespace gpt_image {

Raster pad_to_frame(const Raster &captured, const PixelRect &captured_at, const PixelRect &frame) {
  if (captured.width != captured_at.width || captured.height != captured_at.height || captured.pixels.empty())
    throw GenerativeError(ErrorKind::Image, _("Captured pixels do not match the planned region."));
  if (captured_at == frame) return captured;
  Raster out(frame.width, frame.height, captured.channels);
  for (int y = 0; y < frame.height; ++y) {
    const int sy = std::clamp(frame.y + y - captured_at.y, 0, captured.height - 1);
    for (int x = 0; x < frame.width; ++x) {
      const int sx = std::clamp(frame.x + x - captured_at.x, 0, captured.width - 1);
      std::memcpy(out.at(x, y), captured.at(sx, sy), captured.channels);
    }
  }
  return out;
}

Raster scale_padded(const Raster &captured, const PixelRect &captured_at, const PixelRect &frame, PixelSize target) {
  if (captured_at == frame && captured.size() == frame.size()) return scale_raster(captured, target);
  if (frame.size() == target) return pad_to_frame(captured, captured_at, frame);  // no larger than the request
  if (captured.width != captured_at.width || captured.height != captured_at.height || captured.pixels.empty())
    throw GenerativeError(ErrorKind::Image, _("Captured pixels do not match the planned region."));
  const PixelRect placed{captured_at.x - frame.x, captured_at.y - frame.y, captured_at.width, captured_at.height};
  return resample_lanczos3(captured, placed, frame.size(), target, {0, 0, target.width, target.height});
}

Raster selection_to_edit_mask(const Raster &selection) {
  Raster mask(selection.width, selection.height, 4, 0);
  const size_t n = static_cast<size_t>(selection.width) * selection.height;
  for (size_t i = 0; i < n; ++i) mask.pixels[i * 4 + 3] = static_cast<std::uint8_t>(255 - selection.pixels[i]);
  return mask;
}

Raster crop_raster(const Raster &source, const PixelRect &rect) {
  Raster out(rect.width, rect.height, source.channels);
  for (int y = 0; y < rect.height; ++y)
    std::memcpy(out.at(0, y), source.at(rect.x, rect.y + y), out.stride());
  return out;
}

Raster fit_into(const Raster &image, PixelSize target) {
  const double scale = std::min(static_cast<double>(target.width) / image.width,
                                static_cast<double>(target.height) / image.height);
  // Round the fitted side that touches the target to it exactly; the other keeps the aspect.
  PixelSize fitted{std::clamp(static_cast<int>(std::lround(image.width * scale)), 1, target.width),
                   std::clamp(static_cast<int>(std::lround(image.height * scale)), 1, target.height)};
  const Raster scaled = scale_raster(image, fitted);
  Raster out(target.width, target.height, 4, 0);
  const int x0 = (target.width - fitted.width) / 2, y0 = (target.height - fitted.height) / 2;
  for (int y = 0; y < fitted.height; ++y)
    std::memcpy(out.at(x0, y0 + y), scaled.at(0, y), scaled.stride());
  return out;
}

Raster scale_raster(const Raster &source, PixelSize target, const PixelRect &roi) {
  if (source.size() == target) return crop_raster(source, roi);
  return resample_lanczos3(source, target, roi);
}

}  // namespace gpt_image

namespace gpt_image {

namespace {

// Box widths whose three successive box blurs approximate a Gaussian of standard deviation `sigma`
// (the sum of three uniform variances matches sigma squared; widths are odd).
std::array<int, 3> boxes_for_gaussian(double sigma) {
  constexpr int n = 3;
  int lower = static_cast<int>(std::floor(std::sqrt(12.0 * sigma * sigma / n + 1.0)));
  if (lower % 2 == 0) --lower;
  const int upper = lower + 2;
  const double ideal = (12.0 * sigma * sigma - n * lower * lower - 4.0 * n * lower - 3.0 * n) / (-4.0 * lower - 4.0);
  const int with_lower = static_cast<int>(std::lround(ideal));
  std::array<int, 3> widths{};
  for (int i = 0; i < n; ++i) widths[i] = i < with_lower ? lower : upper;
  return widths;
}

// One box sum of a row of `count` samples, in place: each sample becomes the sum of the 2 * half + 1
// around it; edges repeat the end samples (as the canvas edge would continue), so a mask touching
// the edge does not fade into it. Sums, not means, in integers: the blur is then exact, and a
// part of the mask blurred on its own (with a margin, shape_mask) equals the same part of the whole.
void box_sum_line(std::int64_t *line, int count, int half, std::vector<std::int64_t> &scratch) {
  if (half <= 0 || count <= 0) return;
  scratch.assign(line, line + count);
  auto at = [&](int i) { return scratch[std::clamp(i, 0, count - 1)]; };
  std::int64_t sum = 0;
  for (int i = -half; i <= half; ++i) sum += at(i);
  for (int i = 0; i < count; ++i) {
    line[i] = sum;
    sum += at(i + half + 1) - at(i - half);
  }
}

// The same box sum down every column at once, row by row (cache-friendly: a column-by-column walk
// over a large mask touches a new cache line for every sample).
void box_sum_columns(std::vector<std::int64_t> &values, int w, int h, int half, std::vector<std::int64_t> &source) {
  if (half <= 0 || h <= 0) return;
  source = values;
  auto row = [&](int y) { return source.data() + static_cast<size_t>(std::clamp(y, 0, h - 1)) * w; };
  std::vector<std::int64_t> sum(static_cast<size_t>(w), 0);
  for (int y = -half; y <= half; ++y) {
    const std::int64_t *r = row(y);
    for (int x = 0; x < w; ++x) sum[x] += r[x];
  }
  for (int y = 0; y < h; ++y) {
    std::int64_t *out = values.data() + static_cast<size_t>(y) * w;
    const std::int64_t *enter = row(y + half + 1), *leave = row(y - half);
    for (int x = 0; x < w; ++x) {
      out[x] = sum[x];
      sum[x] += enter[x] - leave[x];
    }
  }
}

}  // namespace

int feather_reach(int radius) {
  if (radius <= 0) return 0;
  int reach = 0;
  for (int width : boxes_for_gaussian(radius / 2.0)) reach += (width - 1) / 2;
  return reach;
}

Raster feather_mask(const Raster &mask, int radius) {
  if (radius <= 0) return mask;
  // A Gaussian of standard deviation radius / 2 as three box blurs per direction: linear in the
  // mask's size whatever the radius. (GEGL's gaussian-blur did this before, but loading GEGL's
  // operations cost every fill about a second and 350 MB; bench/README.md.) The sums are divided
  // once at the end: at most 255 * 257^6 (radius 256), well inside 64 bits.
  const int w = mask.width, h = mask.height;
  std::vector<std::int64_t> values(mask.pixels.begin(), mask.pixels.end());
  std::vector<std::int64_t> scratch;
  std::int64_t divisor = 1;
  for (int width : boxes_for_gaussian(radius / 2.0)) {
    const int half = (width - 1) / 2;
    for (int y = 0; y < h; ++y) box_sum_line(values.data() + static_cast<size_t>(y) * w, w, half, scratch);
    box_sum_columns(values, w, h, half, scratch);
    divisor *= static_cast<std::int64_t>(2 * half + 1) * (2 * half + 1);
  }
  Raster out(w, h, 1);
  for (size_t i = 0; i < values.size(); ++i)
    out.pixels[i] = static_cast<std::uint8_t>(std::clamp<std::int64_t>((values[i] + divisor / 2) / divisor, 0, 255));
  return out;
}

bool fully_opaque(const Raster &image) {
  if (image.channels != 4) return true;
  for (size_t i = 3; i < image.pixels.size(); i += 4)
    if (image.pixels[i] != 255) return false;
  return true;
}

bool composite_over(Raster &answer, const Raster &under) {
  if (answer.channels != 4 || under.channels != 4 || !(answer.size() == under.size()))
    return false;  // nothing to lay it over: a programming error upstream, not the server's
  if (fully_opaque(answer)) return false;
  for (size_t i = 0; i < answer.pixels.size(); i += 4) {
    const int a = answer.pixels[i + 3];
    if (a == 255) continue;
    const int ua = under.pixels[i + 3];
    // Straight alpha both sides: the usual "over" with the result's alpha a + ua * (1 - a).
    const int out_a255 = a * 255 + ua * (255 - a);  // alpha times 255
    for (int c = 0; c < 3; ++c) {
      const int numerator = answer.pixels[i + c] * a * 255 + under.pixels[i + c] * ua * (255 - a);
      answer.pixels[i + c] = out_a255 == 0 ? 0 : static_cast<std::uint8_t>((numerator + out_a255 / 2) / out_a255);
    }
    answer.pixels[i + 3] = static_cast<std::uint8_t>((out_a255 + 127) / 255);
  }
  return true;
}

}  // namespace gpt_image
