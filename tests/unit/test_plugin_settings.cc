#include <glib.h>
#include <glib/gstdio.h>
#include <gtest/gtest.h>

#include "errors.h"
#include "plugin_settings.h"
#include "saved_environment.h"
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

TEST_F(SettingsFile, UsageSettingsRoundTripInCents) {
  PluginSettings s;
  s.monthly_budget_usd = 12.5;
  s.keep_prompts_in_ledger = true;
  s.cache_max_mib = 300;
  save_settings(s, path_);
  gchar *text = nullptr;
  ASSERT_TRUE(g_file_get_contents(path_.c_str(), &text, nullptr, nullptr));
  const std::string saved = text;
  g_free(text);
  EXPECT_NE(saved.find("monthly_budget_usd=12.50\n"), std::string::npos) << saved;
  const auto back = load_settings(path_);
  EXPECT_DOUBLE_EQ(back.monthly_budget_usd, 12.5);
  EXPECT_TRUE(back.keep_prompts_in_ledger);
  EXPECT_EQ(back.cache_max_mib, 300);
  // The defaults: no budget, no prompts in the ledger, a 1 GiB cache.
  const PluginSettings fresh;
  EXPECT_EQ(fresh.monthly_budget_usd, 0);
  EXPECT_FALSE(fresh.keep_prompts_in_ledger);
  EXPECT_EQ(fresh.cache_max_mib, 1024);
}

TEST_F(SettingsFile, UnusableUsageSettingsNameTheKey) {
  for (const char *line : {"monthly_budget_usd=-3", "monthly_budget_usd=ten", "monthly_budget_usd=2000000",
                           "keep_prompts_in_ledger=maybe", "cache_max_mib=-1", "cache_max_mib=2000000"}) {
    write(std::string("[connection]\n") + line + "\n");
    const std::string key(line, std::string(line).find('='));
    try {
      load_settings(path_);
      ADD_FAILURE() << line;
    } catch (const GenerativeError &e) {
      EXPECT_NE(std::string(e.what()).find(key), std::string::npos) << e.what();
    }
  }
}

namespace {
class UsageEnvironment : public gpt_image::testing::SavedEnvironment {
 protected:
  UsageEnvironment() : SavedEnvironment({"GPT_IMAGE_MONTHLY_BUDGET", "GPT_IMAGE_CACHE_MAX_MIB"}) {}
};
}  // namespace

TEST_F(UsageEnvironment, BudgetAndCacheCapComeFromTheEnvironment) {
  setenv("GPT_IMAGE_MONTHLY_BUDGET", "7.25", 1);
  setenv("GPT_IMAGE_CACHE_MAX_MIB", "64", 1);
  const PluginSettings s = with_environment_overrides(PluginSettings());
  EXPECT_DOUBLE_EQ(s.monthly_budget_usd, 7.25);
  EXPECT_EQ(s.cache_max_mib, 64);
  setenv("GPT_IMAGE_MONTHLY_BUDGET", "7,25", 1);
  try {
    with_environment_overrides(PluginSettings());
    FAIL();
  } catch (const GenerativeError &e) {
    EXPECT_NE(std::string(e.what()).find("GPT_IMAGE_MONTHLY_BUDGET"), std::string::npos);
  }
}
