// Remove's request prompt and layer name (removal.h), as literals.
#include <gtest/gtest.h>

#include <string>

#include "errors.h"
#include "fake_image_source.h"
#include "procedure_spec.h"
#include "procedures.h"
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
  EXPECT_EQ(removal_prompt("the bench. "), kInstruction + " What to remove: the bench.");  // one full stop
  EXPECT_EQ(removal_prompt(" . "), kInstruction);  // nothing left: no hint
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

// Remove's options need a selection: the job refuses when it reads the pixels and finds none (the
// selection may have gone while the dialog was open), before anything is encoded or sent.
TEST(Removal, TheJobRefusesToRemoveWithoutASelection) {
  procedures::ArgumentValues values(procedures::removal());
  values.set_text(spec::kArgHint, "the bench");
  const FillOptions options = procedures::remove_options(values);
  Raster canvas(200, 100, 4, 120);
  testing::FakeImageSource nothing_selected(canvas, Raster(200, 100, 1, 0));
  try {
    prepare_edit(nothing_selected, options, "gpt-image-1.5");
    FAIL() << "Remove ran without a selection";
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument);
    EXPECT_NE(std::string(e.what()).find("Remove needs a selection"), std::string::npos) << e.what();
  }
  Raster selection(200, 100, 1, 0);
  *selection.at(50, 50) = 255;
  testing::FakeImageSource one_pixel(canvas, selection);
  EXPECT_NO_THROW(prepare_edit(one_pixel, options, "gpt-image-1.5"));
  FillOptions fill;  // Generative Fill without a selection edits the whole picture, as before
  fill.prompt = "a lake";
  EXPECT_NO_THROW(prepare_edit(nothing_selected, fill, "gpt-image-1.5"));
}

}  // namespace
}  // namespace gpt_image
