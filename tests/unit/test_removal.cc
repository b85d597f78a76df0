// Remove's request prompt and layer name (removal.h), as literals.
#include <gtest/gtest.h>

#include <string>

#include "errors.h"
#include "removal.h"

namespace gpt_image {
namespace {

const std::string kInstruction =
    "Remove everything inside the masked area and fill it with a seamless, natural continuation of the "
    "surrounding scene: the same background, surfaces, textures, lighting, shadows and perspective. "
    "Do not add any new object, person, animal, text or logo.";

TEST(Removal, WithoutAHintAsksToRemoveWhatIsMasked) {
  EXPECT_EQ(removal_prompt(""), kInstruction);
  EXPECT_EQ(removal_prompt("  \n\t "), kInstruction);  // blank is no hint
}

TEST(Removal, AHintSaysWhatToRemoveOnOneLine) {
  EXPECT_EQ(removal_prompt("the bench and its shadow"), kInstruction + " What to remove: the bench and its shadow.");
  EXPECT_EQ(removal_prompt("  the bench\nand its\tshadow \n"),
            kInstruction + " What to remove: the bench and its shadow.");
}

TEST(Removal, RefusesHintsThatAreNotAFewWords) {
  EXPECT_NO_THROW(removal_prompt(std::string(300, 'a')));
  try {
    removal_prompt(std::string(301, 'a'));
    FAIL() << "a 301-character hint was taken";
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument);
    EXPECT_NE(std::string(e.what()).find("301"), std::string::npos) << e.what();
  }
  // 300 characters of two bytes each are within the bound: it counts characters, not bytes.
  std::string umlauts;
  for (int i = 0; i < 300; ++i) umlauts += "\xc3\xa4";
  EXPECT_NO_THROW(removal_prompt(umlauts));
  EXPECT_THROW(removal_prompt("bench \xff"), GenerativeError);  // not UTF-8
}

TEST(Removal, LayerNameShowsTheHintOrTheSelection) {
  EXPECT_EQ(removal_layer_name("the bench"), "Remove: the bench");
  EXPECT_EQ(removal_layer_name("  the\nbench "), "Remove: the bench");
  EXPECT_EQ(removal_layer_name(""), "Remove: selection");
  const std::string cut = removal_layer_name(std::string(60, 'b'));
  EXPECT_EQ(cut, "Remove: " + std::string(48, 'b') + "\xe2\x80\xa6");  // the fill's 48 characters and an ellipsis
}

}  // namespace
}  // namespace gpt_image
