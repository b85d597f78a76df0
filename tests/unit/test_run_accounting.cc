// The request path's accounting: a ledger line per request, the answer kept, and with "reuse" an
// identical request answered from the cache without being sent.
#include <gtest/gtest.h>
#include <glib.h>

#include <sstream>
#include <string>
#include <vector>

#include "errors.h"
#include "image_codec.h"
#include "run_accounting.h"
#include "temp_directory.h"

using namespace gpt_image;
using gpt_image::testing::TempDirectory;

namespace {

ConnectionSettings connection() {
  ConnectionSettings c;
  c.base_url = "http://127.0.0.1:8080/v1";
  c.model = "gpt-image-1.5";
  c.api_key = "sk-accounting-test-key-never-written";
  return c;
}

EditRequest request(const std::string &prompt) {
  EditRequest r;
  r.model = "gpt-image-1.5";
  r.prompt = prompt;
  r.quality = "low";
  r.size = "1024x1024";
  r.image_png = encode_png(Raster(4, 4, 4, 200));
  return r;
}

// The answer the fake server gives: 20 text, 280 image input and 272 output tokens.
ImagesResult fresh_answer() {
  ImagesResult a;
  a.images.push_back(encode_png(Raster(8, 8, 4, 77)));
  ImageUsage usage;
  usage.input_tokens = 300;
  usage.output_tokens = 272;
  usage.total_tokens = 572;
  usage.input_split = std::make_pair(20LL, 280LL);
  a.usage = usage;
  a.request_id = "req_123";
  a.size = "1024x1024";
  return a;
}

std::vector<std::string> ledger_lines(const std::string &path) {
  gchar *text = nullptr;
  std::vector<std::string> lines;
  if (!g_file_get_contents(path.c_str(), &text, nullptr, nullptr)) return lines;
  std::istringstream in(text);
  g_free(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

struct RunFolder {
  TempDirectory dir;
  AccountingOptions options(CacheMode mode, bool keep_prompts = false) const {
    AccountingOptions o;
    o.procedure = "plug-in-gpt-image-edit";
    o.ledger_path = dir.path() + "/usage.csv";
    o.cache_directory = dir.path() + "/cache";
    o.cache_max_bytes = std::int64_t{64} << 20;
    o.keep_prompts = keep_prompts;
    o.cache = mode;
    return o;
  }
};

// 2026-03-01T09:05:00Z, a second later at every reading.
std::function<std::int64_t()> test_clock() {
  auto now = std::make_shared<std::int64_t>(std::int64_t{1772355899} * 1000000);
  return [now] { return *now += 1000000; };
}

}  // namespace

TEST(RunAccounting, RecordsEachRequestAndReusesAnIdenticalOne) {
  RunFolder run;
  int sent = 0;
  auto send = [&] {
    ++sent;
    return fresh_answer();
  };
  {
    RunAccounting first(run.options(CacheMode::Off));
    first.set_clock(test_clock());
    const ImagesResult got = first.run(accounted_edit(connection(), request("a boat")), send);
    EXPECT_EQ(got.images, fresh_answer().images);
  }
  RunAccounting second(run.options(CacheMode::Reuse));
  const ImagesResult again = second.run(accounted_edit(connection(), request("a boat")), send);
  EXPECT_EQ(sent, 1);  // the identical request was not sent
  EXPECT_EQ(again.images, fresh_answer().images);
  EXPECT_EQ(again.size, "1024x1024");
  second.run(accounted_edit(connection(), request("a boat at dusk")), send);
  EXPECT_EQ(sent, 2);  // another prompt is another request

  const auto lines = ledger_lines(run.dir.path() + "/usage.csv");
  ASSERT_EQ(lines.size(), 4u);
  // Cost from the catalogue's gpt-image-1.5 token prices (USD per 1M: text 5, image 8, output 32):
  // (20 * 5 + 280 * 8 + 272 * 32) / 1e6 = 0.011044.
  const std::string expected =
      "2026-03-01T09:05:00Z,plug-in-gpt-image-edit,127.0.0.1,gpt-image-1.5,low,1024x1024,1,300,272,0.011044,";
  EXPECT_EQ(lines[1].substr(0, expected.size()), expected);
  EXPECT_NE(lines[1].find(",ok,req_123,"), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find(",gpt-image-1.5,low,1024x1024,1,,,0.000000,"), std::string::npos) << lines[2];
  EXPECT_NE(lines[2].find(",cached,,"), std::string::npos) << lines[2];
  EXPECT_NE(lines[3].find(",ok,req_123,"), std::string::npos) << lines[3];
  for (const auto &line : lines) {
    EXPECT_EQ(line.find("sk-accounting"), std::string::npos);
    EXPECT_EQ(line.find("boat"), std::string::npos);  // prompts stay out unless kept
  }
}

TEST(RunAccounting, OffNeverReusesButKeepsTheAnswer) {
  RunFolder run;
  int sent = 0;
  auto send = [&] {
    ++sent;
    return fresh_answer();
  };
  RunAccounting off(run.options(CacheMode::Off));
  off.run(accounted_edit(connection(), request("a boat")), send);
  off.run(accounted_edit(connection(), request("a boat")), send);
  EXPECT_EQ(sent, 2);
  gchar *key_folder = g_build_filename(run.dir.path().c_str(), "cache",
                                       accounted_edit(connection(), request("a boat")).key.c_str(), nullptr);
  EXPECT_TRUE(g_file_test(key_folder, G_FILE_TEST_IS_DIR));
  g_free(key_folder);
}

TEST(RunAccounting, CapZeroKeepsNothingToReuse) {
  RunFolder run;
  int sent = 0;
  auto send = [&] {
    ++sent;
    return fresh_answer();
  };
  AccountingOptions o = run.options(CacheMode::Reuse);
  o.cache_max_bytes = 0;
  RunAccounting accounting(o);
  accounting.run(accounted_edit(connection(), request("a boat")), send);
  accounting.run(accounted_edit(connection(), request("a boat")), send);
  EXPECT_EQ(sent, 2);
}

TEST(RunAccounting, CapZeroReusesNothingAnEarlierCapKeptAndEmptiesTheCache) {
  RunFolder run;
  int sent = 0;
  auto send = [&] {
    ++sent;
    return fresh_answer();
  };
  {
    RunAccounting kept(run.options(CacheMode::Off));  // the default cap keeps the answer
    kept.run(accounted_edit(connection(), request("a boat")), send);
  }
  gchar *key_folder = g_build_filename(run.dir.path().c_str(), "cache",
                                       accounted_edit(connection(), request("a boat")).key.c_str(), nullptr);
  const std::string folder = key_folder;
  g_free(key_folder);
  ASSERT_TRUE(g_file_test(folder.c_str(), G_FILE_TEST_IS_DIR));

  AccountingOptions o = run.options(CacheMode::Reuse);
  o.cache_max_bytes = 0;  // the user set the cap to 0 since
  RunAccounting none(o);
  none.run(accounted_edit(connection(), request("a boat")), send);
  EXPECT_EQ(sent, 2);  // sent again, not taken from the old entry
  EXPECT_FALSE(g_file_test(folder.c_str(), G_FILE_TEST_EXISTS));  // and the cache is emptied
  const auto lines = ledger_lines(run.dir.path() + "/usage.csv");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[2].find(",cached,"), std::string::npos) << lines[2];
}

TEST(RunAccounting, FailuresAndCancelsAreRecordedAndThrownOn) {
  RunFolder run;
  RunAccounting accounting(run.options(CacheMode::Reuse, true));
  EXPECT_THROW(accounting.run(accounted_edit(connection(), request("p, \"q\"")),
                              []() -> ImagesResult { throw GenerativeError(ErrorKind::Api, "refused", 400); }),
               GenerativeError);
  EXPECT_THROW(accounting.run(accounted_edit(connection(), request("p")),
                              []() -> ImagesResult { throw GenerativeError(ErrorKind::Cancelled, "stopped"); }),
               GenerativeError);
  const auto lines = ledger_lines(run.dir.path() + "/usage.csv");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_NE(lines[1].find(",1,,,,"), std::string::npos) << lines[1];  // no tokens, no cost
  EXPECT_NE(lines[1].find(",error:api,,\"p, \"\"q\"\"\""), std::string::npos) << lines[1];  // prompt kept
  EXPECT_NE(lines[2].find(",cancelled,,p"), std::string::npos) << lines[2];
  // Nothing kept from a failure: the next identical request is sent.
  int sent = 0;
  accounting.run(accounted_edit(connection(), request("p")), [&] {
    ++sent;
    return fresh_answer();
  });
  EXPECT_EQ(sent, 1);
}

TEST(RunAccounting, CacheModeArgument) {
  EXPECT_EQ(parse_cache_mode("off"), CacheMode::Off);
  EXPECT_EQ(parse_cache_mode("reuse"), CacheMode::Reuse);
  EXPECT_THROW(parse_cache_mode("always"), GenerativeError);
}
