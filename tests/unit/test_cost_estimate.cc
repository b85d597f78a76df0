#include <gtest/gtest.h>

#include "cost_estimate.h"
#include "image_models.h"

using namespace gpt_image;

TEST(CostEstimate, TokenTableTimesPrice) {
  // gpt-image-1: 1568 output tokens for medium 1536x1024 at $40 per million.
  EXPECT_NEAR(*output_image_price(describe_model("gpt-image-1"), "medium", {1536, 1024}), 0.06272, 1e-9);
  EXPECT_NEAR(*output_image_price(describe_model("gpt-image-1"), "high", {1024, 1536}), 0.2496, 1e-9);
  EXPECT_NEAR(*output_image_price(describe_model("gpt-image-1.5"), "low", {1024, 1024}), 272 * 32e-6, 1e-9);
  EXPECT_NEAR(*output_image_price(describe_model("gpt-image-1-mini"), "high", {1024, 1024}), 0.036, 1e-9);
}

TEST(CostEstimate, SaysWhatItCounts) {
  const auto e = estimate_cost(describe_model("gpt-image-1.5"), "medium", {1536, 1024}, 3);
  ASSERT_TRUE(e.low_usd);
  EXPECT_NEAR(*e.low_usd, 3 * 1568 * 32e-6, 1e-9);
  EXPECT_EQ(e.text, "≈ $0.15 for 3 × medium 1536×1024 on gpt-image-1.5, plus input tokens");
}

TEST(CostEstimate, AutoQualityGivesARange) {
  const auto e = estimate_cost(describe_model("gpt-image-1"), "auto", {1024, 1024}, 1);
  ASSERT_TRUE(e.low_usd && e.high_usd);
  EXPECT_LT(*e.low_usd, *e.high_usd);
  EXPECT_NE(e.text.find("$0.01–$0.17"), std::string::npos) << e.text;
}

TEST(CostEstimate, UnknownIsNeverANumber) {
  for (const auto &e : {estimate_cost(describe_model("gpt-image-2"), "medium", {1232, 816}, 1),
                        estimate_cost(describe_model("my-relay-model"), "low", {1024, 1024}, 2),
                        estimate_cost(describe_model("gpt-image-1"), "medium", {512, 512}, 1)}) {
    EXPECT_FALSE(e.low_usd);
    EXPECT_EQ(e.text.find('$'), std::string::npos) << e.text;
    EXPECT_NE(e.text.find("unknown"), std::string::npos) << e.text;
  }
}

TEST(CostEstimate, StreamedPreviewsAreCounted) {
  const auto plain = estimate_cost(describe_model("gpt-image-1.5"), "medium", {1024, 1024}, 2);
  const auto streamed = estimate_cost(describe_model("gpt-image-1.5"), "medium", {1024, 1024}, 2, 3);
  ASSERT_TRUE(plain.low_usd && streamed.low_usd);
  // 3 previews per image at 100 output tokens each, $32 per million, for 2 images.
  EXPECT_NEAR(*streamed.low_usd - *plain.low_usd, 2 * 3 * 100 * 32.0 / 1e6, 1e-9);
  EXPECT_NE(streamed.text.find("with 3 previews each"), std::string::npos) << streamed.text;
  EXPECT_FALSE(estimate_cost(describe_model("some-relay-model"), "medium", {1024, 1024}, 1, 2).low_usd);
}

TEST(CostEstimate, TokenPricedModelsWithoutPublishedOutputTokensAreUnknown) {
  // gpt-image-2 and 2.5 have token prices in the catalogue but no published output tokens per size.
  for (const auto &e : {estimate_cost(describe_model("gpt-image-2"), "medium", {1024, 1024}, 1),
                        estimate_cost(describe_model("gpt-image-2.5-flare"), "xhigh", {1024, 1024}, 1),
                        estimate_cost(describe_model("gpt-image-2.5-flare"), "auto", {1024, 1024}, 1)}) {
    EXPECT_FALSE(e.low_usd);
    EXPECT_NE(e.text.find("unknown"), std::string::npos) << e.text;
  }
  // A model the catalogue does not know says so in the same line.
  EXPECT_NE(estimate_cost(describe_model("my-relay-model"), "low", {1024, 1024}, 1).text.find("Not in the model catalogue"),
            std::string::npos);
}

TEST(CostEstimate, ActualCostFromUsageAndTokenPrices) {
  ImageUsage usage;
  usage.input_tokens = 1000;
  usage.output_tokens = 4160;
  usage.input_split = std::pair{200LL, 800LL};
  // gpt-image-1: 200 x $5 + 800 x $10 + 4160 x $40 per million = $0.1754.
  const ActualCost one = actual_cost(describe_model("gpt-image-1"), usage);
  ASSERT_TRUE(one.usd);
  EXPECT_NEAR(*one.usd, 0.1754, 1e-9);
  EXPECT_EQ(one.text, "Cost: $0.18 (1000 input and 4160 output tokens)");
  EXPECT_NE(one.price_source.find("2026-08-21"), std::string::npos) << one.price_source;
  // gpt-image-2 (reported prices): 100 x $5 + 1000 x $8 + 2000 x $30 per million = $0.0685.
  ImageUsage two;
  two.input_tokens = 1100;
  two.output_tokens = 2000;
  two.input_split = std::pair{100LL, 1000LL};
  ASSERT_TRUE(actual_cost(describe_model("gpt-image-2-2026-04-21"), two).usd);
  EXPECT_NEAR(*actual_cost(describe_model("gpt-image-2-2026-04-21"), two).usd, 0.0685, 1e-9);
}

TEST(CostEstimate, ActualCostIsUnknownRatherThanGuessed) {
  ImageUsage usage;
  usage.input_tokens = 1000;
  usage.output_tokens = 4160;  // no split of the input: text and image tokens cost differently
  EXPECT_FALSE(actual_cost(describe_model("gpt-image-1"), usage).usd);
  usage.input_split = std::pair{200LL, 800LL};
  EXPECT_FALSE(actual_cost(describe_model("my-relay-model"), usage).usd);     // no prices
  EXPECT_FALSE(actual_cost(describe_model("gpt-image-2.6-flare"), usage).usd);  // none published
  EXPECT_FALSE(actual_cost(describe_model("gpt-image-1"), std::nullopt).usd);
  usage.output_tokens = -5;
  EXPECT_FALSE(actual_cost(describe_model("gpt-image-1"), usage).usd);
  usage.output_tokens = kMaxUsageTokens + 1;
  EXPECT_FALSE(actual_cost(describe_model("gpt-image-1"), usage).usd);
  // A hostile count is not repeated: the line stays one short sentence.
  const std::string implausible = "Cost unknown: the token counts the server reported are not plausible.";
  EXPECT_EQ(actual_cost(describe_model("gpt-image-1"), usage).text, implausible);
  usage.output_tokens = 4160;
  usage.input_tokens = -9223372036854775807LL - 1;
  EXPECT_EQ(actual_cost(describe_model("gpt-image-1"), usage).text, implausible);
  // The largest plausible counts at the catalogue's highest prices still make a short line.
  usage.input_tokens = usage.output_tokens = kMaxUsageTokens;
  usage.input_split = std::pair{kMaxUsageTokens, 0LL};
  EXPECT_LT(actual_cost(describe_model("gpt-image-1"), usage).text.size(), 80u);
}
