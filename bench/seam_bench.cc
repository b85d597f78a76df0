// Seam bench: how well colour matching and edge blending hide the seam, on plain buffers through
// the same core code the plug-in runs (prepare_edit, placement_from_answer, shape_mask), with the
// stand-in's kind of answer simulated: the request image back, colour-shifted by a known gain and
// offset (a drifting model), or unchanged (the identity answer).
//
// Prints, for several images and selection shapes, the seam error (mean absolute difference to
// the original on a band 1-5 px inside the selection border) without and with colour matching,
// and the PSNR inside the selection for the identity answer. A benchmark, not a test: the
// end-to-end suite checks the thresholds; this shows where they come from.
//
//   build/gimp2/bench/seam_bench [--gain 0.8] [--offset 20]
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "fake_image_source.h"
#include "generative_fill.h"
#include "image_codec.h"
#include "mask_shape.h"
#include "raster_ops.h"

using namespace gpt_image;

namespace {

using Picture = std::function<void(int x, int y, std::uint8_t *rgba)>;
using Shape = std::function<double(double x, double y)>;  // selection value 0..1 at a pixel centre

Raster make_canvas(int w, int h, const Picture &picture) {
  Raster r(w, h, 4, 255);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) picture(x, y, r.at(x, y));
  return r;
}

Raster make_selection(int w, int h, const Shape &shape) {
  Raster s(w, h, 1, 0);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) *s.at(x, y) = static_cast<std::uint8_t>(std::lround(255 * shape(x + 0.5, y + 0.5)));
  return s;
}

// The model's answer: the request image at the request size (a frame smaller than that is sent at
// its own size, and the server answers at `size` all the same), every colour channel shifted.
ImagesResult drifted_answer(const PreparedEdit &edit, double gain, double offset) {
  Raster image = scale_raster(decode_image(edit.request.image_png), edit.plan.request);
  for (size_t i = 0; i < image.pixels.size(); i += 4)
    for (int c = 0; c < 3; ++c)
      image.pixels[i + c] = static_cast<std::uint8_t>(std::clamp(std::lround(gain * image.pixels[i + c] + offset), 0L, 255L));
  ImagesResult answer;
  answer.images.push_back(encode_png(image));
  return answer;
}

// The flattened result: original blended with the placed layer through the shaped mask.
Raster composite(const Raster &canvas, const PreparedEdit &edit, const LayersToPlace &placed) {
  Raster out = canvas;
  const Raster mask = shape_mask(edit.selection, placed.mask_grow, placed.feather_radius);
  const Raster &layer = placed.layers.at(0);
  for (int y = 0; y < placed.at.height; ++y)
    for (int x = 0; x < placed.at.width; ++x) {
      const double m = *mask.at(x, y) / 255.0;
      std::uint8_t *o = out.at(placed.at.x + x, placed.at.y + y);
      for (int c = 0; c < 3; ++c) o[c] = static_cast<std::uint8_t>(std::lround(o[c] * (1 - m) + layer.at(x, y)[c] * m));
    }
  return out;
}

struct Scores {
  double seam_off = 0, seam_on = 0, psnr = 0;
};

Scores measure(const Raster &canvas, const Raster &selection, double gain, double offset) {
  gpt_image::testing::FakeImageSource source(canvas, selection);
  auto run = [&](bool match, double g, double o) {
    FillOptions options;
    options.prompt = "bench";
    options.color_match = match;
    const PreparedEdit edit = prepare_edit(source, options, "gpt-image-1.5");
    return std::make_pair(edit, placement_from_answer(edit, drifted_answer(edit, g, o), "bench"));
  };
  // Inside = selected at least half; the seam band lies 1-5 px inside its border.
  Raster outside(selection.width, selection.height, 1, 0);
  for (size_t i = 0; i < selection.pixels.size(); ++i) outside.pixels[i] = selection.pixels[i] < 128 ? 255 : 0;
  const Raster near1 = dilate_mask(outside, 1), near5 = dilate_mask(outside, 5);
  auto seam_error = [&](const Raster &result) {
    double sum = 0;
    long n = 0;
    for (size_t i = 0; i < selection.pixels.size(); ++i)
      if (!outside.pixels[i] && near5.pixels[i] && !near1.pixels[i]) {
        for (int c = 0; c < 3; ++c) sum += std::abs(result.pixels[i * 4 + c] - canvas.pixels[i * 4 + c]);
        n += 3;
      }
    return n ? sum / n : 0.0;
  };
  Scores s;
  auto [edit_off, placed_off] = run(false, gain, offset);
  s.seam_off = seam_error(composite(canvas, edit_off, placed_off));
  auto [edit_on, placed_on] = run(true, gain, offset);
  s.seam_on = seam_error(composite(canvas, edit_on, placed_on));
  auto [edit_id, placed_id] = run(true, 1.0, 0.0);
  const Raster identity = composite(canvas, edit_id, placed_id);
  double squares = 0;
  long n = 0;
  for (size_t i = 0; i < selection.pixels.size(); ++i)
    if (!outside.pixels[i])
      for (int c = 0; c < 3; ++c) {
        const double d = identity.pixels[i * 4 + c] - canvas.pixels[i * 4 + c];
        squares += d * d;
        ++n;
      }
  s.psnr = squares == 0 ? INFINITY : 10 * std::log10(255.0 * 255.0 / (squares / n));
  return s;
}

}  // namespace

int main(int argc, char **argv) {
  double gain = 0.8, offset = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--gain")) gain = std::atof(argv[i + 1]);
    if (!std::strcmp(argv[i], "--offset")) offset = std::atof(argv[i + 1]);
  }
  const int w = 800, h = 600;
  const std::vector<std::pair<const char *, Picture>> pictures = {
      {"gradient + checker", [](int x, int y, std::uint8_t *p) {
         p[0] = static_cast<std::uint8_t>(x * 255 / 800), p[1] = static_cast<std::uint8_t>(y * 255 / 600);
         p[2] = static_cast<std::uint8_t>(((x / 16 + y / 16) % 2) * 80 + 40);
       }},
      {"smooth photo-like", [](int x, int y, std::uint8_t *p) {
         const double v = 0.5 + 0.25 * std::sin(x / 37.0) * std::cos(y / 23.0) + 0.2 * std::sin((x + y) / 91.0);
         p[0] = static_cast<std::uint8_t>(std::clamp(v * 230 + 10, 0.0, 255.0));
         p[1] = static_cast<std::uint8_t>(std::clamp(v * 180 + 30, 0.0, 255.0));
         p[2] = static_cast<std::uint8_t>(std::clamp((1 - v) * 160 + 40, 0.0, 255.0));
       }},
      {"fine noise", [](int x, int y, std::uint8_t *p) {
         const unsigned h = (static_cast<unsigned>(x) * 73856093u) ^ (static_cast<unsigned>(y) * 19349663u);
         p[0] = static_cast<std::uint8_t>(90 + h % 80), p[1] = static_cast<std::uint8_t>(110 + (h >> 8) % 60);
         p[2] = static_cast<std::uint8_t>(70 + (h >> 16) % 90);
       }},
  };
  auto ellipse = [](double cx, double cy, double rx, double ry) {
    return [=](double x, double y) { return ((x - cx) * (x - cx) / (rx * rx) + (y - cy) * (y - cy) / (ry * ry)) <= 1 ? 1.0 : 0.0; };
  };
  const std::vector<std::pair<const char *, Shape>> shapes = {
      {"ellipse 200x150", ellipse(400, 275, 100, 75)},
      {"rectangle 240x120", [](double x, double y) { return x >= 280 && x < 520 && y >= 240 && y < 360 ? 1.0 : 0.0; }},
      {"freehand-like blob", [](double x, double y) {
         const double a = std::atan2(y - 300, x - 400), r = std::hypot(x - 400, y - 300);
         return r <= 110 + 25 * std::sin(3 * a) + 12 * std::cos(7 * a) ? 1.0 : 0.0;
       }},
      {"feathered ellipse", [](double x, double y) {
         const double d = std::sqrt((x - 400) * (x - 400) / (120.0 * 120) + (y - 300) * (y - 300) / (90.0 * 90));
         return std::clamp((1.15 - d) / 0.3, 0.0, 1.0);  // a soft edge about 30 px wide
       }},
  };
  std::printf("Seam bench: answers drifted by gain %.2f, offset %.0f; defaults (auto grow and feather)\n\n", gain, offset);
  std::printf("| image | selection | seam error, no matching | seam error, matching | reduction | PSNR, identity answer |\n");
  std::printf("|---|---|---|---|---|---|\n");
  for (const auto &[picture_name, picture] : pictures) {
    const Raster canvas = make_canvas(w, h, picture);
    for (const auto &[shape_name, shape] : shapes) {
      const Scores s = measure(canvas, make_selection(w, h, shape), gain, offset);
      std::printf("| %s | %s | %.2f | %.2f | %.0f%% | %.1f dB |\n", picture_name, shape_name, s.seam_off, s.seam_on,
                  100 * (1 - s.seam_on / s.seam_off), s.psnr);
    }
  }
  return 0;
}
