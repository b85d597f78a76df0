// Generate Image with several canvases against the stand-in: each answer is handed over as it
// arrives, a failed canvas is named with its size and error while the others are kept, and a run
// where every canvas fails fails with all of them.
#include <gtest/gtest.h>

#include <set>

#include "errors.h"
#include "generate_formats.h"
#include "standin_process.h"

using namespace gpt_image;

namespace {

constexpr const char *kKey = "sk-unit-test-key-do-not-print";

class GenerateFormatsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { standin_ = new gpt_image::testing::StandInProcess(kKey); }
  static void TearDownTestSuite() { delete standin_; }

  ConnectionSettings connection() const {
    ConnectionSettings c;
    c.base_url = "http://127.0.0.1:" + std::to_string(standin_->port()) + "/v1";
    c.api_key = kKey;
    c.model = "gpt-image-1.5";
    return c;
  }
  static GenerateOptions options(const std::string &prompt) {
    GenerateOptions o;
    o.prompt = prompt;
    o.partial_images = 0;
    return o;
  }

  static inline gpt_image::testing::StandInProcess *standin_ = nullptr;
};

}  // namespace

TEST_F(GenerateFormatsTest, OneCanvasFailsAndTheOthersAreMade) {
  ASSERT_GT(standin_->port(), 0);
  const auto canvases = parse_canvas_list("square-post,story,link-preview");
  SilentProgress progress;
  std::set<size_t> made;
  std::vector<PixelSize> sizes;
  const FormatsReport report = run_generate_formats(
      options("three formats standin-fail-size:1024x1536:400::Tall images are not allowed today."), canvases, {},
      connection(), progress, [&](size_t index, LayersToPlace &placement) {
        made.insert(index);
        ASSERT_EQ(placement.layers.size(), 1u);
        sizes.push_back(placement.layers[0].size());
        EXPECT_EQ(placement.at.size(), canvases[index].size);
      });
  EXPECT_EQ(made, (std::set<size_t>{0, 2}));
  EXPECT_EQ(report.made, 2u);
  ASSERT_EQ(report.failures.size(), 1u);
  EXPECT_EQ(report.failures[0].rfind("story (1080x1920): ", 0), 0u) << report.failures[0];
  EXPECT_NE(report.failures[0].find("Tall images are not allowed today."), std::string::npos);
  EXPECT_EQ(formats_report_text(report, 3).rfind("2 of 3 images were made; they stay open.\nThese canvases failed:\n"
                                                 "story (1080x1920): ",
                                                 0),
            0u);
}

// Side by side, no canvas asks for streamed previews: one progress stands for all, so they would be
// paid for and never shown. The options asked for previews (the procedure's default, 2).
TEST_F(GenerateFormatsTest, CanvasesOfAListAskForNoPreviews) {
  ASSERT_GT(standin_->port(), 0);
  GenerateOptions asked;
  asked.prompt = "two formats without previews";
  ASSERT_GT(asked.partial_images, 0);
  SilentProgress progress;
  const FormatsReport report = run_generate_formats(asked, parse_canvas_list("square-post, story"), {}, connection(),
                                                    progress, [](size_t, LayersToPlace &) {});
  EXPECT_EQ(report.made, 2u);
  const std::string recorded = standin_->recorded();
  size_t seen = 0;
  for (size_t at = recorded.find("\"two formats without previews\""); at != std::string::npos;
       at = recorded.find("\"two formats without previews\"", at + 1)) {
    const size_t record_start = recorded.rfind("\"index\"", at);
    const size_t record_end = recorded.find("\"index\"", at);
    const std::string record = recorded.substr(record_start, record_end == std::string::npos ? std::string::npos
                                                                                               : record_end - record_start);
    EXPECT_NE(record.find("\"stream\": false"), std::string::npos) << record.substr(0, 600);
    EXPECT_NE(record.find("\"partial_images\": 0"), std::string::npos) << record.substr(0, 600);
    ++seen;
  }
  EXPECT_EQ(seen, 2u);
}

TEST_F(GenerateFormatsTest, WhenEveryCanvasFailsTheRunFailsNamingEach) {
  ASSERT_GT(standin_->port(), 0);
  const auto canvases = parse_canvas_list("story, 1080x1350");  // both asked as 1024x1536
  SilentProgress progress;
  try {
    run_generate_formats(options("all tall standin-fail-size:1024x1536:400::No."), canvases, {}, connection(),
                         progress, [](size_t, LayersToPlace &) { ADD_FAILURE() << "nothing should be made"; });
    ADD_FAILURE() << "the run did not fail";
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::Api);
    const std::string text = e.what();
    EXPECT_EQ(text.rfind("No image was made:\nstory (1080x1920): ", 0), 0u) << text;
    EXPECT_NE(text.find("\n1080x1350 (1080x1350): "), std::string::npos) << text;
  }
}

TEST_F(GenerateFormatsTest, AnImageTheHostCannotMakeCountsAsThatCanvasFailing) {
  ASSERT_GT(standin_->port(), 0);
  const auto canvases = parse_canvas_list("icon,link-preview");
  SilentProgress progress;
  const FormatsReport report =
      run_generate_formats(options("host refuses one"), canvases, {}, connection(), progress,
                           [](size_t index, LayersToPlace &) {
                             if (index == 1) throw GenerativeError(ErrorKind::Host, "GIMP said no.");
                           });
  EXPECT_EQ(report.made, 1u);
  EXPECT_EQ(report.failures, (std::vector<std::string>{"link-preview (1200x630): GIMP said no."}));
}
