// How long the History window's listing (ResultCache::list) takes with 5000 entries in the cache.
// A measurement, never a pass or fail. Usage: cache_listing_bench [entries] (default 5000).
#include <glib.h>
#include <glib/gstdio.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "image_codec.h"
#include "result_cache.h"
#include "temp_directory.h"

using namespace gpt_image;

namespace {

std::string hex_key(int i) {
  char text[65];
  std::snprintf(text, sizeof text, "%064x", i);
  return text;
}

void copy_file(const std::string &from, const std::string &to) {
  gchar *data = nullptr;
  gsize length = 0;
  if (!g_file_get_contents(from.c_str(), &data, &length, nullptr) ||
      !g_file_set_contents(to.c_str(), data, static_cast<gssize>(length), nullptr)) {
    std::fprintf(stderr, "cannot copy %s\n", from.c_str());
    std::exit(1);
  }
  g_free(data);
}

std::string base_name(const std::string &path) {
  gchar *name = g_path_get_basename(path.c_str());
  std::string out = name;
  g_free(name);
  return out;
}

}  // namespace

int main(int argc, char **argv) {
  const int count = argc > 1 ? std::atoi(argv[1]) : 5000;
  gpt_image::testing::TempDirectory dir;
  ResultCache cache(dir.path(), std::int64_t{1} << 40);
  // One real entry (a 1024x1024 answer, as the API gives), then copies of its files under other
  // keys: storing 5000 answers one by one would measure the stores, not the listing.
  Raster picture(1024, 1024, 4, 255);
  for (size_t i = 0; i < picture.pixels.size(); ++i) picture.pixels[i] = static_cast<std::uint8_t>(i * 7 / 5);
  ImagesResult answer;
  answer.images.push_back(encode_png(picture));
  CacheEntryInfo info;
  info.procedure = "plug-in-gpt-image-edit";
  info.model = "gpt-image-1.5";
  info.prompt = "a lighthouse on a cliff at dusk, waves breaking below";
  if (!cache.store(hex_key(0), info, answer)) return 1;
  const CacheEntry first = cache.list().at(0);
  for (int i = 1; i < count; ++i) {
    const std::string folder = dir.path() + "/" + hex_key(i);
    g_mkdir(folder.c_str(), 0700);
    for (const char *name : {"meta.ini", "used"}) copy_file(first.folder + "/" + name, folder + "/" + name);
    for (size_t k = 0; k < first.image_paths.size(); ++k) {
      copy_file(first.image_paths[k], folder + "/" + base_name(first.image_paths[k]));
      copy_file(first.thumbnail_paths[k], folder + "/" + base_name(first.thumbnail_paths[k]));
    }
  }
  for (int run = 1; run <= 3; ++run) {
    const auto start = std::chrono::steady_clock::now();
    const auto entries = cache.list();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("list() of %zu entries, run %d: %.1f ms\n", entries.size(), run, ms);
  }
  return 0;
}
