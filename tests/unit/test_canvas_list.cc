// Generate Image's canvas list: entries, spaces, duplicates and the upper bound.
#include <gtest/gtest.h>

#include "canvas_list.h"
#include "errors.h"

using namespace gpt_image;

namespace {

std::string refusal(const std::string &text) {
  try {
    parse_canvas_list(text);
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument);
    return e.what();
  }
  return "accepted";
}

}  // namespace

TEST(CanvasList, OneEntryIsTheSingleCanvasOfBefore) {
  const auto list = parse_canvas_list("story");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].name, "story");
  EXPECT_EQ(list[0].size, (PixelSize{1080, 1920}));
}

TEST(CanvasList, PresetsAndSizesMixedWithSpacesAroundCommas) {
  const auto list = parse_canvas_list(" square-post ,story,  800x600 ,link-preview");
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list[0].name, "square-post");
  EXPECT_EQ(list[0].size, (PixelSize{1080, 1080}));
  EXPECT_EQ(list[1].size, (PixelSize{1080, 1920}));
  EXPECT_EQ(list[2].name, "800x600");
  EXPECT_EQ(list[2].size, (PixelSize{800, 600}));
  EXPECT_EQ(list[3].name, "link-preview");
  EXPECT_EQ(list[3].size, (PixelSize{1200, 630}));
}

TEST(CanvasList, TheSameSizeTwiceIsRefusedNamingBothEntries) {
  EXPECT_EQ(refusal("story,story"), "The canvas list asks twice for 1080x1920 (story and story); each size is made once.");
  EXPECT_EQ(refusal("square-post, 1080x1080"),
            "The canvas list asks twice for 1080x1080 (square-post and 1080x1080); each size is made once.");
}

TEST(CanvasList, AnEmptyEntryIsRefused) {
  EXPECT_EQ(refusal("story,,icon"),
            "The canvas list \"story,,icon\" has an empty entry; separate the canvases by single commas.");
  EXPECT_EQ(refusal("story,"), "The canvas list \"story,\" has an empty entry; separate the canvases by single commas.");
  EXPECT_EQ(refusal(""), "The canvas list \"\" has an empty entry; separate the canvases by single commas.");
}

TEST(CanvasList, AnUnknownEntrySaysWhatASingleCanvasSays) {
  EXPECT_EQ(refusal("story, poster").rfind("Canvas \"poster\" is neither WIDTHxHEIGHT nor a preset (square-post, ", 0),
            0u);
}

TEST(CanvasList, AtMostOneImagePerPresetInARun) {
  EXPECT_EQ(max_canvases_per_run(), 9u);  // the nine presets of canvas_presets.cc
  const std::string nine = "100x100,200x200,300x300,400x400,500x500,600x600,700x700,800x800,900x900";
  EXPECT_EQ(parse_canvas_list(nine).size(), 9u);
  EXPECT_EQ(refusal(nine + ",1000x1000"), "The canvas list has 10 entries; one run makes at most 9 images.");
}

TEST(CanvasList, TheCostLineTakesTheEntriesTypedSoFar) {
  EXPECT_EQ(canvas_sizes_or_square("story, 800x"), (std::vector<PixelSize>{{1080, 1920}}));
  EXPECT_EQ(canvas_sizes_or_square("story,icon"), (std::vector<PixelSize>{{1080, 1920}, {1024, 1024}}));
  EXPECT_EQ(canvas_sizes_or_square("80"), (std::vector<PixelSize>{{1024, 1024}}));
}

TEST(CanvasList, APresetTickedOrUntickedInTheDialog) {
  EXPECT_TRUE(canvas_list_names("square-post, story", "story"));
  EXPECT_FALSE(canvas_list_names("square-post, story-ish", "story"));
  EXPECT_EQ(canvas_list_with("square-post", "story", true), "square-post, story");
  EXPECT_EQ(canvas_list_with("", "story", true), "story");
  EXPECT_EQ(canvas_list_with("story,800x600, icon", "story", false), "800x600, icon");
  EXPECT_EQ(canvas_list_with("story", "story", false), "");
  EXPECT_EQ(canvas_list_with("800x600,story", "story", true), "800x600, story");  // not twice
}
