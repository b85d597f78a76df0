// Generation requests: the JSON body, and a round trip through the stand-in API.
#include <gtest/gtest.h>
#include <json-glib/json-glib.h>

#include <memory>
#include <string>

#include "errors.h"
#include "generate_request.h"
#include "image_codec.h"
#include "images_api_client.h"
#include "standin_process.h"

using namespace gpt_image;

namespace {

// The body parsed back, so the test does not depend on member order or spacing.
std::unique_ptr<JsonParser, decltype(&g_object_unref)> parse(const std::string &json) {
  std::unique_ptr<JsonParser, decltype(&g_object_unref)> parser(json_parser_new(), g_object_unref);
  EXPECT_TRUE(json_parser_load_from_data(parser.get(), json.c_str(), -1, nullptr)) << json;
  return parser;
}

JsonObject *root(JsonParser *parser) { return json_node_get_object(json_parser_get_root(parser)); }

}  // namespace

TEST(GenerateRequest, SendsOnlyMeaningfulFields) {
  GenerateRequest r;
  r.model = "gpt-image-1.5";
  r.prompt = "a \"quoted\" lighthouse";
  r.size = "1536x1024";
  const auto parser = parse(generate_request_json(r));
  JsonObject *o = root(parser.get());
  EXPECT_STREQ(json_object_get_string_member(o, "prompt"), "a \"quoted\" lighthouse");
  EXPECT_EQ(json_object_get_int_member(o, "n"), 1);
  EXPECT_STREQ(json_object_get_string_member(o, "size"), "1536x1024");
  EXPECT_STREQ(json_object_get_string_member(o, "output_format"), "png");
  for (const char *absent : {"background", "moderation", "stream", "partial_images", "output_compression",
                             "response_format", "image", "mask", "input_fidelity"})
    EXPECT_FALSE(json_object_has_member(o, absent)) << absent;
}

TEST(GenerateRequest, TransparentStreamedJpegAndModeration) {
  GenerateRequest r;
  r.model = "gpt-image-1";
  r.prompt = "x";
  r.background = "transparent";
  r.output_format = "webp";
  r.output_compression = 70;
  r.moderation = "low";
  r.partial_images = 2;
  const auto parser = parse(generate_request_json(r));
  JsonObject *o = root(parser.get());
  EXPECT_STREQ(json_object_get_string_member(o, "background"), "transparent");
  EXPECT_EQ(json_object_get_int_member(o, "output_compression"), 70);
  EXPECT_STREQ(json_object_get_string_member(o, "moderation"), "low");
  EXPECT_TRUE(json_object_get_boolean_member(o, "stream"));
  EXPECT_EQ(json_object_get_int_member(o, "partial_images"), 2);
}

TEST(GenerateRequest, DallE2AsksForBase64) {
  GenerateRequest r;
  r.model = "dall-e-2";
  r.prompt = "x";
  r.quality = "standard";
  const auto parser = parse(generate_request_json(r));
  EXPECT_STREQ(json_object_get_string_member(root(parser.get()), "response_format"), "b64_json");
  EXPECT_FALSE(json_object_has_member(root(parser.get()), "output_format"));
}

TEST(GenerateRequest, RoundTripThroughTheStandIn) {
  gpt_image::testing::StandInProcess standin("sk-generate-test");
  ConnectionSettings c;
  c.base_url = "http://127.0.0.1:" + std::to_string(standin.port()) + "/v1";
  c.api_key = "sk-generate-test";
  GenerateRequest r;
  r.model = "gpt-image-1.5";
  r.prompt = "a transparent sticker";
  r.size = "1024x1536";
  r.background = "transparent";
  r.n = 2;
  SilentProgress quiet;
  ImagesResult result = ImagesApiClient(c).generate(r, quiet);
  ASSERT_EQ(result.images.size(), 2u);
  const Raster image = decode_image(result.images[0]);
  EXPECT_EQ(image.size(), (PixelSize{1024, 1536}));
  EXPECT_EQ(image.at(2, 2)[3], 0);                            // transparent corner
  EXPECT_EQ(image.at(512, 768)[3], 255);                      // opaque disc
  r.partial_images = 2;  // streamed: image_generation.* events
  r.n = 1;
  result = ImagesApiClient(c).generate(r, quiet);
  EXPECT_EQ(result.images.size(), 1u);
  r.prompt = "";
  try {
    ImagesApiClient(c).generate(r, quiet);
    FAIL() << "an empty prompt was accepted";
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.http_status(), 400);
  }
}
