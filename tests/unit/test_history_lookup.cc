// History's entry resolution (what a script's `entry` names) and its search filter.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "errors.h"
#include "history_lookup.h"

namespace gpt_image {
namespace {

const std::vector<std::string> kKeys{
    "ab12cd34" + std::string(56, '0'),  // newest
    "ab12ff00" + std::string(56, '1'),
    "9f00aa11" + std::string(56, '2'),
};

std::string refusal(const std::vector<std::string> &keys, const std::string &wanted) {
  try {
    resolve_history_entry(keys, wanted);
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument);
    return e.what();
  }
  ADD_FAILURE() << wanted << " was accepted";
  return "";
}

TEST(HistoryLookup, LatestIsTheNewestEntry) {
  EXPECT_EQ(resolve_history_entry(kKeys, "latest"), 0u);
  EXPECT_EQ(resolve_history_entry(kKeys, "  LATEST "), 0u);
}

TEST(HistoryLookup, AUniquePrefixNamesItsEntry) {
  EXPECT_EQ(resolve_history_entry(kKeys, "9f00"), 2u);
  EXPECT_EQ(resolve_history_entry(kKeys, "AB12FF"), 1u);  // case does not matter
  EXPECT_EQ(resolve_history_entry(kKeys, kKeys[1]), 1u);
}

TEST(HistoryLookup, AWholeKeyWinsOverLongerKeysItPrefixes) {
  const std::vector<std::string> keys{"abcd1234", "abcd"};
  EXPECT_EQ(resolve_history_entry(keys, "abcd"), 1u);
}

TEST(HistoryLookup, AnAmbiguousPrefixNamesTwoCandidates) {
  const std::string text = refusal(kKeys, "ab12");
  EXPECT_NE(text.find("more than one"), std::string::npos) << text;
  EXPECT_NE(text.find("ab12cd340000"), std::string::npos) << text;
  EXPECT_NE(text.find("ab12ff001111"), std::string::npos) << text;
}

TEST(HistoryLookup, UnknownShortAndNonHexEntriesAreRefused) {
  EXPECT_NE(refusal(kKeys, "beef").find("No History entry"), std::string::npos);
  EXPECT_NE(refusal(kKeys, "ab1").find("at least the first 4"), std::string::npos);
  EXPECT_NE(refusal(kKeys, "").find("at least the first 4"), std::string::npos);
  EXPECT_NE(refusal(kKeys, "ab12cd3x").find("hexadecimal"), std::string::npos);
}

TEST(HistoryLookup, AnEmptyCacheSaysSoEvenForLatest) {
  EXPECT_NE(refusal({}, "latest").find("empty"), std::string::npos);
  EXPECT_NE(refusal({}, "ab12").find("empty"), std::string::npos);
}

TEST(HistorySearch, EveryWordMustAppearInAnyCase) {
  EXPECT_TRUE(prompt_matches_search("A red Fox in the snow", "fox SNOW"));
  EXPECT_TRUE(prompt_matches_search("A red Fox in the snow", "  "));
  EXPECT_TRUE(prompt_matches_search("A red Fox in the snow", "ed fo"));  // parts of words count
  EXPECT_FALSE(prompt_matches_search("A red Fox in the snow", "fox rain"));
  EXPECT_FALSE(prompt_matches_search("", "fox"));
}

TEST(HistorySearch, UnicodeIsCaseFoldedAndNormalised) {
  EXPECT_TRUE(prompt_matches_search("Äpfel im Korb", "äpfel"));
  EXPECT_TRUE(prompt_matches_search("\xC3\x84pfel", "A\xCC\x88PFEL"));  // composed vs. decomposed Ä
  EXPECT_TRUE(prompt_matches_search("一只猫在雪地里", "猫"));
  EXPECT_FALSE(prompt_matches_search("一只猫在雪地里", "狗"));
}

TEST(HistoryLookup, LayersAreNamedAfterTheirPrompt) {
  EXPECT_EQ(history_layer_name("a red fox"), "History: a red fox");
  EXPECT_EQ(history_layer_name("line one\nline two"), "History: line one line two");
}

}  // namespace
}  // namespace gpt_image
