// The keyring, for real: run by run-keyring-tests.sh inside a private D-Bus session with its own
// unlocked GNOME Keyring, so nothing touches the user's keyrings.
#include <gtest/gtest.h>

#include <libsecret/secret.h>

#include <cstdlib>

#include "api_key_store.h"
#include "connection_settings.h"
#include "errors.h"

using namespace gpt_image;

namespace {
constexpr const char *kRelay = "https://relay.example.com/v1";
constexpr const char *kOfficial = "https://api.openai.com/v1";
constexpr const char *kAzure = "https://res.openai.azure.com";

class Keyring : public ::testing::Test {
 protected:
  void SetUp() override {
    unsetenv("OPENAI_API_KEY");
    unsetenv("AZURE_OPENAI_API_KEY");
    forget_api_key_in_keyring(kRelay);
    forget_api_key_in_keyring(kOfficial);
    forget_api_key_in_keyring(kAzure);
    forget_api_key_in_keyring(kAzure, Service::Azure);
    forget_api_key_in_keyring(kRelay, Service::Azure);
  }
};
}  // namespace

TEST_F(Keyring, StoredKeyIsFoundForItsBaseUrlOnly) {
  store_api_key_in_keyring(kRelay, "sk-relay-secret");
  const auto found = find_api_key(kRelay);
  EXPECT_EQ(found.source, KeySource::Keyring);
  EXPECT_EQ(found.key, "sk-relay-secret");
  EXPECT_TRUE(found.keyring_problem.empty());
  const auto other = find_api_key(kOfficial);
  EXPECT_EQ(other.source, KeySource::None);
  EXPECT_TRUE(other.key.empty());
  EXPECT_TRUE(other.keyring_problem.empty());
  EXPECT_NE(missing_key_message(other, kOfficial).find("Settings"), std::string::npos);
}

TEST_F(Keyring, StoringAgainReplacesAndForgetRemoves) {
  store_api_key_in_keyring(kRelay, "sk-old");
  store_api_key_in_keyring(kRelay, "sk-new");
  EXPECT_EQ(find_api_key(kRelay).key, "sk-new");
  forget_api_key_in_keyring(kRelay);
  EXPECT_EQ(find_api_key(kRelay).source, KeySource::None);
}

TEST_F(Keyring, EnvironmentOverridesTheKeyring) {
  store_api_key_in_keyring(kRelay, "sk-keyring");
  setenv("OPENAI_API_KEY", "sk-environment", 1);
  const auto found = find_api_key(kRelay);
  EXPECT_EQ(found.source, KeySource::Environment);
  EXPECT_EQ(found.key, "sk-environment");
  unsetenv("OPENAI_API_KEY");
}

TEST_F(Keyring, ResolvedConnectionUsesTheKeyringKey) {
  store_api_key_in_keyring(kRelay, "sk-for-the-run");
  setenv("OPENAI_BASE_URL", kRelay, 1);
  EXPECT_EQ(resolve_connection("").api_key, "sk-for-the-run");
  unsetenv("OPENAI_BASE_URL");
}

// An OpenAI key is never found for an Azure endpoint, nor the reverse, even for the same address.
TEST_F(Keyring, AzureAndOpenAiKeysNeverCross) {
  store_api_key_in_keyring(kAzure, "sk-openai-kept-for-this-address");
  EXPECT_EQ(find_api_key(kAzure, Service::Azure).source, KeySource::None);
  store_api_key_in_keyring(kAzure, "azure-secret", Service::Azure);
  const auto azure = find_api_key(kAzure, Service::Azure);
  EXPECT_EQ(azure.source, KeySource::Keyring);
  EXPECT_EQ(azure.key, "azure-secret");
  EXPECT_EQ(find_api_key(kAzure).key, "sk-openai-kept-for-this-address");
  EXPECT_EQ(find_api_key(kRelay, Service::Azure).source, KeySource::None);  // per endpoint
  forget_api_key_in_keyring(kAzure);
  EXPECT_EQ(find_api_key(kAzure, Service::Azure).key, "azure-secret");  // forgetting one keeps the other
  forget_api_key_in_keyring(kAzure, Service::Azure);
  EXPECT_EQ(find_api_key(kAzure, Service::Azure).source, KeySource::None);
}

// A key stored before Azure existed (the same schema and attribute, written here by libsecret
// directly) is still found.
TEST_F(Keyring, KeysStoredBeforeAzureStayReadable) {
  SecretSchema legacy{};
  legacy.name = "org.gimp.plugin.gpt-image.ApiKey";
  legacy.flags = SECRET_SCHEMA_NONE;
  legacy.attributes[0] = {"base_url", SECRET_SCHEMA_ATTRIBUTE_STRING};
  legacy.attributes[1] = {nullptr, SECRET_SCHEMA_ATTRIBUTE_STRING};
  ASSERT_TRUE(secret_password_store_sync(&legacy, SECRET_COLLECTION_DEFAULT, "old item", "sk-from-an-old-release",
                                         nullptr, nullptr, "base_url", kRelay, nullptr));
  EXPECT_EQ(find_api_key(kRelay).key, "sk-from-an-old-release");
  EXPECT_EQ(find_api_key(kRelay, Service::Azure).source, KeySource::None);
}

TEST_F(Keyring, ResolvedAzureConnectionUsesTheAzureItem) {
  store_api_key_in_keyring(kAzure, "azure-for-the-run", Service::Azure);
  setenv("OPENAI_API_KEY", "sk-openai-env-not-for-azure", 1);
  setenv("AZURE_OPENAI_ENDPOINT", kAzure, 1);
  setenv("OPENAI_IMAGE_MODEL", "images-prod", 1);
  EXPECT_EQ(resolve_connection("").api_key, "azure-for-the-run");
  unsetenv("AZURE_OPENAI_ENDPOINT");
  unsetenv("OPENAI_IMAGE_MODEL");
  unsetenv("OPENAI_API_KEY");
}
