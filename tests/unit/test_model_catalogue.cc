#include <gtest/gtest.h>

#include <glib.h>

#include <fstream>

#include "errors.h"
#include "model_catalogue.h"
#include "temp_directory.h"

using namespace gpt_image;
using gpt_image::testing::TempDirectory;

namespace {

ModelCatalogue shipped() { return load_model_catalogue(SHIPPED_MODEL_CATALOGUE, ""); }

std::string write(const TempDirectory &dir, const std::string &name, const std::string &text) {
  const std::string path = dir.path() + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::string refusal(const std::function<void()> &action) {
  try {
    action();
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::Configuration);
    return e.what();
  }
  ADD_FAILURE() << "no error";
  return "";
}

// A small catalogue of its own, so the lookup rules are tested apart from the shipped facts.
const char *kTwoPrefixes = R"({"unknown_model": {"sizes": {"rule": "standard", "sizes": ["1024x1024"]},
  "qualities": ["auto"], "note": "plain rules"},
 "models": [
  {"prefix": "acme", "qualities": ["auto", "low"]},
  {"prefix": "acme-pro", "qualities": ["auto", "high"]},
  {"name": "acme-pro-x", "qualities": ["auto", "max"]}]})";

}  // namespace

TEST(ModelCatalogue, ExactNamesBeatPrefixesAndTheLongestPrefixWins) {
  ModelCatalogue c;
  apply_catalogue_text(c, kTwoPrefixes, "test.json");
  EXPECT_EQ(lookup_model(c, "acme-1").qualities, (std::vector<std::string>{"auto", "low"}));
  EXPECT_EQ(lookup_model(c, "acme-pro-2").qualities, (std::vector<std::string>{"auto", "high"}));
  EXPECT_EQ(lookup_model(c, "acme-pro-x").qualities, (std::vector<std::string>{"auto", "max"}));
  EXPECT_EQ(lookup_model(c, "acme-pro-x2").entry, "acme-pro");  // "name" is exact, not a prefix
  EXPECT_EQ(lookup_model(c, "acme-pro-2").name, "acme-pro-2");
  EXPECT_EQ(lookup_model(c, "other").qualities, (std::vector<std::string>{"auto"}));
}

TEST(ModelCatalogue, ShippedFileDescribesTheModelsOf2026) {
  const ModelCatalogue c = shipped();
  EXPECT_EQ(lookup_model(c, "gpt-image-1").size_rule, SizeRule::StandardSizes);
  EXPECT_EQ(lookup_model(c, "gpt-image-1-mini").entry, "gpt-image-1-mini");
  EXPECT_EQ(lookup_model(c, "gpt-image-1.5").entry, "gpt-image-1.5");
  const ImageModel two = lookup_model(c, "gpt-image-2-2026-04-21");
  EXPECT_EQ(two.size_rule, SizeRule::Multiples);
  EXPECT_EQ(two.min_pixels, 655360);
  EXPECT_EQ(two.max_pixels, 8294400);
  EXPECT_EQ(two.max_long_edge, 3840);
  EXPECT_FALSE(two.input_fidelity);
  EXPECT_EQ(two.background, BackgroundSupport::TransparentPreview);
  const ImageModel flare = lookup_model(c, "gpt-image-2.5-flare");
  EXPECT_EQ(flare.entry, "gpt-image-2.5");
  EXPECT_EQ(flare.qualities, (std::vector<std::string>{"auto", "low", "medium", "high", "xhigh", "max"}));
  EXPECT_EQ(flare.background, BackgroundSupport::Transparent);
  EXPECT_EQ(lookup_model(c, "gpt-image-2.6-sunburst").qualities.back(), "max");
  EXPECT_EQ(lookup_model(c, "dall-e-2").size_rule, SizeRule::Squares);
  // Every price names where and when it was taken.
  for (const auto &e : c.entries) {
    if (e.model.prices.tokens) {
      EXPECT_FALSE(e.model.prices.tokens->source.empty() || e.model.prices.tokens->date.empty());
    }
    EXPECT_FALSE(e.model.source.empty()) << e.key;
  }
  ASSERT_TRUE(lookup_model(c, "gpt-image-2").prices.tokens);
  EXPECT_EQ(lookup_model(c, "gpt-image-2").prices.tokens->image_output, 30.0);
  EXPECT_NE(lookup_model(c, "gpt-image-2").prices.tokens->source.find("unverified"), std::string::npos);
}

TEST(ModelCatalogue, UnknownModelsGetTheMostWidelyAcceptedRulesAndANote) {
  const ImageModel m = lookup_model(shipped(), "my-relay-image-model");
  EXPECT_FALSE(m.known);
  EXPECT_EQ(m.name, "my-relay-image-model");
  EXPECT_EQ(m.size_rule, SizeRule::StandardSizes);
  EXPECT_EQ(m.fixed_sizes, (std::vector<PixelSize>{{1024, 1024}, {1536, 1024}, {1024, 1536}}));
  EXPECT_FALSE(m.input_fidelity);
  EXPECT_FALSE(m.streams);
  EXPECT_EQ(m.background, BackgroundSupport::None);
  EXPECT_FALSE(takes_output_format(m));
  EXPECT_NE(m.note.find("Not in the model catalogue"), std::string::npos) << m.note;
  EXPECT_TRUE(lookup_model(shipped(), "gpt-image-1").known);
}

TEST(ModelCatalogue, UserFileAddsAModelAndAmendsAnother) {
  TempDirectory dir;
  const std::string user = write(dir, "models.json", R"({"models": [
    {"name": "studio-canvas-1", "sizes": {"rule": "multiples", "step": 32, "max_long_edge": 2048, "max_aspect": 2},
     "qualities": ["auto", "fine"], "output_formats": ["png", "webp"], "streaming": true, "max_n": 4,
     "prices": {"tokens": {"text_input": 1, "image_input": 2, "image_output": 3, "source": "my contract", "date": "2026-11-01"}}},
    {"prefix": "gpt-image-2", "qualities": ["auto", "low"]}]})");
  const ModelCatalogue c = load_model_catalogue(SHIPPED_MODEL_CATALOGUE, user);
  const ImageModel added = lookup_model(c, "studio-canvas-1");
  EXPECT_TRUE(added.known);
  EXPECT_EQ(added.size_rule, SizeRule::Multiples);
  EXPECT_EQ(added.size_step, 32);
  EXPECT_EQ(added.qualities, (std::vector<std::string>{"auto", "fine"}));
  EXPECT_TRUE(takes_output_format(added));
  EXPECT_EQ(added.max_n, 4);
  EXPECT_FALSE(added.input_fidelity);  // left out: the unknown-model rules
  EXPECT_EQ(added.prices.tokens->source, "my contract");
  // The override changes the qualities and keeps every other fact of the shipped entry.
  const ImageModel amended = lookup_model(c, "gpt-image-2");
  EXPECT_EQ(amended.qualities, (std::vector<std::string>{"auto", "low"}));
  EXPECT_EQ(amended.min_pixels, 655360);
  EXPECT_EQ(amended.background, BackgroundSupport::TransparentPreview);
  // Other entries are untouched, and so is the longer prefix.
  EXPECT_EQ(lookup_model(c, "gpt-image-2.5-flare").qualities.back(), "max");
}

TEST(ModelCatalogue, MissingUserFileIsNoErrorAndMissingShippedFileIs) {
  TempDirectory dir;
  EXPECT_NO_THROW(load_model_catalogue(SHIPPED_MODEL_CATALOGUE, dir.path() + "/models.json"));
  const std::string why = refusal([&] { load_model_catalogue(dir.path() + "/none.json", ""); });
  EXPECT_NE(why.find("none.json"), std::string::npos) << why;
  EXPECT_NE(why.find("Reinstall"), std::string::npos) << why;
}

TEST(ModelCatalogue, BrokenUserFileIsRefusedNamingTheFileAndTheEntry) {
  TempDirectory dir;
  const struct {
    const char *text;
    const char *names;
  } cases[] = {
      {R"({"models": [{"name": "a", "qualities": ["auto"]}, {"name": "b", "qualitys": ["auto"]}]})", "entry 2 (b)"},
      {R"({"models": [{"name": "a", "sizes": {"rule": "multiples", "step": 0}}]})", "\"step\""},
      {R"({"models": [{"name": "a", "prefix": "a"}]})", "entry 1"},
      {R"({"models": [{"name": "a", "background": "see-through"}]})", "see-through"},
      {R"({"models": [{"name": "a", "sizes": {"rule": "square", "sizes": ["512x256"]}}]})", "square"},
      {R"({"models": [{"name": "a", "prices": {"tokens": {"text_input": 1}}}]})", "image_input"},
      {R"({"models": [{"name": "a", "prices": {"per_image": {"low": {"1024x1024": 0.1}}}}]})", "source"},
      {R"({"models": [{"name": "a", "max_n": 11}]})", "max_n"},
      {R"({"models": [{"name": "a b"}]})", "visible characters"},
      {R"({"models": [)", "not valid JSON"},
      {R"([1, 2])", "object"},
  };
  for (const auto &c : cases) {
    const std::string user = write(dir, "models.json", c.text);
    const std::string why = refusal([&] { load_model_catalogue(SHIPPED_MODEL_CATALOGUE, user); });
    EXPECT_NE(why.find(user), std::string::npos) << c.text << " -> " << why;
    EXPECT_NE(why.find(c.names), std::string::npos) << c.text << " -> " << why;
  }
}

TEST(ModelCatalogue, AFailedFileLeavesTheCatalogueAsItWas) {
  ModelCatalogue c;
  apply_catalogue_text(c, kTwoPrefixes, "first.json");
  EXPECT_THROW(apply_catalogue_text(c, R"({"models": [{"name": "new-one", "qualities": ["auto"]},
                                                       {"prefix": "acme", "qualities": [3]}]})", "second.json"),
               GenerativeError);
  EXPECT_EQ(c.entries.size(), 3u);
  EXPECT_EQ(lookup_model(c, "acme-1").qualities, (std::vector<std::string>{"auto", "low"}));
}

TEST(ModelCatalogue, OversizedUserFileIsRefusedUnread) {
  TempDirectory dir;
  const std::string user = write(dir, "models.json", std::string(kMaxCatalogueBytes + 1, ' '));
  const std::string why = refusal([&] { load_model_catalogue(SHIPPED_MODEL_CATALOGUE, user); });
  EXPECT_NE(why.find("larger than"), std::string::npos) << why;
  // Deep nesting is refused by the bounded parser before json-glib recurses.
  const std::string deep = write(dir, "deep.json", std::string(100000, '['));
  EXPECT_NE(refusal([&] { load_model_catalogue(SHIPPED_MODEL_CATALOGUE, deep); }).find("deep.json"), std::string::npos);
}

TEST(ModelCatalogue, DescribeModelReadsTheUserFileOfTheProfile) {
  TempDirectory dir;
  const std::string user = user_catalogue_path_in_profile(dir.path());
  EXPECT_EQ(user, dir.path() + "/gimp-gpt-image/models.json");
  g_mkdir_with_parents((dir.path() + "/gimp-gpt-image").c_str(), 0700);
  std::ofstream(user) << R"({"models": [{"name": "studio-canvas-1", "qualities": ["auto", "fine"]}]})";
  set_user_catalogue_path(user);
  EXPECT_TRUE(describe_model("studio-canvas-1").known);
  std::ofstream(user) << R"({"models": [{"name": "studio-canvas-1", "qualities": "fine"}]})";
  set_user_catalogue_path(user);
  EXPECT_NE(refusal([] { describe_model("gpt-image-1"); }).find("studio-canvas-1"), std::string::npos);
  set_user_catalogue_path("");
  EXPECT_FALSE(describe_model("studio-canvas-1").known);
}
