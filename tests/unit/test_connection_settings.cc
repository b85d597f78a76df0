#include <gtest/gtest.h>

#include <glib.h>
#include <glib/gstdio.h>

#include <cstdlib>

#include "connection_settings.h"
#include "errors.h"
#include "saved_environment.h"
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
class Environment : public gpt_image::testing::SavedEnvironment {
 protected:
  Environment()
      : SavedEnvironment({"OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_IMAGE_MODEL", "GPT_IMAGE_PIXEL_BUDGET",
                          "OPENAI_ORG_ID", "OPENAI_PROJECT_ID", "GPT_IMAGE_TIMEOUT", "GPT_IMAGE_CA_FILE"}) {}
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

TEST(BaseUrl, PlainHttpOnlyToHostsThatAreLoopbackNotToHostsThatStartLikeIt) {
  // Each of these once passed a "starts with 127." check, and the key went out in clear.
  for (const char *url : {"http://127.0.0.1.example.com/v1", "http://127.attacker.example/v1",
                          "http://127.0.0.1.nip.io:8080/v1", "http://127%2e0%2e0%2e1%2eexample.com/v1",
                          "http://127\xEF\xBC\x8E" "0\xEF\xBC\x8E" "0\xEF\xBC\x8E" "1/v1",  // full-width dots
                          "http://localhost.example.com/v1", "http://localhost./v1", "http://[::2]/v1",
                          "http://[::ffff:10.0.0.1]/v1", "http://10.127.0.1/v1", "http://128.0.0.1/v1"})
    EXPECT_NE(error_of(url), "") << url << " was accepted for plain http";
  // 127.0.0.0/8 is loopback as a whole; so are [::1] spelled out and localhost.
  for (const char *url : {"http://127.1.2.3:5/v1", "http://127.255.255.254/v1", "http://[0:0:0:0:0:0:0:1]:9/v1",
                          "http://localhost/v1"})
    EXPECT_EQ(error_of(url), "") << url << " was refused";
  // libcurl decodes a percent-encoded host; what is checked and used is the host it connects to.
  EXPECT_EQ(validate_base_url("http://127%2e0%2e0%2e1:9/v1"), "http://127.0.0.1:9/v1");
}

TEST(BaseUrl, IsLoopbackHostTakesOnlyLiteralsAndLocalhost) {
  EXPECT_TRUE(is_loopback_host("127.0.0.1"));
  EXPECT_TRUE(is_loopback_host("127.9.9.9"));
  EXPECT_TRUE(is_loopback_host("[::1]"));
  EXPECT_TRUE(is_loopback_host("localhost"));
  EXPECT_FALSE(is_loopback_host("127.0.0.1.example.com"));
  EXPECT_FALSE(is_loopback_host("127.x"));
  EXPECT_FALSE(is_loopback_host("::1"));  // libcurl gives IPv6 hosts in brackets
  EXPECT_FALSE(is_loopback_host("[::1%25lo]"));
  EXPECT_FALSE(is_loopback_host(""));
}

TEST(BaseUrl, QueriesAndFragmentsAreRefused) {
  EXPECT_NE(error_of("https://relay.example.com/v1?key=1").find("query"), std::string::npos);
  EXPECT_NE(error_of("https://relay.example.com/v1#top").find("fragment"), std::string::npos);
  EXPECT_NE(error_of("https://relay.example.com/v1?"), "");
  EXPECT_NE(error_of("http://127.0.0.1:9/v1?x=y"), "");
}

TEST(BaseUrl, TheNormalisedUrlIsWhatRequestsAreBuiltFrom) {
  EXPECT_EQ(validate_base_url("HTTPS://relay.example.com/v1/"), "https://relay.example.com/v1");
  EXPECT_EQ(validate_base_url("https://relay.example.com:443/a/../v1"), "https://relay.example.com:443/v1");
  EXPECT_EQ(validate_base_url("https://relay.example.com"), "https://relay.example.com");
}

TEST(ApiKey, SurroundingWhiteSpaceIsTrimmed) {
  EXPECT_EQ(checked_api_key("sk-abc\r"), "sk-abc");  // a CRLF env file
  EXPECT_EQ(checked_api_key("  sk-abc \n"), "sk-abc");
  EXPECT_EQ(checked_api_key(" \r\n"), "");
}

TEST(ApiKey, AControlCharacterInsideIsRefusedWithoutShowingTheKey) {
  for (const char *key : {"sk-secret-part\r\nX-Injected: 1", "sk-secret\tpart", "sk-secret\x01part"}) {
    try {
      checked_api_key(key);
      FAIL() << "accepted a key with a control character";
    } catch (const GenerativeError &e) {
      EXPECT_EQ(e.kind(), ErrorKind::Configuration);
      EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("control character"), std::string::npos) << e.what();
    }
  }
}

TEST_F(Environment, AKeyFromACrlfEnvFileIsTrimmedAndOneWithABreakInsideIsRefused) {
  setenv("OPENAI_API_KEY", "sk-from-crlf-file\r", 1);
  EXPECT_EQ(resolve_connection("").api_key, "sk-from-crlf-file");
  setenv("OPENAI_API_KEY", "sk-from\r\nfile", 1);
  try {
    resolve_connection("");
    FAIL() << "a key with a line break inside was accepted";
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::Configuration);
    EXPECT_EQ(std::string(e.what()).find("sk-from"), std::string::npos) << e.what();
  }
}
