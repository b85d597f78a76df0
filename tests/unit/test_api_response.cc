#include <gtest/gtest.h>

#include "api_response.h"
#include "errors.h"

using namespace gpt_image;

TEST(ApiResponse, ParsesImagesAndUsage) {
  // "aGVsbG8=" is base64 of "hello".
  const auto r = parse_images_response(
      R"({"created": 1, "data": [{"b64_json": "aGVsbG8="}, {"b64_json": "aGk="}], "size": "1024x1024",
          "output_format": "png", "usage": {"input_tokens": 10, "output_tokens": 272, "total_tokens": 282}})");
  ASSERT_EQ(r.images.size(), 2u);
  EXPECT_EQ(std::string(r.images[0].begin(), r.images[0].end()), "hello");
  EXPECT_EQ(std::string(r.images[1].begin(), r.images[1].end()), "hi");
  ASSERT_TRUE(r.usage);
  EXPECT_EQ(r.usage->output_tokens, 272);
  EXPECT_EQ(r.usage->total_tokens, 282);
  EXPECT_EQ(r.size, "1024x1024");
}

TEST(ApiResponse, ReadsTheSplitOfInputTokens) {
  const auto r = parse_images_response(
      R"({"created": 1, "data": [{"b64_json": "aGk="}], "usage": {"input_tokens": 50, "output_tokens": 272,
          "total_tokens": 322, "input_tokens_details": {"text_tokens": 12, "image_tokens": 38}}})");
  ASSERT_TRUE(r.usage && r.usage->input_split);
  EXPECT_EQ(r.usage->input_split->first, 12);
  EXPECT_EQ(r.usage->input_split->second, 38);
  // Half a split is no split: the cost would have to guess the rest.
  const auto half = parse_images_response(
      R"({"created": 1, "data": [{"b64_json": "aGk="}], "usage": {"input_tokens": 50,
          "input_tokens_details": {"text_tokens": 12}}})");
  ASSERT_TRUE(half.usage);
  EXPECT_FALSE(half.usage->input_split);
}

TEST(ApiResponse, OnlyDataIsRequired) {
  const auto r = parse_images_response(R"({"created": 1, "data": [{"b64_json": "aGVsbG8="}]})");
  EXPECT_EQ(r.images.size(), 1u);
  EXPECT_FALSE(r.usage);
  EXPECT_TRUE(r.size.empty());
}

TEST(ApiResponse, RejectsUnusableAnswers) {
  for (const char *body : {"not json", "[1,2]", R"({"created": 1})", R"({"data": []})", R"({"data": [{}]})",
                           R"({"data": "x"})", R"({"data": [{"b64_json": "!!!!"}]})"}) {
    try {
      parse_images_response(body);
      FAIL() << "accepted: " << body;
    } catch (const GenerativeError &e) {
      EXPECT_EQ(e.kind(), ErrorKind::BadResponse) << body;
    }
  }
}

// g_base64_decode() alone would turn these into bytes silently; they must be refused.
TEST(ApiResponse, RefusesBase64ThatIsNotStrictlyValid) {
  for (const char *b64 : {"aGVsbG8", "aGVs bG8=", "aGVsbG8=aGk=", "aGVsbG8===", "aGVs*G8=", "=", "===="}) {
    const std::string body = std::string(R"({"data": [{"b64_json": ")") + b64 + R"("}]})";
    EXPECT_THROW(parse_images_response(body), GenerativeError) << b64;
  }
  // Line breaks, as some encoders wrap lines, are fine.
  EXPECT_EQ(parse_images_response(R"({"data": [{"b64_json": "aGVs\nbG8="}]})").images[0].size(), 5u);
}

TEST(ApiResponse, RefusesUrlAnswers) {
  try {
    parse_images_response(R"({"data": [{"url": "https://example.com/x.png"}]})");
    FAIL();
  } catch (const GenerativeError &e) {
    EXPECT_NE(std::string(e.what()).find("URL"), std::string::npos);
  }
}

TEST(ApiResponse, ParsesErrorBodies) {
  const auto e = parse_api_error(
      R"({"error": {"message": "Your request was rejected", "type": "invalid_request_error", "param": null,
          "code": "moderation_blocked"}})");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->message, "Your request was rejected");
  EXPECT_EQ(e->code, "moderation_blocked");
  EXPECT_TRUE(e->param.empty());
  const auto bare = parse_api_error(R"({"error": {}})");
  ASSERT_TRUE(bare);
  EXPECT_FALSE(bare->message.empty());
  EXPECT_FALSE(parse_api_error("<html>502 Bad Gateway</html>"));
  EXPECT_FALSE(parse_api_error(R"({"data": []})"));
}
