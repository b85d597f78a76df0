#include <glib.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "text_prefix.h"

using namespace gpt_image;

namespace {

bool valid_utf8(const std::string &text) {
  return g_utf8_validate(text.c_str(), static_cast<gssize>(text.size()), nullptr);
}

std::string repeated(const std::string &piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

}  // namespace

// GIMP 2.10 keeps the last prompt in a 32772-byte field (32771 bytes and the terminating zero); a
// long Chinese prompt must be cut there between two characters, never inside one.
TEST(Utf8Prefix, LongMultiByteTextIsCutBetweenCharacters) {
  const std::string prompt = repeated("一只红苹果", 4000);  // 20000 characters of 3 bytes
  ASSERT_EQ(prompt.size(), 60000u);
  const std::string cut = utf8_prefix(prompt, 32771);
  EXPECT_TRUE(valid_utf8(cut));
  EXPECT_EQ(cut.size(), 32769u);  // 10923 whole characters; the 10924th would need 32772 bytes
  EXPECT_EQ(prompt.compare(0, cut.size(), cut), 0);  // a prefix of the original
}

TEST(Utf8Prefix, EveryBudgetGivesAValidPrefix) {
  // 1-, 2-, 3- and 4-byte characters mixed: a, é, 中, 😀
  const std::string text = repeated("a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80", 20);
  for (std::size_t budget = 0; budget <= text.size() + 2; ++budget) {
    const std::string cut = utf8_prefix(text, budget);
    ASSERT_TRUE(valid_utf8(cut)) << "budget " << budget;
    ASSERT_LE(cut.size(), budget) << "budget " << budget;
    ASSERT_EQ(text.compare(0, cut.size(), cut), 0) << "budget " << budget;
    ASSERT_GT(cut.size() + 4, std::min(budget, text.size())) << "cut more than one character short at " << budget;
  }
}

TEST(Utf8Prefix, TextThatFitsIsKeptWhole) {
  EXPECT_EQ(utf8_prefix("a red apple", 11), "a red apple");
  EXPECT_EQ(utf8_prefix("红苹果", 9), "红苹果");
  EXPECT_EQ(utf8_prefix("红苹果", 8), "红苹");
  EXPECT_EQ(utf8_prefix("", 0), "");
}
