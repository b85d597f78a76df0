#include "gtk2/fill_dialog_gimp2.h"

#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include <string>
#include <vector>

#include "common/prompt_tools.h"
#include "model_features.h"
#include "gtk2/dialog_widgets.h"
#include "generative_fill.h"
#include "i18n.h"
#include "procedure_spec.h"

namespace gpt_image {

namespace {

// Every widget whose value the dialog returns (the prompt is read from its buffer).
struct Choices {
  GtkWidget *quality, *size, *variations, *background, *input_fidelity, *output_format, *output_compression,
      *context_margin, *feather_radius, *sample, *color_match, *mask_grow, *partial_images;

  FillDialogValues read(const std::string &prompt) const {
    FillDialogValues v;
    v.prompt = prompt;
    v.quality = combo_text(quality);
    v.size = gtk_entry_get_text(GTK_ENTRY(size));
    v.variations = spin_value(variations);
    v.background = combo_text(background);
    v.input_fidelity = combo_text(input_fidelity);
    v.output_format = combo_text(output_format);
    v.output_compression = spin_value(output_compression);
    v.context_margin = spin_value(context_margin);
    v.feather_radius = spin_value(feather_radius);
    v.sample = combo_text(sample);
    v.color_match = gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(color_match));
    v.mask_grow = spin_value(mask_grow);
    v.partial_images = spin_value(partial_images);
    return v;
  }
};

// The cost line follows the choices.
struct CostLine {
  GtkWidget *label;
  const Choices *choices;
  const std::function<std::string(const FillDialogValues &)> *describe;
};

void update_cost(GtkWidget *, gpointer data) {
  auto *line = static_cast<CostLine *>(data);
  gtk_label_set_text(GTK_LABEL(line->label), (*line->describe)(line->choices->read("")).c_str());
}

}  // namespace

bool run_fill_dialog_gimp2(FillDialogValues &values,
                           const std::function<std::string(const FillDialogValues &)> &describe_cost,
                           const std::vector<std::string> &recent_prompts, const std::string &settings_path,
                           ReferencePicker *references) {
  gimp_ui_init(spec::kBinaryName, FALSE);
  GtkWidget *dialog = gimp_dialog_new(_("Generative Fill"), spec::kBinaryName, nullptr, GtkDialogFlags(0),
                                      gimp_standard_help_func, spec::kEditProcedure, _("_Cancel"), GTK_RESPONSE_CANCEL,
                                      _("_OK"), GTK_RESPONSE_OK, nullptr);
  gimp_window_set_transient(GTK_WINDOW(dialog));

  GtkWidget *table = form_table(8);
  gtk_container_set_border_width(GTK_CONTAINER(table), 12);
  gtk_box_pack_start(GTK_BOX(gtk_dialog_get_content_area(GTK_DIALOG(dialog))), table, TRUE, TRUE, 0);

  GtkWidget *prompt = nullptr;
  GtkWidget *scrolled = prompt_box(values.prompt, &prompt);
  GtkTextBuffer *prompt_buffer = gtk_text_view_get_buffer(GTK_TEXT_VIEW(prompt));
  add_row(table, 0, _("_Prompt:"), scrolled, prompt);
  // Shown only when OK is pressed with nothing to generate.
  GtkWidget *hint = gtk_label_new(_("Describe what should appear in the selection, then press OK."));
  gtk_misc_set_alignment(GTK_MISC(hint), 0.0, 0.5);
  gtk_table_attach(GTK_TABLE(table), hint, 1, 2, 4, 5, GTK_FILL, GTK_FILL, 0, 0);

  Choices choices{};
  // The qualities of the settings' model, as the model catalogue lists them.
  GtkWidget *quality = choices.quality = choice_combo(quality_choices(settings_path), values.quality);
  add_row(table, 1, _("_Quality:"), quality);

  GtkWidget *size = choices.size = gtk_entry_new();
  gtk_entry_set_text(GTK_ENTRY(size), values.size.c_str());
  gtk_widget_set_tooltip_text(size, _(spec::kSizeBlurb));
  add_row(table, 2, _("Si_ze:"), size);

  GtkWidget *variations = choices.variations = int_spin(1, kMaxVariations, values.variations);
  add_row(table, 3, _("_Variations:"), variations);

  // The advanced choices, folded away by default.
  GtkWidget *advanced = form_table(10);
  choices.background = choice_combo(
      {{"auto", _("Auto")}, {"transparent", _("Transparent")}, {"opaque", _("Opaque")}}, values.background);
  add_row(advanced, 0, _("_Background:"), choices.background);
  choices.input_fidelity = choice_combo({{"low", _("Low")}, {"high", _("High")}}, values.input_fidelity);
  add_row(advanced, 1, _("Input fi_delity:"), choices.input_fidelity);
  choices.output_format = choice_combo({{"png", "PNG"}, {"jpeg", "JPEG"}, {"webp", "WebP"}}, values.output_format);
  add_row(advanced, 2, _("Output _format:"), choices.output_format);
  choices.output_compression = int_spin(0, 100, values.output_compression);
  add_row(advanced, 3, _("O_utput compression:"), choices.output_compression);
  choices.context_margin = int_spin(kAutoMargin, kMaxMargin, values.context_margin);
  gtk_widget_set_tooltip_text(choices.context_margin, _(spec::kContextMarginBlurb));
  add_row(advanced, 4, _("Context _margin (-1 = auto):"), choices.context_margin);
  choices.feather_radius = int_spin(kAutoEdge, kMaxFeatherRadius, values.feather_radius);
  gtk_widget_set_tooltip_text(choices.feather_radius, _(spec::kFeatherRadiusBlurb));
  add_row(advanced, 5, _("Feather rad_ius (-1 = auto):"), choices.feather_radius);
  choices.mask_grow = int_spin(kAutoEdge, kMaxMaskGrow, values.mask_grow);
  gtk_widget_set_tooltip_text(choices.mask_grow, _(spec::kMaskGrowBlurb));
  add_row(advanced, 6, _("_Grow mask (-1 = auto):"), choices.mask_grow);
  choices.color_match = gtk_check_button_new_with_mnemonic(_("M_atch colours to the surroundings"));
  gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(choices.color_match), values.color_match);
  gtk_widget_set_tooltip_text(choices.color_match, _(spec::kColorMatchBlurb));
  gtk_table_attach(GTK_TABLE(advanced), choices.color_match, 1, 2, 7, 8, GTK_FILL, GTK_FILL, 0, 0);
  choices.sample = choice_combo({{"visible", _("What is visible")}, {"layer", _("The active layer")}}, values.sample);
  gtk_widget_set_tooltip_text(choices.sample, _(spec::kSampleBlurb));
  add_row(advanced, 8, _("Sampl_e:"), choices.sample);
  choices.partial_images = int_spin(0, kMaxPartialImages, values.partial_images);
  gtk_widget_set_tooltip_text(choices.partial_images, _(spec::kPartialImagesBlurb));
  add_row(advanced, 9, _("Previe_ws while generating (0 = off):"), choices.partial_images);
  gtk_widget_set_sensitive(choices.input_fidelity, settings_model_takes_input_fidelity(settings_path));
  GtkWidget *expander = gtk_expander_new(_("Advanced"));
  gtk_container_add(GTK_CONTAINER(expander), advanced);
  gtk_table_attach(GTK_TABLE(table), expander, 0, 2, 6, 7, GTK_FILL, GTK_FILL, 0, 0);
  if (references) gtk_table_attach(GTK_TABLE(table), references->widget(), 0, 2, 7, 8, GTK_FILL, GTK_FILL, 0, 0);

  CostLine cost{gtk_label_new(""), &choices, &describe_cost};
  gtk_misc_set_alignment(GTK_MISC(cost.label), 0.0, 0.5);
  gtk_label_set_line_wrap(GTK_LABEL(cost.label), TRUE);
  gtk_widget_set_size_request(cost.label, 500, -1);
  gtk_table_attach(GTK_TABLE(table), cost.label, 0, 2, 5, 6, GTK_FILL, GTK_FILL, 0, 6);
  g_signal_connect(quality, "changed", G_CALLBACK(update_cost), &cost);
  g_signal_connect(size, "changed", G_CALLBACK(update_cost), &cost);
  g_signal_connect(variations, "value-changed", G_CALLBACK(update_cost), &cost);
  g_signal_connect(choices.context_margin, "value-changed", G_CALLBACK(update_cost), &cost);
  g_signal_connect(choices.partial_images, "value-changed", G_CALLBACK(update_cost), &cost);
  update_cost(nullptr, &cost);

  auto prompt_text = [prompt] { return text_view_text(prompt); };
  // Recent prompts, style presets and the settings, above everything else.
  PromptTools tools{recent_prompts,
                    [prompt_buffer](const std::string &text) { gtk_text_buffer_set_text(prompt_buffer, text.c_str(), -1); },
                    prompt_text, [&cost] { update_cost(nullptr, &cost); }, settings_path};
  GtkWidget *tools_row = new_prompt_tools_row(&tools);
  GtkWidget *content = gtk_dialog_get_content_area(GTK_DIALOG(dialog));
  gtk_container_set_border_width(GTK_CONTAINER(tools_row), 6);
  gtk_box_pack_start(GTK_BOX(content), tools_row, FALSE, FALSE, 0);
  gtk_box_reorder_child(GTK_BOX(content), tools_row, 0);

  gtk_widget_show_all(dialog);
  gtk_widget_hide(hint);
  gtk_widget_grab_focus(prompt);  // typing goes straight into the prompt
  bool accepted;
  while ((accepted = gimp_dialog_run(GIMP_DIALOG(dialog)) == GTK_RESPONSE_OK) && prompt_is_blank(prompt_text())) {
    gtk_widget_show(hint);
    gtk_widget_grab_focus(prompt);
  }
  if (accepted) {
    values = choices.read(prompt_text());
  }
  gtk_widget_destroy(dialog);
  return accepted;
}

}  // namespace gpt_image
