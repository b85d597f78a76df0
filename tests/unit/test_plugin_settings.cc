#include <glib.h>
#include <glib/gstdio.h>
#include <gtest/gtest.h>

#include "errors.h"
#include "plugin_settings.h"
#include "temp_directory.h"

using namespace gpt_image;

namespace {
class SettingsFile : public ::testing::Test {
 protected:
  void write(const std::string &text) {
    gchar *folder = g_path_get_dirname(path_.c_str());
    g_mkdir_with_parents(folder, 0700);
    g_free(folder);
    ASSERT_TRUE(g_file_set_contents(path_.c_str(), text.c_str(), -1, nullptr));
  }
  gpt_image::testing::TempDirectory profile_;
  std::string path_ = settings_path_in_profile(profile_.path());
};
}  // namespace

TEST_F(SettingsFile, MissingFileGivesDefaults) {
  const auto s = load_settings(path_);
  EXPECT_EQ(s.base_url, kDefaultBaseUrl);
  EXPECT_EQ(s.model, kDefaultModel);
  EXPECT_EQ(s.timeout_seconds, kDefaultTimeoutSeconds);
  EXPECT_TRUE(s.organization.empty());
}

TEST_F(SettingsFile, SaveAndLoadRoundTrip) {
  PluginSettings s;
  s.base_url = "https://relay.example.com/v1";
  s.model = "gpt-image-2";
  s.organization = "org-1";
  s.project = "proj-2";
  s.timeout_seconds = 90;
  s.pixel_budget = 2000000;
  save_settings(s, path_);
  const auto back = load_settings(path_);
  EXPECT_EQ(back.base_url, s.base_url);
  EXPECT_EQ(back.model, s.model);
  EXPECT_EQ(back.organization, s.organization);
  EXPECT_EQ(back.project, s.project);
  EXPECT_EQ(back.timeout_seconds, 90);
  EXPECT_EQ(back.pixel_budget, 2000000);
}

TEST_F(SettingsFile, BadValuesNameTheFileAndTheKey) {
  write("[connection]\ntimeout_seconds=soon\n");
  try {
    load_settings(path_);
    FAIL();
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::Configuration);
    EXPECT_NE(std::string(e.what()).find("timeout_seconds"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find(path_), std::string::npos);
  }
  write("this is not a key file");
  EXPECT_THROW(load_settings(path_), GenerativeError);
}

TEST(SettingsValidation, RefusesUnsafeOrUnusableSettings) {
  PluginSettings s;
  EXPECT_NO_THROW(validate_settings(s));
  s.base_url = "http://relay.example.com/v1";
  EXPECT_THROW(validate_settings(s), GenerativeError);
  s = PluginSettings{};
  s.model = "";
  EXPECT_THROW(validate_settings(s), GenerativeError);
  s = PluginSettings{};
  s.ca_file = "/nonexistent/ca.pem";
  EXPECT_THROW(validate_settings(s), GenerativeError);
  s = PluginSettings{};
  s.project = "bad\r\nX-Injected: 1";
  EXPECT_THROW(validate_settings(s), GenerativeError);
}
