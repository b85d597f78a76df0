#include <gtest/gtest.h>

#include <glib.h>
#include <glib/gstdio.h>

#include <cstdlib>

#include "connection_settings.h"
#include "errors.h"
#include "temp_directory.h"

using namespace gpt_image;

namespace {
std::string error_of(const std::string &url) {
  try {
    validate_base_url(url);
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::Configuration);
    return e.what();
  }
  return "";
}

// Sets environment variables for one test and restores them afterwards.
class Environment : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char *name : {"OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_IMAGE_MODEL", "GPT_IMAGE_PIXEL_BUDGET",
                             "OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "GPT_IMAGE_TIMEOUT", "GPT_IMAGE_CA_FILE"}) {
      const char *value = std::getenv(name);
      saved_.emplace_back(name, value ? std::optional<std::string>(value) : std::nullopt);
      unsetenv(name);
    }
  }
  void TearDown() override {
    for (const auto &[name, value] : saved_) {
      if (value) setenv(name.c_str(), value->c_str(), 1);
      else unsetenv(name.c_str());
    }
  }
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};
}  // namespace

TEST(BaseUrl, HttpsAnywhereHttpOnlyToLoopback) {
  EXPECT_EQ(validate_base_url("https://api.openai.com/v1/"), "https://api.openai.com/v1");
  EXPECT_EQ(validate_base_url("https://relay.example.com/openai/v1"), "https://relay.example.com/openai/v1");
  EXPECT_EQ(validate_base_url("http://127.0.0.1:8080/v1"), "http://127.0.0.1:8080/v1");
  EXPECT_EQ(validate_base_url("http://localhost:9/v1"), "http://localhost:9/v1");
  EXPECT_EQ(validate_base_url("http://[::1]:9/v1"), "http://[::1]:9/v1");
  EXPECT_NE(error_of("http://api.example.com/v1").find("https://"), std::string::npos);
  EXPECT_NE(error_of("http://192.168.1.5/v1").find("Refusing plain http"), std::string::npos);
  EXPECT_NE(error_of("ftp://example.com/v1"), "");
  EXPECT_NE(error_of("not a url"), "");
  EXPECT_NE(error_of(""), "");
  EXPECT_NE(error_of("https://user:secret@example.com/v1").find("password"), std::string::npos);
}

TEST_F(Environment, DefaultsAreTheDocumentedOnes) {
  setenv("OPENAI_API_KEY", "sk-test-secret-value", 1);
  const auto c = resolve_connection("");
  EXPECT_EQ(c.base_url, "https://api.openai.com/v1");
  EXPECT_EQ(c.model, "gpt-image-1.5");
  EXPECT_EQ(c.api_key, "sk-test-secret-value");
  EXPECT_EQ(c.connect_timeout_seconds, 10);
  EXPECT_EQ(c.timeout_seconds, 600);  // the official SDK's
  EXPECT_EQ(c.stall_timeout_seconds, 60);
  EXPECT_EQ(c.max_retries, 2);  // the official SDK's
  EXPECT_EQ(c.pixel_budget, kDefaultPixelBudget);
}

TEST_F(Environment, ReadsOverrides) {
  setenv("OPENAI_API_KEY", "k", 1);
  setenv("OPENAI_BASE_URL", "https://relay.example.com/v1/", 1);
  setenv("OPENAI_IMAGE_MODEL", "gpt-image-2", 1);
  setenv("GPT_IMAGE_PIXEL_BUDGET", "4000000", 1);
  const auto c = resolve_connection("");
  EXPECT_EQ(c.base_url, "https://relay.example.com/v1");
  EXPECT_EQ(c.model, "gpt-image-2");
  EXPECT_EQ(c.pixel_budget, 4000000);
  setenv("GPT_IMAGE_PIXEL_BUDGET", "lots", 1);
  EXPECT_THROW(resolve_connection(""), GenerativeError);
}

// The unit tests run without a session bus (see main.cc): the keyring cannot answer.
TEST_F(Environment, MissingKeyWithoutAKeyringSaysSoAndHowToSetIt) {
  try {
    resolve_connection("");
    FAIL();
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::Configuration);
    EXPECT_NE(std::string(e.what()).find("OPENAI_API_KEY"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("keyring"), std::string::npos) << e.what();
  }
}

TEST_F(Environment, SettingsFileIsReadAndTheEnvironmentWins) {
  gpt_image::testing::TempDirectory profile;
  const std::string path = settings_path_in_profile(profile.path());
  PluginSettings saved;
  saved.base_url = "https://relay.example.com/v1";
  saved.model = "gpt-image-1-mini";
  saved.organization = "org-123";
  saved.project = "proj_9";
  saved.timeout_seconds = 120;
  save_settings(saved, path);
  setenv("OPENAI_API_KEY", "sk-from-env", 1);
  auto c = resolve_connection(path);
  EXPECT_EQ(c.base_url, "https://relay.example.com/v1");
  EXPECT_EQ(c.model, "gpt-image-1-mini");
  EXPECT_EQ(c.organization, "org-123");
  EXPECT_EQ(c.project, "proj_9");
  EXPECT_EQ(c.timeout_seconds, 120);
  setenv("OPENAI_IMAGE_MODEL", "gpt-image-2", 1);
  setenv("OPENAI_PROJECT_ID", "proj_env", 1);
  setenv("GPT_IMAGE_TIMEOUT", "30", 1);
  c = resolve_connection(path);
  EXPECT_EQ(c.model, "gpt-image-2");
  EXPECT_EQ(c.project, "proj_env");
  EXPECT_EQ(c.timeout_seconds, 30);
  // The key is never written to the settings file.
  gchar *text = nullptr;
  ASSERT_TRUE(g_file_get_contents(path.c_str(), &text, nullptr, nullptr));
  EXPECT_EQ(std::string(text).find("sk-from-env"), std::string::npos);
  g_free(text);
}

TEST_F(Environment, UnsafeBaseUrlIsRefusedWithoutShowingTheKey) {
  setenv("OPENAI_API_KEY", "sk-never-show-me", 1);
  setenv("OPENAI_BASE_URL", "http://images.example.com/v1", 1);
  try {
    resolve_connection("");
    FAIL();
  } catch (const GenerativeError &e) {
    EXPECT_EQ(std::string(e.what()).find("sk-never-show-me"), std::string::npos);
  }
}
