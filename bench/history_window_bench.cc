// How long the History window takes to get its list ready with many entries: the cache's listing
// (ResultCache::list, meta.ini and file sizes only) plus filling the window's list model
// (new_history_store). Thumbnails are not part of it: the window reads them only for the rows on
// screen. A measurement, never a pass or fail.
//   history_window_bench CACHE_DIR   (seed one with: tests/history_seed DIR 64x64 --many 5000)
#include <gtk/gtk.h>

#include <chrono>
#include <cstdio>

#include "common/history_window.h"
#include "result_cache.h"

using namespace gpt_image;

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CACHE_DIR\n", argv[0]);
    return 2;
  }
  using Clock = std::chrono::steady_clock;
  const auto ms = [](Clock::time_point from) {
    return std::chrono::duration<double, std::milli>(Clock::now() - from).count();
  };
  const ResultCache cache(argv[1], 0);
  const auto listing = Clock::now();
  const std::vector<CacheEntry> entries = cache.list();
  const double list_ms = ms(listing);
  const auto filling = Clock::now();
  std::vector<HistoryRow> rows;
  rows.reserve(entries.size());
  for (const CacheEntry &entry : entries)
    rows.push_back({entry.key, entry.info.prompt, entry.info.model + " · " + entry.info.quality + " · " + entry.info.size,
                    entry.thumbnail_paths.empty() ? std::string() : entry.thumbnail_paths.front()});
  GtkListStore *store = new_history_store(rows);
  const double fill_ms = ms(filling);
  std::printf("entries %zu  listing %.1f ms  window list filled %.1f ms  total %.1f ms\n", entries.size(), list_ms,
              fill_ms, list_ms + fill_ms);
  g_object_unref(store);
  return 0;
}
