#include "gimp3/fill_dialog_gimp3.h"

#include <libgimp/gimpui.h>

#include "procedure_spec.h"

namespace gpt_image {

bool run_fill_dialog_gimp3(GimpProcedure *procedure, GimpProcedureConfig *config) {
  gimp_ui_init(spec::kBinaryName);
  GtkWidget *dialog = gimp_procedure_dialog_new(procedure, config, "Generative Fill");
  GimpProcedureDialog *procedure_dialog = GIMP_PROCEDURE_DIALOG(dialog);

  // A multi-line prompt: GimpProcedureDialog gives string arguments a one-line entry otherwise.
  GtkWidget *prompt = gimp_procedure_dialog_get_widget(procedure_dialog, spec::kArgPrompt, GTK_TYPE_TEXT_VIEW);
  if (GTK_IS_TEXT_VIEW(prompt)) {
    gtk_text_view_set_wrap_mode(GTK_TEXT_VIEW(prompt), GTK_WRAP_WORD_CHAR);
    gtk_widget_set_size_request(prompt, 420, 110);
  }
  gimp_procedure_dialog_fill(procedure_dialog, spec::kArgPrompt, spec::kArgQuality, spec::kArgSize,
                             spec::kArgVariations, nullptr);
  const bool accepted = gimp_procedure_dialog_run(procedure_dialog);
  gtk_widget_destroy(dialog);
  return accepted;
}

}  // namespace gpt_image
