// The keyring, for real: run by run-keyring-tests.sh inside a private D-Bus session with its own
// unlocked GNOME Keyring, so nothing touches the user's keyrings.
#include <gtest/gtest.h>

#include <cstdlib>

#include "api_key_store.h"
#include "connection_settings.h"
#include "errors.h"

using namespace gpt_image;

namespace {
constexpr const char *kRelay = "https://relay.example.com/v1";
constexpr const char *kOfficial = "https://api.openai.com/v1";

class Keyring : public ::testing::Test {
 protected:
  void SetUp() override {
    unsetenv("OPENAI_API_KEY");
    forget_api_key_in_keyring(kRelay);
    forget_api_key_in_keyring(kOfficial);
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
