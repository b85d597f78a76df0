// What a server wrote, made fit to show: no key, no control characters, not too long.
#include <gtest/gtest.h>

#include <glib.h>

#include "server_text.h"

using namespace gpt_image;

namespace {
constexpr const char *kKey = "sk-proj-Abc123Def456Ghi789";
bool has(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST(ServerText, TheKeyIsRemovedWhereverItIs) {
  const std::string shown = shown_server_text(std::string("Incorrect API key provided: ") + kKey + ". Retry.", kKey);
  EXPECT_EQ(shown, "Incorrect API key provided: [key removed]. Retry.");
}

TEST(ServerText, BearerTokensAndKeyShapedTokensAreRemoved) {
  EXPECT_EQ(shown_server_text("got Authorization: Bearer tok_123-xyz from you"),
            "got Authorization: Bearer [key removed] from you");
  EXPECT_EQ(shown_server_text("bearer   abcdef"), "bearer   [key removed]");
  EXPECT_EQ(shown_server_text("key sk-someone-elses-key-1234 is wrong"), "key [key removed] is wrong");
  EXPECT_EQ(shown_server_text("key sk-abc is wrong"), "key sk-abc is wrong");  // too short to be a key
}

TEST(ServerText, PiecesOfTheKeyAreRemoved) {
  // A relay that echoes half the key, or splits it with a line break.
  EXPECT_FALSE(has(shown_server_text("key ends in Def456Ghi789", kKey), "Def456Ghi789"));
  EXPECT_FALSE(has(shown_server_text("key: sk-proj-Abc1\n23Def456Ghi789", kKey), "Def456Ghi789"));
  EXPECT_TRUE(has(shown_server_text("key: sk-proj-Abc1\n23Def456Ghi789", kKey), "key:"));
  // Short words that happen to be in the key stay.
  EXPECT_EQ(shown_server_text("the Abc model", kKey), "the Abc model");
}

TEST(ServerText, ControlCharactersGoAndLinesJoin) {
  EXPECT_EQ(shown_server_text("a\x1b[31mred\x1b[0m\r\nnext\tline\x7f\x01"), "a[31mred[0m next line");
  EXPECT_EQ(shown_server_text("c1 \xC2\x9B" "control"), "c1 control");  // U+009B, a C1 CSI
}

TEST(ServerText, LongTextIsCutAtACharacterBoundary) {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "\xE4\xB8\xAD";  // 中
  const std::string shown = shown_server_text(text, {}, 300);
  EXPECT_TRUE(g_utf8_validate(shown.c_str(), -1, nullptr));
  EXPECT_EQ(g_utf8_strlen(shown.c_str(), -1), 301);  // 300 and the ellipsis
  EXPECT_EQ(shown.substr(shown.size() - 3), "…");
}

TEST(ServerText, InvalidUtf8IsMadeValid) {
  const std::string shown = shown_server_text("bad \xFF\xFE bytes");
  EXPECT_TRUE(g_utf8_validate(shown.c_str(), -1, nullptr));
  EXPECT_TRUE(has(shown, "bytes"));
}

TEST(ServerText, WithoutSecretKeepsTheSentenceWhole) {
  const std::string sentence = std::string("The key was refused.\nThe server said: ") + kKey;
  EXPECT_EQ(without_secret(sentence, kKey), "The key was refused.\nThe server said: [key removed]");
}
