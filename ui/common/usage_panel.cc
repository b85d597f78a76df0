#include "common/usage_panel.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include <cmath>
#include <ctime>
#include <memory>

#include "common/gtk_compat.h"
#include "errors.h"
#include "i18n.h"
#include "spending_budget.h"
#include "usage_totals.h"

namespace gpt_image {

namespace {

// The table of figures: GtkGrid in GTK 3, GtkTable in GTK 2.
#if GTK_CHECK_VERSION(3, 0, 0)
GtkWidget *new_table() {
  GtkWidget *grid = gtk_grid_new();
  gtk_grid_set_row_spacing(GTK_GRID(grid), 4);
  gtk_grid_set_column_spacing(GTK_GRID(grid), 18);
  return grid;
}
void table_attach(GtkWidget *table, GtkWidget *widget, int column, int row) {
  gtk_grid_attach(GTK_GRID(table), widget, column, row, 1, 1);
}
#else
GtkWidget *new_table() {
  GtkWidget *table = gtk_table_new(4, 5, FALSE);
  gtk_table_set_row_spacings(GTK_TABLE(table), 4);
  gtk_table_set_col_spacings(GTK_TABLE(table), 18);
  return table;
}
void table_attach(GtkWidget *table, GtkWidget *widget, int column, int row) {
  gtk_table_attach(GTK_TABLE(table), widget, column, column + 1, row, row + 1, GTK_FILL, GTK_FILL, 0, 0);
}
#endif

void add_cell(GtkWidget *table, const std::string &text, int column, int row) {
  GtkWidget *label = gtk_label_new(text.c_str());
  align_start(label);
  gtk_label_set_selectable(GTK_LABEL(label), TRUE);  // figures can be copied
  table_attach(table, label, column, row);
}

// "97%" of the calls the server was asked to finish; a dash where there were none.
std::string success_text(const UsagePeriod &period) {
  if (!period.success_rate) return "—";
  return format_text("%.0f%%", std::floor(*period.success_rate * 100 + 0.5));
}

std::string seconds_text(const UsagePeriod &period) {
  if (!period.median_seconds) return "—";
  return format_text(_("%.1f s"), *period.median_seconds);
}

// The known spend, and how many calls are not in it.
std::string spend_text(const UsagePeriod &period) {
  if (period.unknown_cost == 0) return format_usd(period.spend_usd);
  return format_text(_("%s (+ %lld of unknown cost)"), format_usd(period.spend_usd).c_str(), period.unknown_cost);
}

void add_period(GtkWidget *table, int row, const char *name, const UsagePeriod &period) {
  add_cell(table, name, 0, row);
  add_cell(table, format_text("%lld", period.calls), 1, row);
  add_cell(table, success_text(period), 2, row);
  add_cell(table, seconds_text(period), 3, row);
  add_cell(table, spend_text(period), 4, row);
}

// Opens the ledger's folder in the desktop's file manager; the folder is made first, so the button
// works before the first call. A problem is said in the panel's note.
void on_open_folder(GtkButton *button, gpointer data) {
  const std::string &folder = *static_cast<std::string *>(data);
  auto *note = static_cast<GtkWidget *>(g_object_get_data(G_OBJECT(button), "note"));
  if (g_mkdir_with_parents(folder.c_str(), 0700) != 0) {
    gtk_label_set_text(GTK_LABEL(note), format_text(_("Cannot make the folder %s."), folder.c_str()).c_str());
    return;
  }
  gchar *uri = g_filename_to_uri(folder.c_str(), nullptr, nullptr);
  GError *error = nullptr;
  if (!uri || !g_app_info_launch_default_for_uri(uri, nullptr, &error)) {
    gtk_label_set_text(GTK_LABEL(note),
                       format_text(_("Cannot open %s: %s"), folder.c_str(), error ? error->message : "").c_str());
    if (error) g_error_free(error);
  }
  g_free(uri);
}

}  // namespace

GtkWidget *new_usage_panel(const std::string &ledger_path) {
  GtkWidget *frame = gtk_frame_new(_("Usage"));
  GtkWidget *box = vertical_box(6);
  gtk_container_set_border_width(GTK_CONTAINER(box), 8);
  gtk_container_add(GTK_CONTAINER(frame), box);

  std::string problem;
  UsageTotals totals;
  try {
    totals = read_usage_totals(ledger_path, std::time(nullptr));
  } catch (const GenerativeError &e) {
    problem = e.what();
  }
  GtkWidget *table = new_table();
  add_cell(table, "", 0, 0);
  add_cell(table, _("Calls"), 1, 0);
  add_cell(table, _("Success"), 2, 0);
  add_cell(table, _("Median time"), 3, 0);
  add_cell(table, _("Spend"), 4, 0);
  add_period(table, 1, _("Today"), totals.today);
  add_period(table, 2, _("This month"), totals.month);
  add_period(table, 3, _("All time"), totals.all_time);
  gtk_box_pack_start(GTK_BOX(box), table, FALSE, FALSE, 0);

  if (problem.empty()) {
    if (totals.truncated)
      problem = _("The ledger is very large: only its newest part is counted. Move the file away to start afresh.");
    else if (totals.skipped_lines > 0)
      problem = format_text(_("%lld lines of the ledger could not be read and are not counted."), totals.skipped_lines);
  }
  GtkWidget *note = gtk_label_new(
      problem.empty() ? _("Days and months are UTC. Success counts the calls the server was asked to finish; "
                          "answers taken from the cache cost nothing.")
                      : problem.c_str());
  align_start(note);
  gtk_label_set_line_wrap(GTK_LABEL(note), TRUE);
  gtk_box_pack_start(GTK_BOX(box), note, FALSE, FALSE, 0);

  GtkWidget *row = horizontal_box(6);
  GtkWidget *open = gtk_button_new_with_mnemonic(_("Sho_w the ledger's folder"));
  gtk_widget_set_tooltip_text(open, ledger_path.c_str());
  gtk_box_pack_start(GTK_BOX(row), open, FALSE, FALSE, 0);
  gtk_box_pack_start(GTK_BOX(box), row, FALSE, FALSE, 0);
  gchar *folder = g_path_get_dirname(ledger_path.c_str());
  auto *kept = new std::string(folder);  // lives as long as the button
  g_free(folder);
  g_object_set_data(G_OBJECT(open), "note", note);
  g_signal_connect_data(open, "clicked", G_CALLBACK(on_open_folder), kept,
                        [](gpointer data, GClosure *) { delete static_cast<std::string *>(data); },
                        GConnectFlags(0));
  return frame;
}

}  // namespace gpt_image
