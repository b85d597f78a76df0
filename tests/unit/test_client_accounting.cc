// The accounting hook inside ImagesApiClient, against the stand-in: edit and generate each
// leave a ledger line with the server's x-request-id, and with "reuse" an identical request is
// not sent at all.
#include <gtest/gtest.h>
#include <glib.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "fake_image_source.h"
#include "images_api_client.h"
#include "run_accounting.h"
#include "standin_process.h"
#include "temp_directory.h"

using namespace gpt_image;

namespace {

constexpr const char *kKey = "sk-unit-accounting-key-never-written";

size_t occurrences(const std::string &text, const std::string &what) {
  size_t count = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

std::vector<std::string> lines_of(const std::string &path) {
  gchar *text = nullptr;
  std::vector<std::string> lines;
  if (!g_file_get_contents(path.c_str(), &text, nullptr, nullptr)) return lines;
  std::istringstream in(text);
  g_free(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST(ClientAccounting, EditAndGenerateAreRecordedAndReused) {
  gpt_image::testing::StandInProcess standin(kKey);
  ASSERT_GT(standin.port(), 0);
  gpt_image::testing::TempDirectory dir;
  ConnectionSettings connection;
  connection.base_url = "http://127.0.0.1:" + std::to_string(standin.port()) + "/v1";
  connection.api_key = kKey;
  AccountingOptions options;
  options.procedure = "plug-in-gpt-image-edit";
  options.ledger_path = dir.path() + "/usage.csv";
  options.cache_directory = dir.path() + "/cache";
  options.cache_max_bytes = std::int64_t{64} << 20;
  options.cache = CacheMode::Reuse;
  connection.accounting = std::make_shared<RunAccounting>(options);
  const ImagesApiClient client(connection);
  SilentProgress quiet;

  FillOptions fill;
  fill.prompt = "an accounted apple";
  const EditRequest edit = gpt_image::testing::small_fill_request(fill);
  const ImagesResult first = client.edit(edit, quiet);
  const ImagesResult second = client.edit(edit, quiet);
  EXPECT_EQ(second.images, first.images);
  EXPECT_EQ(occurrences(standin.recorded(), "an accounted apple"), 1u);  // the second was not sent

  GenerateRequest generate;
  generate.model = edit.model;
  generate.prompt = "an accounted pear";
  generate.size = "1024x1024";
  generate.quality = "low";
  client.generate(generate, quiet);
  client.generate(generate, quiet);
  EXPECT_EQ(occurrences(standin.recorded(), "an accounted pear"), 1u);

  const auto lines = lines_of(options.ledger_path);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_NE(lines[1].find(",ok,req_standin_"), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find(",0.000000,"), std::string::npos) << lines[2];
  EXPECT_NE(lines[2].find(",cached,,"), std::string::npos) << lines[2];
  EXPECT_NE(lines[3].find(",ok,req_standin_"), std::string::npos) << lines[3];
  EXPECT_NE(lines[4].find(",cached,,"), std::string::npos) << lines[4];
  for (const auto &line : lines) EXPECT_EQ(line.find(kKey), std::string::npos);
}
