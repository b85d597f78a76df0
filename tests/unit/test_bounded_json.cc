// Nesting is measured before json-glib parses: 100,000 brackets would overflow its stack.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "api_response.h"
#include "bounded_json.h"
#include "errors.h"

using namespace gpt_image;

TEST(BoundedJson, CountsNestingOutsideStringsOnly) {
  EXPECT_TRUE(json_nesting_within("{\"a\": [1, {\"b\": 2}]}", 20, 3));
  EXPECT_FALSE(json_nesting_within("{\"a\": [1, {\"b\": [2]}]}", 22, 3));
  const std::string in_string = "{\"text\": \"" + std::string(1000, '[') + "\"}";
  EXPECT_TRUE(json_nesting_within(in_string.data(), in_string.size(), 1));
  // An escaped quote does not end the string; an escaped backslash does not escape the quote.
  const std::string escaped = R"({"t": "\"[[[[", "u": "\\"})";
  EXPECT_TRUE(json_nesting_within(escaped.data(), escaped.size(), 1));
  const std::string after = R"({"t": "\\", "u": [[1]]})";
  EXPECT_FALSE(json_nesting_within(after.data(), after.size(), 2));
}

TEST(BoundedJson, SixtyFourLevelsAreReadSixtyFiveAreNot) {
  auto nested = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  std::unique_ptr<JsonParser, decltype(&g_object_unref)> parser(json_parser_new(), g_object_unref);
  EXPECT_TRUE(load_bounded_json(parser.get(), nested(64)));
  std::string why;
  EXPECT_FALSE(load_bounded_json(parser.get(), nested(65), &why));
  EXPECT_NE(why.find("64"), std::string::npos) << why;
}

TEST(BoundedJson, EveryReaderOfAnswersRefusesDeepNestingWithoutCrashing) {
  const std::string deep = "{\"error\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  EXPECT_FALSE(parse_api_error(deep));
  try {
    parse_images_response(deep);
    FAIL() << "accepted";
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadResponse);
  }
}
