// The core's sentences go through the plug-in's text domain: with a catalogue bound and a Chinese
// locale, errors come out in Chinese, with the placeholders where the translation puts them.
#include <gtest/gtest.h>

#include <clocale>
#include <cstdlib>
#include <string>

#include "errors.h"
#include "i18n.h"
#include "image_models.h"

namespace gpt_image {
namespace {

// Switches messages to a language for one test and back afterwards, so other tests stay English.
class InLanguage {
 public:
  explicit InLanguage(const char *locale) {
    previous_ = setlocale(LC_ALL, nullptr);
    const char *language = std::getenv("LANGUAGE");
    if (language) previous_language_ = language;
    had_language_ = language != nullptr;
    unsetenv("LANGUAGE");  // it would override the locale's language
    ok_ = setlocale(LC_ALL, locale) != nullptr;
    bindtextdomain(GETTEXT_PACKAGE, TEST_LOCALE_DIR);
    bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
  }
  ~InLanguage() {
    setlocale(LC_ALL, previous_.c_str());
    if (had_language_) setenv("LANGUAGE", previous_language_.c_str(), 1);
  }
  bool ok() const { return ok_; }

 private:
  std::string previous_, previous_language_;
  bool had_language_ = false, ok_ = false;
};

std::string quality_error(const std::string &quality) {
  try {
    validate_quality_for_model(describe_model("gpt-image-1"), quality);
  } catch (const GenerativeError &e) {
    return e.what();
  }
  return "";
}

TEST(Translations, CoreErrorsFollowTheLocale) {
  InLanguage chinese("zh_CN.UTF-8");
  ASSERT_TRUE(chinese.ok()) << "the zh_CN.UTF-8 locale is not built here; tools/install-deps.sh builds it";
  // The Chinese sentence names the model first: positional placeholders (%2$s ... %1$s).
  EXPECT_EQ(quality_error("ultra"), "gpt-image-1 不接受质量 \"ultra\"；请使用以下之一：auto, low, medium, high。");
}

TEST(Translations, EnglishWithoutACatalogueForTheLanguage) {
  InLanguage plain("C.UTF-8");
  EXPECT_EQ(quality_error("ultra"),
            "Quality \"ultra\" is not accepted by gpt-image-1; use one of: auto, low, medium, high.");
}

TEST(Translations, FormatTextFillsPlaceholders) {
  EXPECT_EQ(format_text("%s has %d of %d", "a", 2, 3), "a has 2 of 3");
  EXPECT_EQ(format_text("%2$s before %1$s", "one", "two"), "two before one");
}

}  // namespace
}  // namespace gpt_image
