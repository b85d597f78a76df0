// The one cost line of the dialogs and the progress window (cost_line.h): the model comes from the
// settings file and the environment, the size from the target; a broken settings file is said in
// the line instead of a price. And the canvas a dialog shows while its size is still being typed.
#include <glib.h>
#include <gtest/gtest.h>

#include <string>

#include "canvas_presets.h"
#include "cost_line.h"
#include "plugin_settings.h"
#include "saved_environment.h"
#include "temp_directory.h"

using namespace gpt_image;

namespace {

class CostLine : public gpt_image::testing::SavedEnvironment {
 protected:
  CostLine()
      : SavedEnvironment({"OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_IMAGE_MODEL", "GPT_IMAGE_PIXEL_BUDGET",
                          "AZURE_OPENAI_ENDPOINT"}) {}
  gpt_image::testing::TempDirectory profile_;
  std::string path_ = settings_path_in_profile(profile_.path());
};

}  // namespace

TEST_F(CostLine, GenerationPricesTheSettingsModelAtTheTargetSize) {
  GenerateOptions options;
  options.variations = 3;
  options.partial_images = 0;
  // No settings file: the default model, gpt-image-1.5 (1568 output tokens for medium 1536x1024).
  EXPECT_EQ(generate_cost_line(options, {1536, 1024}, path_),
            "≈ $0.15 for 3 × medium 1536×1024 on gpt-image-1.5, plus input tokens");
  setenv("OPENAI_IMAGE_MODEL", "gpt-image-1", 1);  // the environment overrides the settings
  EXPECT_NE(generate_cost_line(options, {1536, 1024}, path_).find("on gpt-image-1,"), std::string::npos);
}

TEST_F(CostLine, UnreadableSettingsAreSaidNotPriced) {
  gchar *folder = g_path_get_dirname(path_.c_str());
  g_mkdir_with_parents(folder, 0700);
  g_free(folder);
  ASSERT_TRUE(g_file_set_contents(path_.c_str(), "{ not json", -1, nullptr));
  const std::string line = generate_cost_line(GenerateOptions{}, {1024, 1024}, path_);
  EXPECT_EQ(line.rfind("Cost unknown: ", 0), 0u) << line;
  EXPECT_EQ(line.find('$'), std::string::npos) << line;
}

TEST(CanvasPresets, ACanvasNotTypedToTheEndCountsAsASquare) {
  EXPECT_EQ(canvas_size_or_square("story"), (PixelSize{1080, 1920}));
  EXPECT_EQ(canvas_size_or_square("800x600"), (PixelSize{800, 600}));
  EXPECT_EQ(canvas_size_or_square("800x"), (PixelSize{1024, 1024}));
  EXPECT_EQ(canvas_size_or_square("20000x10"), (PixelSize{1024, 1024}));
}
