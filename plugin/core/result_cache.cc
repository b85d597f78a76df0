#include "result_cache.h"

#include <glib.h>
#include <glib/gstdio.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "errors.h"
#include "image_codec.h"
#include "usage_ledger.h"  // ledger_time: the same UTC form as the ledger
#include "resample.h"

namespace gpt_image {

namespace {

constexpr char kGroup[] = "entry";
constexpr char kMetaFile[] = "meta.ini";
constexpr char kUsedFile[] = "used";
// meta.ini is small (the prompt is its largest part); more is not ours and is not read.
constexpr std::int64_t kMaxMetaBytes = 256 * 1024;
// A temporary folder this old belongs to a store that never finished (the plug-in was killed).
constexpr std::int64_t kStaleTemporaryUs = std::int64_t{3600} * 1000000;

std::string join(const std::string &folder, const std::string &name) {
  gchar *path = g_build_filename(folder.c_str(), name.c_str(), nullptr);
  std::string out = path;
  g_free(path);
  return out;
}

std::int64_t file_size(const std::string &path) {
  GStatBuf st;
  if (g_stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return -1;
  return static_cast<std::int64_t>(st.st_size);
}

// True when `path` itself (not what a link there points at) is a folder.
bool is_real_folder(const std::string &path) {
  GStatBuf st;
  return g_lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// Deletes `path` and, when it is a real folder, everything in it. A symbolic link, wherever it
// sits (the entry's own name, a .tmp-* folder or a file inside), is removed as a link and never
// followed: someone's link from the cache to their pictures must not cost them the pictures.
void remove_tree(const std::string &path) {
  if (!is_real_folder(path)) {
    g_remove(path.c_str());  // a file or a link: unlink() never follows it
    return;
  }
  if (GDir *dir = g_dir_open(path.c_str(), 0, nullptr)) {
    while (const gchar *name = g_dir_read_name(dir)) remove_tree(join(path, name));
    g_dir_close(dir);
  }
  g_rmdir(path.c_str());
}

bool write_file(const std::string &path, const void *data, size_t size) {
  return g_file_set_contents(path.c_str(), static_cast<const gchar *>(data), static_cast<gssize>(size), nullptr);
}

// The extension an image is kept under, from its first bytes (the answer's format field may lie).
std::string image_extension(const std::vector<std::uint8_t> &b) {
  if (b.size() >= 8 && b[0] == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') return "png";
  if (b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return "jpeg";
  if (b.size() >= 12 && std::equal(b.begin(), b.begin() + 4, "RIFF") && std::equal(b.begin() + 8, b.begin() + 12, "WEBP"))
    return "webp";
  return "bin";
}

// A file name meta.ini may point at: a plain name inside the entry's own folder.
bool plain_name(const std::string &name) {
  return !name.empty() && name[0] != '.' && name.find('/') == std::string::npos &&
         name.find('\\') == std::string::npos;
}

std::string get_string(GKeyFile *file, const char *key, bool *ok) {
  gchar *value = g_key_file_get_string(file, kGroup, key, nullptr);
  if (!value) {
    *ok = false;
    return "";
  }
  std::string out = value;
  g_free(value);
  return out;
}

std::vector<std::string> get_list(GKeyFile *file, const char *key, bool *ok) {
  gsize length = 0;
  gchar **values = g_key_file_get_string_list(file, kGroup, key, &length, nullptr);
  std::vector<std::string> out;
  if (!values) {
    *ok = false;
    return out;
  }
  for (gsize i = 0; i < length; ++i) out.emplace_back(values[i]);
  g_strfreev(values);
  return out;
}

std::optional<std::int64_t> parse_int(const std::string &text) {
  if (text.empty()) return std::nullopt;
  gchar *end = nullptr;
  const gint64 value = g_ascii_strtoll(text.c_str(), &end, 10);
  if (!end || *end != '\0' || value < 0) return std::nullopt;
  return value;
}

std::int64_t read_stamp(const std::string &path, std::int64_t fallback) {
  gchar *text = nullptr;
  gsize length = 0;
  if (file_size(path) < 0 || file_size(path) > 64 || !g_file_get_contents(path.c_str(), &text, &length, nullptr))
    return fallback;
  const auto value = parse_int(std::string(text, length));
  g_free(text);
  return value ? *value : fallback;
}

}  // namespace

bool is_request_key(const std::string &name) {
  return name.size() == 64 &&
         std::all_of(name.begin(), name.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string cache_directory_in_profile(const std::string &profile_directory) {
  gchar *path = g_build_filename(profile_directory.c_str(), "gimp-gpt-image", "cache", nullptr);
  std::string out = path;
  g_free(path);
  return out;
}

std::vector<std::uint8_t> make_thumbnail(const std::vector<std::uint8_t> &encoded, int side) {
  const Raster picture = decode_image(encoded);
  const int longest = std::max(picture.width, picture.height);
  if (longest <= side) return encode_png(picture);
  const double scale = static_cast<double>(side) / longest;
  const PixelSize target{std::max(1, static_cast<int>(std::lround(picture.width * scale))),
                         std::max(1, static_cast<int>(std::lround(picture.height * scale)))};
  return encode_png(resample_lanczos3(picture, target, PixelRect{0, 0, target.width, target.height}));
}

ResultCache::ResultCache(std::string directory, std::int64_t max_bytes)
    : directory_(std::move(directory)), max_bytes_(std::max<std::int64_t>(0, max_bytes)),
      clock_([] { return static_cast<std::int64_t>(g_get_real_time()); }) {}

std::string ResultCache::entry_folder(const std::string &key) const { return join(directory_, key); }

bool ResultCache::store(const std::string &key, const CacheEntryInfo &info, const ImagesResult &answer) {
  if (max_bytes_ <= 0) {
    evict_to(0);  // a cap of 0 keeps nothing: what an earlier, larger cap kept goes too
    return false;
  }
  if (!is_request_key(key) || answer.images.empty() ||
      answer.images.size() > static_cast<size_t>(kMaxCachedImages))
    return false;
  std::vector<std::vector<std::uint8_t>> thumbnails;
  std::int64_t total = 0;
  try {
    for (const auto &image : answer.images) {
      thumbnails.push_back(make_thumbnail(image));
      total += static_cast<std::int64_t>(image.size() + thumbnails.back().size());
    }
  } catch (const GenerativeError &) {
    return false;  // not a picture: nothing the History window could show or a reuse could place
  }
  if (total > max_bytes_) return false;

  if (g_mkdir_with_parents(directory_.c_str(), 0700) != 0) return false;
  const std::string pattern = join(directory_, ".tmp-XXXXXX");
  std::vector<gchar> temporary(pattern.begin(), pattern.end());
  temporary.push_back('\0');
  if (!g_mkdtemp(temporary.data())) return false;
  const std::string staging = temporary.data();

  const std::int64_t now = clock_();
  std::unique_ptr<GKeyFile, decltype(&g_key_file_free)> meta(g_key_file_new(), g_key_file_free);
  GKeyFile *m = meta.get();
  g_key_file_set_string(m, kGroup, "created", ledger_time(now).c_str());
  g_key_file_set_string(m, kGroup, "created_us", std::to_string(now).c_str());
  g_key_file_set_string(m, kGroup, "procedure", info.procedure.c_str());
  g_key_file_set_string(m, kGroup, "host", info.host.c_str());
  g_key_file_set_string(m, kGroup, "model", info.model.c_str());
  g_key_file_set_string(m, kGroup, "quality", info.quality.c_str());
  g_key_file_set_string(m, kGroup, "size", info.size.c_str());
  g_key_file_set_string(m, kGroup, "n", std::to_string(info.n).c_str());
  g_key_file_set_string(m, kGroup, "output_format", info.output_format.c_str());
  g_key_file_set_string(m, kGroup, "prompt", info.prompt.c_str());
  char cost[64] = "";
  if (info.cost_usd) g_ascii_formatd(cost, sizeof cost, "%.6f", *info.cost_usd);
  g_key_file_set_string(m, kGroup, "cost_usd", cost);
  g_key_file_set_string(m, kGroup, "answer_size", answer.size.c_str());
  g_key_file_set_string(m, kGroup, "answer_format", answer.output_format.c_str());
  g_key_file_set_string(m, kGroup, "answer_quality", answer.quality.c_str());
  g_key_file_set_string(m, kGroup, "answer_background", answer.background.c_str());
  g_key_file_set_boolean(m, kGroup, "answer_streamed", answer.streamed);

  bool written = true;
  std::vector<std::string> image_names, thumb_names, sizes;
  for (size_t i = 0; i < answer.images.size() && written; ++i) {
    image_names.push_back("image-" + std::to_string(i) + "." + image_extension(answer.images[i]));
    thumb_names.push_back("thumb-" + std::to_string(i) + ".png");
    sizes.push_back(std::to_string(answer.images[i].size()));
    written = write_file(join(staging, image_names.back()), answer.images[i].data(), answer.images[i].size()) &&
              write_file(join(staging, thumb_names.back()), thumbnails[i].data(), thumbnails[i].size());
  }
  auto set_list = [m](const char *name, const std::vector<std::string> &values) {
    std::vector<const gchar *> pointers;
    for (const auto &v : values) pointers.push_back(v.c_str());
    g_key_file_set_string_list(m, kGroup, name, pointers.data(), pointers.size());
  };
  set_list("images", image_names);
  set_list("thumbnails", thumb_names);
  set_list("image_bytes", sizes);
  gsize meta_length = 0;
  gchar *meta_text = g_key_file_to_data(m, &meta_length, nullptr);
  written = written && meta_text && write_file(join(staging, kMetaFile), meta_text, meta_length);
  g_free(meta_text);
  const std::string stamp = std::to_string(now);
  written = written && write_file(join(staging, kUsedFile), stamp.data(), stamp.size());

  const std::string folder = entry_folder(key);
  if (written && g_rename(staging.c_str(), folder.c_str()) != 0) {
    remove_tree(folder);  // an older answer to the same request (or a corrupt one): replaced
    written = g_rename(staging.c_str(), folder.c_str()) == 0;
  }
  if (!written) {
    remove_tree(staging);
    return false;
  }
  evict_to(max_bytes_);
  return true;
}

std::optional<CacheEntry> ResultCache::read_entry(const std::string &key, bool for_eviction) const {
  CacheEntry entry;
  entry.key = key;
  entry.folder = entry_folder(key);
  // Only a real folder is ours; a link named like an entry is treated as corrupt (and removed
  // as a link by lookup and eviction).
  if (!is_real_folder(entry.folder)) return std::nullopt;
  const std::string meta_path = join(entry.folder, kMetaFile);
  const std::int64_t meta_size = file_size(meta_path);
  if (meta_size <= 0 || meta_size > kMaxMetaBytes) return std::nullopt;
  std::unique_ptr<GKeyFile, decltype(&g_key_file_free)> meta(g_key_file_new(), g_key_file_free);
  if (!g_key_file_load_from_file(meta.get(), meta_path.c_str(), G_KEY_FILE_NONE, nullptr)) return std::nullopt;
  GKeyFile *m = meta.get();
  bool ok = true;
  CacheEntryInfo &info = entry.info;
  info.created = get_string(m, "created", &ok);
  const auto created_us = parse_int(get_string(m, "created_us", &ok));
  info.procedure = get_string(m, "procedure", &ok);
  info.host = get_string(m, "host", &ok);
  info.model = get_string(m, "model", &ok);
  info.quality = get_string(m, "quality", &ok);
  info.size = get_string(m, "size", &ok);
  const auto n = parse_int(get_string(m, "n", &ok));
  info.output_format = get_string(m, "output_format", &ok);
  info.prompt = get_string(m, "prompt", &ok);
  const std::string cost = get_string(m, "cost_usd", &ok);
  info.answer_size = get_string(m, "answer_size", &ok);
  info.answer_format = get_string(m, "answer_format", &ok);
  info.answer_quality = get_string(m, "answer_quality", &ok);
  info.answer_background = get_string(m, "answer_background", &ok);
  info.answer_streamed = g_key_file_get_boolean(m, kGroup, "answer_streamed", nullptr);
  const auto images = get_list(m, "images", &ok);
  const auto thumbnails = get_list(m, "thumbnails", &ok);
  const auto sizes = get_list(m, "image_bytes", &ok);
  if (!ok || !created_us || !n || *n > kMaxCachedImages || images.empty() ||
      images.size() > static_cast<size_t>(kMaxCachedImages) || thumbnails.size() != images.size() ||
      sizes.size() != images.size())
    return std::nullopt;
  info.created_us = *created_us;
  info.n = static_cast<int>(*n);
  if (!cost.empty()) {
    gchar *end = nullptr;
    const double value = g_ascii_strtod(cost.c_str(), &end);
    if (!end || *end != '\0' || !std::isfinite(value) || value < 0) return std::nullopt;
    info.cost_usd = value;
  }
  for (size_t i = 0; i < images.size(); ++i) {
    const auto expected = parse_int(sizes[i]);
    if (!plain_name(images[i]) || !plain_name(thumbnails[i]) || !expected) return std::nullopt;
    const std::string image = join(entry.folder, images[i]), thumbnail = join(entry.folder, thumbnails[i]);
    // A truncated or replaced image is not the answer that was kept.
    if (file_size(image) != *expected || file_size(thumbnail) <= 0) return std::nullopt;
    entry.image_paths.push_back(image);
    entry.thumbnail_paths.push_back(thumbnail);
    entry.image_bytes.push_back(*expected);
  }
  if (!for_eviction) return entry;
  if (GDir *dir = g_dir_open(entry.folder.c_str(), 0, nullptr)) {
    while (const gchar *name = g_dir_read_name(dir)) entry.total_bytes += std::max<std::int64_t>(0, file_size(join(entry.folder, name)));
    g_dir_close(dir);
  }
  entry.last_used_us = read_stamp(join(entry.folder, kUsedFile), info.created_us);
  return entry;
}

std::optional<CacheEntry> ResultCache::lookup(const std::string &key) {
  if (!is_request_key(key)) return std::nullopt;
  std::optional<CacheEntry> entry = read_entry(key);
  if (!entry) {
    GStatBuf st;  // lstat: a link named like the entry goes as a link, a folder with its files
    if (g_lstat(entry_folder(key).c_str(), &st) == 0) remove_tree(entry_folder(key));
    return std::nullopt;
  }
  entry->last_used_us = clock_();
  const std::string stamp = std::to_string(entry->last_used_us);
  write_file(join(entry->folder, kUsedFile), stamp.data(), stamp.size());
  return entry;
}

std::optional<ImagesResult> ResultCache::load_answer(const CacheEntry &entry) const {
  ImagesResult answer;
  for (size_t i = 0; i < entry.image_paths.size(); ++i) {
    gchar *data = nullptr;
    gsize length = 0;
    if (file_size(entry.image_paths[i]) != entry.image_bytes[i] ||
        !g_file_get_contents(entry.image_paths[i].c_str(), &data, &length, nullptr))
      return std::nullopt;
    answer.images.emplace_back(reinterpret_cast<std::uint8_t *>(data), reinterpret_cast<std::uint8_t *>(data) + length);
    g_free(data);
    if (static_cast<std::int64_t>(length) != entry.image_bytes[i]) return std::nullopt;
  }
  answer.size = entry.info.answer_size;
  answer.output_format = entry.info.answer_format;
  answer.quality = entry.info.answer_quality;
  answer.background = entry.info.answer_background;
  answer.streamed = entry.info.answer_streamed;
  return answer;
}

std::vector<CacheEntry> ResultCache::list() const {
  std::vector<CacheEntry> entries;
  if (GDir *dir = g_dir_open(directory_.c_str(), 0, nullptr)) {
    while (const gchar *name = g_dir_read_name(dir)) {
      if (!is_request_key(name)) continue;
      if (auto entry = read_entry(name, false)) entries.push_back(std::move(*entry));
    }
    g_dir_close(dir);
  }
  std::sort(entries.begin(), entries.end(), [](const CacheEntry &a, const CacheEntry &b) {
    if (a.info.created_us != b.info.created_us) return a.info.created_us > b.info.created_us;
    return a.key < b.key;
  });
  return entries;
}

void ResultCache::evict_to(std::int64_t max_bytes) {
  std::vector<CacheEntry> entries;
  const std::int64_t now = g_get_real_time();  // the files' own clock, not the entries'
  if (GDir *dir = g_dir_open(directory_.c_str(), 0, nullptr)) {
    while (const gchar *name = g_dir_read_name(dir)) {
      const std::string path = join(directory_, name);
      if (is_request_key(name)) {
        if (auto entry = read_entry(name))
          entries.push_back(std::move(*entry));
        else
          remove_tree(path);  // corrupt: it would take room forever
      } else if (g_str_has_prefix(name, ".tmp-")) {
        GStatBuf st;  // lstat: the age of the link itself, never of what it points at
        if (g_lstat(path.c_str(), &st) == 0 && now - static_cast<std::int64_t>(st.st_mtime) * 1000000 > kStaleTemporaryUs)
          remove_tree(path);
      }
    }
    g_dir_close(dir);
  }
  std::int64_t total = 0;
  for (const auto &e : entries) total += e.total_bytes;
  std::sort(entries.begin(), entries.end(), [](const CacheEntry &a, const CacheEntry &b) {
    if (a.last_used_us != b.last_used_us) return a.last_used_us < b.last_used_us;
    return a.key < b.key;
  });
  for (const auto &e : entries) {
    if (total <= max_bytes) break;
    remove_tree(e.folder);
    total -= e.total_bytes;
  }
}

}  // namespace gpt_image
