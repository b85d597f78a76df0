#include <gtest/gtest.h>

#include "cost_estimate.h"

using namespace gpt_image;

TEST(CostEstimate, TokenTableTimesPrice) {
  // gpt-image-1: 1568 output tokens for medium 1536x1024 at $40 per million.
  EXPECT_NEAR(*output_image_price("gpt-image-1", "medium", {1536, 1024}), 0.06272, 1e-9);
  EXPECT_NEAR(*output_image_price("gpt-image-1", "high", {1024, 1536}), 0.2496, 1e-9);
  EXPECT_NEAR(*output_image_price("gpt-image-1.5", "low", {1024, 1024}), 272 * 32e-6, 1e-9);
  EXPECT_NEAR(*output_image_price("gpt-image-1-mini", "high", {1024, 1024}), 0.036, 1e-9);
}

TEST(CostEstimate, SaysWhatItCounts) {
  const auto e = estimate_cost("gpt-image-1.5", "medium", {1536, 1024}, 3);
  ASSERT_TRUE(e.low_usd);
  EXPECT_NEAR(*e.low_usd, 3 * 1568 * 32e-6, 1e-9);
  EXPECT_EQ(e.text, "≈ $0.15 for 3 × medium 1536×1024 on gpt-image-1.5, plus input tokens");
}

TEST(CostEstimate, AutoQualityGivesARange) {
  const auto e = estimate_cost("gpt-image-1", "auto", {1024, 1024}, 1);
  ASSERT_TRUE(e.low_usd && e.high_usd);
  EXPECT_LT(*e.low_usd, *e.high_usd);
  EXPECT_NE(e.text.find("$0.01–$0.17"), std::string::npos) << e.text;
}

TEST(CostEstimate, UnknownIsNeverANumber) {
  for (const auto &e : {estimate_cost("gpt-image-2", "medium", {1232, 816}, 1),
                        estimate_cost("my-relay-model", "low", {1024, 1024}, 2),
                        estimate_cost("gpt-image-1", "medium", {512, 512}, 1)}) {
    EXPECT_FALSE(e.low_usd);
    EXPECT_EQ(e.text.find('$'), std::string::npos) << e.text;
    EXPECT_NE(e.text.find("unknown"), std::string::npos) << e.text;
  }
}

TEST(CostEstimate, StreamedPreviewsAreCounted) {
  const auto plain = estimate_cost("gpt-image-1.5", "medium", {1024, 1024}, 2);
  const auto streamed = estimate_cost("gpt-image-1.5", "medium", {1024, 1024}, 2, 3);
  ASSERT_TRUE(plain.low_usd && streamed.low_usd);
  // 3 previews per image at 100 output tokens each, $32 per million, for 2 images.
  EXPECT_NEAR(*streamed.low_usd - *plain.low_usd, 2 * 3 * 100 * 32.0 / 1e6, 1e-9);
  EXPECT_NE(streamed.text.find("with 3 previews each"), std::string::npos) << streamed.text;
  EXPECT_FALSE(estimate_cost("some-relay-model", "medium", {1024, 1024}, 1, 2).low_usd);
}
