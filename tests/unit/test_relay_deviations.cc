// Each way a relay can give away that it ignored part of the request, and the one note it becomes.
#include <gtest/gtest.h>

#include "api_response.h"
#include "edit_request.h"
#include "image_stream.h"
#include "relay_deviations.h"

using namespace gpt_image;

namespace {

AskedFields asked_1024_streamed() {
  AskedFields asked;
  asked.size = "1024x1024";
  asked.quality = "medium";
  asked.background = "opaque";
  asked.output_format = "png";
  asked.n = 1;
  asked.stream = true;
  return asked;
}

// What an honest server answers to asked_1024_streamed().
ImagesResult honest_answer() {
  ImagesResult answer;
  answer.images.push_back({1, 2, 3});
  answer.size = "1024x1024";
  answer.quality = "medium";
  answer.background = "opaque";
  answer.output_format = "png";
  answer.streamed = true;
  return answer;
}

std::vector<IgnoredField> fields_of(const RelayDeviations &d) {
  std::vector<IgnoredField> out;
  for (const auto &f : d.fields) out.push_back(f.field);
  return out;
}

}  // namespace

TEST(RelayDeviations, AnHonestAnswerIgnoresNothing) {
  const RelayDeviations d = find_relay_deviations(asked_1024_streamed(), honest_answer(), PixelSize{1024, 1024});
  EXPECT_TRUE(d.fields.empty());
  EXPECT_EQ(relay_note(d), "");
}

TEST(RelayDeviations, TheAskedFieldsAreReadFromTheFormThatWasSent) {
  EditRequest request;
  request.model = "gpt-image-1.5";
  request.prompt = "p";
  request.size = "1536x1024";
  request.quality = "high";
  request.n = 3;
  request.background = "opaque";
  request.partial_images = 2;
  AskedFields asked = asked_fields(request);
  EXPECT_EQ(asked.size, "1536x1024");
  EXPECT_EQ(asked.quality, "high");
  EXPECT_EQ(asked.n, 3);
  EXPECT_EQ(asked.background, "opaque");
  EXPECT_EQ(asked.output_format, "png");
  EXPECT_TRUE(asked.stream);
  // dall-e-2 is sent neither background, output_format nor stream: nothing to hold its answer to.
  request.model = "dall-e-2";
  request.quality = "standard";
  asked = asked_fields(request);
  EXPECT_EQ(asked.background, "");
  EXPECT_EQ(asked.output_format, "");
  EXPECT_FALSE(asked.stream);
}

TEST(RelayDeviations, AGenerationsAskedFieldsAreReadFromItsJsonBody) {
  GenerateRequest request;
  request.model = "gpt-image-1.5";
  request.prompt = "p";
  request.size = "1024x1536";
  request.quality = "low";
  request.n = 2;
  request.output_format = "webp";
  request.background = "transparent";
  request.partial_images = 1;
  AskedFields asked = asked_fields(request);
  EXPECT_EQ(asked.size, "1024x1536");
  EXPECT_EQ(asked.quality, "low");
  EXPECT_EQ(asked.n, 2);
  EXPECT_EQ(asked.background, "transparent");
  EXPECT_EQ(asked.output_format, "webp");
  EXPECT_TRUE(asked.stream);
  // "auto" is not sent, nor is stream without previews; dall-e-2 gets no output_format.
  request.background = "auto";
  request.partial_images = 0;
  request.model = "dall-e-2";
  asked = asked_fields(request);
  EXPECT_EQ(asked.background, "");
  EXPECT_EQ(asked.output_format, "");
  EXPECT_FALSE(asked.stream);
}

TEST(RelayDeviations, SizeIsJudgedOnTheDecodedImageFirst) {
  ImagesResult answer = honest_answer();
  // The image itself is 512x512 although the answer names the size asked for.
  RelayDeviations d = find_relay_deviations(asked_1024_streamed(), answer, PixelSize{512, 512});
  ASSERT_EQ(fields_of(d), std::vector<IgnoredField>{IgnoredField::Size});
  EXPECT_EQ(d.fields[0].asked, "1024x1024");
  EXPECT_EQ(d.fields[0].answered, "512x512");
  // Without a decoded image the answer's own size field tells.
  answer.size = "1536x1024";
  d = find_relay_deviations(asked_1024_streamed(), answer, std::nullopt);
  ASSERT_EQ(fields_of(d), std::vector<IgnoredField>{IgnoredField::Size});
  EXPECT_EQ(d.fields[0].answered, "1536x1024");
  // size=auto leaves the choice to the server.
  AskedFields automatic = asked_1024_streamed();
  automatic.size = "auto";
  EXPECT_TRUE(find_relay_deviations(automatic, answer, PixelSize{512, 512}).fields.empty());
}

TEST(RelayDeviations, QualityBackgroundAndFormatAreComparedWhenBothSidesNameThem) {
  ImagesResult answer = honest_answer();
  answer.quality = "high";
  answer.background = "transparent";
  answer.output_format = "webp";
  RelayDeviations d = find_relay_deviations(asked_1024_streamed(), answer, PixelSize{1024, 1024});
  EXPECT_EQ(fields_of(d), (std::vector<IgnoredField>{IgnoredField::Quality, IgnoredField::Background,
                                                     IgnoredField::OutputFormat}));
  EXPECT_EQ(d.fields[0].asked, "medium");
  EXPECT_EQ(d.fields[0].answered, "high");
  // An answer that names nothing cannot be held to anything.
  answer.quality = answer.background = answer.output_format = "";
  EXPECT_TRUE(find_relay_deviations(asked_1024_streamed(), answer, PixelSize{1024, 1024}).fields.empty());
  // "auto" asks the server to choose: any answer is the server's choice.
  AskedFields automatic = asked_1024_streamed();
  automatic.quality = automatic.background = "auto";
  answer = honest_answer();
  answer.quality = "low";
  answer.background = "transparent";
  EXPECT_TRUE(find_relay_deviations(automatic, answer, PixelSize{1024, 1024}).fields.empty());
}

TEST(RelayDeviations, FewerImagesThanAskedForAreNoted) {
  AskedFields asked = asked_1024_streamed();
  asked.n = 3;
  const RelayDeviations d = find_relay_deviations(asked, honest_answer(), PixelSize{1024, 1024});
  ASSERT_EQ(fields_of(d), std::vector<IgnoredField>{IgnoredField::Variations});
  EXPECT_EQ(d.fields[0].asked, "3");
  EXPECT_EQ(d.fields[0].answered, "1");
}

TEST(RelayDeviations, APlainAnswerToAStreamedRequestIsNoted) {
  ImagesResult answer = honest_answer();
  answer.streamed = false;
  EXPECT_EQ(fields_of(find_relay_deviations(asked_1024_streamed(), answer, PixelSize{1024, 1024})),
            std::vector<IgnoredField>{IgnoredField::Stream});
  AskedFields plain = asked_1024_streamed();
  plain.stream = false;
  EXPECT_TRUE(find_relay_deviations(plain, answer, PixelSize{1024, 1024}).fields.empty());
}

TEST(RelayDeviations, OneSentenceListsEveryIgnoredFieldOnce) {
  RelayDeviations d;
  d.add(IgnoredField::Size, "1024x1024", "512x512");
  d.add(IgnoredField::Stream, "true", "false");
  d.add(IgnoredField::Size, "1024x1024", "256x256");  // a second finding of the same field adds nothing
  EXPECT_EQ(relay_note(d),
            "The relay ignored part of the request: size (asked 1024x1024, answered 512x512; scaled to fit); "
            "streaming (answered in one piece, without previews).");
  RelayDeviations background;
  background.add(IgnoredField::Background, "opaque");
  EXPECT_EQ(relay_note(background), "The relay ignored part of the request: background (asked opaque, answered "
                                    "with transparency; laid over the original).");
}

// The answer's own words are what the comparison reads: both ways of answering must keep them.
TEST(RelayDeviations, PlainAnswersKeepQualityAndBackground) {
  const ImagesResult r = parse_images_response(
      std::string(R"({"created":1,"data":[{"b64_json":"AAAA"}],"quality":"high","background":"transparent",)"
                  R"("size":"512x512","output_format":"webp"})"));
  EXPECT_EQ(r.quality, "high");
  EXPECT_EQ(r.background, "transparent");
  EXPECT_EQ(r.size, "512x512");
  EXPECT_EQ(r.output_format, "webp");
  EXPECT_FALSE(r.streamed);
}

TEST(RelayDeviations, StreamedAnswersKeepTheCompletedEventsFieldsAndSayTheyStreamed) {
  ImageStream stream(nullptr, 2);
  const std::string events =
      "event: image_edit.completed\n"
      R"(data: {"type":"image_edit.completed","b64_json":"AAAA","quality":"low","background":"opaque",)"
      R"("size":"1024x1536","output_format":"png"})"
      "\n\n";
  stream.feed(events.data(), events.size());
  const ImagesResult r = stream.finish();
  EXPECT_EQ(r.quality, "low");
  EXPECT_EQ(r.background, "opaque");
  EXPECT_EQ(r.size, "1024x1536");
  EXPECT_TRUE(r.streamed);
}
