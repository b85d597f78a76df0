#include "gtk2/generate_dialog_gimp2.h"

#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include "common/canvas_preset_combo.h"
#include "common/prompt_tools.h"
#include "model_features.h"
#include "gtk2/dialog_widgets.h"
#include "i18n.h"
#include "procedure_spec.h"

namespace gpt_image {

namespace {

// Every widget whose value the dialog returns (the prompt is read from its view).
struct Choices {
  GtkWidget *canvas = nullptr, *quality, *size, *variations, *background, *fit, *output_format, *output_compression,
            *input_fidelity, *partial_images;

  GenerateDialogValues read(const std::string &prompt) const {
    GenerateDialogValues v;
    v.prompt = prompt;
    if (canvas) v.canvas = gtk_entry_get_text(GTK_ENTRY(canvas));
    v.quality = combo_text(quality);
    v.size = gtk_entry_get_text(GTK_ENTRY(size));
    v.variations = spin_value(variations);
    v.background = combo_text(background);
    v.fit = combo_text(fit);
    v.output_format = combo_text(output_format);
    v.output_compression = spin_value(output_compression);
    v.input_fidelity = combo_text(input_fidelity);
    v.partial_images = spin_value(partial_images);
    return v;
  }
};

struct CostLine {
  GtkWidget *label;
  const Choices *choices;
  const std::function<std::string(const GenerateDialogValues &)> *describe;
};

void update_cost(GtkWidget *, gpointer data) {
  auto *line = static_cast<CostLine *>(data);
  gtk_label_set_text(GTK_LABEL(line->label), (*line->describe)(line->choices->read("")).c_str());
}

}  // namespace

bool run_generate_dialog_gimp2(GenerateDialogValues &values, bool new_image,
                               const std::function<std::string(const GenerateDialogValues &)> &describe_cost,
                               const std::vector<std::string> &recent_prompts, const std::string &settings_path,
                               ReferencePicker *references) {
  gimp_ui_init(spec::kBinaryName, FALSE);
  GtkWidget *dialog = gimp_dialog_new(new_image ? _("Generate Image") : _("Generate Layer"), spec::kBinaryName,
                                      nullptr, GtkDialogFlags(0), gimp_standard_help_func,
                                      new_image ? spec::kNewProcedure : spec::kGenerateProcedure, _("_Cancel"),
                                      GTK_RESPONSE_CANCEL, _("_OK"), GTK_RESPONSE_OK, nullptr);
  gimp_window_set_transient(GTK_WINDOW(dialog));
  GtkWidget *table = form_table(10);
  gtk_container_set_border_width(GTK_CONTAINER(table), 12);
  gtk_box_pack_start(GTK_BOX(gtk_dialog_get_content_area(GTK_DIALOG(dialog))), table, TRUE, TRUE, 0);

  GtkWidget *prompt = nullptr;
  add_row(table, 0, _("_Prompt:"), prompt_box(values.prompt, &prompt), prompt);
  GtkWidget *hint = gtk_label_new(_("Describe the picture to generate, then press OK."));
  gtk_misc_set_alignment(GTK_MISC(hint), 0.0, 0.5);
  gtk_table_attach(GTK_TABLE(table), hint, 1, 2, 1, 2, GTK_FILL, GTK_FILL, 0, 0);

  Choices choices{};
  std::function<void(const std::string &)> pick_preset;
  if (new_image) {
    choices.canvas = gtk_entry_new();
    gtk_entry_set_text(GTK_ENTRY(choices.canvas), values.canvas.c_str());
    gtk_widget_set_tooltip_text(choices.canvas, _(spec::kCanvasBlurb));
    add_row(table, 2, _("C_anvas:"), choices.canvas);
    pick_preset = [&choices](const std::string &name) { gtk_entry_set_text(GTK_ENTRY(choices.canvas), name.c_str()); };
    add_row(table, 3, _("Pr_eset:"), new_canvas_preset_combo(values.canvas, &pick_preset));
  }
  // The qualities of the settings' model, as the model catalogue lists them.
  choices.quality = choice_combo(quality_choices(settings_path), values.quality);
  add_row(table, 4, _("_Quality:"), choices.quality);
  choices.size = gtk_entry_new();
  gtk_entry_set_text(GTK_ENTRY(choices.size), values.size.c_str());
  gtk_widget_set_tooltip_text(choices.size, _(spec::kGenerateSizeBlurb));
  add_row(table, 5, _("Si_ze:"), choices.size);
  choices.variations = int_spin(1, kMaxVariations, values.variations);
  add_row(table, 6, _("_Variations:"), choices.variations);
  choices.background = choice_combo(
      {{"auto", _("Auto")}, {"transparent", _("Transparent")}, {"opaque", _("Opaque")}}, values.background);
  add_row(table, 7, _("_Background:"), choices.background);

  GtkWidget *advanced = form_table(5);
  choices.fit = choice_combo({{"letterbox", _("Letterbox (whole picture)")}, {"crop", _("Crop (fill the target)")}},
                             values.fit);
  gtk_widget_set_tooltip_text(choices.fit, _(spec::kFitBlurb));
  add_row(advanced, 0, _("F_it:"), choices.fit);
  choices.output_format = choice_combo({{"png", "PNG"}, {"jpeg", "JPEG"}, {"webp", "WebP"}}, values.output_format);
  add_row(advanced, 1, _("Output _format:"), choices.output_format);
  choices.output_compression = int_spin(0, 100, values.output_compression);
  add_row(advanced, 2, _("O_utput compression:"), choices.output_compression);
  choices.input_fidelity = choice_combo({{"low", _("Low")}, {"high", _("High")}}, values.input_fidelity);
  gtk_widget_set_tooltip_text(choices.input_fidelity, _(spec::kGenerateInputFidelityBlurb));
  add_row(advanced, 3, _("Input fi_delity:"), choices.input_fidelity);
  choices.partial_images = int_spin(0, kMaxPartialImages, values.partial_images);
  gtk_widget_set_tooltip_text(choices.partial_images, _(spec::kPartialImagesBlurb));
  add_row(advanced, 4, _("Previe_ws while generating (0 = off):"), choices.partial_images);
  gtk_widget_set_sensitive(choices.input_fidelity, settings_model_takes_input_fidelity(settings_path));
  GtkWidget *expander = gtk_expander_new(_("Advanced"));
  gtk_container_add(GTK_CONTAINER(expander), advanced);
  gtk_table_attach(GTK_TABLE(table), expander, 0, 2, 8, 9, GTK_FILL, GTK_FILL, 0, 0);
  if (references) gtk_table_attach(GTK_TABLE(table), references->widget(), 0, 2, 9, 10, GTK_FILL, GTK_FILL, 0, 0);

  CostLine cost{gtk_label_new(""), &choices, &describe_cost};
  gtk_misc_set_alignment(GTK_MISC(cost.label), 0.0, 0.5);
  gtk_label_set_line_wrap(GTK_LABEL(cost.label), TRUE);
  gtk_widget_set_size_request(cost.label, 500, -1);
  gtk_box_pack_end(GTK_BOX(gtk_dialog_get_content_area(GTK_DIALOG(dialog))), cost.label, FALSE, FALSE, 6);
  for (GtkWidget *entry : {choices.canvas, choices.size})
    if (entry) g_signal_connect(entry, "changed", G_CALLBACK(update_cost), &cost);
  g_signal_connect(choices.quality, "changed", G_CALLBACK(update_cost), &cost);
  g_signal_connect(choices.variations, "value-changed", G_CALLBACK(update_cost), &cost);
  g_signal_connect(choices.partial_images, "value-changed", G_CALLBACK(update_cost), &cost);
  update_cost(nullptr, &cost);

  GtkTextBuffer *prompt_buffer = gtk_text_view_get_buffer(GTK_TEXT_VIEW(prompt));
  auto prompt_text = [prompt] { return text_view_text(prompt); };
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
  if (accepted) values = choices.read(prompt_text());
  gtk_widget_destroy(dialog);
  return accepted;
}

}  // namespace gpt_image
