// Generative Expand's geometry and requests (expand_plan.h, expand_job.h): literal canvases,
// offsets and windows worked out by hand, and the properties every split must keep.
#include <gtest/gtest.h>

#include <glib.h>

#include <string>
#include <vector>

#include "errors.h"
#include "expand_job.h"
#include "expand_plan.h"
#include "image_codec.h"
#include "progress_sink.h"
#include "standin_process.h"

using namespace gpt_image;

namespace {

void expect_invalid(const std::function<void()> &call) {
  try {
    call();
    ADD_FAILURE() << "no error";
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument) << e.what();
  }
}

ExpandOptions defaults() { return expand_options(procedures::ArgumentValues(procedures::expand())); }

}  // namespace

TEST(ExpandPlan, EachAnchorPlacesThePicture) {
  // 100x60 on 161x100: 61 spare columns (30 before a centred picture, 31 after), 40 spare rows.
  const PixelSize image{100, 60}, canvas{161, 100};
  auto at = [&](const char *anchor) { return place_picture(image, canvas, parse_expand_anchor(anchor)); };
  EXPECT_EQ(at("center"), (PixelRect{30, 20, 100, 60}));
  EXPECT_EQ(at("top"), (PixelRect{30, 0, 100, 60}));
  EXPECT_EQ(at("bottom"), (PixelRect{30, 40, 100, 60}));
  EXPECT_EQ(at("left"), (PixelRect{0, 20, 100, 60}));
  EXPECT_EQ(at("right"), (PixelRect{61, 20, 100, 60}));
  EXPECT_EQ(at("top-left"), (PixelRect{0, 0, 100, 60}));
  EXPECT_EQ(at("top-right"), (PixelRect{61, 0, 100, 60}));
  EXPECT_EQ(at("bottom-left"), (PixelRect{0, 40, 100, 60}));
  EXPECT_EQ(at("bottom-right"), (PixelRect{61, 40, 100, 60}));
  expect_invalid([] { parse_expand_anchor("middle"); });
}

TEST(ExpandPlan, AnAspectGrowsOneSideTheLeast) {
  EXPECT_EQ(resolve_expand_canvas("16:9", {1000, 1000}), (PixelSize{1778, 1000}));  // 1777.8 rounded up
  EXPECT_EQ(resolve_expand_canvas("9:16", {1000, 1000}), (PixelSize{1000, 1778}));
  EXPECT_EQ(resolve_expand_canvas("16:9", {1920, 1000}), (PixelSize{1920, 1080}));  // wider already: grow down
  EXPECT_EQ(resolve_expand_canvas("1:1", {300, 200}), (PixelSize{300, 300}));
  EXPECT_EQ(resolve_expand_canvas("4:3", {400, 300}), (PixelSize{400, 300}));  // reached already
}

TEST(ExpandPlan, PresetsAndSizesAreCanvases) {
  EXPECT_EQ(resolve_expand_canvas("story", {1080, 1080}), (PixelSize{1080, 1920}));
  EXPECT_EQ(resolve_expand_canvas("1200x800", {640, 480}), (PixelSize{1200, 800}));
}

TEST(ExpandPlan, ACanvasSmallerThanTheImageOrUnreadableIsRefused) {
  expect_invalid([] { resolve_expand_canvas("500x500", {600, 400}); });  // narrower
  expect_invalid([] { resolve_expand_canvas("700x300", {600, 400}); });  // lower
  expect_invalid([] { resolve_expand_canvas("square", {600, 400}); });
  expect_invalid([] { resolve_expand_canvas("0:5", {600, 400}); });
  expect_invalid([] { resolve_expand_canvas("16:", {600, 400}); });
  expect_invalid([] { resolve_expand_canvas("20000x500", {600, 400}); });
}

// A WIDTHxHEIGHT out of range is told its range, not that it is no canvas at all.
TEST(ExpandPlan, AnOutOfRangeSizeSaysTheRange) {
  for (const char *text : {"100000x100000", "20000x500"}) {
    try {
      resolve_expand_canvas(text, {600, 400});
      ADD_FAILURE() << text << " was taken";
    } catch (const GenerativeError &e) {
      EXPECT_NE(std::string(e.what()).find("each side must be 1 to 16384"), std::string::npos) << e.what();
    }
  }
}

// The canvas, and the canvas times the variations, are bounded: each variation is a canvas-sized layer.
TEST(ExpandPlan, CanvasAndVariationsAreBoundedInPixels) {
  EXPECT_NO_THROW(check_expand_size({8192, 8192}, 1));
  expect_invalid([] { check_expand_size({8193, 8192}, 1); });
  expect_invalid([] { check_expand_size({16384, 4097}, 1); });
  EXPECT_NO_THROW(check_expand_size({8192, 4096}, 4));  // 128 MP of layers: the bound itself
  expect_invalid([] { check_expand_size({8192, 4096}, 5); });
  EXPECT_NO_THROW(check_expand_size({2000, 1000}, 10));
  try {
    check_expand_size({10000, 10000}, 1);
  } catch (const GenerativeError &e) {
    EXPECT_NE(std::string(e.what()).find("100 megapixels"), std::string::npos) << e.what();
  }
}

TEST(ExpandPlan, NothingToExpandIsRefused) {
  expect_invalid([] { plan_expand_windows({400, 300}, {0, 0, 400, 300}, describe_model("gpt-image-1"), 1536 * 1024); });
}

TEST(ExpandPlan, ACanvasNearTheRequestSizeIsOneWindow) {
  // link-preview from a 600x630 picture on gpt-image-1: the 3:2 request 1536x1024; the frame is the
  // canvas grown to 3:2 (1200x800), centred on it: 85 rows of padding above, 85 below.
  const auto windows = plan_expand_windows({1200, 630}, {300, 0, 600, 630}, describe_model("gpt-image-1"), 1536 * 1024);
  ASSERT_EQ(windows.size(), 1u);
  EXPECT_EQ(windows[0].frame, (PixelRect{0, -85, 1200, 800}));
  EXPECT_EQ(windows[0].request, (PixelSize{1536, 1024}));
}

TEST(ExpandPlan, AWideExpansionIsSplitAtTheRequestsResolution) {
  // 256x256 centred on 2600x256: one 3:2 frame would be 2600x1733, more than 1.5 x 1536x1024. Two
  // windows of 1536x1024 overlapping by at least a quarter: x 0 and 1064 (the ends), centred in y.
  const auto windows = plan_expand_windows({2600, 256}, {1172, 0, 256, 256}, describe_model("gpt-image-1"), 1536 * 1024);
  ASSERT_EQ(windows.size(), 2u);
  EXPECT_EQ(windows[0].frame, (PixelRect{0, -384, 1536, 1024}));
  EXPECT_EQ(windows[1].frame, (PixelRect{1064, -384, 1536, 1024}));
  EXPECT_EQ(windows[0].request, (PixelSize{1536, 1024}));
  EXPECT_EQ(windows[1].request, (PixelSize{1536, 1024}));
}

TEST(ExpandPlan, EverySplitFitsTheModelCoversTheNewAreaAndSeesContext) {
  const ImageModel model = describe_model("gpt-image-1");
  struct Case {
    PixelSize canvas;
    PixelRect picture;
  };
  for (const Case &c : {Case{{4000, 3000}, {1500, 1000, 1000, 1000}}, Case{{3000, 900}, {0, 0, 800, 900}},
                        Case{{1000, 3500}, {0, 2500, 1000, 1000}}, Case{{3000, 3000}, {2999, 2999, 1, 1}}}) {
    SCOPED_TRACE(format_size(c.canvas));
    const auto windows = plan_expand_windows(c.canvas, c.picture, model, 1536 * 1024);
    ASSERT_GT(windows.size(), 1u);
    std::vector<char> known(static_cast<size_t>(c.canvas.width) * c.canvas.height, 0);
    auto cell = [&](int x, int y) -> char & { return known[static_cast<size_t>(y) * c.canvas.width + x]; };
    for (int y = c.picture.y; y < c.picture.bottom(); ++y)
      for (int x = c.picture.x; x < c.picture.right(); ++x) cell(x, y) = 1;
    for (const ExpandWindow &w : windows) {
      // One of gpt-image-1's sizes, shown 1:1: nothing scaled down, nothing blurred up.
      EXPECT_TRUE(w.request == (PixelSize{1536, 1024}) || w.request == (PixelSize{1024, 1536}) ||
                  w.request == (PixelSize{1024, 1024}));
      EXPECT_EQ(w.frame.size(), w.request);
      const PixelRect on = w.frame.intersected({0, 0, c.canvas.width, c.canvas.height});
      long long seen = 0, fresh = 0;
      for (int y = on.y; y < on.bottom(); ++y)
        for (int x = on.x; x < on.right(); ++x) (cell(x, y) ? seen : fresh) += 1;
      EXPECT_GT(seen, 0) << "a window without context";
      EXPECT_GT(fresh, 0) << "a window with nothing to paint";
      for (int y = on.y; y < on.bottom(); ++y)
        for (int x = on.x; x < on.right(); ++x) cell(x, y) = 1;
    }
    for (char k : known) ASSERT_TRUE(k) << "a part of the new area no window covers";
  }
}

TEST(ExpandPlan, TooManyWindowsAreRefused) {
  // dall-e-2 answers at most 1024x1024: an 8000 square needs far more than kMaxExpandWindows.
  expect_invalid(
      [] { plan_expand_windows({8000, 8000}, {0, 0, 100, 100}, describe_model("dall-e-2"), 1536 * 1024); });
}

TEST(ExpandPlan, TheBlendMaskCoversTheNewAreaAndRampsIntoThePicture) {
  // Anchored left: only the right side grew, so only it gets a band (3 px: 191, 128, 64).
  const Raster mask = expand_blend_mask({10, 4}, {0, 0, 6, 4}, 3);
  const std::vector<int> row{0, 0, 0, 64, 128, 191, 255, 255, 255, 255};
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 10; ++x) EXPECT_EQ(*mask.at(x, y), row[x]) << x << "," << y;
  EXPECT_EQ(auto_blend_band({0, 0, 1000, 400}), 25);
  EXPECT_EQ(auto_blend_band({0, 0, 10, 10}), 4);
  EXPECT_EQ(auto_blend_band({0, 0, 4000, 4000}), 64);
}

TEST(ExpandRequest, TheImageIsTransparentExactlyWhereTheMaskPaints) {
  // An 8x4 canvas: a red 4x4 picture on the left, the right half to paint; a square frame with two
  // rows of padding above and below, sent at 16x (the smallest whole factor reaching 128 px).
  Raster known(8, 4, 4, 0), paint(8, 4, 1, 255);
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 4; ++x) {
      std::uint8_t *p = known.at(x, y);
      p[0] = 200, p[3] = 255;
      *paint.at(x, y) = 0;
    }
  ExpandOptions options = defaults();
  options.prompt = "  ";
  const EditRequest request = expand_window_request(known, paint, {{0, -2, 8, 8}, {1024, 1024}},
                                                    describe_model("gpt-image-1"), options, true);
  EXPECT_EQ(request.size, "1024x1024");
  EXPECT_EQ(request.n, 1);
  EXPECT_EQ(request.background, "opaque");
  EXPECT_EQ(request.prompt.find("Extend this picture"), 0u);
  const Raster image = decode_image(request.image_png);
  const Raster mask = decode_image(*request.mask_png);
  ASSERT_EQ(image.size(), (PixelSize{128, 128}));
  ASSERT_EQ(mask.size(), (PixelSize{128, 128}));
  EXPECT_NEAR(image.at(24, 56)[0], 200, 30);  // canvas (1, 1): the picture (resampling may ring a little)
  EXPECT_EQ(image.at(24, 56)[3], 255);
  EXPECT_EQ(mask.at(24, 56)[3], 255);          // kept
  EXPECT_EQ(image.at(100, 48)[3], 0);   // canvas (6, 1): new area
  EXPECT_EQ(mask.at(100, 48)[3], 0);    // painted
  EXPECT_EQ(image.at(16, 8)[3], 0);     // padding above the canvas
  EXPECT_EQ(mask.at(16, 8)[3], 0);
  for (int y = 0; y < 128; ++y)
    for (int x = 0; x < 128; ++x) ASSERT_EQ(image.at(x, y)[3] == 0, mask.at(x, y)[3] == 0) << x << "," << y;
}

TEST(ExpandRequest, ABlankPromptIsAllowedAndTheUsersWordsFollowTheInstruction) {
  ExpandOptions options = defaults();
  options.prompt = "";
  options.canvas = "16:9";
  EXPECT_NO_THROW(validate_expand_options(options, describe_model("gpt-image-1"), {100, 100}));
  EXPECT_EQ(expand_request_prompt("a beach").rfind("In the new area: a beach"),
            expand_request_prompt("a beach").size() - std::string("In the new area: a beach").size());
  EXPECT_EQ(expand_layer_name("", {1778, 1000}), "Expand: 1778x1000");
  EXPECT_EQ(expand_layer_name("a beach", {1778, 1000}), "Expand: a beach");
  options.canvas = "50x50";
  expect_invalid([&] { validate_expand_options(options, describe_model("gpt-image-1"), {100, 100}); });
  options.canvas = "16:9";
  options.anchor = "middle";
  expect_invalid([&] { validate_expand_options(options, describe_model("gpt-image-1"), {100, 100}); });
}

// GIMP 2.10 scripts pass arguments by position: the order is the contract.
TEST(ExpandProcedure, ArgumentsInTheOrderScriptsPassThem) {
  std::vector<std::string> names;
  for (const procedures::Argument &row : procedures::expand().arguments) names.push_back(row.name);
  EXPECT_EQ(names, (std::vector<std::string>{"prompt", "canvas", "anchor", "quality", "variations", "background",
                                             "input-fidelity", "output-format", "output-compression",
                                             "feather-radius", "partial-images", "references", "cache"}));
  const procedures::Argument *anchor = procedures::expand().find("anchor");
  ASSERT_NE(anchor, nullptr);
  std::vector<std::string> values;
  for (const procedures::ChoiceItem &item : anchor->choices) values.push_back(item.value);
  EXPECT_EQ(values, (std::vector<std::string>{"center", "top", "bottom", "left", "right", "top-left", "top-right",
                                              "bottom-left", "bottom-right"}));
  EXPECT_TRUE(procedures::dialog_layout(procedures::expand()).blank_prompt_allowed);
  EXPECT_TRUE(procedures::dialog_layout(procedures::expand()).canvas_presets);
}

// The whole job against the stand-in, which answers with the prompt's colour where the mask paints
// and refuses (standin-expand-check) a request not transparent exactly there or without the edge.
TEST(ExpandJob, RunsThroughTheStandIn) {
  gpt_image::testing::StandInProcess standin("sk-expand");
  ConnectionSettings connection;
  connection.base_url = "http://127.0.0.1:" + std::to_string(standin.port()) + "/v1";
  connection.api_key = "sk-expand";
  connection.model = "gpt-image-1";
  Raster picture(40, 30, 4, 0);
  for (int y = 0; y < 30; ++y)
    for (int x = 0; x < 40; ++x) {
      std::uint8_t *p = picture.at(x, y);
      p[0] = 100, p[1] = 50, p[2] = 25, p[3] = 255;
    }
  ExpandOptions options = defaults();
  options.prompt = "a road standin-expand-check";
  options.canvas = "80x30";
  options.anchor = "left";
  options.variations = 2;
  options.partial_images = 0;
  SilentProgress quiet;
  const LayersToPlace placed = run_expand(picture, options, connection, quiet);
  ASSERT_EQ(placed.layers.size(), 2u);
  EXPECT_EQ(placed.at, (PixelRect{0, 0, 80, 30}));
  EXPECT_EQ(placed.canvas, (std::optional<PixelSize>{PixelSize{80, 30}}));
  EXPECT_TRUE(placed.has_selection);
  EXPECT_EQ(placed.layer_name, "Expand: a road standin-expand-check");
  EXPECT_EQ(*placed.selection.at(79, 15), 255);  // new area
  EXPECT_EQ(*placed.selection.at(10, 15), 0);    // the picture beyond the band (auto: 4 px)
  // The stand-in's colour: the first three bytes of SHA-256 of "<prompt sent>#0".
  const std::string sent =
      "Extend this picture into the transparent area around it: continue the scene naturally, matching its light, "
      "perspective, colours and style, with no visible seam, border or frame. In the new area: a road "
      "standin-expand-check#0";
  gchar *digest = g_compute_checksum_for_string(G_CHECKSUM_SHA256, sent.c_str(), -1);
  const std::string hex = digest;
  g_free(digest);
  for (const Raster &layer : placed.layers) {
    EXPECT_EQ(layer.at(70, 15)[0], std::stoi(hex.substr(0, 2), nullptr, 16));
    EXPECT_EQ(layer.at(70, 15)[1], std::stoi(hex.substr(2, 2), nullptr, 16));
    EXPECT_EQ(layer.at(70, 15)[2], std::stoi(hex.substr(4, 2), nullptr, 16));
    EXPECT_EQ(layer.at(70, 15)[3], 255);
    EXPECT_EQ(layer.at(10, 15)[0], 100);  // the picture itself where the mask hides the layer
  }
  const std::string recorded = standin.recorded();
  size_t requests = 0;
  for (size_t at = recorded.find("\"expand_edge_present\": true"); at != std::string::npos;
       at = recorded.find("\"expand_edge_present\": true", at + 1))
    ++requests;
  EXPECT_EQ(requests, 2u);  // one window per variation
}
