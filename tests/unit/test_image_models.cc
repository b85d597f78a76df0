#include <gtest/gtest.h>

#include "errors.h"
#include "image_models.h"

using namespace gpt_image;

TEST(ImageModels, FamiliesHaveTheirSizeRules) {
  EXPECT_EQ(describe_model("gpt-image-1").size_rule, SizeRule::StandardSizes);
  EXPECT_EQ(describe_model("gpt-image-1.5").size_rule, SizeRule::StandardSizes);
  EXPECT_EQ(describe_model("gpt-image-1-mini").size_rule, SizeRule::StandardSizes);
  EXPECT_EQ(describe_model("gpt-image-2").size_rule, SizeRule::Multiples);
  EXPECT_EQ(describe_model("gpt-image-2-2026-04-21").size_rule, SizeRule::Multiples);
  EXPECT_EQ(describe_model("dall-e-2").size_rule, SizeRule::Squares);
  EXPECT_EQ(describe_model("dall-e-2").prompt_limit, 1000);
  // A relay's own model name gets the most widely accepted rule.
  EXPECT_EQ(describe_model("my-relay-image-model").size_rule, SizeRule::StandardSizes);
}

TEST(ImageModels, ParsesAndFormatsSizes) {
  ASSERT_TRUE(parse_size("1536x1024"));
  EXPECT_EQ(*parse_size("1536x1024"), (PixelSize{1536, 1024}));
  EXPECT_EQ(*parse_size("64X48"), (PixelSize{64, 48}));
  EXPECT_FALSE(parse_size("auto"));
  EXPECT_FALSE(parse_size("1536x"));
  EXPECT_FALSE(parse_size("0x100"));
  EXPECT_FALSE(parse_size("100x100px"));
  EXPECT_EQ(format_size({1024, 1536}), "1024x1536");
}

TEST(ImageModels, SizesAreParsedStrictly) {
  // sscanf("%d") read the first as 1024x1024 (the width wrapped around 2^32) and the second is
  // undefined behaviour; signs and spaces were let through.
  for (const char *bad : {"4294968320x1024", "99999999999x1", " 1024x1024", "1024x1024 ", "+1024x+1024",
                          "-1024x1024", "1024 x 1024", "1024x1024x1", "0x0", "x", "", "1e3x1000", "524289x1",
                          "0001024x1024\n"})
    EXPECT_FALSE(parse_size(bad)) << "accepted \"" << bad << "\"";
  EXPECT_EQ(*parse_size("524288x1"), (PixelSize{524288, 1}));  // GIMP's largest side
  EXPECT_EQ(*parse_size("01024x0768"), (PixelSize{1024, 768}));
}

TEST(ImageModels, StandardModelsAcceptOnlyTheirSizes) {
  const auto model = describe_model("gpt-image-1.5");
  EXPECT_NO_THROW(validate_size_for_model(model, "auto"));
  EXPECT_NO_THROW(validate_size_for_model(model, "1024x1536"));
  try {
    validate_size_for_model(model, "512x512");
    FAIL() << "512x512 accepted";
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument);
    EXPECT_NE(std::string(e.what()).find("1536x1024"), std::string::npos) << e.what();
  }
  EXPECT_THROW(validate_size_for_model(model, "big"), GenerativeError);
}

TEST(ImageModels, FlexibleModelChecksStepAspectAndLimits) {
  const auto model = describe_model("gpt-image-2");
  EXPECT_NO_THROW(validate_size_for_model(model, "1232x816"));
  EXPECT_NO_THROW(validate_size_for_model(model, "3840x2160"));
  EXPECT_NO_THROW(validate_size_for_model(model, "2160x3840"));
  EXPECT_NO_THROW(validate_size_for_model(model, "1536x512"));  // 3:1 exactly, 786,432 px
  EXPECT_NO_THROW(validate_size_for_model(model, "1024x640"));  // 655,360 px: the floor exactly
  EXPECT_THROW(validate_size_for_model(model, "1000x800"), GenerativeError);   // not multiples of 16
  EXPECT_THROW(validate_size_for_model(model, "3856x2160"), GenerativeError);  // too wide
  EXPECT_THROW(validate_size_for_model(model, "2176x2176"), GenerativeError);  // both edges over 2160
  EXPECT_THROW(validate_size_for_model(model, "1552x512"), GenerativeError);   // wider than 3:1
  EXPECT_THROW(validate_size_for_model(model, "480x160"), GenerativeError);    // 76,800 px: below the floor
  EXPECT_THROW(validate_size_for_model(model, "528x352"), GenerativeError);    // 185,856 px: below the floor
  EXPECT_THROW(validate_size_for_model(model, "1008x640"), GenerativeError);   // 645,120 px: just below
  try {
    validate_size_for_model(model, "528x352");
  } catch (const GenerativeError &e) {
    EXPECT_NE(std::string(e.what()).find("655360"), std::string::npos) << e.what();
  }
}

TEST(ImageModels, PixelBudgetOfTheMultiplesRule) {
  // A made-up model whose budget is below its edges' product: 2048x2048 is 4,194,304 px.
  ImageModel model = describe_model("gpt-image-2");
  model.max_short_edge = 0;
  model.max_pixels = 4000000;
  EXPECT_NO_THROW(validate_size_for_model(model, "2000x2000"));
  EXPECT_THROW(validate_size_for_model(model, "2048x2048"), GenerativeError);
}

TEST(ImageModels, XhighAndMaxOnlyFromGptImage25) {
  for (const char *quality : {"xhigh", "max"}) {
    EXPECT_NO_THROW(validate_quality_for_model(describe_model("gpt-image-2.5-flare"), quality));
    EXPECT_NO_THROW(validate_quality_for_model(describe_model("gpt-image-2.5-sunburst"), quality));
    EXPECT_NO_THROW(validate_quality_for_model(describe_model("gpt-image-2.6-flare"), quality));
    EXPECT_THROW(validate_quality_for_model(describe_model("gpt-image-2"), quality), GenerativeError);
    EXPECT_THROW(validate_quality_for_model(describe_model("gpt-image-1.5"), quality), GenerativeError);
  }
}

TEST(ImageModels, TransparentBackgroundPerModel) {
  EXPECT_NO_THROW(validate_background_for_model(describe_model("gpt-image-2.5-flare"), "transparent"));
  EXPECT_EQ(describe_model("gpt-image-2.5-flare").background, BackgroundSupport::Transparent);
  EXPECT_NO_THROW(validate_background_for_model(describe_model("gpt-image-2"), "transparent"));
  EXPECT_EQ(describe_model("gpt-image-2").background, BackgroundSupport::TransparentPreview);
  EXPECT_NO_THROW(validate_background_for_model(describe_model("gpt-image-1"), "opaque"));
  EXPECT_THROW(validate_background_for_model(describe_model("dall-e-2"), "opaque"), GenerativeError);
  EXPECT_THROW(validate_background_for_model(describe_model("my-relay-model"), "transparent"), GenerativeError);
  EXPECT_NO_THROW(validate_background_for_model(describe_model("dall-e-2"), "auto"));
  EXPECT_NO_THROW(validate_output_format_for_model(describe_model("gpt-image-2"), "webp"));
  EXPECT_THROW(validate_output_format_for_model(describe_model("my-relay-model"), "webp"), GenerativeError);
  EXPECT_NO_THROW(validate_output_format_for_model(describe_model("my-relay-model"), "png"));
}

TEST(ImageModels, QualityPerModel) {
  EXPECT_NO_THROW(validate_quality_for_model(describe_model("gpt-image-1"), "high"));
  EXPECT_THROW(validate_quality_for_model(describe_model("gpt-image-1"), "ultra"), GenerativeError);
  EXPECT_THROW(validate_quality_for_model(describe_model("dall-e-2"), "medium"), GenerativeError);
  EXPECT_NO_THROW(validate_quality_for_model(describe_model("dall-e-2"), "standard"));
}

TEST(ImageModels, InputFidelityOnlyWhereTheModelHasIt) {
  EXPECT_TRUE(takes_input_fidelity(describe_model("gpt-image-1")));
  EXPECT_TRUE(takes_input_fidelity(describe_model("gpt-image-1.5")));
  // The API errors on input_fidelity from gpt-image-2 on.
  EXPECT_FALSE(takes_input_fidelity(describe_model("gpt-image-2")));
  EXPECT_FALSE(takes_input_fidelity(describe_model("gpt-image-2-2026-04-21")));
  EXPECT_FALSE(takes_input_fidelity(describe_model("gpt-image-2.5-flare")));
  EXPECT_FALSE(takes_input_fidelity(describe_model("gpt-image-1-mini")));
  EXPECT_FALSE(takes_input_fidelity(describe_model("dall-e-2")));
}

// images-api.md: every gpt-image model takes `background`; dall-e-2 has no such field, and a model
// the catalogue does not know gets no optional field.
TEST(ImageModels, BackgroundOnlyWhereTheModelHasIt) {
  for (const char *name : {"gpt-image-1", "gpt-image-1.5", "gpt-image-1-mini", "gpt-image-2", "gpt-image-2.5-flare"})
    EXPECT_TRUE(takes_background(describe_model(name))) << name;
  EXPECT_FALSE(takes_background(describe_model("dall-e-2")));
  EXPECT_FALSE(takes_background(describe_model("some-relay-model")));
}

// The settings dialog's list of what /models offers: names the catalogue does not know are marked,
// and each row keeps the plain name, which is what is stored when it is chosen.
TEST(ImageModels, TheModelListMarksNamesTheCatalogueDoesNotKnow) {
  const std::vector<ModelListEntry> entries =
      model_list_entries({"gpt-image-1", "my-relay-image-model", "gpt-image-2-2026-04-21"});
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].name, "gpt-image-1");
  EXPECT_EQ(entries[0].mark, "");
  EXPECT_EQ(entries[1].name, "my-relay-image-model");
  EXPECT_EQ(entries[1].mark, "(not in the catalogue: standard sizes, no optional fields)");
  EXPECT_EQ(entries[2].name, "gpt-image-2-2026-04-21");  // a dated name of a known prefix is known
  EXPECT_EQ(entries[2].mark, "");
}
