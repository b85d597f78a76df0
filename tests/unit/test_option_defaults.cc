// Today's defaults of the fill and generate options, written out as literals. A script that leaves
// an argument out, GIMP 3's named arguments and the dialogs' first values all rely on them; they are
// written once, in the procedure tables (procedures.cc), and must stay as they are.
#include <gtest/gtest.h>

#include "generate_layer.h"
#include "generative_fill.h"
#include "procedure_spec.h"

using namespace gpt_image;

TEST(OptionDefaults, FillOptionsAreTodays) {
  const FillOptions o{};
  EXPECT_EQ(o.prompt, "");
  EXPECT_EQ(o.quality, "medium");
  EXPECT_EQ(o.size, "auto");
  EXPECT_EQ(o.variations, 1);
  EXPECT_EQ(o.background, "auto");
  EXPECT_EQ(o.input_fidelity, "low");
  EXPECT_EQ(o.output_format, "png");
  EXPECT_EQ(o.output_compression, 100);
  EXPECT_EQ(o.context_margin, -1);  // automatic: a quarter of the selection's larger side
  EXPECT_EQ(o.feather_radius, -1);  // scaled to the selection's size
  EXPECT_EQ(o.sample, "visible");
  EXPECT_TRUE(o.color_match);
  EXPECT_EQ(o.mask_grow, -1);       // scaled to the selection's size
  EXPECT_EQ(o.partial_images, 2);
}

TEST(OptionDefaults, GenerateOptionsAreTodays) {
  const GenerateOptions o{};
  EXPECT_EQ(o.prompt, "");
  EXPECT_EQ(o.quality, "medium");
  EXPECT_EQ(o.size, "auto");
  EXPECT_EQ(o.variations, 1);
  EXPECT_EQ(o.background, "auto");
  EXPECT_EQ(o.output_format, "png");
  EXPECT_EQ(o.output_compression, 100);
  EXPECT_EQ(o.partial_images, 2);
  EXPECT_EQ(o.fit, "letterbox");
  EXPECT_EQ(o.input_fidelity, "low");
}

// The defaults the procedures register (GIMP 3) and the GIMP 2.10 dialogs start from.
TEST(OptionDefaults, ProcedureDefaultsAreTodays) {
  EXPECT_STREQ(spec::kDefaultQuality, "medium");
  EXPECT_STREQ(spec::kDefaultSize, "auto");
  EXPECT_EQ(spec::kDefaultVariations, 1);
}
