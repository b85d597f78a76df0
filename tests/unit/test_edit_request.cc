#include <gtest/gtest.h>

#include <map>

#include "edit_request.h"

using namespace gpt_image;

namespace {
std::map<std::string, FormPart> by_name(const std::vector<FormPart> &parts) {
  std::map<std::string, FormPart> out;
  for (const auto &p : parts) out[p.name] = p;
  return out;
}
EditRequest sample() {
  EditRequest r;
  r.model = "gpt-image-1.5";
  r.prompt = "a red apple";
  r.quality = "high";
  r.size = "1536x1024";
  r.n = 3;
  r.image_png = {1, 2, 3};
  r.mask_png = std::vector<std::uint8_t>{4, 5};
  return r;
}
}  // namespace

TEST(EditRequest, FormHasTheDocumentedFields) {
  const EditRequest request = sample();
  const auto parts = edit_form_parts(request);
  ASSERT_EQ(parts.front().name, "image");  // the image goes first, the mask follows it
  EXPECT_EQ(parts[1].name, "mask");
  const auto fields = by_name(parts);
  EXPECT_EQ(fields.at("image").file, &request.image_png);
  EXPECT_EQ(fields.at("image").content_type, "image/png");
  EXPECT_EQ(fields.at("image").filename, "image.png");
  EXPECT_EQ(fields.at("mask").file, &*request.mask_png);
  EXPECT_EQ(fields.at("prompt").value, "a red apple");
  EXPECT_EQ(fields.at("model").value, "gpt-image-1.5");
  EXPECT_EQ(fields.at("n").value, "3");
  EXPECT_EQ(fields.at("quality").value, "high");
  EXPECT_EQ(fields.at("size").value, "1536x1024");
  EXPECT_EQ(fields.at("output_format").value, "png");
  EXPECT_EQ(fields.count("response_format"), 0u);
  EXPECT_EQ(parts.size(), 8u);
}

TEST(EditRequest, NoMaskMeansNoMaskPart) {
  EditRequest request = sample();
  request.mask_png.reset();
  EXPECT_EQ(by_name(edit_form_parts(request)).count("mask"), 0u);
}

TEST(EditRequest, DallE2AsksForBase64AndHasNoOutputFormat) {
  EditRequest request = sample();
  request.model = "dall-e-2";
  const auto fields = by_name(edit_form_parts(request));
  EXPECT_EQ(fields.at("response_format").value, "b64_json");
  EXPECT_EQ(fields.count("output_format"), 0u);
}

TEST(EditRequest, AdvancedFieldsAreSentOnlyWhenTheyMeanSomething) {
  EditRequest request = sample();
  auto fields = by_name(edit_form_parts(request));
  EXPECT_EQ(fields.count("background"), 0u);        // auto is the API's default
  EXPECT_EQ(fields.count("input_fidelity"), 0u);    // low is the API's default
  EXPECT_EQ(fields.count("output_compression"), 0u);  // png has no compression field
  request.background = "transparent";
  request.input_fidelity = "high";
  request.output_format = "jpeg";
  request.output_compression = 75;
  fields = by_name(edit_form_parts(request));
  EXPECT_EQ(fields.at("background").value, "transparent");
  EXPECT_EQ(fields.at("input_fidelity").value, "high");
  EXPECT_EQ(fields.at("output_format").value, "jpeg");
  EXPECT_EQ(fields.at("output_compression").value, "75");
}
