#include "gtk3/prompt_dialog.h"

#include <libgimp/gimpui.h>

#include <algorithm>
#include <string>
#include <utility>

#include "common/canvas_preset_checks.h"
#include "common/canvas_preset_combo.h"
#include "model_features.h"
#include "common/prompt_tools.h"
#include "generative_fill.h"
#include "procedure_spec.h"
#include "removal.h"
#include "i18n.h"

namespace gpt_image {

namespace {

std::string config_prompt(GimpProcedureConfig *config) {
  gchar *prompt = nullptr;
  g_object_get(config, spec::kArgPrompt, &prompt, nullptr);
  std::string out = prompt ? prompt : "";
  g_free(prompt);
  return out;
}

struct CostLine {
  GtkWidget *label;
  const std::function<std::string()> *describe;
};

void update_cost(GObject *, GParamSpec *, gpointer data) {
  auto *line = static_cast<CostLine *>(data);
  gtk_label_set_text(GTK_LABEL(line->label), (*line->describe)().c_str());
}

GList *argument_list(const std::vector<const char *> &names) {
  GList *list = nullptr;
  for (const char *name : names) list = g_list_append(list, const_cast<char *>(name));
  return list;
}

// The preset check boxes and the field they follow.
using CanvasSync = std::pair<GtkWidget *, CanvasField *>;

// What is typed into the canvas field ticks the boxes it names.
void on_canvas_changed(GObject *, GParamSpec *, gpointer data) {
  auto *sync = static_cast<CanvasSync *>(data);
  sync_canvas_preset_checks(sync->first, sync->second->text());
}

}  // namespace

bool run_prompt_dialog_gimp3(GimpProcedure *procedure, GimpProcedureConfig *config,
                             const procedures::DialogLayout &layout,
                             const std::function<std::string()> &describe_cost,
                             const std::vector<std::string> &recent_prompts, const std::string &settings_path,
                             ReferencePicker *references) {
  gimp_ui_init(spec::kBinaryName);
  // Remove's hint is asked afresh each time: one left from the last object would be sent for this one.
  if (layout.hint_argument) g_object_set(config, layout.hint_argument, "", nullptr);
  GtkWidget *dialog = gimp_procedure_dialog_new(procedure, config, _(layout.title));
  GimpProcedureDialog *procedure_dialog = GIMP_PROCEDURE_DIALOG(dialog);
  // The quality argument offers every quality of the catalogue; those the settings' model does not
  // take are greyed out (before the combo is made, which reads the sensitivity).
  if (GParamSpec *quality = gimp_procedure_find_argument(procedure, spec::kArgQuality)) {
    const std::vector<std::string> accepted = settings_model_qualities(settings_path);
    for (const std::string &q : offered_qualities())
      gimp_choice_set_sensitive(gimp_param_spec_choice_get_choice(quality), q.c_str(),
                                std::find(accepted.begin(), accepted.end(), q) != accepted.end());
  }

  // Remove's hint: GimpProcedureDialog's one-line entry, optional. Everyone else's prompt: a
  // multi-line text view (GimpProcedureDialog gives string arguments a one-line entry otherwise).
  const bool one_line = layout.hint_argument != nullptr;
  GtkWidget *prompt = nullptr, *hint = nullptr;
  if (one_line) {
    prompt = gimp_procedure_dialog_get_widget(procedure_dialog, layout.hint_argument, G_TYPE_NONE);
    if (GIMP_IS_LABEL_ENTRY(prompt)) {  // Enter is OK
      GtkWidget *entry = gimp_label_entry_get_entry(GIMP_LABEL_ENTRY(prompt));
      gtk_entry_set_activates_default(GTK_ENTRY(entry), TRUE);
      gtk_entry_set_max_length(GTK_ENTRY(entry), static_cast<gint>(kMaxHintCharacters));
      prompt = entry;
    }
    gtk_dialog_set_default_response(GTK_DIALOG(dialog), GTK_RESPONSE_OK);
  } else {
    prompt = gimp_procedure_dialog_get_widget(procedure_dialog, spec::kArgPrompt, GTK_TYPE_TEXT_VIEW);
    if (GTK_IS_TEXT_VIEW(prompt)) {
      gtk_text_view_set_wrap_mode(GTK_TEXT_VIEW(prompt), GTK_WRAP_WORD_CHAR);
      gtk_widget_set_size_request(prompt, 420, 110);
    }
    // The text view comes without a label of its own.
    GtkWidget *label = gimp_procedure_dialog_get_label(procedure_dialog, "prompt-label", _("_Prompt"), FALSE, TRUE);
    gtk_label_set_mnemonic_widget(GTK_LABEL(label), prompt);
    gtk_label_set_xalign(GTK_LABEL(label), 0.0);
    // Shown only when OK is pressed with nothing to generate.
    hint = gimp_procedure_dialog_get_label(procedure_dialog, "prompt-hint", "", FALSE, FALSE);
  }
  // The cost of what is chosen, recomputed whenever a choice changes.
  CostLine cost{gimp_procedure_dialog_get_label(procedure_dialog, "cost-estimate", describe_cost().c_str(), FALSE, FALSE),
                &describe_cost};
  gtk_label_set_xalign(GTK_LABEL(cost.label), 0.0);
  gtk_label_set_line_wrap(GTK_LABEL(cost.label), TRUE);
  const gulong cost_handler = g_signal_connect(config, "notify", G_CALLBACK(update_cost), &cost);
  // The advanced choices, folded away by default.
  gimp_procedure_dialog_get_label(procedure_dialog, "advanced-title", _("Advanced"), FALSE, FALSE);
  GList *advanced = argument_list(layout.advanced);
  gimp_procedure_dialog_fill_box_list(procedure_dialog, "advanced-box", advanced);
  g_list_free(advanced);
  gimp_procedure_dialog_fill_expander(procedure_dialog, "advanced", "advanced-title", FALSE, "advanced-box");
  std::vector<const char *> shown;
  if (one_line)
    shown.push_back(layout.hint_argument);
  else
    shown.insert(shown.end(), {"prompt-label", spec::kArgPrompt, "prompt-hint"});
  shown.insert(shown.end(), layout.main.begin(), layout.main.end());
  shown.insert(shown.end(), {"advanced", "cost-estimate"});
  GList *all = argument_list(shown);
  gimp_procedure_dialog_fill_list(procedure_dialog, all);
  g_list_free(all);
  if (hint) gtk_widget_hide(hint);
  // Offered only where the model has it.
  if (GtkWidget *fidelity = gimp_procedure_dialog_get_widget(procedure_dialog, spec::kArgInputFidelity, G_TYPE_NONE))
    gtk_widget_set_sensitive(fidelity, settings_model_takes_input_fidelity(settings_path));

  // Recent prompts, style presets and the settings, above everything else (for a prompt).
  PromptTools tools{recent_prompts,
                    [config](const std::string &text) { g_object_set(config, spec::kArgPrompt, text.c_str(), nullptr); },
                    [config] { return config_prompt(config); }, [&cost] { update_cost(nullptr, nullptr, &cost); },
                    settings_path};
  GtkWidget *content = gtk_dialog_get_content_area(GTK_DIALOG(dialog));
  if (!one_line) {
    GtkWidget *tools_row = new_prompt_tools_row(&tools);
    gtk_box_pack_start(GTK_BOX(content), tools_row, FALSE, FALSE, 6);
    gtk_box_reorder_child(GTK_BOX(content), tools_row, 0);
    gtk_widget_show_all(tools_row);
  }
  std::function<void(const std::string &)> pick_preset = [config](const std::string &name) {
    g_object_set(config, spec::kArgCanvas, name.c_str(), nullptr);
  };
  CanvasField canvas_field{[config] {
                            gchar *text = nullptr;
                            g_object_get(config, spec::kArgCanvas, &text, nullptr);
                            std::string out = text ? text : "";
                            g_free(text);
                            return out;
                          },
                          [config](const std::string &text) {
                            g_object_set(config, spec::kArgCanvas, text.c_str(), nullptr);
                          }};
  CanvasSync canvas_sync{nullptr, nullptr};
  gulong canvas_handler = 0;
  if (layout.canvas_list) {
    GtkWidget *checks = new_canvas_preset_checks(&canvas_field);
    gtk_box_pack_start(GTK_BOX(content), checks, FALSE, FALSE, 6);
    gtk_box_reorder_child(GTK_BOX(content), checks, 1);  // above the choices
    gtk_widget_show_all(checks);
    canvas_sync = {checks, &canvas_field};
    canvas_handler = g_signal_connect(config, "notify::canvas", G_CALLBACK(on_canvas_changed), &canvas_sync);
  } else if (layout.canvas_presets) {
    gchar *canvas = nullptr;
    g_object_get(config, spec::kArgCanvas, &canvas, nullptr);
    GtkWidget *presets = new_canvas_preset_combo(canvas ? canvas : "", &pick_preset);
    g_free(canvas);
    gtk_box_pack_start(GTK_BOX(content), presets, FALSE, FALSE, 6);
    gtk_box_reorder_child(GTK_BOX(content), presets, 1);  // above the choices
    gtk_widget_show(presets);
  }
  if (references && layout.reference_chooser) {
    GtkWidget *picker = references->widget();
    gtk_box_pack_start(GTK_BOX(content), picker, FALSE, FALSE, 6);  // after the choices
    gtk_widget_show_all(picker);
  }
  gtk_widget_grab_focus(prompt);  // typing goes straight into the prompt

  bool accepted;
  while ((accepted = gimp_procedure_dialog_run(procedure_dialog)) && !one_line && !layout.blank_prompt_allowed &&
         prompt_is_blank(config_prompt(config))) {
    gtk_label_set_text(GTK_LABEL(hint), _(layout.blank_prompt_hint));
    gtk_widget_show(hint);
    gtk_widget_grab_focus(prompt);
  }
  g_signal_handler_disconnect(config, cost_handler);
  if (canvas_handler) g_signal_handler_disconnect(config, canvas_handler);
  gtk_widget_destroy(dialog);
  return accepted;
}

}  // namespace gpt_image
