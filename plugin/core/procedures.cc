#include "procedures.h"

#include <stdexcept>
#include <utility>

#include "context_plan.h"
#include "i18n.h"
#include "mask_shape.h"
#include "plugin_settings.h"
#include "procedure_spec.h"
#include "reference_images.h"
#include "removal.h"
#include "retry_policy.h"

namespace gpt_image::procedures {

namespace {

Argument row(const char *name, Kind kind, const char *label, const char *blurb) {
  Argument argument;
  argument.name = name;
  argument.kind = kind;
  argument.label = label;
  argument.blurb = blurb;
  return argument;
}
Argument text_row(const char *name, const char *label, const char *blurb, std::string fallback) {
  Argument argument = row(name, Kind::Text, label, blurb);
  argument.text_default = std::move(fallback);
  return argument;
}
Argument choice_row(const char *name, const char *label, const char *blurb, std::string fallback,
                    std::vector<ChoiceItem> choices) {
  Argument argument = text_row(name, label, blurb, std::move(fallback));
  argument.kind = Kind::Choice;
  argument.choices = std::move(choices);
  return argument;
}
Argument int_row(const char *name, const char *label, const char *blurb, int fallback, int min, int max) {
  Argument argument = row(name, Kind::Int, label, blurb);
  argument.int_default = fallback;
  argument.min = min;
  argument.max = max;
  return argument;
}
Argument toggle_row(const char *name, const char *label, const char *blurb, bool fallback) {
  Argument argument = row(name, Kind::Toggle, label, blurb);
  argument.int_default = fallback ? 1 : 0;
  return argument;
}

// GIMP 2.10's hand-made dialog labels its rows a little differently from GIMP 3's argument labels.
Argument with_form_label(Argument argument, const char *form_label) {
  argument.form_label = form_label;
  return argument;
}

// Rows several procedures share, each spelled once. The blurb differs where the procedures differ.
Argument prompt_row(const char *blurb) {
  return with_form_label(text_row(spec::kArgPrompt, N_("_Prompt"), blurb, ""), N_("_Prompt:"));
}
Argument quality_row() {
  Argument argument = text_row(spec::kArgQuality, N_("_Quality"), spec::kQualityBlurb, spec::kDefaultQuality);
  argument.kind = Kind::Quality;
  return with_form_label(argument, N_("_Quality:"));
}
Argument size_row(const char *blurb) {
  return with_form_label(text_row(spec::kArgSize, N_("Si_ze"), blurb, spec::kDefaultSize), N_("Si_ze:"));
}
Argument variations_row() {
  return with_form_label(int_row(spec::kArgVariations, N_("_Variations"), spec::kVariationsBlurb,
                                 spec::kDefaultVariations, 1, kMaxVariations),
                         N_("_Variations:"));
}
Argument background_row() {
  return with_form_label(
      choice_row(spec::kArgBackground, N_("_Background"), spec::kBackgroundBlurb, "auto",
                 {{"auto", N_("Auto")}, {"transparent", N_("Transparent")}, {"opaque", N_("Opaque")}}),
      N_("_Background:"));
}
Argument input_fidelity_row(const char *blurb) {
  return with_form_label(
      choice_row(spec::kArgInputFidelity, N_("Input fi_delity"), blurb, "low", {{"low", N_("Low")}, {"high", N_("High")}}),
      N_("Input fi_delity:"));
}
Argument output_format_row() {
  return with_form_label(choice_row(spec::kArgOutputFormat, N_("Output _format"), spec::kOutputFormatBlurb, "png",
                                    // names, not words: never translated
                                    {{"png", "PNG"}, {"jpeg", "JPEG"}, {"webp", "WebP"}}),
                         N_("Output _format:"));
}
Argument output_compression_row() {
  return with_form_label(int_row(spec::kArgOutputCompression, N_("O_utput compression"),
                                 spec::kOutputCompressionBlurb, 100, 0, 100),
                         N_("O_utput compression:"));
}
Argument partial_images_row() {
  return with_form_label(int_row(spec::kArgPartialImages, N_("Previe_ws"), spec::kPartialImagesBlurb,
                                 kDefaultPartialImages, 0, kMaxPartialImages),
                         N_("Previe_ws while generating (0 = off):"));
}
Argument references_row(const char *blurb, int most) {
  // GIMP 2.10's dialog shows the reference chooser instead: no form label.
  Argument argument = row(spec::kArgReferences, Kind::Layers, N_("_References"), blurb);
  argument.max = most;
  argument.count_name = spec::kArgNumReferences;
  argument.count_blurb = spec::kNumReferencesBlurb;
  return argument;
}

// Issue 19: whether an identical request may take the cached answer; the last argument of every
// procedure that calls the API. No mnemonic: every letter of "cache" is taken in these dialogs (by
// Cancel, Help and the other choices, in English, German and Chinese), and it is rarely changed.
Argument cache_row() {
  return with_form_label(choice_row(spec::kArgCache, N_("Cache"), spec::kCacheBlurb, "off",
                                    {{"off", N_("Off (always send)")}, {"reuse", N_("Reuse an identical request's answer")}}),
                         N_("Cache:"));
}

// The arguments of Generate Layer, and of Generate Image after its canvas.
std::vector<Argument> generate_rows() {
  return {prompt_row(spec::kGeneratePromptBlurb),
          quality_row(),
          size_row(spec::kGenerateSizeBlurb),
          variations_row(),
          background_row(),
          output_format_row(),
          output_compression_row(),
          partial_images_row(),
          with_form_label(
              choice_row(spec::kArgFit, N_("F_it"), spec::kFitBlurb, "letterbox",
                         {{"letterbox", N_("Letterbox (whole picture)")}, {"crop", N_("Crop (fill the target)")}}),
              N_("F_it:")),
          input_fidelity_row(spec::kGenerateInputFidelityBlurb),
          references_row(spec::kGenerateReferencesBlurb, kMaxImagesPerRequest),
          cache_row()};
}

// Generative Fill's arguments after its prompt; Remove takes them after its hint.
std::vector<Argument> fill_rows_after_prompt() {
  return {quality_row(),
          size_row(spec::kSizeBlurb),
          variations_row(),
          background_row(),
          input_fidelity_row(spec::kInputFidelityBlurb),
          output_format_row(),
          output_compression_row(),
          with_form_label(int_row(spec::kArgContextMargin, N_("Context _margin"), spec::kContextMarginBlurb,
                                  kAutoMargin, kAutoMargin, kMaxMargin),
                          N_("Context _margin (-1 = auto):")),
          with_form_label(int_row(spec::kArgFeatherRadius, N_("Feather rad_ius"), spec::kFeatherRadiusBlurb,
                                  kAutoEdge, kAutoEdge, kMaxFeatherRadius),
                          N_("Feather rad_ius (-1 = auto):")),
          with_form_label(choice_row(spec::kArgSample, N_("Sampl_e"), spec::kSampleBlurb, "visible",
                                     {{"visible", N_("What is visible")}, {"layer", N_("The active layer")}}),
                          N_("Sampl_e:")),
          with_form_label(toggle_row(spec::kArgColorMatch, N_("M_atch colours"), spec::kColorMatchBlurb, true),
                          N_("M_atch colours to the surroundings")),
          with_form_label(int_row(spec::kArgMaskGrow, N_("_Grow mask"), spec::kMaskGrowBlurb, kAutoEdge, kAutoEdge,
                                  kMaxMaskGrow),
                          N_("_Grow mask (-1 = auto):")),
          partial_images_row(),
          // The area around the selection is the first image of the request.
          references_row(spec::kReferencesBlurb, kMaxImagesPerRequest - 1),
          cache_row()};
}

Procedure make_edit() {
  std::vector<Argument> rows{prompt_row(spec::kPromptBlurb)};
  for (Argument &row : fill_rows_after_prompt()) rows.push_back(std::move(row));
  return {spec::kEditProcedure, spec::kMenuPath, spec::kEditMenuLabel, spec::kEditBlurb, spec::kEditHelp, "RGB*, GRAY*",
          Target::Image, Returns::Layer, "layer", N_("Layer"), spec::kResultBlurb, std::move(rows)};
}

Procedure make_removal() {
  std::vector<Argument> rows{with_form_label(
      text_row(spec::kArgHint, N_("What _to remove (optional)"), spec::kHintBlurb, ""), N_("What _to remove (optional):"))};
  for (Argument &row : fill_rows_after_prompt()) rows.push_back(std::move(row));
  return {spec::kRemoveProcedure, spec::kMenuPath, spec::kRemoveMenuLabel, spec::kRemoveBlurb, spec::kRemoveHelp,
          "RGB*, GRAY*", Target::Image, Returns::Layer, "layer", N_("Layer"), spec::kResultBlurb, std::move(rows)};
}

Procedure make_generate() {
  return {spec::kGenerateProcedure, spec::kMenuPath, spec::kGenerateMenuLabel, spec::kGenerateBlurb,
          spec::kGenerateHelp, "RGB*, GRAY*", Target::Image, Returns::Layer, "layer", N_("Layer"),
          spec::kGenerateResultBlurb, generate_rows()};
}

Procedure make_new_image() {
  std::vector<Argument> rows{
      with_form_label(text_row(spec::kArgCanvas, N_("C_anvas"), spec::kCanvasBlurb, "square-post"), N_("C_anvas:"))};
  for (Argument &row : generate_rows()) rows.push_back(std::move(row));
  return {spec::kNewProcedure, spec::kNewMenuPath, spec::kNewMenuLabel, spec::kNewBlurb, spec::kNewHelp, "",
          Target::Plain, Returns::Image, "image", N_("Image"), spec::kNewResultBlurb, std::move(rows)};
}

Procedure make_settings() {
  return {spec::kSettingsProcedure, spec::kMenuPath, spec::kSettingsMenuLabel, spec::kSettingsBlurb,
          spec::kSettingsHelp, "", Target::Plain, Returns::Nothing, nullptr, nullptr, nullptr,
          {text_row(spec::kArgBaseUrl, N_("Base URL"), spec::kBaseUrlBlurb, kDefaultBaseUrl),
           text_row(spec::kArgModel, N_("Model"), spec::kModelBlurb, kDefaultModel),
           text_row(spec::kArgOrganization, N_("Organization"), spec::kOrganizationBlurb, ""),
           text_row(spec::kArgProject, N_("Project"), spec::kProjectBlurb, ""),
           int_row(spec::kArgTimeout, N_("Timeout"), spec::kTimeoutBlurb, kDefaultTimeoutSeconds, 1,
                   kMaxTimeoutSeconds),
           text_row(spec::kArgCaFile, N_("CA file"), spec::kCaFileBlurb, ""),
           int_row(spec::kArgRetries, N_("Retries"), spec::kRetriesBlurb, kDefaultMaxRetries, 0, kMaxRetriesLimit),
           int_row(spec::kArgConnectTimeout, N_("Connect timeout"), spec::kConnectTimeoutBlurb,
                   kDefaultConnectTimeoutSeconds, 1, kMaxConnectTimeoutSeconds),
           int_row(spec::kArgStallTimeout, N_("Stall timeout"), spec::kStallTimeoutBlurb, kDefaultStallTimeoutSeconds,
                   0, kMaxStallTimeoutSeconds)}};
}

Procedure make_expand() {
  std::vector<ChoiceItem> anchors{{"center", N_("Centre")},
                                  {"top", N_("Top")},
                                  {"bottom", N_("Bottom")},
                                  {"left", N_("Left")},
                                  {"right", N_("Right")},
                                  {"top-left", N_("Top left")},
                                  {"top-right", N_("Top right")},
                                  {"bottom-left", N_("Bottom left")},
                                  {"bottom-right", N_("Bottom right")}};
  return {spec::kExpandProcedure, spec::kMenuPath, spec::kExpandMenuLabel, spec::kExpandBlurb, spec::kExpandHelp,
          "RGB*, GRAY*", Target::Image, Returns::Layer, "layer", N_("Layer"), spec::kGenerateResultBlurb,
          {prompt_row(spec::kExpandPromptBlurb),
           with_form_label(text_row(spec::kArgCanvas, N_("C_anvas"), spec::kExpandCanvasBlurb, "16:9"), N_("C_anvas:")),
           with_form_label(choice_row(spec::kArgAnchor, N_("Anchor pos_ition"), spec::kAnchorBlurb, "center", anchors),
                           N_("Anchor pos_ition:")),
           quality_row(),
           variations_row(),
           background_row(),
           input_fidelity_row(spec::kInputFidelityBlurb),
           output_format_row(),
           output_compression_row(),
           with_form_label(int_row(spec::kArgFeatherRadius, N_("Blend _margin"), spec::kBlendBandBlurb, kAutoEdge,
                                   kAutoEdge, kMaxFeatherRadius),
                           N_("Blend _margin (-1 = auto):")),
           partial_images_row(),
           // The window of the canvas is the first image of each request.
           references_row(spec::kExpandReferencesBlurb, kMaxImagesPerRequest - 1),
           cache_row()}};
}

Procedure make_usage() {
  Procedure table{spec::kUsageProcedure, nullptr, nullptr, spec::kUsageBlurb, spec::kUsageHelp, "",
                  Target::Plain, Returns::Figures, nullptr, nullptr, nullptr, {}};
  table.figures = {{"calls", N_("Calls"), spec::kUsageCallsBlurb, true},
                   {"failures", N_("Failures"), spec::kUsageFailuresBlurb, true},
                   {"spend-this-month", N_("Spend this month"), spec::kUsageSpendMonthBlurb, false},
                   {"spend-all-time", N_("Spend of all time"), spec::kUsageSpendAllBlurb, false},
                   {"calls-this-month", N_("Calls this month"), spec::kUsageCallsMonthBlurb, true},
                   {"median-seconds", N_("Median seconds"), spec::kUsageMedianBlurb, false},
                   {"unknown-cost-calls", N_("Calls of unknown cost"), spec::kUsageUnknownBlurb, true}};
  return table;
}

Procedure make_history() {
  return {spec::kHistoryProcedure, spec::kMenuPath, spec::kHistoryMenuLabel, spec::kHistoryBlurb, spec::kHistoryHelp,
          "RGB*, GRAY*", Target::Image, Returns::Layer, "layer", N_("Layer"), spec::kHistoryResultBlurb,
          {with_form_label(text_row(spec::kArgEntry, N_("_Entry"), spec::kEntryBlurb, "latest"), N_("_Entry:"))}};
}

Kind value_kind(Kind kind) { return kind == Kind::Choice || kind == Kind::Quality ? Kind::Text : kind; }

}  // namespace

const Argument *Procedure::find(std::string_view wanted) const {
  for (const Argument &argument : arguments)
    if (wanted == argument.name) return &argument;
  return nullptr;
}

const Procedure &edit() {
  static const Procedure table = make_edit();
  return table;
}
const Procedure &generate() {
  static const Procedure table = make_generate();
  return table;
}
const Procedure &new_image() {
  static const Procedure table = make_new_image();
  return table;
}
const Procedure &settings() {
  static const Procedure table = make_settings();
  return table;
}
const Procedure &removal() {
  static const Procedure table = make_removal();
  return table;
}
const Procedure &expand() {
  static const Procedure table = make_expand();
  return table;
}
const Procedure &history() {
  static const Procedure table = make_history();
  return table;
}

const Procedure &usage() {
  static const Procedure table = make_usage();
  return table;
}

const DialogLayout &dialog_layout(const Procedure &procedure) {
  static const DialogLayout fill{
      N_("Generative Fill"),
      {spec::kArgQuality, spec::kArgSize, spec::kArgVariations},
      {spec::kArgBackground, spec::kArgInputFidelity, spec::kArgOutputFormat, spec::kArgOutputCompression,
       spec::kArgContextMargin, spec::kArgFeatherRadius, spec::kArgMaskGrow, spec::kArgColorMatch, spec::kArgSample,
       spec::kArgPartialImages, spec::kArgCache},
      N_("Describe what should appear in the selection, then press OK."),
      false};
  static const std::vector<const char *> generate_advanced{spec::kArgFit, spec::kArgOutputFormat,
                                                           spec::kArgOutputCompression, spec::kArgInputFidelity,
                                                           spec::kArgPartialImages, spec::kArgCache};
  static const DialogLayout layer{N_("Generate Layer"),
                                  {spec::kArgQuality, spec::kArgSize, spec::kArgVariations, spec::kArgBackground},
                                  generate_advanced,
                                  N_("Describe the picture to generate, then press OK."),
                                  false};
  // Layouts with the later fields set them by name: a field appended to DialogLayout cannot shift them.
  static const DialogLayout image = [] {
    DialogLayout layout{N_("Generate Image"),
                        {spec::kArgCanvas, spec::kArgQuality, spec::kArgSize, spec::kArgVariations,
                         spec::kArgBackground},
                        generate_advanced,
                        N_("Describe the picture to generate, then press OK."),
                        true};
    layout.canvas_list = true;
    return layout;
  }();
  // Remove: one line and OK; what the fill offers besides is folded away.
  static const DialogLayout remove_layout = [] {
    DialogLayout layout{N_("Remove"),
                        {},
                        {spec::kArgQuality, spec::kArgSize, spec::kArgVariations, spec::kArgBackground,
                         spec::kArgInputFidelity, spec::kArgOutputFormat, spec::kArgOutputCompression,
                         spec::kArgContextMargin, spec::kArgFeatherRadius, spec::kArgMaskGrow, spec::kArgColorMatch,
                         spec::kArgSample, spec::kArgPartialImages, spec::kArgCache}};
    layout.hint_argument = spec::kArgHint;
    layout.reference_chooser = false;
    return layout;
  }();
  if (&procedure == &removal()) return remove_layout;
  if (&procedure == &new_image()) return image;
  if (&procedure == &generate()) return layer;
  if (&procedure == &edit()) return fill;
  // By field, not by position: DialogLayout grows fields for other procedures.
  static const DialogLayout expansion = [] {
    DialogLayout layout;
    layout.title = N_("Generative Expand");
    layout.main = {spec::kArgCanvas, spec::kArgAnchor, spec::kArgQuality, spec::kArgVariations};
    layout.advanced = {spec::kArgBackground, spec::kArgInputFidelity, spec::kArgOutputFormat,
                       spec::kArgOutputCompression, spec::kArgFeatherRadius, spec::kArgPartialImages,
                       spec::kArgCache};
    layout.canvas_presets = true;
    layout.blank_prompt_allowed = true;  // a blank prompt continues the picture: no hint needed
    return layout;
  }();
  if (&procedure == &expand()) return expansion;
  throw std::logic_error(std::string(procedure.name) + " has no prompt dialog");
}

const std::vector<const Procedure *> &all() {
  static const std::vector<const Procedure *> list{&edit(),     &generate(), &new_image(),
                                                    &settings(), &removal(),  &expand(),
                                                    &usage(),    &history()};
  return list;
}

// Nor Usage (no arguments) or History: its window is the way to choose again.
bool remembers_last_values(const Procedure &procedure) {
  return &procedure != &settings() && &procedure != &usage() && &procedure != &history();
}

const Procedure *named(std::string_view name) {
  for (const Procedure *procedure : all())
    if (name == procedure->name) return procedure;
  return nullptr;
}

ArgumentValues::ArgumentValues(const Procedure &procedure) : procedure_(&procedure) {
  for (const Argument &argument : procedure.arguments) {
    switch (argument.kind) {
      case Kind::Text:
      case Kind::Choice:
      case Kind::Quality: values_.emplace(argument.name, argument.text_default); break;
      case Kind::Int: values_.emplace(argument.name, argument.int_default); break;
      case Kind::Toggle: values_.emplace(argument.name, argument.int_default != 0); break;
      case Kind::Layers: values_.emplace(argument.name, std::vector<int>{}); break;
    }
  }
}

const ArgumentValues::Value &ArgumentValues::at(std::string_view name, Kind wanted) const {
  const Argument *argument = procedure_->find(name);
  if (!argument || value_kind(argument->kind) != wanted)
    throw std::logic_error(std::string(procedure_->name) + " has no argument " + std::string(name) + " of that kind");
  return values_.find(name)->second;
}

ArgumentValues::Value &ArgumentValues::at(std::string_view name, Kind wanted) {
  return const_cast<Value &>(static_cast<const ArgumentValues *>(this)->at(name, wanted));
}

const std::string &ArgumentValues::text(std::string_view name) const {
  return std::get<std::string>(at(name, Kind::Text));
}
int ArgumentValues::number(std::string_view name) const { return std::get<int>(at(name, Kind::Int)); }
bool ArgumentValues::toggle(std::string_view name) const { return std::get<bool>(at(name, Kind::Toggle)); }
const std::vector<int> &ArgumentValues::layers(std::string_view name) const {
  return std::get<std::vector<int>>(at(name, Kind::Layers));
}

void ArgumentValues::set_text(std::string_view name, std::string value) { at(name, Kind::Text) = std::move(value); }
void ArgumentValues::set_number(std::string_view name, int value) { at(name, Kind::Int) = value; }
void ArgumentValues::set_toggle(std::string_view name, bool value) { at(name, Kind::Toggle) = value; }
void ArgumentValues::set_layers(std::string_view name, std::vector<int> ids) {
  at(name, Kind::Layers) = std::move(ids);
}

std::vector<LastValue> ArgumentValues::as_last_values() {
  std::vector<LastValue> out;
  for (const Argument &row : procedure_->arguments) {
    Value &value = values_.find(row.name)->second;
    switch (row.kind) {
      case Kind::Text:
      case Kind::Choice:
      case Kind::Quality: out.push_back(LastValue::text(row.name, std::get<std::string>(value))); break;
      case Kind::Int: out.push_back(LastValue::number(row.name, std::get<int>(value), row.min, row.max)); break;
      case Kind::Toggle: out.push_back(LastValue::toggle(row.name, std::get<bool>(value))); break;
      case Kind::Layers:
        out.push_back(LastValue::ids(row.name, std::get<std::vector<int>>(value), static_cast<std::size_t>(row.max)));
        break;
    }
  }
  return out;
}

namespace {

// Every argument but the prompt: Generative Fill's or Remove's.
void read_fill_options_after_prompt(const ArgumentValues &a, FillOptions &o) {
  o.quality = a.text(spec::kArgQuality);
  o.size = a.text(spec::kArgSize);
  o.variations = a.number(spec::kArgVariations);
  o.background = a.text(spec::kArgBackground);
  o.input_fidelity = a.text(spec::kArgInputFidelity);
  o.output_format = a.text(spec::kArgOutputFormat);
  o.output_compression = a.number(spec::kArgOutputCompression);
  o.context_margin = a.number(spec::kArgContextMargin);
  o.feather_radius = a.number(spec::kArgFeatherRadius);
  o.sample = a.text(spec::kArgSample);
  o.color_match = a.toggle(spec::kArgColorMatch);
  o.mask_grow = a.number(spec::kArgMaskGrow);
  o.partial_images = a.number(spec::kArgPartialImages);
}

void read_fill_options(const ArgumentValues &a, FillOptions &o) {
  o.prompt = a.text(spec::kArgPrompt);
  read_fill_options_after_prompt(a, o);
}

void read_generate_options(const ArgumentValues &a, GenerateOptions &o) {
  o.prompt = a.text(spec::kArgPrompt);
  o.quality = a.text(spec::kArgQuality);
  o.size = a.text(spec::kArgSize);
  o.variations = a.number(spec::kArgVariations);
  o.background = a.text(spec::kArgBackground);
  o.output_format = a.text(spec::kArgOutputFormat);
  o.output_compression = a.number(spec::kArgOutputCompression);
  o.partial_images = a.number(spec::kArgPartialImages);
  o.fit = a.text(spec::kArgFit);
  o.input_fidelity = a.text(spec::kArgInputFidelity);
}

}  // namespace

FillOptions fill_options(const ArgumentValues &arguments) {
  FillOptions options;
  read_fill_options(arguments, options);
  return options;
}

FillOptions remove_options(const ArgumentValues &arguments) {
  FillOptions options;
  options.prompt = removal_prompt(arguments.text(spec::kArgHint));
  options.needs_selection = true;
  read_fill_options_after_prompt(arguments, options);
  return options;
}

GenerateOptions generate_options(const ArgumentValues &arguments) {
  GenerateOptions options;
  read_generate_options(arguments, options);
  return options;
}

}  // namespace gpt_image::procedures

namespace gpt_image {

// The options' defaults are the tables'.
FillOptions::FillOptions() { procedures::read_fill_options(procedures::ArgumentValues(procedures::edit()), *this); }
GenerateOptions::GenerateOptions() {
  procedures::read_generate_options(procedures::ArgumentValues(procedures::generate()), *this);
}

}  // namespace gpt_image
