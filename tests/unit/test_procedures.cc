// The procedure tables (procedures.h): what scripts rely on, written out here as literals, so a
// table edit that reorders, renames or changes a default fails before any GIMP is started.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "plugin_settings.h"
#include "procedures.h"

namespace gpt_image::procedures {
namespace {

std::vector<std::string> names(const Procedure &procedure) {
  std::vector<std::string> out;
  for (const Argument &row : procedure.arguments) out.push_back(row.name);
  return out;
}

TEST(Procedures, RegisteredInTodaysOrder) {
  std::vector<std::string> registered;
  for (const Procedure *procedure : all()) registered.push_back(procedure->name);
  EXPECT_EQ(registered, (std::vector<std::string>{"plug-in-gpt-image-edit", "plug-in-gpt-image-generate",
                                                  "plug-in-gpt-image-new", "plug-in-gpt-image-settings",
                                                  "plug-in-gpt-image-remove", "plug-in-gpt-image-expand",
                                                  "plug-in-gpt-image-usage", "plug-in-gpt-image-history"}));
  EXPECT_EQ(named("plug-in-gpt-image-new"), &new_image());
  EXPECT_EQ(named("plug-in-gpt-image-nothing"), nullptr);
}

// GIMP 2.10 scripts pass arguments by position: the order is the contract.
TEST(Procedures, ArgumentsInTheOrderScriptsPassThem) {
  EXPECT_EQ(names(edit()), (std::vector<std::string>{"prompt", "quality", "size", "variations", "background",
                                                      "input-fidelity", "output-format", "output-compression",
                                                      "context-margin", "feather-radius", "sample", "color-match",
                                                      "mask-grow", "partial-images", "references", "cache"}));
  const std::vector<std::string> generate_names{"prompt", "quality", "size", "variations", "background",
                                                "output-format", "output-compression", "partial-images", "fit",
                                                "input-fidelity", "references", "cache"};
  EXPECT_EQ(names(generate()), generate_names);
  std::vector<std::string> new_names{"canvas"};
  new_names.insert(new_names.end(), generate_names.begin(), generate_names.end());
  EXPECT_EQ(names(new_image()), new_names);
  // Remove: Generative Fill's arguments with a hint in place of the prompt.
  EXPECT_EQ(names(removal()), (std::vector<std::string>{"hint", "quality", "size", "variations", "background",
                                                        "input-fidelity", "output-format", "output-compression",
                                                        "context-margin", "feather-radius", "sample", "color-match",
                                                        "mask-grow", "partial-images", "references", "cache"}));
  EXPECT_EQ(removal().target, Target::Image);
  EXPECT_EQ(removal().returns, Returns::Layer);
  EXPECT_EQ(names(settings()), (std::vector<std::string>{"base-url", "model", "organization", "project", "timeout",
                                                          "ca-file", "retries", "connect-timeout", "stall-timeout"}));
  EXPECT_EQ(edit().target, Target::Image);
  EXPECT_EQ(new_image().target, Target::Plain);
  EXPECT_EQ(new_image().returns, Returns::Image);
  EXPECT_EQ(settings().returns, Returns::Nothing);
  // Usage: run-mode only, and its figures in the order scripts read them.
  EXPECT_TRUE(usage().arguments.empty());
  EXPECT_EQ(usage().target, Target::Plain);
  EXPECT_EQ(usage().returns, Returns::Figures);
  std::vector<std::string> figures;
  for (const Figure &figure : usage().figures) figures.push_back(figure.name);
  EXPECT_EQ(figures, (std::vector<std::string>{"calls", "failures", "spend-this-month", "spend-all-time",
                                               "calls-this-month", "median-seconds", "unknown-cost-calls"}));
  EXPECT_FALSE(remembers_last_values(usage()));
  // History: which entry to insert; it inserts a layer into the image it is run on.
  EXPECT_EQ(names(history()), (std::vector<std::string>{"entry"}));
  EXPECT_EQ(ArgumentValues(history()).text("entry"), "latest");
  EXPECT_EQ(history().target, Target::Image);
  EXPECT_EQ(history().returns, Returns::Layer);
  EXPECT_FALSE(remembers_last_values(history()));
}

// The options' defaults are the tables' (FillOptions() and GenerateOptions() read them there;
// test_option_defaults.cc pins them as literals). The settings file keeps its own defaults, which
// the Settings procedure's rows must repeat.
TEST(Procedures, SettingsDefaultsAreTheSettingsFilesDefaults) {
  EXPECT_EQ(ArgumentValues(new_image()).text("canvas"), "square-post");
  const ArgumentValues connection(settings());
  const PluginSettings saved{};
  EXPECT_EQ(connection.text("base-url"), saved.base_url);
  EXPECT_EQ(connection.text("model"), saved.model);
  EXPECT_EQ(connection.text("organization"), saved.organization);
  EXPECT_EQ(connection.text("project"), saved.project);
  EXPECT_EQ(connection.number("timeout"), saved.timeout_seconds);
  EXPECT_EQ(connection.text("ca-file"), saved.ca_file);
  EXPECT_EQ(connection.number("retries"), saved.max_retries);
  EXPECT_EQ(connection.number("connect-timeout"), saved.connect_timeout_seconds);
  EXPECT_EQ(connection.number("stall-timeout"), saved.stall_timeout_seconds);
}

TEST(Procedures, EveryDefaultIsOneTheArgumentAccepts) {
  for (const Procedure *procedure : all()) {
    for (const Argument &row : procedure->arguments) {
      SCOPED_TRACE(std::string(procedure->name) + " " + row.name);
      EXPECT_NE(row.label, nullptr);
      EXPECT_NE(row.blurb, nullptr);
      if (row.kind == Kind::Int) {
        EXPECT_LE(row.min, row.int_default);
        EXPECT_LE(row.int_default, row.max);
      }
      if (row.kind == Kind::Choice) {
        bool offered = false;
        for (const ChoiceItem &item : row.choices) offered = offered || row.text_default == item.value;
        EXPECT_TRUE(offered);
      }
      if (row.kind == Kind::Layers) {
        EXPECT_STREQ(row.count_name, "num-references");  // GIMP 2.10's count
      }
    }
  }
}

TEST(Procedures, ValuesAreReadAndWrittenByName) {
  ArgumentValues values(edit());
  values.set_text("prompt", "a red kite");
  values.set_number("mask-grow", 7);
  values.set_toggle("color-match", false);
  values.set_layers("references", {4, 9});
  const FillOptions options = fill_options(values);
  EXPECT_EQ(options.prompt, "a red kite");
  EXPECT_EQ(options.mask_grow, 7);
  EXPECT_FALSE(options.color_match);
  EXPECT_EQ(values.layers("references"), (std::vector<int>{4, 9}));
  EXPECT_EQ(options.quality, "medium");  // untouched: the default

  ArgumentValues generated(generate());
  generated.set_text("fit", "crop");
  EXPECT_EQ(generate_options(generated).fit, "crop");
}

// A name the procedure lacks, or the wrong kind, is a mistake in the plug-in, not in the script.
TEST(Procedures, UnknownNamesAndWrongKindsAreRefused) {
  ArgumentValues values(edit());
  EXPECT_THROW(values.text("fit"), std::logic_error);           // Generate's, not Fill's
  EXPECT_THROW(values.number("prompt"), std::logic_error);      // text, not a number
  EXPECT_THROW(values.set_toggle("mask-grow", true), std::logic_error);
  EXPECT_NO_THROW(values.text("quality"));                      // a choice reads as text
}

}  // namespace
}  // namespace gpt_image::procedures

namespace gpt_image::procedures {
namespace {

// GIMP 2.10 keeps last values by argument name: every row goes out and comes back.
TEST(ProcedureLastValues, EveryArgumentRoundTripsByName) {
  ArgumentValues chosen(edit());
  chosen.set_text("prompt", "a lighthouse\nat dusk");
  chosen.set_text("quality", "high");
  chosen.set_number("variations", 3);
  chosen.set_toggle("color-match", false);
  chosen.set_number("context-margin", 128);
  chosen.set_layers("references", {7, 12});
  const std::string block = write_last_values(chosen.as_last_values());

  ArgumentValues read(edit());
  ASSERT_TRUE(read_last_values(block, read.as_last_values()));
  EXPECT_EQ(read.text("prompt"), "a lighthouse\nat dusk");
  EXPECT_EQ(read.text("quality"), "high");
  EXPECT_EQ(read.number("variations"), 3);
  EXPECT_FALSE(read.toggle("color-match"));
  EXPECT_EQ(read.number("context-margin"), 128);
  EXPECT_EQ(read.layers("references"), (std::vector<int>{7, 12}));
  EXPECT_EQ(read.number("mask-grow"), -1);  // not changed: the default came back as written
}

// The table's ranges bound what a stored block may say; what is out of range keeps the default.
TEST(ProcedureLastValues, OutOfRangeValuesKeepTheDefaults) {
  const std::string block = std::string(kLastValuesHeader) +
                            "\nvariations=11\npartial-images=-4\nreferences=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16\n"
                            "canvas=story\nend\n";
  ArgumentValues fill(edit());
  ASSERT_TRUE(read_last_values(block, fill.as_last_values()));
  EXPECT_EQ(fill.number("variations"), 1);      // 1-10
  EXPECT_EQ(fill.number("partial-images"), 2);  // 0-3
  EXPECT_TRUE(fill.layers("references").empty());  // a fill takes 15 references at most

  ArgumentValues image(new_image());
  ASSERT_TRUE(read_last_values(block, image.as_last_values()));
  EXPECT_EQ(image.layers("references").size(), 16u);  // a generation takes 16
  EXPECT_EQ(image.text("canvas"), "story");
}

}  // namespace
}  // namespace gpt_image::procedures

namespace gpt_image::procedures {
namespace {

// Both GIMPs' prompt dialogs show the layout's rows by name: each must be an argument the dialog can
// show (not the references, which have their chooser), and no argument but those is left out.
TEST(ProcedureDialogs, EveryLayoutRowIsAnArgumentShownOnce) {
  for (const Procedure *procedure : {&edit(), &generate(), &new_image(), &removal()}) {
    SCOPED_TRACE(procedure->name);
    const DialogLayout &layout = dialog_layout(*procedure);
    std::vector<std::string> shown{layout.hint_argument ? layout.hint_argument : "prompt", "references"};
    for (const auto *rows : {&layout.main, &layout.advanced})
      for (const char *name : *rows) {
        const Argument *row = procedure->find(name);
        ASSERT_NE(row, nullptr) << name;
        EXPECT_NE(row->kind, Kind::Layers) << name;
        EXPECT_NE(row->form_label, nullptr) << name;  // GIMP 2.10 labels the row with it
        shown.push_back(name);
      }
    std::vector<std::string> arguments = names(*procedure);
    std::sort(shown.begin(), shown.end());
    std::sort(arguments.begin(), arguments.end());
    EXPECT_EQ(shown, arguments);
  }
  EXPECT_THROW(dialog_layout(settings()), std::logic_error);  // Settings has its own dialog
}

}  // namespace
}  // namespace gpt_image::procedures

namespace gpt_image::procedures {
namespace {

TEST(Procedures, OnlySettingsHasNoLastValues) {
  EXPECT_TRUE(remembers_last_values(edit()));
  EXPECT_TRUE(remembers_last_values(generate()));
  EXPECT_TRUE(remembers_last_values(new_image()));
  EXPECT_TRUE(remembers_last_values(removal()));
  EXPECT_FALSE(remembers_last_values(settings()));
}

// Remove's dialog is one optional line: no prompt to require, no reference chooser.
TEST(ProcedureDialogs, RemoveAsksOnlyForAnOptionalHint) {
  const DialogLayout &layout = dialog_layout(removal());
  EXPECT_STREQ(layout.hint_argument, "hint");
  EXPECT_TRUE(layout.main.empty());
  EXPECT_FALSE(layout.reference_chooser);
  EXPECT_EQ(dialog_layout(edit()).hint_argument, nullptr);
  EXPECT_TRUE(dialog_layout(edit()).reference_chooser);
}

// Remove's options are the fill's, with the prompt written from the hint.
TEST(Procedures, RemoveOptionsAskToRemoveWhatTheHintNames) {
  ArgumentValues values(removal());
  values.set_text("hint", "the bench");
  values.set_text("quality", "high");
  values.set_number("mask-grow", 7);
  const FillOptions options = remove_options(values);
  EXPECT_EQ(options.prompt.rfind("Remove everything inside the masked area", 0), 0u) << options.prompt;
  EXPECT_NE(options.prompt.find("What to remove: the bench."), std::string::npos) << options.prompt;
  EXPECT_EQ(options.quality, "high");
  EXPECT_EQ(options.mask_grow, 7);
  EXPECT_TRUE(options.color_match);  // the fill's default
}

}  // namespace
}  // namespace gpt_image::procedures
