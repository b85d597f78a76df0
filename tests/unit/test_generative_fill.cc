#include <glib.h>
#include <gtest/gtest.h>

#include <cmath>

#include "errors.h"
#include "fake_image_source.h"
#include "generative_fill.h"
#include "image_codec.h"
#include "raster_ops.h"

using namespace gpt_image;
using gpt_image::testing::FakeImageSource;

namespace {

Raster textured_canvas(int w, int h) {
  Raster r(w, h, 4);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      auto *p = r.at(x, y);
      p[0] = static_cast<std::uint8_t>(x * 255 / w);
      p[1] = static_cast<std::uint8_t>(y * 255 / h);
      p[2] = static_cast<std::uint8_t>(128 + 90 * std::sin(x * 0.1) * std::cos(y * 0.1));
      p[3] = 255;
    }
  return r;
}

Raster rect_selection(int w, int h, PixelRect rect) {
  Raster s(w, h, 1, 0);
  for (int y = rect.y; y < rect.bottom(); ++y)
    for (int x = rect.x; x < rect.right(); ++x) *s.at(x, y) = 255;
  return s;
}

FillOptions options(const std::string &prompt = "a red apple") {
  FillOptions o;
  o.prompt = prompt;
  return o;
}

// What a model returning its input unchanged would send back: the input at the request size (which
// is larger than the upload when the frame is small).
ImagesResult identity_answer(const PreparedEdit &edit, int copies = 1) {
  const std::vector<std::uint8_t> image = encode_png(scale_raster(decode_image(edit.request.image_png), edit.plan.request));
  ImagesResult answer;
  for (int i = 0; i < copies; ++i) answer.images.push_back(image);
  answer.streamed = edit.request.partial_images > 0;  // an honest server streams when asked to
  return answer;
}

double psnr(const Raster &a, const Raster &b) {
  double sum = 0;
  for (size_t i = 0; i < a.pixels.size(); ++i) sum += std::pow(double(a.pixels[i]) - b.pixels[i], 2);
  const double mse = sum / a.pixels.size();
  return mse == 0 ? 99 : 10 * std::log10(255.0 * 255.0 / mse);
}

}  // namespace

TEST(GenerativeFill, PreparesImageAndMaskAtTheFramesOwnResolution) {
  const PixelRect selected{300, 200, 200, 150};
  FakeImageSource source(textured_canvas(800, 600), rect_selection(800, 600, selected));
  const PreparedEdit edit = prepare_edit(source, options(), "gpt-image-1.5");
  EXPECT_EQ(edit.request.size, "1024x1024");
  EXPECT_EQ(edit.request.model, "gpt-image-1.5");
  EXPECT_EQ(edit.request.quality, "medium");
  EXPECT_EQ(edit.request.n, 1);
  const Raster image = decode_image(edit.request.image_png);
  ASSERT_TRUE(edit.request.mask_png);
  const Raster mask = decode_image(*edit.request.mask_png);
  // The frame (250,125,300,300) is smaller than the request: it goes 1:1, not scaled up.
  EXPECT_EQ(image.size(), (PixelSize{300, 300}));
  EXPECT_EQ(mask.size(), image.size());
  const Raster canvas = textured_canvas(800, 600);
  EXPECT_EQ(std::vector<std::uint8_t>(image.at(10, 20), image.at(10, 20) + 3),
            std::vector<std::uint8_t>(canvas.at(260, 145), canvas.at(260, 145) + 3));
  const auto alpha_at = [&](int cx, int cy) { return mask.at(cx - 250, cy - 125)[3]; };
  EXPECT_EQ(alpha_at(400, 275), 0);    // centre of the selection
  EXPECT_EQ(alpha_at(300, 200), 0);    // the corner pixel, exactly
  EXPECT_EQ(alpha_at(299, 199), 255);  // just outside
  EXPECT_EQ(alpha_at(500, 350), 255);
}

TEST(GenerativeFill, ScalesAFrameLargerThanTheRequestDownToIt) {
  const PixelRect selected{500, 500, 1600, 1600};
  FakeImageSource source(textured_canvas(3000, 3000), rect_selection(3000, 3000, selected));
  const PreparedEdit edit = prepare_edit(source, options(), "gpt-image-1.5");
  EXPECT_EQ(edit.request.size, "1024x1024");
  EXPECT_GT(edit.plan.frame.width, 1024);
  EXPECT_EQ(decode_image(edit.request.image_png).size(), (PixelSize{1024, 1024}));
  EXPECT_EQ(decode_image(*edit.request.mask_png).size(), (PixelSize{1024, 1024}));
}

TEST(GenerativeFill, NoSelectionSendsNoMask) {
  FakeImageSource source(textured_canvas(300, 200), Raster(300, 200, 1, 0));
  const PreparedEdit edit = prepare_edit(source, options(), "gpt-image-1.5");
  EXPECT_FALSE(edit.has_selection);
  EXPECT_FALSE(edit.request.mask_png);
  EXPECT_EQ(edit.plan.captured, (PixelRect{0, 0, 300, 200}));
}

// Identity answers must land on the original pixels: proves capture, scaling and placement align.
TEST(GenerativeFill, IdentityAnswerPlacesBackOntoTheOriginal) {
  const Raster canvas = textured_canvas(800, 600);
  FakeImageSource source(canvas, rect_selection(800, 600, {300, 200, 200, 150}));
  const PreparedEdit edit = prepare_edit(source, options(), "gpt-image-1.5");
  const LayersToPlace placed = placement_from_answer(edit, identity_answer(edit), "a red apple");
  ASSERT_EQ(placed.layers.size(), 1u);
  EXPECT_EQ(placed.at, edit.plan.captured);
  Raster original(placed.at.width, placed.at.height, 4);
  for (int y = 0; y < placed.at.height; ++y)
    for (int x = 0; x < placed.at.width; ++x)
      std::memcpy(original.at(x, y), canvas.at(placed.at.x + x, placed.at.y + y), 4);
  EXPECT_GT(psnr(original, placed.layers[0]), 35.0);
}

// The layer mask must come from the selection as it was when the request was made: GIMP stays
// usable while waiting, and a selection changed meanwhile must not become the mask.
TEST(GenerativeFill, PlacementCarriesTheSelectionCapturedWithTheRequest) {
  const PixelRect selected{300, 200, 200, 150};
  FakeImageSource source(textured_canvas(800, 600), rect_selection(800, 600, selected));
  const PreparedEdit edit = prepare_edit(source, options(), "gpt-image-1.5");
  source.set_selection(rect_selection(800, 600, {0, 0, 120, 90}));  // selected elsewhere meanwhile
  const LayersToPlace placed = placement_from_answer(edit, identity_answer(edit), "a red apple");
  ASSERT_TRUE(placed.has_selection);
  ASSERT_TRUE(placed.canvas.has_value());
  EXPECT_EQ(*placed.canvas, (PixelSize{800, 600}));
  ASSERT_EQ(placed.selection.size(), placed.at.size());
  ASSERT_EQ(placed.selection.channels, 1);
  int wrong = 0;
  for (int y = 0; y < placed.at.height; ++y)
    for (int x = 0; x < placed.at.width; ++x) {
      const int cx = placed.at.x + x, cy = placed.at.y + y;
      const bool inside = cx >= 300 && cx < 500 && cy >= 200 && cy < 350;
      if (*placed.selection.at(x, y) != (inside ? 255 : 0)) ++wrong;
    }
  EXPECT_EQ(wrong, 0);
}

TEST(GenerativeFill, OneToOneRequestsComeBackExactly) {
  // A region above gpt-image-2's pixel floor (1200x1000) goes 1:1.
  const Raster canvas = textured_canvas(2000, 1500);
  FakeImageSource source(canvas, rect_selection(2000, 1500, {500, 400, 800, 600}));
  FillOptions two = options();
  two.variations = 2;
  const PreparedEdit edit = prepare_edit(source, two, "gpt-image-2");
  EXPECT_EQ(edit.plan.frame.size(), edit.plan.request);
  const LayersToPlace placed = placement_from_answer(edit, identity_answer(edit, 2), "x");
  EXPECT_TRUE(placed.notes.empty());
  ASSERT_EQ(placed.layers.size(), 2u);
  for (int y = 0; y < placed.at.height; ++y)
    ASSERT_EQ(0, std::memcmp(placed.layers[1].at(0, y), canvas.at(placed.at.x, placed.at.y + y), placed.layers[1].stride()));
}

TEST(GenerativeFill, SmallRegionIsEnlargedToThePixelFloorAndScaledBack) {
  // Selection 300x200, margin 75: region 450x350, frame 451x350, request and upload 928x720
  // (test_context_plan.cc works the numbers out).
  FakeImageSource source(textured_canvas(800, 600), rect_selection(800, 600, {300, 200, 300, 200}));
  const PreparedEdit edit = prepare_edit(source, options(), "gpt-image-2");
  EXPECT_EQ(edit.request.size, "928x720");
  EXPECT_EQ(decode_image(edit.request.image_png).size(), (PixelSize{928, 720}));
  ASSERT_TRUE(edit.request.mask_png);
  EXPECT_EQ(decode_image(*edit.request.mask_png).size(), (PixelSize{928, 720}));
  const LayersToPlace placed = placement_from_answer(edit, identity_answer(edit), "x");
  ASSERT_EQ(placed.layers.size(), 1u);
  EXPECT_EQ(placed.at.size(), (PixelSize{451, 350}));
  EXPECT_EQ(placed.layers[0].size(), (PixelSize{451, 350}));
}

TEST(GenerativeFill, ThePlacementCarriesTheActualCost) {
  FakeImageSource source(textured_canvas(800, 600), rect_selection(800, 600, {300, 200, 200, 150}));
  const PreparedEdit edit = prepare_edit(source, options(), "gpt-image-1.5");
  ImagesResult answer = identity_answer(edit);
  answer.usage = ImageUsage{};
  answer.usage->input_tokens = 300;
  answer.usage->output_tokens = 1056;
  answer.usage->input_split = std::pair{100LL, 200LL};
  const LayersToPlace placed = placement_from_answer(edit, answer, "x");
  // gpt-image-1.5: 100 x $5 + 200 x $8 + 1056 x $32 per million = $0.035892.
  ASSERT_TRUE(placed.cost.usd);
  EXPECT_NEAR(*placed.cost.usd, 0.035892, 1e-9);
  EXPECT_EQ(placed.cost.model, "gpt-image-1.5");
}

// One message after placement: each note on its own line, then what the call cost.
TEST(GenerativeFill, TheResultMessageHoldsTheNotesThenTheCost) {
  LayersToPlace placed;
  placed.cost.text = "Cost: $0.18 (1000 input and 4160 output tokens)";
  EXPECT_EQ(result_message(placed), "Cost: $0.18 (1000 input and 4160 output tokens)");
  placed.notes = {"The relay ignored part of the request: n.", "Another note."};
  EXPECT_EQ(result_message(placed), "The relay ignored part of the request: n.\nAnother note.\n"
                                    "Cost: $0.18 (1000 input and 4160 output tokens)");
}

TEST(GenerativeFill, PaddingIsCutOffTheAnswer) {
  FakeImageSource source(textured_canvas(800, 600), Raster(800, 600, 1, 0));
  const PreparedEdit edit = prepare_edit(source, options(), "gpt-image-1.5");
  EXPECT_EQ(edit.plan.frame, (PixelRect{-50, 0, 900, 600}));
  const LayersToPlace placed = placement_from_answer(edit, identity_answer(edit), "x");
  EXPECT_EQ(placed.layers[0].size(), (PixelSize{800, 600}));
  EXPECT_EQ(placed.at, (PixelRect{0, 0, 800, 600}));
}

TEST(GenerativeFill, AnswerOfAnotherShapeIsRefused) {
  FakeImageSource source(textured_canvas(800, 600), rect_selection(800, 600, {300, 200, 200, 150}));
  const PreparedEdit edit = prepare_edit(source, options(), "gpt-image-1.5");
  ImagesResult answer;
  answer.images.push_back(encode_png(Raster(1536, 1024, 4, 255)));
  try {
    placement_from_answer(edit, answer, "x");
    FAIL();
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadResponse);
    EXPECT_NE(std::string(e.what()).find("1536x1024"), std::string::npos);
  }
  // Same shape, other resolution: scaled, not refused.
  answer.images[0] = encode_png(Raster(512, 512, 4, 255));
  EXPECT_EQ(placement_from_answer(edit, answer, "x").layers[0].size(), edit.plan.captured.size());
}

TEST(GenerativeFill, ValidatesOptionsBeforeAnyWork) {
  const ImageModel model = describe_model("gpt-image-1.5");
  auto error_for = [&](FillOptions o) -> std::string {
    try {
      validate_fill_options(o, model);
    } catch (const GenerativeError &e) {
      EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument);
      return e.what();
    }
    return "";
  };
  EXPECT_EQ(error_for(options()), "");
  EXPECT_NE(error_for(options(" \n\t")).find("empty"), std::string::npos);
  EXPECT_NE(error_for(options(std::string(32001, 'a'))).find("32000"), std::string::npos);
  EXPECT_NE(error_for(options("\xff\xfe")).find("UTF-8"), std::string::npos);
  FillOptions o = options();
  o.variations = 0;
  EXPECT_NE(error_for(o).find("between 1 and 10"), std::string::npos);
  o.variations = 11;
  EXPECT_NE(error_for(o), "");
  o = options();
  o.quality = "best";
  EXPECT_NE(error_for(o).find("best"), std::string::npos);
  o = options();
  o.size = "999x999";
  EXPECT_NE(error_for(o).find("999x999"), std::string::npos);
}

TEST(GenerativeFill, LayerNamesAreShortAndOneLine) {
  EXPECT_EQ(layer_name_for_prompt("  a red apple\n"), "Generative Fill: a red apple");
  EXPECT_EQ(layer_name_for_prompt("line one\nline two"), "Generative Fill: line one line two");
  const std::string long_prompt(100, 'x');
  EXPECT_EQ(layer_name_for_prompt(long_prompt), "Generative Fill: " + std::string(48, 'x') + "…");
  // Cut on a character boundary, never inside a UTF-8 sequence.
  std::string chinese;
  for (int i = 0; i < 60; ++i) chinese += "苹";
  const std::string name = layer_name_for_prompt(chinese);
  EXPECT_TRUE(g_utf8_validate(name.c_str(), -1, nullptr));
}

TEST(GenerativeFill, CostEstimateFollowsThePlannedSize) {
  FakeImageSource source(textured_canvas(800, 600), rect_selection(800, 600, {40, 40, 120, 80}));
  FillOptions o = options();
  o.variations = 3;
  const auto e = estimate_fill_cost(source, o, "gpt-image-1.5");
  EXPECT_NE(e.text.find("3 × medium 1536×1024 on gpt-image-1.5"), std::string::npos) << e.text;
  o.size = "640x480";
  EXPECT_NE(estimate_fill_cost(source, o, "gpt-image-1.5").text.find("does not accept size 640x480"), std::string::npos);
}

TEST(GenerativeFill, AdvancedOptionsAreValidated) {
  const ImageModel model = describe_model("gpt-image-1.5");
  auto rejects = [&](auto change, const std::string &words) {
    FillOptions o = options();
    change(o);
    try {
      validate_fill_options(o, model);
      ADD_FAILURE() << "accepted, expected: " << words;
    } catch (const GenerativeError &e) {
      EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    }
  };
  rejects([](FillOptions &o) { o.background = "green"; }, "Background");
  rejects([](FillOptions &o) { o.background = "transparent", o.output_format = "jpeg"; }, "png or webp");
  rejects([](FillOptions &o) { o.output_format = "gif"; }, "Output format");
  rejects([](FillOptions &o) { o.output_compression = 101; }, "compression");
  rejects([](FillOptions &o) { o.context_margin = -2; }, "context margin");
  rejects([](FillOptions &o) { o.feather_radius = 300; }, "feather radius");
  rejects([](FillOptions &o) { o.sample = "everything"; }, "Sample");
  FillOptions mini = options();
  mini.input_fidelity = "high";
  EXPECT_THROW(validate_fill_options(mini, describe_model("gpt-image-1-mini")), GenerativeError);
  EXPECT_NO_THROW(validate_fill_options(mini, model));
}

TEST(GenerativeFill, AdvancedOptionsReachTheRequestAndThePlan) {
  const PixelRect selected{300, 200, 200, 150};
  Raster layer(800, 600, 4, 0);
  for (size_t i = 0; i < layer.pixels.size(); i += 4) layer.pixels[i] = 250, layer.pixels[i + 3] = 255;
  FakeImageSource source(textured_canvas(800, 600), rect_selection(800, 600, selected), layer);
  FillOptions o = options();
  o.background = "opaque";
  o.input_fidelity = "high";
  o.output_format = "webp";
  o.output_compression = 80;
  o.context_margin = 10;
  o.feather_radius = 8;
  o.sample = "layer";
  const PreparedEdit edit = prepare_edit(source, o, "gpt-image-1.5");
  EXPECT_EQ(edit.plan.region, (PixelRect{290, 190, 220, 170}));
  EXPECT_EQ(edit.request.background, "opaque");
  EXPECT_EQ(edit.request.input_fidelity, "high");
  EXPECT_EQ(edit.request.output_format, "webp");
  EXPECT_EQ(edit.request.output_compression, 80);
  EXPECT_EQ(edit.feather_radius, 8);
  // The active layer (flat red) was sampled, not the visible texture.
  const Raster sent = decode_image(edit.request.image_png);
  EXPECT_EQ(sent.at(100, 100)[0], 250);
  EXPECT_EQ(sent.at(100, 100)[1], 0);
  EXPECT_EQ(placement_from_answer(edit, identity_answer(edit), "x").feather_radius, 8);
}

namespace {

bool form_has(const EditRequest &request, const std::string &name, const std::string &value) {
  for (const FormPart &part : edit_form_parts(request))
    if (!part.file && part.name == name && part.value == value) return true;
  return false;
}

bool form_has_field(const EditRequest &request, const std::string &name) {
  for (const FormPart &part : edit_form_parts(request))
    if (part.name == name) return true;
  return false;
}

// An answer of `size` made of the upload, with `paint` applied to each pixel (x, y in the answer).
template <class Paint>
ImagesResult painted_answer(const PreparedEdit &edit, PixelSize size, Paint paint) {
  Raster image = scale_raster(decode_image(edit.request.image_png), size);
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) paint(x, y, image.at(x, y));
  ImagesResult answer;
  answer.images.push_back(encode_png(image));
  return answer;
}

bool ignored(const LayersToPlace &placed, IgnoredField field) { return placed.ignored.ignored(field); }

}  // namespace

TEST(GenerativeFill, AnOpaquePictureAsksForAnOpaqueBackgroundWhereTheModelTakesIt) {
  const Raster canvas = textured_canvas(800, 600);
  const Raster selection = rect_selection(800, 600, {300, 200, 200, 150});
  FakeImageSource source(canvas, selection);
  EXPECT_TRUE(form_has(prepare_edit(source, options(), "gpt-image-1.5").request, "background", "opaque"));
  // dall-e-2 has no background setting: the strict API would refuse the field.
  FillOptions standard = options();
  standard.quality = "standard";
  EXPECT_EQ(prepare_edit(source, standard, "dall-e-2").request.background, "auto");
  // A background the user chose is sent as chosen.
  FillOptions transparent = options();
  transparent.background = "transparent";
  EXPECT_TRUE(form_has(prepare_edit(source, transparent, "gpt-image-1.5").request, "background", "transparent"));
  // A picture with transparency in the frame leaves the choice to the model.
  Raster holed = canvas;
  holed.at(310, 210)[3] = 0;
  FakeImageSource holed_source(holed, selection);
  const PreparedEdit edit = prepare_edit(holed_source, options(), "gpt-image-1.5");
  EXPECT_FALSE(form_has_field(edit.request, "background"));
  EXPECT_FALSE(edit.opaque_frame);
}

TEST(GenerativeFill, ATransparentAnswerIsLaidOverTheOriginalAndNoted) {
  const Raster canvas = textured_canvas(800, 600);
  FakeImageSource source(canvas, rect_selection(800, 600, {300, 200, 200, 150}));
  FillOptions o = options();
  o.color_match = false;
  const PreparedEdit edit = prepare_edit(source, o, "gpt-image-1.5");
  // The relay's model cut everything out: the whole answer is transparent (colour black).
  const ImagesResult answer = painted_answer(edit, edit.plan.request, [](int, int, std::uint8_t *p) {
    p[0] = p[1] = p[2] = p[3] = 0;
  });
  const LayersToPlace placed = placement_from_answer(edit, answer, "a red apple");
  ASSERT_EQ(placed.layers.size(), 1u);
  EXPECT_TRUE(fully_opaque(placed.layers[0]));
  EXPECT_EQ(placed.layers[0].pixels, edit.original.pixels);  // nothing but the original shows
  EXPECT_TRUE(ignored(placed, IgnoredField::Background));
  ASSERT_EQ(placed.notes.size(), 1u);
  EXPECT_NE(placed.notes[0].find("background (asked opaque"), std::string::npos);
}

TEST(GenerativeFill, ASmallerPlainAnswerToAStreamedRequestIsPlacedAndNoted) {
  const Raster canvas = textured_canvas(800, 600);
  FakeImageSource source(canvas, rect_selection(800, 600, {300, 200, 200, 150}));
  const PreparedEdit edit = prepare_edit(source, options(), "gpt-image-1.5");
  ASSERT_GT(edit.request.partial_images, 0);  // streamed by default
  const PixelSize half{edit.plan.request.width / 2, edit.plan.request.height / 2};
  const LayersToPlace placed = placement_from_answer(edit, painted_answer(edit, half, [](int, int, std::uint8_t *) {}),
                                                     "a red apple");
  ASSERT_EQ(placed.layers.size(), 1u);
  EXPECT_EQ(placed.layers[0].size(), edit.plan.captured.size());  // scaled back to the frame all the same
  EXPECT_TRUE(ignored(placed, IgnoredField::Size));
  EXPECT_TRUE(ignored(placed, IgnoredField::Stream));
  EXPECT_FALSE(ignored(placed, IgnoredField::Mask));
  ASSERT_EQ(placed.notes.size(), 1u);  // one note, not one per field
  EXPECT_NE(placed.notes[0].find("size (asked " + format_size(edit.plan.request) + ", answered " + format_size(half)),
            std::string::npos);
}

TEST(GenerativeFill, AnAnswerThatRepaintedTheWholeFrameIsNotedAsIgnoringTheMask) {
  const Raster canvas = textured_canvas(800, 600);
  FakeImageSource source(canvas, rect_selection(800, 600, {300, 200, 200, 150}));
  const PreparedEdit edit = prepare_edit(source, options(), "gpt-image-1.5");
  ImagesResult streamed = painted_answer(edit, edit.plan.request, [](int x, int, std::uint8_t *p) {
    p[0] = static_cast<std::uint8_t>(255 - p[0]), p[1] = static_cast<std::uint8_t>(255 - p[1]);
    p[2] = static_cast<std::uint8_t>(x % 256);
  });
  streamed.streamed = true;
  const LayersToPlace repainted = placement_from_answer(edit, streamed, "a red apple");
  EXPECT_EQ(repainted.ignored.fields.size(), 1u);
  EXPECT_TRUE(ignored(repainted, IgnoredField::Mask));
  // The model's input, untouched, is no repaint.
  const ImagesResult same = identity_answer(edit);
  EXPECT_TRUE(placement_from_answer(edit, same, "a red apple").ignored.fields.empty());
}

// A frame larger than the request size: the answer stays at its own resolution (placement scales the
// layer to `scaled_to`, the frame), and its colours are fitted there. A model that shifted every
// colour by gain 0.8, offset 20 gets the drift undone on the answer itself.
TEST(GenerativeFill, ALargeRegionIsPlacedAtTheAnswersResolutionWithItsColoursFitted) {
  const PixelRect selected{500, 500, 1600, 1600};
  FakeImageSource source(textured_canvas(3000, 3000), rect_selection(3000, 3000, selected));
  const PreparedEdit edit = prepare_edit(source, options(), "gpt-image-1.5");
  ASSERT_GT(edit.plan.frame.width, 1024);
  EXPECT_TRUE(edit.original.pixels.empty());  // the region's full-size pixels are not kept
  EXPECT_EQ(source.band_reads, 1);            // ... nor read whole: a band at a time
  // What was sent is the frame scaled down whole, as if it had been read at once.
  const Raster whole = scale_padded(crop_raster(textured_canvas(3000, 3000), edit.plan.captured), edit.plan.captured,
                                    edit.plan.frame, edit.plan.upload);
  EXPECT_EQ(decode_image(edit.request.image_png).pixels, whole.pixels);
  const Raster sent = decode_image(edit.request.image_png);
  Raster drifted = sent;
  for (size_t i = 0; i < drifted.pixels.size(); i += 4)
    for (int c = 0; c < 3; ++c)
      drifted.pixels[i + c] = static_cast<std::uint8_t>(std::lround(0.8 * drifted.pixels[i + c] + 20));
  ImagesResult answer;
  answer.images.push_back(encode_png(drifted));
  const LayersToPlace placed = placement_from_answer(edit, answer, "a red apple");
  ASSERT_EQ(placed.layers.size(), 1u);
  ASSERT_TRUE(placed.scaled_to);
  EXPECT_EQ(*placed.scaled_to, edit.plan.frame);
  EXPECT_EQ(placed.at, edit.plan.captured);
  EXPECT_EQ(placed.layers[0].size(), (PixelSize{1024, 1024}));
  EXPECT_EQ(placed.selection.size(), edit.plan.captured.size());  // the mask stays at full size
  ASSERT_EQ(placed.color_fits.size(), 1u);
  for (int c = 0; c < 3; ++c) EXPECT_NEAR(placed.color_fits[0].channels[c].gain, 1.25, 0.02);
  EXPECT_GT(psnr(sent, placed.layers[0]), 40.0);
}
