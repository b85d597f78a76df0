// Generate Layer in the core: options, targets, reference images, fitting the answer, and whole
// runs through the stand-in API (generation JSON, and edits carrying references).
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "canvas_presets.h"
#include "edit_request.h"
#include "errors.h"
#include "fake_image_source.h"
#include "generate_layer.h"
#include "image_codec.h"
#include "reference_images.h"
#include "standin_process.h"

using namespace gpt_image;

namespace {

std::string refusal(const std::function<void()> &call) {
  try {
    call();
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument);
    return e.what();
  }
  ADD_FAILURE() << "no error";
  return "";
}

Raster solid(int w, int h, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  Raster out(w, h, 4, 255);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      out.at(x, y)[0] = r;
      out.at(x, y)[1] = g;
      out.at(x, y)[2] = b;
    }
  return out;
}

ConnectionSettings connection_to(const gpt_image::testing::StandInProcess &standin, const std::string &model) {
  ConnectionSettings c;
  c.base_url = "http://127.0.0.1:" + std::to_string(standin.port()) + "/v1";
  c.api_key = "sk-generate-layer";
  c.model = model;
  return c;
}

}  // namespace

TEST(GenerateLayer, RefusesUnusableOptionsBeforeAnything) {
  const ImageModel model = describe_model("gpt-image-1.5");
  GenerateOptions o;
  o.prompt = "a red fox sticker";
  EXPECT_NO_THROW(validate_generate_options(o, model, 0));
  o.background = "transparent";
  o.output_format = "jpeg";
  EXPECT_NE(refusal([&] { validate_generate_options(o, model, 0); }).find("png or webp"), std::string::npos);
  o = GenerateOptions{};
  o.prompt = "  \n";
  EXPECT_NE(refusal([&] { validate_generate_options(o, model, 0); }).find("prompt is empty"), std::string::npos);
  o.prompt = "x";
  o.fit = "stretch";
  EXPECT_NE(refusal([&] { validate_generate_options(o, model, 0); }).find("letterbox, crop"), std::string::npos);
  o.fit = "crop";
  o.variations = 11;
  EXPECT_NE(refusal([&] { validate_generate_options(o, model, 0); }).find("Variations"), std::string::npos);
  // Input fidelity is ignored without references, checked with them.
  o = GenerateOptions{};
  o.prompt = "x";
  o.input_fidelity = "high";
  EXPECT_NO_THROW(validate_generate_options(o, describe_model("gpt-image-1-mini"), 0));
  EXPECT_NE(refusal([&] { validate_generate_options(o, describe_model("gpt-image-1-mini"), 1); }).find("input fidelity"),
            std::string::npos);
}

TEST(GenerateLayer, ReferenceCountsFollowTheApiLimit) {
  const ImageModel model = describe_model("gpt-image-1");
  EXPECT_NO_THROW(validate_reference_count(model, 16, false));
  EXPECT_NO_THROW(validate_reference_count(model, 15, true));
  EXPECT_NE(refusal([&] { validate_reference_count(model, 17, false); }).find("17 reference images"), std::string::npos);
  const std::string fill = refusal([&] { validate_reference_count(model, 16, true); });
  EXPECT_NE(fill.find("at most 15"), std::string::npos) << fill;
  EXPECT_NE(refusal([&] { validate_reference_count(describe_model("dall-e-2"), 1, true); }).find("dall-e-2"),
            std::string::npos);
  EXPECT_NO_THROW(validate_reference_count(describe_model("dall-e-2"), 0, true));
}

TEST(GenerateLayer, ReferencesAreScaledDownNeverUp) {
  EXPECT_EQ(bounded_reference_size({4000, 1000}, {1024, 1024}), (PixelSize{1024, 256}));
  EXPECT_EQ(bounded_reference_size({1000, 3000}, {1536, 1024}), (PixelSize{341, 1024}));
  EXPECT_EQ(bounded_reference_size({300, 200}, {1024, 1024}), (PixelSize{300, 200}));
  const Raster decoded = decode_image(encode_reference(solid(3000, 1500, 10, 20, 30), {1536, 1024}));
  EXPECT_EQ(decoded.size(), (PixelSize{1536, 768}));
}

TEST(GenerateLayer, SeveralImagesGoAsRepeatedImageArrayParts) {
  EditRequest r;
  r.model = "gpt-image-1";
  r.prompt = "x";
  r.image_png = {1, 2, 3};
  EXPECT_EQ(edit_form_parts(r).front().name, "image");
  r.reference_pngs = {{4, 5}, {6}};
  const auto parts = edit_form_parts(r);
  ASSERT_GE(parts.size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(parts[i].name, "image[]");
  EXPECT_EQ(parts[0].file, &r.image_png);
  EXPECT_EQ(parts[1].file, &r.reference_pngs[0]);
  EXPECT_EQ(parts[2].file, &r.reference_pngs[1]);
  EXPECT_EQ(image_bytes(r), 6u);
}

TEST(GenerateLayer, TargetIsTheSelectionOrTheCanvas) {
  EXPECT_EQ(generation_target({800, 600}, std::nullopt), (PixelRect{0, 0, 800, 600}));
  EXPECT_EQ(generation_target({800, 600}, PixelRect{10, 20, 300, 200}), (PixelRect{10, 20, 300, 200}));
}

TEST(GenerateLayer, FitLetterboxesOrCropsWithoutStretching) {
  // A square answer into a 2:1 target: letterboxed, the middle half is the picture.
  Raster square = solid(100, 100, 200, 10, 10);
  const Raster boxed = fit_answer(square, {200, 100}, "letterbox");
  EXPECT_EQ(boxed.size(), (PixelSize{200, 100}));
  EXPECT_EQ(boxed.at(10, 50)[3], 0);
  EXPECT_EQ(boxed.at(100, 50)[3], 255);
  EXPECT_EQ(boxed.at(189, 50)[3], 0);
  // Cropped: everything covered; a stripe at the answer's top is cut off, its middle stays.
  for (int x = 0; x < 100; ++x)
    for (int y = 0; y < 10; ++y) square.at(x, y)[1] = 250;
  const Raster cropped = fit_answer(square, {200, 100}, "crop");
  EXPECT_EQ(cropped.size(), (PixelSize{200, 100}));
  for (int y = 0; y < 100; y += 9)
    for (int x = 0; x < 200; x += 13) {
      EXPECT_EQ(cropped.at(x, y)[3], 255);
      EXPECT_LT(cropped.at(x, y)[1], 40) << x << "," << y;  // the green stripe lay in the cut-off part
    }
}

TEST(GenerateLayer, PreparesAJsonGenerationShapedLikeTheTarget) {
  GenerateOptions o;
  o.prompt = "a banner";
  const PreparedGeneration wide = prepare_generation(o, {0, 0, 1200, 630}, {}, "gpt-image-1.5");
  EXPECT_FALSE(wide.with_references);
  EXPECT_EQ(wide.generation.size, "1536x1024");
  EXPECT_EQ(wide.generation.partial_images, 2);
  const PreparedGeneration tall = prepare_generation(o, {0, 0, 1080, 1920}, {}, "gpt-image-2");
  const PixelSize request = tall.request;
  EXPECT_EQ(request.width % 16, 0);
  EXPECT_NEAR(static_cast<double>(request.width) / request.height, 1080.0 / 1920, 0.02);
}

TEST(GenerateLayer, ReferencesMakeAnEditWithoutMask) {
  GenerateOptions o;
  o.prompt = "the person from the first photo wearing the jacket from the second";
  o.input_fidelity = "high";
  const PreparedGeneration p =
      prepare_generation(o, {0, 0, 1024, 1024}, {solid(2048, 1024, 1, 2, 3), solid(200, 100, 4, 5, 6)}, "gpt-image-1");
  ASSERT_TRUE(p.with_references);
  EXPECT_FALSE(p.with_references->mask_png);
  EXPECT_EQ(decode_image(p.with_references->image_png).size(), (PixelSize{1024, 512}));
  ASSERT_EQ(p.with_references->reference_pngs.size(), 1u);
  EXPECT_EQ(decode_image(p.with_references->reference_pngs[0]).size(), (PixelSize{200, 100}));
  EXPECT_EQ(p.with_references->input_fidelity, "high");
  EXPECT_GT(p.timings.upload_bytes, 0u);
}

TEST(GenerateLayer, RunsThroughTheStandIn) {
  gpt_image::testing::StandInProcess standin("sk-generate-layer");
  SilentProgress quiet;
  GenerateOptions o;
  o.prompt = "a sticker";
  o.background = "transparent";
  o.variations = 2;
  // A tall target for a fixed-size model: 1024x1536 letterboxed into 200x400 (bars above and below).
  LayersToPlace placed = run_generate_layer(o, {50, 60, 200, 400}, {}, connection_to(standin, "gpt-image-1"), quiet);
  ASSERT_EQ(placed.layers.size(), 2u);
  EXPECT_EQ(placed.at, (PixelRect{50, 60, 200, 400}));
  EXPECT_FALSE(placed.has_selection);
  EXPECT_EQ(placed.layers[0].size(), (PixelSize{200, 400}));
  EXPECT_EQ(placed.layers[0].at(100, 20)[3], 0);    // letterbox bar
  EXPECT_EQ(placed.layers[0].at(100, 200)[3], 255); // the disc
  EXPECT_EQ(placed.layers[0].at(2, 200)[3], 0);     // the answer's own transparent background
  EXPECT_EQ(placed.layer_name, "Generated: a sticker");
  EXPECT_NE(standin.recorded().find("\"background\": \"transparent\""), std::string::npos);

  // With references: an edit whose images are the references, in order, each within the request.
  o = GenerateOptions{};
  o.prompt = "combine them";
  placed = run_generate_layer(o, {0, 0, 300, 300}, {solid(4096, 2048, 9, 9, 9), solid(64, 32, 1, 1, 1)},
                              connection_to(standin, "gpt-image-1"), quiet);
  ASSERT_EQ(placed.layers.size(), 1u);
  const std::string recorded = standin.recorded();
  EXPECT_NE(recorded.find("\"image_sizes\": [\"1024x512\", \"64x32\"]"), std::string::npos) << recorded;
  EXPECT_NE(recorded.find("\"image_names\": [\"image[]\", \"image[]\"]"), std::string::npos);
}

TEST(CanvasPresets, NamesAndSizes) {
  EXPECT_EQ(resolve_canvas_size("story"), (PixelSize{1080, 1920}));
  EXPECT_EQ(resolve_canvas_size("link-preview"), (PixelSize{1200, 630}));
  EXPECT_EQ(resolve_canvas_size("1200x675"), (PixelSize{1200, 675}));
  EXPECT_NE(refusal([] { resolve_canvas_size("poster"); }).find("square-post"), std::string::npos);
  EXPECT_NE(refusal([] { resolve_canvas_size("20000x10"); }).find("16384"), std::string::npos);
  for (const CanvasPreset &preset : canvas_presets()) EXPECT_EQ(resolve_canvas_size(preset.name), preset.size);
}

TEST(GenerateLayer, AFillCarriesReferencesAfterItsCapture) {
  gpt_image::testing::FakeImageSource source(solid(400, 300, 50, 60, 70), Raster(400, 300, 1, 255));
  FillOptions o;
  o.prompt = "the logo from the reference";
  const PreparedEdit edit = prepare_edit(source, o, "gpt-image-1", kDefaultPixelBudget, {solid(3000, 3000, 1, 1, 1)});
  ASSERT_EQ(edit.request.reference_pngs.size(), 1u);
  ASSERT_EQ(edit.plan.request, (PixelSize{1536, 1024}));
  EXPECT_EQ(decode_image(edit.request.reference_pngs[0]).size(), (PixelSize{1024, 1024}));  // square, within
  EXPECT_TRUE(edit.request.mask_png);
  EXPECT_EQ(edit.timings.upload_bytes, image_bytes(edit.request));
  const std::vector<Raster> too_many(16, solid(8, 8, 1, 1, 1));
  EXPECT_NE(refusal([&] { prepare_edit(source, o, "gpt-image-1", kDefaultPixelBudget, too_many); }).find("at most 15"),
            std::string::npos);
}
