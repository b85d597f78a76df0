// Seeds a result cache with entries for the History tests and benchmark, through the cache's own
// writer (ResultCache::store), so the entries are exactly what a call would have left:
//   history_seed CACHE_DIR WIDTHxHEIGHT PROMPT...     one entry per prompt, the last one newest
//   history_seed CACHE_DIR WIDTHxHEIGHT --many N      N entries ("seeded prompt #i")
// Each entry's one image is a PNG of a pattern that differs per entry (a gradient whose colour is
// the entry's number), so a test can tell which entry was inserted. Prints, per entry in the order
// made, "KEY IMAGE_PATH" (the image as stored).
#include <glib.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "png_encoder.h"
#include "result_cache.h"

namespace {

using namespace gpt_image;

std::vector<std::uint8_t> pattern_png(int width, int height, int number) {
  Raster raster(width, height, 4, 255);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      std::uint8_t *p = raster.at(x, y);
      p[0] = static_cast<std::uint8_t>(x * 255 / std::max(1, width - 1));
      p[1] = static_cast<std::uint8_t>(y * 255 / std::max(1, height - 1));
      p[2] = static_cast<std::uint8_t>((number * 37) % 256);
    }
  return encode_png(raster);
}

}  // namespace

int main(int argc, char **argv) {
  int width = 0, height = 0;
  if (argc < 4 || std::sscanf(argv[2], "%dx%d", &width, &height) != 2 || width < 1 || height < 1) {
    std::fprintf(stderr, "usage: %s CACHE_DIR WIDTHxHEIGHT (PROMPT... | --many N)\n", argv[0]);
    return 2;
  }
  std::vector<std::string> prompts;
  if (std::string(argv[3]) == "--many" && argc == 5) {
    for (int i = 0, n = std::atoi(argv[4]); i < n; ++i) prompts.push_back("seeded prompt #" + std::to_string(i));
  } else {
    for (int i = 3; i < argc; ++i) prompts.push_back(argv[i]);
  }
  ResultCache cache(argv[1], std::int64_t{64} << 30);  // a cap no seed reaches: nothing evicted
  // One second apart, from a fixed day: the listing's order is the order made.
  std::int64_t now_us = std::int64_t{1798675200} * 1000000;
  cache.set_clock([&] { return now_us; });
  for (std::size_t i = 0; i < prompts.size(); ++i) {
    now_us += 1000000;
    CacheEntryInfo info;
    info.procedure = "plug-in-gpt-image-generate";
    info.host = "127.0.0.1";
    info.model = "gpt-image-1.5";
    info.quality = i % 2 ? "low" : "medium";
    info.size = std::to_string(width) + "x" + std::to_string(height);
    info.output_format = "png";
    info.prompt = prompts[i];
    info.cost_usd = 0.011 * static_cast<double>(i + 1);
    ImagesResult answer;
    answer.images.push_back(pattern_png(width, height, static_cast<int>(i)));
    answer.size = info.size;
    answer.output_format = "png";
    gchar *key = g_compute_checksum_for_string(G_CHECKSUM_SHA256, (prompts[i] + "#" + std::to_string(i)).c_str(), -1);
    const bool stored = cache.store(key, info, answer);
    const std::optional<CacheEntry> entry = stored ? cache.lookup(key) : std::nullopt;
    if (!entry || entry->image_paths.empty()) {
      std::fprintf(stderr, "history_seed: the cache did not keep entry %zu\n", i);
      g_free(key);
      return 1;
    }
    std::printf("%s %s\n", key, entry->image_paths.front().c_str());
    g_free(key);
  }
  return 0;
}
