// The result cache: every successful answer kept on disk under <profile>/gimp-gpt-image/cache/,
// one folder per request key (request_key.h) holding
//   meta.ini        what the History window lists (created, procedure, host, model, quality,
//                   size, n, output format, prompt, cost, the answer's fields, byte sizes)
//   image-N.<ext>   the answer's images, byte for byte as received
//   thumb-N.png     a thumbnail of each, longest side at most kThumbnailSide
//   used            when the entry was last stored or reused (microseconds since 1970), for LRU
// An entry is written into a temporary folder beside the others and renamed into place, so a
// reader sees all of it or nothing. An entry whose metadata does not parse or whose files are
// missing or of another size than recorded is treated as missing (a lookup removes it).
// After every store the least recently used entries go until the cache fits its cap.
// Deleting never follows a symbolic link: a link in the cache folder is removed as a link, so
// nothing outside the cache folder is ever deleted.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "api_response.h"

namespace gpt_image {

constexpr int kThumbnailSide = 128;
// An entry holds at most this many images (the API's n is at most 10).
constexpr int kMaxCachedImages = 10;

// What an entry says about itself (meta.ini).
struct CacheEntryInfo {
  std::string created;         // UTC, YYYY-MM-DDTHH:MM:SSZ
  std::int64_t created_us = 0; // the same, microseconds since 1970 (the listing's order)
  std::string procedure;       // the PDB name, e.g. plug-in-gpt-image-edit
  std::string host;            // the request URL's host
  std::string model;           // the model sent (Azure: the deployment)
  std::string quality;         // as sent
  std::string size;            // as sent
  int n = 1;                   // as sent
  std::string output_format;   // as sent
  std::string prompt;
  std::optional<double> cost_usd;  // what the call cost; nullopt when unknown
  // The answer's own fields (ImagesResult), given back on reuse so the result is placed as the
  // fresh one was.
  std::string answer_size, answer_format, answer_quality, answer_background;
  bool answer_streamed = false;
};

// One entry as the listing and a lookup find it.
struct CacheEntry {
  std::string key;     // the request key: the folder's name
  std::string folder;  // absolute path of the entry
  CacheEntryInfo info;
  std::vector<std::string> image_paths;      // in answer order
  std::vector<std::string> thumbnail_paths;  // one per image, same order
  std::vector<std::int64_t> image_bytes;     // each image's size
  // Read for eviction only; list() leaves them 0 (the History window does not need them).
  std::int64_t total_bytes = 0;              // everything in the folder
  std::int64_t last_used_us = 0;
};

// <profile>/gimp-gpt-image/cache
std::string cache_directory_in_profile(const std::string &profile_directory);

class ResultCache {
 public:
  // `max_bytes` is the cap (settings: cache_max_mib << 20); 0 keeps nothing.
  ResultCache(std::string directory, std::int64_t max_bytes);

  const std::string &directory() const { return directory_; }

  // Keeps `answer` under `key` (replacing an entry of the same key), makes its thumbnails, then
  // evicts down to the cap. Returns false when the cap is 0 (then it empties the cache: 0 keeps
  // nothing), and false leaving the cache as it was when the answer is larger than the cap, an
  // image does not decode, or the disk refuses: a cache that cannot keep an answer never fails
  // the call.
  bool store(const std::string &key, const CacheEntryInfo &info, const ImagesResult &answer);

  // The entry for `key`, its last-used stamp refreshed; nullopt when there is none or it is
  // corrupt (then it is removed).
  std::optional<CacheEntry> lookup(const std::string &key);

  // The answer kept in `entry`: its images and fields, no usage (it cost nothing this time).
  // nullopt when the files cannot be read or have changed size since.
  std::optional<ImagesResult> load_answer(const CacheEntry &entry) const;

  // Every sound entry, newest (created) first; corrupt ones are skipped. Reads only each entry's
  // meta.ini and the sizes of its images and thumbnails (bench/cache_listing_bench: 5000 entries).
  std::vector<CacheEntry> list() const;

  // Removes least recently used entries until the cache holds at most `max_bytes`.
  void evict_to(std::int64_t max_bytes);

  // The clock used for "created" and "used" (microseconds since 1970); tests set their own.
  void set_clock(std::function<std::int64_t()> clock) { clock_ = std::move(clock); }

 private:
  // With `for_eviction`, also the folder's total size and the last-used stamp.
  std::optional<CacheEntry> read_entry(const std::string &key, bool for_eviction = true) const;
  std::string entry_folder(const std::string &key) const;

  std::string directory_;
  std::int64_t max_bytes_;
  std::function<std::int64_t()> clock_;
};

// True for a request key: 64 lower-case hex digits (anything else in the folder is not an entry).
bool is_request_key(const std::string &name);

// The thumbnail of an encoded image: decoded with image_codec.h, scaled with resample.h so its
// longest side is at most `side` (never enlarged), encoded as PNG. Throws GenerativeError(Image).
std::vector<std::uint8_t> make_thumbnail(const std::vector<std::uint8_t> &encoded, int side = kThumbnailSide);

}  // namespace gpt_image
