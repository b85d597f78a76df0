#include <gtest/gtest.h>

#include "style_presets.h"

using namespace gpt_image;

TEST(StylePresets, AddTheirPhraseOnce) {
  const StylePreset &watercolor = style_presets().at(2);
  EXPECT_EQ(apply_style_preset("a red apple", watercolor), "a red apple. " + watercolor.phrase);
  EXPECT_EQ(apply_style_preset("a red apple.  \n", watercolor), "a red apple. " + watercolor.phrase);
  EXPECT_EQ(apply_style_preset("", watercolor), watercolor.phrase);
  const std::string once = apply_style_preset("a red apple", watercolor);
  EXPECT_EQ(apply_style_preset(once, watercolor), once);
}

TEST(StylePresets, EveryPresetHasANameAndAPhrase) {
  ASSERT_FALSE(style_presets().empty());
  for (const auto &p : style_presets()) {
    EXPECT_FALSE(p.name.empty());
    EXPECT_EQ(p.phrase.back(), '.');
  }
}
