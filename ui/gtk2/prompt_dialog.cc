#include "gtk2/prompt_dialog.h"

#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "common/canvas_preset_checks.h"
#include "common/canvas_preset_combo.h"
#include "common/prompt_tools.h"
#include "gtk2/dialog_widgets.h"
#include "i18n.h"
#include "model_features.h"
#include "procedure_spec.h"
#include "removal.h"

namespace gpt_image {

namespace {

using procedures::Argument;
using procedures::Kind;

// One argument's widget, and how its value goes in and out of it.
struct Field {
  const Argument *row;
  GtkWidget *widget;
};

GtkWidget *make_widget(const Argument &row, const procedures::ArgumentValues &values, const std::string &settings_path) {
  switch (row.kind) {
    case Kind::Text: {
      GtkWidget *entry = gtk_entry_new();
      gtk_entry_set_text(GTK_ENTRY(entry), values.text(row.name).c_str());
      return entry;
    }
    case Kind::Choice: {
      std::vector<std::pair<std::string, std::string>> choices;
      for (const procedures::ChoiceItem &item : row.choices) choices.emplace_back(item.value, _(item.label));
      return choice_combo(choices, values.text(row.name));
    }
    case Kind::Quality:  // the qualities of the settings' model, as the model catalogue lists them
      return choice_combo(quality_choices(settings_path), values.text(row.name));
    case Kind::Int: return int_spin(row.min, row.max, values.number(row.name));
    case Kind::Toggle: {
      GtkWidget *check = gtk_check_button_new_with_mnemonic(_(row.form_label));
      gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(check), values.toggle(row.name));
      return check;
    }
    case Kind::Layers: break;  // the reference chooser stands in for it
  }
  return nullptr;
}

void read_field(const Field &field, procedures::ArgumentValues &into) {
  const char *name = field.row->name;
  switch (field.row->kind) {
    case Kind::Text: into.set_text(name, gtk_entry_get_text(GTK_ENTRY(field.widget))); break;
    case Kind::Choice:
    case Kind::Quality: into.set_text(name, combo_text(field.widget)); break;
    case Kind::Int: into.set_number(name, spin_value(field.widget)); break;
    case Kind::Toggle: into.set_toggle(name, gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(field.widget))); break;
    case Kind::Layers: break;
  }
}

// The rows of a table, each a widget for one argument (or a widget of the dialog's own).
class Form {
 public:
  explicit Form(int rows) : table_(form_table(rows)) {}
  GtkWidget *table() const { return table_; }
  int next_row() const { return row_; }

  void add(const char *label, GtkWidget *widget, GtkWidget *focus = nullptr) { add_row(table_, row_++, label, widget, focus); }
  void add_wide(GtkWidget *widget) {  // both columns, no label (check boxes carry their own)
    gtk_table_attach(GTK_TABLE(table_), widget, 0, 2, row_, row_ + 1, GTK_FILL, GTK_FILL, 0, 0);
    ++row_;
  }
  void add_beside(GtkWidget *widget) {  // the right column only (under the widgets, not their labels)
    gtk_table_attach(GTK_TABLE(table_), widget, 1, 2, row_, row_ + 1, GTK_FILL, GTK_FILL, 0, 0);
    ++row_;
  }

 private:
  GtkWidget *table_;
  int row_ = 0;
};

struct Dialog {
  procedures::ArgumentValues values;
  std::vector<Field> fields;
  GtkWidget *prompt = nullptr;
  GtkWidget *cost = nullptr;
  const std::function<std::string(const procedures::ArgumentValues &)> *describe = nullptr;

  procedures::ArgumentValues read() const {
    procedures::ArgumentValues out = values;
    if (prompt) out.set_text(spec::kArgPrompt, text_view_text(prompt));
    for (const Field &field : fields) read_field(field, out);
    return out;
  }
};

void update_cost(GtkWidget *, gpointer data) {
  auto *dialog = static_cast<Dialog *>(data);
  gtk_label_set_text(GTK_LABEL(dialog->cost), (*dialog->describe)(dialog->read()).c_str());
}

void on_canvas_typed(GtkEditable *entry, gpointer checks) {
  sync_canvas_preset_checks(GTK_WIDGET(checks), gtk_entry_get_text(GTK_ENTRY(entry)));
}

// Adds the row for argument `name`, its tooltip and its live cost update. The canvas row gets the
// preset check boxes (through `canvas_field`, when the layout takes a list) or the preset list.
void add_argument(Form &form, Dialog &dialog, const char *name, const std::string &settings_path,
                  std::function<void(const std::string &)> *pick_preset, CanvasField *canvas_field = nullptr) {
  const Argument *row = dialog.values.procedure().find(name);
  if (!row || row->kind == Kind::Layers)  // a mistake in the layout, not the user's
    throw std::logic_error(std::string(dialog.values.procedure().name) + " has no dialog row " + name);
  GtkWidget *widget = make_widget(*row, dialog.values, settings_path);
  gtk_widget_set_tooltip_text(widget, _(row->blurb));
  if (row->kind == Kind::Toggle)  // a check box carries its own label, under the other widgets
    form.add_beside(widget);
  else
    form.add(_(row->form_label), widget);
  dialog.fields.push_back({row, widget});
  const char *signal = row->kind == Kind::Int ? "value-changed" : row->kind == Kind::Toggle ? "toggled" : "changed";
  g_signal_connect(widget, signal, G_CALLBACK(update_cost), &dialog);
  if (name == std::string(spec::kArgCanvas) && canvas_field) {
    canvas_field->text = [widget] { return std::string(gtk_entry_get_text(GTK_ENTRY(widget))); };
    canvas_field->set = [widget](const std::string &text) { gtk_entry_set_text(GTK_ENTRY(widget), text.c_str()); };
    GtkWidget *checks = new_canvas_preset_checks(canvas_field);
    g_signal_connect(widget, "changed", G_CALLBACK(on_canvas_typed), checks);
    form.add_wide(checks);
  } else if (name == std::string(spec::kArgCanvas) && pick_preset) {
    *pick_preset = [widget](const std::string &preset) { gtk_entry_set_text(GTK_ENTRY(widget), preset.c_str()); };
    form.add(_("Pr_eset:"), new_canvas_preset_combo(dialog.values.text(name), pick_preset));
  }
  if (name == std::string(spec::kArgInputFidelity))  // offered only where the model has it
    gtk_widget_set_sensitive(widget, settings_model_takes_input_fidelity(settings_path));
}

// The advanced choices folded away, the reference chooser where the layout has it, and the cost
// line at the bottom.
void add_advanced_and_cost(GtkWidget *window, Dialog &dialog, Form &form, const procedures::DialogLayout &layout,
                           const std::string &settings_path, std::function<void(const std::string &)> *pick_preset,
                           CanvasField *canvas_field, ReferencePicker *references) {
  Form advanced(static_cast<int>(layout.advanced.size()));
  for (const char *name : layout.advanced)
    add_argument(advanced, dialog, name, settings_path, pick_preset, canvas_field);
  GtkWidget *expander = gtk_expander_new(_("Advanced"));
  gtk_container_add(GTK_CONTAINER(expander), advanced.table());
  form.add_wide(expander);
  if (references && layout.reference_chooser) form.add_wide(references->widget());

  gtk_misc_set_alignment(GTK_MISC(dialog.cost), 0.0, 0.5);
  gtk_label_set_line_wrap(GTK_LABEL(dialog.cost), TRUE);
  gtk_widget_set_size_request(dialog.cost, 500, -1);
  gtk_box_pack_end(GTK_BOX(gtk_dialog_get_content_area(GTK_DIALOG(window))), dialog.cost, FALSE, FALSE, 6);
  update_cost(nullptr, &dialog);
}

// Remove's dialog: one optional line (the hint) and OK; no prompt tools, nothing required.
bool run_hint_dialog(GtkWidget *window, Dialog &dialog, Form &form, const procedures::DialogLayout &layout,
                     const std::string &settings_path, ReferencePicker *references) {
  // Asked afresh each time: a hint left from the last object would be sent for this one.
  dialog.values.set_text(layout.hint_argument, "");
  add_argument(form, dialog, layout.hint_argument, settings_path, nullptr);
  GtkWidget *entry = dialog.fields.back().widget;
  gtk_entry_set_activates_default(GTK_ENTRY(entry), TRUE);  // Enter is OK
  gtk_entry_set_max_length(GTK_ENTRY(entry), static_cast<gint>(kMaxHintCharacters));
  gtk_dialog_set_default_response(GTK_DIALOG(window), GTK_RESPONSE_OK);
  for (const char *name : layout.main) add_argument(form, dialog, name, settings_path, nullptr);
  add_advanced_and_cost(window, dialog, form, layout, settings_path, nullptr, nullptr, references);
  gtk_widget_show_all(window);
  gtk_widget_grab_focus(entry);
  const bool accepted = gimp_dialog_run(GIMP_DIALOG(window)) == GTK_RESPONSE_OK;
  if (accepted) dialog.values = dialog.read();
  gtk_widget_destroy(window);
  return accepted;
}

}  // namespace

bool run_prompt_dialog_gimp2(procedures::ArgumentValues &values,
                             const std::function<std::string(const procedures::ArgumentValues &)> &describe_cost,
                             const std::vector<std::string> &recent_prompts, const std::string &settings_path,
                             ReferencePicker *references) {
  const procedures::Procedure &procedure = values.procedure();
  const procedures::DialogLayout &layout = procedures::dialog_layout(procedure);
  gimp_ui_init(spec::kBinaryName, FALSE);
  GtkWidget *window = gimp_dialog_new(_(layout.title), spec::kBinaryName, nullptr, GtkDialogFlags(0),
                                      gimp_standard_help_func, procedure.name, _("_Cancel"), GTK_RESPONSE_CANCEL,
                                      _("_OK"), GTK_RESPONSE_OK, nullptr);
  gimp_window_set_transient(GTK_WINDOW(window));
  GtkWidget *content = gtk_dialog_get_content_area(GTK_DIALOG(window));

  Dialog dialog{values, {}, nullptr, gtk_label_new(""), &describe_cost};
  std::function<void(const std::string &)> pick_preset;
  CanvasField canvas_field;
  CanvasField *canvas_checks = layout.canvas_list ? &canvas_field : nullptr;
  Form form(static_cast<int>(layout.main.size()) + 6);
  gtk_container_set_border_width(GTK_CONTAINER(form.table()), 12);
  gtk_box_pack_start(GTK_BOX(content), form.table(), TRUE, TRUE, 0);

  if (layout.hint_argument) {
    if (!run_hint_dialog(window, dialog, form, layout, settings_path, references)) return false;
    values = dialog.values;
    return true;
  }
  const Argument *prompt_row = procedure.find(spec::kArgPrompt);
  GtkWidget *scrolled = prompt_box(values.text(spec::kArgPrompt), &dialog.prompt);
  form.add(_(prompt_row->form_label), scrolled, dialog.prompt);
  // Shown only when OK is pressed with nothing to generate.
  GtkWidget *hint = gtk_label_new(layout.blank_prompt_hint ? _(layout.blank_prompt_hint) : "");
  gtk_misc_set_alignment(GTK_MISC(hint), 0.0, 0.5);
  form.add_beside(hint);
  for (const char *name : layout.main) add_argument(form, dialog, name, settings_path, &pick_preset, canvas_checks);

  add_advanced_and_cost(window, dialog, form, layout, settings_path, &pick_preset, canvas_checks, references);

  // Recent prompts, style presets and the settings, above everything else.
  GtkTextBuffer *prompt_buffer = gtk_text_view_get_buffer(GTK_TEXT_VIEW(dialog.prompt));
  GtkWidget *prompt = dialog.prompt;
  auto prompt_text = [prompt] { return text_view_text(prompt); };
  PromptTools tools{recent_prompts,
                    [prompt_buffer](const std::string &text) { gtk_text_buffer_set_text(prompt_buffer, text.c_str(), -1); },
                    prompt_text, [&dialog] { update_cost(nullptr, &dialog); }, settings_path};
  GtkWidget *tools_row = new_prompt_tools_row(&tools);
  gtk_container_set_border_width(GTK_CONTAINER(tools_row), 6);
  gtk_box_pack_start(GTK_BOX(content), tools_row, FALSE, FALSE, 0);
  gtk_box_reorder_child(GTK_BOX(content), tools_row, 0);

  gtk_widget_show_all(window);
  gtk_widget_hide(hint);
  gtk_widget_grab_focus(prompt);  // typing goes straight into the prompt
  bool accepted;
  while ((accepted = gimp_dialog_run(GIMP_DIALOG(window)) == GTK_RESPONSE_OK) && !layout.blank_prompt_allowed &&
         prompt_is_blank(prompt_text())) {
    gtk_widget_show(hint);
    gtk_widget_grab_focus(prompt);
  }
  if (accepted) values = dialog.read();
  gtk_widget_destroy(window);
  return accepted;
}

}  // namespace gpt_image
