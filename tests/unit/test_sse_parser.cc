// Framing of server-sent events: multi-line data, comments, CR/LF/CRLF, very long lines, and
// events split across reads at every possible byte.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sse_parser.h"

using namespace gpt_image;

namespace {

std::vector<ServerEvent> parse(const std::string &stream, size_t chunk = 0) {
  std::vector<ServerEvent> events;
  SseParser parser([&](const ServerEvent &e) { events.push_back(e); });
  if (chunk == 0) {
    parser.feed(stream);
  } else {
    for (size_t i = 0; i < stream.size(); i += chunk) parser.feed(stream.substr(i, chunk));
  }
  parser.finish();
  return events;
}

}  // namespace

TEST(SseParser, NamedEventsWithData) {
  const auto events = parse("event: image_edit.partial_image\ndata: {\"a\":1}\n\nevent: image_edit.completed\ndata: {}\n\n");
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].event, "image_edit.partial_image");
  EXPECT_EQ(events[0].data, "{\"a\":1}");
  EXPECT_EQ(events[1].event, "image_edit.completed");
}

TEST(SseParser, MultiLineDataJoinsWithNewlines) {
  const auto events = parse("data: one\ndata:two\ndata:  three\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "one\ntwo\n three");  // one space after the colon is dropped, not two
  EXPECT_EQ(events[0].event, "message");
}

TEST(SseParser, CommentsAndUnknownFieldsAreIgnored) {
  const auto events = parse(": keep-alive\nretry: 1000\nfoo: bar\ndata: x\n: another\n\n:only a comment\n\n");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "x");
}

TEST(SseParser, AllLineEndings) {
  for (const std::string nl : {"\n", "\r\n", "\r"}) {
    const auto events = parse("event: e" + nl + "data: a" + nl + "data: b" + nl + nl + "data: c" + nl + nl);
    ASSERT_EQ(events.size(), 2u) << "line ending " << (nl == "\r" ? "CR" : nl == "\n" ? "LF" : "CRLF");
    EXPECT_EQ(events[0].event, "e");
    EXPECT_EQ(events[0].data, "a\nb");
    EXPECT_EQ(events[1].data, "c");
  }
}

TEST(SseParser, EventsSplitAtEveryByteGiveTheSameResult) {
  const std::string stream =
      "\xEF\xBB\xBF: hi\r\nevent: image_edit.partial_image\r\ndata: {\"partial_image_index\": 0}\r\n\r\n"
      "id: 7\nevent: image_edit.completed\ndata: {\"b64_json\": \"aGVsbG8=\"}\n\n";
  const auto whole = parse(stream);
  ASSERT_EQ(whole.size(), 2u);
  EXPECT_EQ(whole[1].id, "7");
  for (size_t chunk = 1; chunk <= stream.size(); ++chunk) {
    const auto pieces = parse(stream, chunk);
    ASSERT_EQ(pieces.size(), whole.size()) << "chunk " << chunk;
    for (size_t i = 0; i < whole.size(); ++i) {
      EXPECT_EQ(pieces[i].event, whole[i].event) << "chunk " << chunk;
      EXPECT_EQ(pieces[i].data, whole[i].data) << "chunk " << chunk;
    }
  }
}

TEST(SseParser, VeryLongLinesAreKeptWhole) {
  const std::string image(24 << 20, 'A');  // a 24 MiB base64 line
  const auto events = parse("event: image_edit.completed\ndata: " + image + "\n\n", 1 << 16);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data.size(), image.size());
}

TEST(SseParser, AnEventWithoutItsBlankLineIsDroppedAndReported) {
  std::vector<ServerEvent> events;
  SseParser parser([&](const ServerEvent &e) { events.push_back(e); });
  parser.feed("data: complete\n\ndata: cut off");
  EXPECT_TRUE(parser.finish());
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "complete");
  SseParser clean([&](const ServerEvent &) {});
  clean.feed("data: x\n\n");
  EXPECT_FALSE(clean.finish());
}

TEST(SseParser, EventWithoutDataIsNotDispatched) {
  EXPECT_TRUE(parse("event: ping\n\n").empty());
}

TEST(SseParser, AnEventLongerThanTheLimitStopsTheParserForGood) {
  std::vector<ServerEvent> events;
  SseParser parser([&](const ServerEvent &e) { events.push_back(e); }, 1000);
  parser.feed("data: small\n\n");
  EXPECT_FALSE(parser.overflowed());
  // 600 + 600 bytes of data lines in one event: together past the limit, though each line is not.
  parser.feed("data: " + std::string(600, 'a') + "\ndata: " + std::string(600, 'b') + "\n\n");
  EXPECT_TRUE(parser.overflowed());
  parser.feed("data: after\n\n");
  parser.finish();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "small");
}
