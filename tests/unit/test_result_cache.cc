// The result cache on disk: store, lookup, listing, LRU eviction, corrupt entries.
#include <gtest/gtest.h>
#include <glib.h>
#include <glib/gstdio.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ctime>
#include <fstream>
#include <string>

#include "image_codec.h"
#include "result_cache.h"
#include "temp_directory.h"

using namespace gpt_image;
using gpt_image::testing::TempDirectory;

namespace {

// A key per letter: 64 hex digits.
std::string key(char c) { return std::string(64, c); }

// A PNG of `w` x `h` noisy pixels (noise: every entry the same size, not compressible away).
std::vector<std::uint8_t> png(int w, int h, unsigned seed = 1) {
  Raster r(w, h, 4, 255);
  unsigned state = seed;
  for (size_t i = 0; i < r.pixels.size(); ++i)
    if (i % 4 != 3) r.pixels[i] = static_cast<std::uint8_t>((state = state * 1103515245u + 12345u) >> 16);
  return encode_png(r);
}

ImagesResult answer(std::vector<std::vector<std::uint8_t>> images) {
  ImagesResult a;
  a.images = std::move(images);
  a.size = "1024x1024";
  a.output_format = "png";
  a.quality = "low";
  return a;
}

CacheEntryInfo info(const std::string &prompt) {
  CacheEntryInfo i;
  i.procedure = "plug-in-gpt-image-edit";
  i.host = "127.0.0.1";
  i.model = "gpt-image-1.5";
  i.quality = "low";
  i.size = "1024x1024";
  i.n = 1;
  i.output_format = "png";
  i.prompt = prompt;
  i.cost_usd = 0.0125;
  return i;
}

// A clock the test moves: one second per reading.
struct TestClock {
  std::int64_t now = std::int64_t{1767225600} * 1000000;  // 2026-01-01T00:00:00Z
  std::function<std::int64_t()> fn() {
    return [this] { return now += 1000000; };
  }
};

std::int64_t folder_bytes(const std::string &dir) {
  std::int64_t total = 0;
  GDir *d = g_dir_open(dir.c_str(), 0, nullptr);
  if (!d) return 0;
  while (const gchar *name = g_dir_read_name(d)) {
    const std::string path = dir + "/" + name;
    GStatBuf st;
    if (g_stat(path.c_str(), &st) != 0) continue;
    total += S_ISDIR(st.st_mode) ? folder_bytes(path) : static_cast<std::int64_t>(st.st_size);
  }
  g_dir_close(d);
  return total;
}

}  // namespace

TEST(ResultCache, StoresAnAnswerWithMetadataAndThumbnails) {
  TempDirectory dir;
  ResultCache cache(dir.path() + "/cache", std::int64_t{1} << 30);
  TestClock clock;
  cache.set_clock(clock.fn());
  const auto wide = png(300, 150, 1), tall = png(40, 90, 2);
  CacheEntryInfo i = info("a boat, \"red\"\nsecond line");
  i.n = 2;
  ASSERT_TRUE(cache.store(key('a'), i, answer({wide, tall})));

  const auto entry = cache.lookup(key('a'));
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->info.created, "2026-01-01T00:00:01Z");
  EXPECT_EQ(entry->info.prompt, "a boat, \"red\"\nsecond line");
  EXPECT_EQ(entry->info.procedure, "plug-in-gpt-image-edit");
  EXPECT_EQ(entry->info.model, "gpt-image-1.5");
  EXPECT_EQ(entry->info.n, 2);
  ASSERT_TRUE(entry->info.cost_usd);
  EXPECT_DOUBLE_EQ(*entry->info.cost_usd, 0.0125);
  ASSERT_EQ(entry->image_paths.size(), 2u);
  EXPECT_EQ(entry->image_bytes[0], static_cast<std::int64_t>(wide.size()));

  const auto back = cache.load_answer(*entry);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->images[0], wide);
  EXPECT_EQ(back->images[1], tall);
  EXPECT_EQ(back->size, "1024x1024");
  EXPECT_EQ(back->quality, "low");
  EXPECT_FALSE(back->usage);

  // Thumbnails: PNG, longest side 128, aspect kept; a small image is not enlarged.
  gchar *data = nullptr;
  gsize length = 0;
  ASSERT_TRUE(g_file_get_contents(entry->thumbnail_paths[0].c_str(), &data, &length, nullptr));
  std::vector<std::uint8_t> thumb(data, data + length);
  g_free(data);
  EXPECT_EQ(thumb[1], 'P');
  EXPECT_EQ(decode_image(thumb).size(), (PixelSize{128, 64}));
  ASSERT_TRUE(g_file_get_contents(entry->thumbnail_paths[1].c_str(), &data, &length, nullptr));
  EXPECT_EQ(decode_image(std::vector<std::uint8_t>(data, data + length)).size(), (PixelSize{40, 90}));
  g_free(data);

  EXPECT_FALSE(cache.lookup(key('b')));
  EXPECT_FALSE(cache.lookup("../" + key('a').substr(3)));  // not a key: never a path
}

TEST(ResultCache, ListsNewestFirstAndSkipsWhatIsNotAnEntry) {
  TempDirectory dir;
  ResultCache cache(dir.path(), std::int64_t{1} << 30);
  TestClock clock;
  cache.set_clock(clock.fn());
  ASSERT_TRUE(cache.store(key('1'), info("first"), answer({png(8, 8)})));
  ASSERT_TRUE(cache.store(key('2'), info("second"), answer({png(8, 8)})));
  ASSERT_TRUE(cache.store(key('3'), info("third"), answer({png(8, 8)})));
  ASSERT_TRUE(cache.lookup(key('1')));  // reuse does not make it new
  g_mkdir((dir.path() + "/not-a-key").c_str(), 0700);
  ASSERT_TRUE(g_file_set_contents((dir.path() + "/README").c_str(), "x", 1, nullptr));
  const auto entries = cache.list();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].info.prompt, "third");
  EXPECT_EQ(entries[1].info.prompt, "second");
  EXPECT_EQ(entries[2].info.prompt, "first");
  EXPECT_EQ(entries[2].key, key('1'));
}

TEST(ResultCache, EvictsTheLeastRecentlyUsedAndKeepsAReusedOne) {
  TempDirectory dir;
  ResultCache probe(dir.path() + "/probe", std::int64_t{1} << 30);
  ASSERT_TRUE(probe.store(key('f'), info("x"), answer({png(64, 64)})));
  const std::int64_t entry_bytes = probe.lookup(key('f'))->total_bytes;

  // Room for three entries, not four.
  ResultCache cache(dir.path() + "/cache", entry_bytes * 3 + entry_bytes / 2);
  TestClock clock;
  cache.set_clock(clock.fn());
  ASSERT_TRUE(cache.store(key('a'), info("a"), answer({png(64, 64)})));
  ASSERT_TRUE(cache.store(key('b'), info("b"), answer({png(64, 64)})));
  ASSERT_TRUE(cache.store(key('c'), info("c"), answer({png(64, 64)})));
  ASSERT_TRUE(cache.lookup(key('a')));  // a is used again: b is now the least recently used
  ASSERT_TRUE(cache.store(key('d'), info("d"), answer({png(64, 64)})));
  EXPECT_TRUE(cache.lookup(key('a')));
  EXPECT_FALSE(cache.lookup(key('b')));
  EXPECT_TRUE(cache.lookup(key('c')));
  EXPECT_TRUE(cache.lookup(key('d')));
  // Order of use now: a, c, d; the next store pushes out a.
  ASSERT_TRUE(cache.store(key('e'), info("e"), answer({png(64, 64)})));
  EXPECT_FALSE(cache.lookup(key('a')));
  EXPECT_EQ(cache.list().size(), 3u);
}

TEST(ResultCache, NeverHoldsMoreThanItsCap) {
  TempDirectory dir;
  const std::int64_t cap = 200 * 1024;
  ResultCache cache(dir.path(), cap);
  for (char c : std::string("0123456789abcdef")) {
    cache.store(key(c), info("p"), answer({png(64, 64 + c % 7, static_cast<unsigned>(c))}));
    EXPECT_LE(folder_bytes(dir.path()), cap);
  }
  EXPECT_GT(cache.list().size(), 1u);
  // An answer larger than the whole cap is not kept (and pushes nothing out).
  const auto before = cache.list().size();
  EXPECT_FALSE(cache.store(key('9'), info("big"), answer({png(400, 400)})));
  EXPECT_EQ(cache.list().size(), before);
}

TEST(ResultCache, CapZeroKeepsNothing) {
  TempDirectory dir;
  ResultCache cache(dir.path() + "/cache", 0);
  EXPECT_FALSE(cache.store(key('a'), info("a"), answer({png(8, 8)})));
  EXPECT_FALSE(g_file_test((dir.path() + "/cache").c_str(), G_FILE_TEST_EXISTS));
}

TEST(ResultCache, ANonImageIsNotKept) {
  TempDirectory dir;
  ResultCache cache(dir.path(), std::int64_t{1} << 30);
  EXPECT_FALSE(cache.store(key('a'), info("a"), answer({{'n', 'o', 't'}})));
  EXPECT_FALSE(cache.lookup(key('a')));
}

class CorruptEntry : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(cache.store(key('a'), info("a"), answer({png(32, 32)})));
    ASSERT_TRUE(cache.store(key('b'), info("b"), answer({png(32, 32)})));
    entry = *cache.lookup(key('a'));
  }
  // The damaged entry is missing (and removed), the other one untouched.
  void expect_missing() {
    EXPECT_EQ(cache.list().size(), 1u);
    EXPECT_FALSE(cache.lookup(key('a')));
    EXPECT_FALSE(g_file_test(entry.folder.c_str(), G_FILE_TEST_EXISTS));
    EXPECT_TRUE(cache.lookup(key('b')));
  }
  TempDirectory dir;
  ResultCache cache{dir.path(), std::int64_t{1} << 30};
  CacheEntry entry;
};

TEST_F(CorruptEntry, TruncatedImage) {
  ASSERT_EQ(truncate(entry.image_paths[0].c_str(), entry.image_bytes[0] / 2), 0);
  expect_missing();
}

TEST_F(CorruptEntry, MissingImage) {
  ASSERT_EQ(g_remove(entry.image_paths[0].c_str()), 0);
  expect_missing();
}

TEST_F(CorruptEntry, MissingThumbnail) {
  ASSERT_EQ(g_remove(entry.thumbnail_paths[0].c_str()), 0);
  expect_missing();
}

TEST_F(CorruptEntry, MetadataThatIsNotAKeyFile) {
  ASSERT_TRUE(g_file_set_contents((entry.folder + "/meta.ini").c_str(), "\x01garbage[[", -1, nullptr));
  expect_missing();
}

TEST_F(CorruptEntry, MetadataWithoutItsImages) {
  ASSERT_TRUE(g_file_set_contents((entry.folder + "/meta.ini").c_str(), "[entry]\nprompt=a\n", -1, nullptr));
  expect_missing();
}

TEST_F(CorruptEntry, MetadataPointingOutOfTheFolder) {
  gchar *text = nullptr;
  ASSERT_TRUE(g_file_get_contents((entry.folder + "/meta.ini").c_str(), &text, nullptr, nullptr));
  std::string meta = text;
  g_free(text);
  const size_t at = meta.find("images=");
  ASSERT_NE(at, std::string::npos);
  meta.insert(at + 7, "../");
  ASSERT_TRUE(g_file_set_contents((entry.folder + "/meta.ini").c_str(), meta.c_str(), -1, nullptr));
  expect_missing();
}

TEST_F(CorruptEntry, MissingMetadata) {
  ASSERT_EQ(g_remove((entry.folder + "/meta.ini").c_str()), 0);
  expect_missing();
}

// A symbolic link in the cache folder (the user's, or planted) is removed as a link: what it
// points at, outside the cache, is never deleted.
class CacheLink : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(g_mkdir_with_parents(cache_dir.c_str(), 0700), 0);
    ASSERT_TRUE(g_file_set_contents(sentinel_file.c_str(), "keep me", -1, nullptr));
  }
  // A link at `name` in the cache folder pointing at the sentinel folder.
  std::string link(const std::string &name) {
    const std::string path = cache_dir + "/" + name;
    EXPECT_EQ(symlink(outside.path().c_str(), path.c_str()), 0);
    return path;
  }
  static bool exists_itself(const std::string &path) {
    GStatBuf st;
    return g_lstat(path.c_str(), &st) == 0;
  }
  TempDirectory dir, outside;
  const std::string cache_dir = dir.path() + "/cache";
  const std::string sentinel_file = outside.path() + "/precious.png";
  ResultCache cache{cache_dir, std::int64_t{1} << 30};
};

TEST_F(CacheLink, LookupRemovesOnlyTheLink) {
  const std::string path = link(key('a'));
  EXPECT_FALSE(cache.lookup(key('a')));
  EXPECT_FALSE(exists_itself(path));
  EXPECT_TRUE(g_file_test(sentinel_file.c_str(), G_FILE_TEST_IS_REGULAR));
}

TEST_F(CacheLink, ALinkToASoundEntryIsNotAnEntry) {
  // The sentinel folder holds a real entry: through the link it would read as one.
  ResultCache elsewhere(outside.path(), std::int64_t{1} << 30);
  ASSERT_TRUE(elsewhere.store(key('b'), info("b"), answer({png(8, 8)})));
  ASSERT_EQ(symlink((outside.path() + "/" + key('b')).c_str(), (cache_dir + "/" + key('b')).c_str()), 0);
  EXPECT_TRUE(cache.list().empty());
  EXPECT_FALSE(cache.lookup(key('b')));
  EXPECT_FALSE(exists_itself(cache_dir + "/" + key('b')));
  EXPECT_TRUE(elsewhere.lookup(key('b')));  // the entry it pointed at is untouched
}

TEST_F(CacheLink, StoreReplacesALinkOfItsKeyWithoutFollowingIt) {
  link(key('c'));
  ASSERT_TRUE(cache.store(key('c'), info("c"), answer({png(8, 8)})));
  GStatBuf st;
  ASSERT_EQ(g_lstat((cache_dir + "/" + key('c')).c_str(), &st), 0);
  EXPECT_TRUE(S_ISDIR(st.st_mode));  // a real entry now, not the link
  EXPECT_TRUE(cache.lookup(key('c')));
  EXPECT_TRUE(g_file_test(sentinel_file.c_str(), G_FILE_TEST_IS_REGULAR));
}

TEST_F(CacheLink, EvictionRemovesLinkedEntriesAndStaleTemporariesAsLinks) {
  const std::string entry_link = link(key('d'));
  const std::string temporary_link = link(".tmp-abcdef");
  // Both the link and its target two hours old: a stale temporary folder by either clock.
  const struct timespec old[2] = {{time(nullptr) - 7200, 0}, {time(nullptr) - 7200, 0}};
  ASSERT_EQ(utimensat(AT_FDCWD, outside.path().c_str(), old, 0), 0);
  ASSERT_EQ(utimensat(AT_FDCWD, temporary_link.c_str(), old, AT_SYMLINK_NOFOLLOW), 0);
  ASSERT_TRUE(cache.store(key('e'), info("e"), answer({png(8, 8)})));  // evicts after storing
  EXPECT_FALSE(exists_itself(entry_link));
  EXPECT_FALSE(exists_itself(temporary_link));
  EXPECT_TRUE(g_file_test(sentinel_file.c_str(), G_FILE_TEST_IS_REGULAR));
  EXPECT_TRUE(cache.lookup(key('e')));
}

TEST(ResultCache, StoreWithCapZeroEmptiesWhatALargerCapKept) {
  TempDirectory dir;
  ResultCache before(dir.path(), std::int64_t{1} << 30);
  ASSERT_TRUE(before.store(key('a'), info("a"), answer({png(8, 8)})));
  ASSERT_TRUE(before.store(key('b'), info("b"), answer({png(8, 8)})));
  ResultCache none(dir.path(), 0);
  EXPECT_FALSE(none.store(key('c'), info("c"), answer({png(8, 8)})));
  EXPECT_TRUE(before.list().empty());
  EXPECT_FALSE(g_file_test((dir.path() + "/" + key('a')).c_str(), G_FILE_TEST_EXISTS));
}
