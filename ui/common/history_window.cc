#include "common/history_window.h"

#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include <memory>

#include "common/gtk_compat.h"
#include "history_lookup.h"
#include "i18n.h"
#include "procedure_spec.h"

namespace gpt_image {

namespace {

enum Column { kIndex, kText, kColumns };
enum Response { kInsert = 1, kUsePrompt = 2 };

// What the callbacks share; lives as long as the window.
struct Window {
  const std::vector<HistoryRow> *rows = nullptr;
  std::vector<GdkPixbuf *> thumbnails;  // read on first draw; nullptr until then
  std::vector<bool> tried;              // read once, even when it failed
  GtkWidget *search = nullptr, *view = nullptr, *insert = nullptr, *use_prompt = nullptr;
  GtkTreeModel *filter = nullptr;
  ~Window() {
    for (GdkPixbuf *pixbuf : thumbnails)
      if (pixbuf) g_object_unref(pixbuf);
  }
};

std::size_t row_index(GtkTreeModel *model, GtkTreeIter *iter) {
  gint index = 0;
  gtk_tree_model_get(model, iter, kIndex, &index, -1);
  return static_cast<std::size_t>(index);
}

// The thumbnail of the row being drawn, read from disk the first time it is drawn.
void draw_thumbnail(GtkTreeViewColumn *, GtkCellRenderer *cell, GtkTreeModel *model, GtkTreeIter *iter,
                    gpointer data) {
  Window &w = *static_cast<Window *>(data);
  const std::size_t i = row_index(model, iter);
  if (!w.tried[i]) {
    w.tried[i] = true;
    w.thumbnails[i] = gdk_pixbuf_new_from_file_at_size((*w.rows)[i].thumbnail.c_str(), kHistoryThumbnailSide,
                                                       kHistoryThumbnailSide, nullptr);
  }
  g_object_set(cell, "pixbuf", w.thumbnails[i], nullptr);
}

gboolean row_matches_search(GtkTreeModel *model, GtkTreeIter *iter, gpointer data) {
  Window &w = *static_cast<Window *>(data);
  const std::size_t i = row_index(model, iter);
  if (i >= w.rows->size()) return FALSE;  // a row being added, not yet filled in
  return prompt_matches_search((*w.rows)[i].prompt, gtk_entry_get_text(GTK_ENTRY(w.search))) ? TRUE : FALSE;
}

// The row chosen in the list, if any.
bool chosen_row(Window &w, std::size_t &row) {
  GtkTreeModel *model = nullptr;
  GtkTreeIter iter;
  if (!gtk_tree_selection_get_selected(gtk_tree_view_get_selection(GTK_TREE_VIEW(w.view)), &model, &iter))
    return false;
  row = row_index(model, &iter);
  return true;
}

void update_buttons(Window &w) {
  std::size_t row = 0;
  const gboolean chosen = chosen_row(w, row) ? TRUE : FALSE;
  gtk_widget_set_sensitive(w.insert, chosen);
  gtk_widget_set_sensitive(w.use_prompt, chosen);
}

void on_selection_changed(GtkTreeSelection *, gpointer data) { update_buttons(*static_cast<Window *>(data)); }

// Narrowing the list keeps the first match chosen, so Enter inserts what is seen.
void on_search_changed(GtkEditable *, gpointer data) {
  Window &w = *static_cast<Window *>(data);
  gtk_tree_model_filter_refilter(GTK_TREE_MODEL_FILTER(w.filter));
  GtkTreeIter first;
  GtkTreeSelection *selection = gtk_tree_view_get_selection(GTK_TREE_VIEW(w.view));
  if (gtk_tree_model_get_iter_first(w.filter, &first)) gtk_tree_selection_select_iter(selection, &first);
  update_buttons(w);
}

void on_row_activated(GtkTreeView *, GtkTreePath *, GtkTreeViewColumn *, gpointer data) {
  gtk_dialog_response(GTK_DIALOG(data), kInsert);
}

GtkWidget *new_list(Window &w, GtkListStore *store) {
  w.filter = gtk_tree_model_filter_new(GTK_TREE_MODEL(store), nullptr);
  gtk_tree_model_filter_set_visible_func(GTK_TREE_MODEL_FILTER(w.filter), row_matches_search, &w, nullptr);
  w.view = gtk_tree_view_new_with_model(w.filter);
  g_object_unref(w.filter);  // the view holds it
  gtk_tree_view_set_headers_visible(GTK_TREE_VIEW(w.view), FALSE);

  GtkCellRenderer *picture = gtk_cell_renderer_pixbuf_new();
  gtk_cell_renderer_set_fixed_size(picture, kHistoryThumbnailSide + 8, kHistoryThumbnailSide + 8);
  GtkTreeViewColumn *thumbs = gtk_tree_view_column_new();
  gtk_tree_view_column_pack_start(thumbs, picture, FALSE);
  gtk_tree_view_column_set_cell_data_func(thumbs, picture, draw_thumbnail, &w, nullptr);
  gtk_tree_view_column_set_sizing(thumbs, GTK_TREE_VIEW_COLUMN_FIXED);
  gtk_tree_view_column_set_fixed_width(thumbs, kHistoryThumbnailSide + 8);
  gtk_tree_view_append_column(GTK_TREE_VIEW(w.view), thumbs);

  GtkCellRenderer *text = gtk_cell_renderer_text_new();
  g_object_set(text, "ellipsize", PANGO_ELLIPSIZE_END, "yalign", 0.5f, nullptr);
  GtkTreeViewColumn *texts = gtk_tree_view_column_new_with_attributes("", text, "markup", kText, nullptr);
  gtk_tree_view_column_set_sizing(texts, GTK_TREE_VIEW_COLUMN_FIXED);
  gtk_tree_view_column_set_expand(texts, TRUE);
  gtk_tree_view_append_column(GTK_TREE_VIEW(w.view), texts);
  // Every row as high as a thumbnail: the view measures one row, not thousands, and draws
  // (so reads thumbnails for) only the rows on screen.
  gtk_tree_view_set_fixed_height_mode(GTK_TREE_VIEW(w.view), TRUE);

  GtkTreeSelection *selection = gtk_tree_view_get_selection(GTK_TREE_VIEW(w.view));
  gtk_tree_selection_set_mode(selection, GTK_SELECTION_BROWSE);
  g_signal_connect(selection, "changed", G_CALLBACK(on_selection_changed), &w);

  GtkWidget *scrolled = gtk_scrolled_window_new(nullptr, nullptr);
  gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(scrolled), GTK_SHADOW_IN);
  gtk_widget_set_size_request(scrolled, 560, 420);
  gtk_container_add(GTK_CONTAINER(scrolled), w.view);
  return scrolled;
}

}  // namespace

GtkListStore *new_history_store(const std::vector<HistoryRow> &rows) {
  GtkListStore *store = gtk_list_store_new(kColumns, G_TYPE_INT, G_TYPE_STRING);
  GtkTreeIter iter;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const HistoryRow &row = rows[i];
    // The prompt on its first line, what it was made with on the second, the key for scripts last.
    gchar *markup = g_markup_printf_escaped("<b>%s</b>\n<small>%s</small>\n<small><tt>%.12s</tt></small>",
                                            row.prompt.empty() ? _("(no prompt)") : row.prompt.c_str(),
                                            row.details.c_str(), row.key.c_str());
    gtk_list_store_insert_with_values(store, &iter, -1, kIndex, static_cast<gint>(i), kText, markup, -1);
    g_free(markup);
  }
  return store;
}

HistoryChoice run_history_window(const std::vector<HistoryRow> &rows, const std::string &status) {
  Window w;
  w.rows = &rows;
  w.thumbnails.assign(rows.size(), nullptr);
  w.tried.assign(rows.size(), false);

  GtkWidget *dialog = gimp_dialog_new(_("Generative History"), spec::kBinaryName, nullptr, GtkDialogFlags(0),
                                      gimp_standard_help_func, spec::kHistoryProcedure, nullptr);
  gtk_dialog_add_button(GTK_DIALOG(dialog), _("_Close"), GTK_RESPONSE_CLOSE);
  w.use_prompt = gtk_dialog_add_button(GTK_DIALOG(dialog), _("_Use prompt"), kUsePrompt);
  w.insert = gtk_dialog_add_button(GTK_DIALOG(dialog), _("_Insert as layer"), kInsert);
  gtk_dialog_set_default_response(GTK_DIALOG(dialog), kInsert);
  gtk_widget_set_tooltip_text(w.insert, _("Put the chosen result into the image as a new layer above the active "
                                          "layer, scaled to the selection's bounding box or the canvas"));
  gtk_widget_set_tooltip_text(w.use_prompt, _("Open Generative Fill with the chosen result's prompt"));

  GtkWidget *content = vertical_box(6);
  gtk_container_set_border_width(GTK_CONTAINER(content), 12);
  gtk_box_pack_start(GTK_BOX(gtk_dialog_get_content_area(GTK_DIALOG(dialog))), content, TRUE, TRUE, 0);

  GtkWidget *search_row = horizontal_box(6);
  GtkWidget *search_label = gtk_label_new_with_mnemonic(_("_Search prompts:"));
  w.search = gtk_entry_new();
  gtk_entry_set_activates_default(GTK_ENTRY(w.search), TRUE);
  gtk_label_set_mnemonic_widget(GTK_LABEL(search_label), w.search);
  gtk_box_pack_start(GTK_BOX(search_row), search_label, FALSE, FALSE, 0);
  gtk_box_pack_start(GTK_BOX(search_row), w.search, TRUE, TRUE, 0);
  gtk_box_pack_start(GTK_BOX(content), search_row, FALSE, FALSE, 0);

  GtkListStore *store = new_history_store(rows);
  gtk_box_pack_start(GTK_BOX(content), new_list(w, store), TRUE, TRUE, 0);
  g_object_unref(store);  // the filter holds it

  GtkWidget *status_label = gtk_label_new(status.c_str());
  align_start(status_label);
  gtk_label_set_line_wrap(GTK_LABEL(status_label), TRUE);
  gtk_box_pack_start(GTK_BOX(content), status_label, FALSE, FALSE, 0);

  g_signal_connect(w.search, "changed", G_CALLBACK(on_search_changed), &w);
  g_signal_connect(w.view, "row-activated", G_CALLBACK(on_row_activated), dialog);
  on_search_changed(nullptr, &w);  // the newest entry chosen
  gtk_widget_show_all(dialog);
  gtk_widget_grab_focus(w.search);

  HistoryChoice choice;
  const gint response = gimp_dialog_run(GIMP_DIALOG(dialog));
  std::size_t row = 0;
  if ((response == kInsert || response == kUsePrompt) && chosen_row(w, row)) {
    choice.action = response == kInsert ? HistoryChoice::Action::Insert : HistoryChoice::Action::UsePrompt;
    choice.row = row;
  }
  gtk_widget_destroy(dialog);
  return choice;
}

}  // namespace gpt_image
