// Without any Secret Service: the plug-in says so and never falls back to a file.
#include <gtest/gtest.h>

#include <cstdlib>

#include "api_key_store.h"
#include "errors.h"

using namespace gpt_image;

TEST(NoSecretService, LookupSaysTheKeyringIsMissing) {
  unsetenv("OPENAI_API_KEY");
  const auto found = find_api_key("https://api.openai.com/v1");
  EXPECT_EQ(found.source, KeySource::None);
  EXPECT_FALSE(found.keyring_problem.empty());
  const std::string message = missing_key_message(found, "https://api.openai.com/v1");
  EXPECT_NE(message.find("no keyring service"), std::string::npos) << message;
  EXPECT_NE(message.find("OPENAI_API_KEY"), std::string::npos) << message;
}

TEST(NoSecretService, StoringFailsClearlyAndWritesNothingElse) {
  try {
    store_api_key_in_keyring("https://api.openai.com/v1", "sk-nowhere-to-go");
    FAIL();
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::Configuration);
    EXPECT_NE(std::string(e.what()).find("not written anywhere else"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("sk-nowhere-to-go"), std::string::npos);
  }
}
