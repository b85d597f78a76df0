#include "common/settings_dialog.h"

#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include <cstdlib>
#include <vector>

#include "api_key_store.h"
#include "common/gimp_ui_init.h"
#include "common/usage_panel.h"
#include "connection_check.h"
#include "errors.h"
#include "i18n.h"
#include "image_models.h"
#include "plugin_settings.h"
#include "procedure_spec.h"

namespace gpt_image {

namespace {

constexpr const char *kKnownModels[] = {"gpt-image-1.5", "gpt-image-1", "gpt-image-1-mini", "gpt-image-2", "dall-e-2"};

// --- the few layout calls that differ between GTK 2 and GTK 3 ---------------------------------
#if GTK_CHECK_VERSION(3, 0, 0)
GtkWidget *new_form() {
  GtkWidget *grid = gtk_grid_new();
  gtk_grid_set_row_spacing(GTK_GRID(grid), 6);
  gtk_grid_set_column_spacing(GTK_GRID(grid), 12);
  return grid;
}
void align_start(GtkWidget *label) { gtk_label_set_xalign(GTK_LABEL(label), 0.0); }
void form_attach(GtkWidget *form, GtkWidget *widget, int column, int row, int columns) {
  if (column > 0) gtk_widget_set_hexpand(widget, TRUE);
  gtk_grid_attach(GTK_GRID(form), widget, column, row, columns, 1);
}
#else
GtkWidget *new_form() {
  GtkWidget *table = gtk_table_new(22, 2, FALSE);
  gtk_table_set_row_spacings(GTK_TABLE(table), 6);
  gtk_table_set_col_spacings(GTK_TABLE(table), 12);
  return table;
}
void align_start(GtkWidget *label) { gtk_misc_set_alignment(GTK_MISC(label), 0.0, 0.5); }
void form_attach(GtkWidget *form, GtkWidget *widget, int column, int row, int columns) {
  const auto x = column > 0 ? static_cast<GtkAttachOptions>(GTK_EXPAND | GTK_FILL) : GTK_FILL;
  gtk_table_attach(GTK_TABLE(form), widget, column, column + columns, row, row + 1, x, GTK_FILL, 0, 0);
}
#endif

struct Widgets {
  GtkWidget *service, *base_url, *model, *azure_endpoint, *azure_deployment, *azure_api_version, *azure_model;
  GtkWidget *organization, *project, *timeout, *connect_timeout, *stall_timeout, *retries, *ca_file, *key, *key_status,
      *result;
  GtkWidget *budget, *keep_prompts, *cache_mib;  // what the plug-in keeps of its calls
  // The rows (label and field) that belong to one service only: shown when it is chosen.
  std::vector<GtkWidget *> openai_rows, azure_rows;
  bool shown = false;  // false while the dialog is built: a saved address's problem is shown below instead
};

// The service combo's entries, in the order of the Service enum.
constexpr int kServiceOpenAi = 0, kServiceAzure = 1;

GtkWidget *add_row(GtkWidget *form, int row, const char *label_text, GtkWidget *widget,
                   std::vector<GtkWidget *> *rows = nullptr) {
  GtkWidget *label = gtk_label_new_with_mnemonic(label_text);
  align_start(label);
  gtk_label_set_mnemonic_widget(GTK_LABEL(label), widget);
  form_attach(form, label, 0, row, 1);
  form_attach(form, widget, 1, row, 1);
  if (rows) rows->insert(rows->end(), {label, widget});
  return widget;
}

Service chosen_service(const Widgets &w) {
  return gtk_combo_box_get_active(GTK_COMBO_BOX(w.service)) == kServiceAzure ? Service::Azure : Service::OpenAi;
}

GtkWidget *text_entry(const std::string &text) {
  GtkWidget *entry = gtk_entry_new();
  gtk_entry_set_text(GTK_ENTRY(entry), text.c_str());
  gtk_entry_set_activates_default(GTK_ENTRY(entry), TRUE);
  return entry;
}

std::string entry_text(GtkWidget *entry) {
  gchar *copy = g_strstrip(g_strdup(gtk_entry_get_text(GTK_ENTRY(entry))));
  std::string out = copy;
  g_free(copy);
  return out;
}

std::string model_text(GtkWidget *combo) {
  return entry_text(gtk_bin_get_child(GTK_BIN(combo)));
}

PluginSettings settings_from(const Widgets &w, const PluginSettings &base) {
  PluginSettings s = base;
  s.service = chosen_service(w);
  s.base_url = entry_text(w.base_url);
  s.model = model_text(w.model);
  s.azure_endpoint = entry_text(w.azure_endpoint);
  s.azure_deployment = entry_text(w.azure_deployment);
  s.azure_api_version = entry_text(w.azure_api_version);
  s.azure_model = entry_text(w.azure_model);
  s.organization = entry_text(w.organization);
  s.project = entry_text(w.project);
  s.timeout_seconds = gtk_spin_button_get_value_as_int(GTK_SPIN_BUTTON(w.timeout));
  s.connect_timeout_seconds = gtk_spin_button_get_value_as_int(GTK_SPIN_BUTTON(w.connect_timeout));
  s.stall_timeout_seconds = gtk_spin_button_get_value_as_int(GTK_SPIN_BUTTON(w.stall_timeout));
  s.max_retries = gtk_spin_button_get_value_as_int(GTK_SPIN_BUTTON(w.retries));
  s.ca_file = entry_text(w.ca_file);
  // A value typed but not yet committed (OK pressed by its mnemonic, the field still focused) counts.
  for (GtkWidget *spin : {w.budget, w.cache_mib}) gtk_spin_button_update(GTK_SPIN_BUTTON(spin));
  s.monthly_budget_usd = gtk_spin_button_get_value(GTK_SPIN_BUTTON(w.budget));
  s.keep_prompts_in_ledger = gtk_toggle_button_get_active(GTK_TOGGLE_BUTTON(w.keep_prompts));
  s.cache_max_mib = static_cast<long long>(gtk_spin_button_get_value(GTK_SPIN_BUTTON(w.cache_mib)));
  return s;
}

// The model list's columns: the name (what the entry takes when a row is chosen, and what is
// saved) and, for a name the catalogue does not know, a mark shown beside it in the list.
enum { kModelNameColumn, kModelMarkColumn };

GtkWidget *new_model_combo() {
  GtkListStore *store = gtk_list_store_new(2, G_TYPE_STRING, G_TYPE_STRING);
  GtkWidget *combo = gtk_combo_box_new_with_model_and_entry(GTK_TREE_MODEL(store));
  g_object_unref(store);
  gtk_combo_box_set_entry_text_column(GTK_COMBO_BOX(combo), kModelNameColumn);
  GtkCellRenderer *mark = gtk_cell_renderer_text_new();
  g_object_set(mark, "style", PANGO_STYLE_ITALIC, nullptr);
  gtk_cell_layout_pack_start(GTK_CELL_LAYOUT(combo), mark, FALSE);
  gtk_cell_layout_add_attribute(GTK_CELL_LAYOUT(combo), mark, "text", kModelMarkColumn);
  return combo;
}

void fill_models(GtkWidget *combo, const std::vector<std::string> &models, const std::string &current) {
  GtkListStore *store = GTK_LIST_STORE(gtk_combo_box_get_model(GTK_COMBO_BOX(combo)));
  gtk_list_store_clear(store);
  for (const ModelListEntry &entry : model_list_entries(models)) {
    GtkTreeIter row;
    gtk_list_store_append(store, &row);
    gtk_list_store_set(store, &row, kModelNameColumn, entry.name.c_str(), kModelMarkColumn, entry.mark.c_str(), -1);
  }
  gtk_entry_set_text(GTK_ENTRY(gtk_bin_get_child(GTK_BIN(combo))), current.c_str());
}

// Where the key for this address (base URL or Azure endpoint) comes from, in words (never the key).
std::string key_status(const std::string &address, Service service) {
  const ApiKeyLookup found = find_api_key(address, service);
  const char *variable = api_key_variable(service);
  switch (found.source) {
    case KeySource::Environment:
      return format_text(_("%s is set: it is used instead of any stored key."), variable);
    case KeySource::Keyring:
      return service == Service::Azure
                 ? _("A key is stored in the system keyring for this Azure endpoint. Type a new one to replace it.")
                 : _("A key is stored in the system keyring for this base URL. Type a new one to replace it.");
    case KeySource::None:
      break;
  }
  if (!found.keyring_problem.empty())
    return format_text(_("Cannot store a key: %s. Set %s instead."), found.keyring_problem.c_str(), variable);
  return service == Service::Azure ? _("No key is stored for this Azure endpoint yet.")
                                   : _("No key is stored for this base URL yet.");
}

// The key status for what the dialog shows now; an address not (yet) valid says so.
void update_key_status(Widgets &w) {
  std::string status;
  try {
    PluginSettings shown = settings_from(w, PluginSettings{});
    status = key_status(key_address(shown), shown.service);
  } catch (const GenerativeError &e) {
    if (w.shown) status = e.what();  // a typed address is refused: say why where the key's status would be
  }
  gtk_label_set_text(GTK_LABEL(w.key_status), status.c_str());
}

// Leaving the base URL or endpoint field: the key status follows the address typed.
gboolean on_address_left(GtkWidget *, GdkEvent *, gpointer data) {
  update_key_status(*static_cast<Widgets *>(data));
  return FALSE;  // the entry still handles the event
}

// Shows the rows of the chosen service only.
void on_service_changed(GtkComboBox *, gpointer data) {
  auto &w = *static_cast<Widgets *>(data);
  const bool azure = chosen_service(w) == Service::Azure;
  for (GtkWidget *widget : w.openai_rows) gtk_widget_set_visible(widget, !azure);
  for (GtkWidget *widget : w.azure_rows) gtk_widget_set_visible(widget, azure);
  update_key_status(w);
}

void on_test_clicked(GtkButton *, gpointer data) {
  auto *w = static_cast<Widgets *>(data);
  gtk_label_set_text(GTK_LABEL(w->result), _("Testing…"));
  while (gtk_events_pending()) gtk_main_iteration();
  std::string message;
  try {
    PluginSettings settings = settings_from(*w, PluginSettings{});
    std::string key = entry_text(w->key);
    if (key.empty()) key = find_api_key(key_address(settings), settings.service).key;
    ConnectionSettings connection = connection_for(settings, key);
    connection.timeout_seconds = std::min<long>(connection.timeout_seconds, 20);  // a check, not a render
    const ConnectionCheck check = check_connection(connection);
    message = check.message;
    if (!check.models.empty()) fill_models(w->model, check.models, settings.model);
  } catch (const GenerativeError &e) {
    message = e.what();
  }
  gtk_label_set_text(GTK_LABEL(w->result), message.c_str());
}

}  // namespace

bool run_settings_dialog(const std::string &settings_path) {
  init_gimp_ui();
  PluginSettings settings;
  std::string load_problem;
  try {
    settings = load_settings(settings_path);
  } catch (const GenerativeError &e) {
    load_problem = e.what();
  }

  GtkWidget *dialog = gimp_dialog_new(_("Generative Fill Settings"), spec::kBinaryName, nullptr, GtkDialogFlags(0),
                                      gimp_standard_help_func, spec::kSettingsProcedure, _("_Cancel"),
                                      GTK_RESPONSE_CANCEL, _("_OK"), GTK_RESPONSE_OK, nullptr);
  gtk_dialog_set_default_response(GTK_DIALOG(dialog), GTK_RESPONSE_OK);
  GtkWidget *form = new_form();
  gtk_container_set_border_width(GTK_CONTAINER(form), 12);
  gtk_box_pack_start(GTK_BOX(gtk_dialog_get_content_area(GTK_DIALOG(dialog))), form, TRUE, TRUE, 0);

  Widgets w{};
  w.service = gtk_combo_box_text_new();
  gtk_combo_box_text_append_text(GTK_COMBO_BOX_TEXT(w.service), _("OpenAI-compatible"));
  gtk_combo_box_text_append_text(GTK_COMBO_BOX_TEXT(w.service), _("Azure OpenAI"));
  gtk_combo_box_set_active(GTK_COMBO_BOX(w.service),
                           settings.service == Service::Azure ? kServiceAzure : kServiceOpenAi);
  add_row(form, 0, _("Ser_vice:"), w.service);
  w.base_url = add_row(form, 1, _("_Base URL:"), text_entry(settings.base_url), &w.openai_rows);
  gtk_widget_set_size_request(w.base_url, 360, -1);
  w.model = new_model_combo();
  std::vector<std::string> known(std::begin(kKnownModels), std::end(kKnownModels));
  fill_models(w.model, known, settings.model);
  add_row(form, 2, _("_Model:"), w.model, &w.openai_rows);
  w.azure_endpoint = add_row(form, 3, _("En_dpoint:"), text_entry(settings.azure_endpoint), &w.azure_rows);
  gtk_widget_set_tooltip_text(w.azure_endpoint, _("The resource's address, such as https://RESOURCE.openai.azure.com"));
  w.azure_deployment = add_row(form, 4, _("Deplo_yment:"), text_entry(settings.azure_deployment), &w.azure_rows);
  gtk_widget_set_tooltip_text(w.azure_deployment, _("The deployment's name: it takes the model's place"));
  w.azure_api_version =
      add_row(form, 5, _("API ver_sion:"), text_entry(settings.azure_api_version), &w.azure_rows);
  gtk_widget_set_tooltip_text(w.azure_api_version,
                              _("Such as 2025-04-01-preview; empty uses Azure's v1 routes (/openai/v1)"));
  w.azure_model = add_row(form, 6, _("Mode_l behind the deployment:"), text_entry(settings.azure_model), &w.azure_rows);
  gtk_widget_set_tooltip_text(w.azure_model,
                              _("Optional: the model the deployment runs, for its sizes and qualities; empty means "
                                "the deployment is named after its model"));
  w.key = add_row(form, 7, _("API _key:"), text_entry(""));
  gtk_entry_set_visibility(GTK_ENTRY(w.key), FALSE);
  w.key_status = gtk_label_new("");
  align_start(w.key_status);
  gtk_label_set_line_wrap(GTK_LABEL(w.key_status), TRUE);
  form_attach(form, w.key_status, 1, 8, 1);
  // A saved address that is refused now (a stricter rule, an edited file) must not keep the only
  // place that can fix it from opening: the problem is shown below and OK saves only a fixed one.
  try {
    key_address(settings);
  } catch (const GenerativeError &e) {
    if (!load_problem.empty()) load_problem += "\n";
    load_problem += e.what();
  }
  w.organization = add_row(form, 9, _("O_rganization id:"), text_entry(settings.organization), &w.openai_rows);
  w.project = add_row(form, 10, _("_Project id:"), text_entry(settings.project), &w.openai_rows);
  w.timeout = gtk_spin_button_new_with_range(1, kMaxTimeoutSeconds, 10);
  gtk_spin_button_set_value(GTK_SPIN_BUTTON(w.timeout), static_cast<double>(settings.timeout_seconds));
  gtk_widget_set_tooltip_text(w.timeout, _("The longest a whole request may take, the model's work included"));
  add_row(form, 11, _("T_imeout (seconds):"), w.timeout);
  w.connect_timeout = gtk_spin_button_new_with_range(1, kMaxConnectTimeoutSeconds, 1);
  gtk_spin_button_set_value(GTK_SPIN_BUTTON(w.connect_timeout), static_cast<double>(settings.connect_timeout_seconds));
  add_row(form, 12, _("Co_nnect timeout (seconds):"), w.connect_timeout);
  w.stall_timeout = gtk_spin_button_new_with_range(0, kMaxStallTimeoutSeconds, 5);
  gtk_spin_button_set_value(GTK_SPIN_BUTTON(w.stall_timeout), static_cast<double>(settings.stall_timeout_seconds));
  gtk_widget_set_tooltip_text(w.stall_timeout,
                              _("Gives up when no data moves for this long while sending or receiving (not while the "
                                "model works); 0 = never"));
  add_row(form, 13, _("St_all timeout (seconds):"), w.stall_timeout);
  w.retries = gtk_spin_button_new_with_range(0, kMaxRetriesLimit, 1);
  gtk_spin_button_set_value(GTK_SPIN_BUTTON(w.retries), settings.max_retries);
  gtk_widget_set_tooltip_text(w.retries, _("Tries again after rate limits, server errors and dropped connections"));
  add_row(form, 14, _("R_etries:"), w.retries);
  w.ca_file = add_row(form, 15, _("CA _file (private relays):"), text_entry(settings.ca_file));

  GtkWidget *test = gtk_button_new_with_mnemonic(_("_Test connection"));
  form_attach(form, test, 0, 16, 1);
  w.result = gtk_label_new(load_problem.c_str());
  align_start(w.result);
  gtk_label_set_line_wrap(GTK_LABEL(w.result), TRUE);
  gtk_widget_set_size_request(w.result, 360, -1);
  form_attach(form, w.result, 1, 16, 1);
  g_signal_connect(test, "clicked", G_CALLBACK(on_test_clicked), &w);
  if (std::getenv("OPENAI_BASE_URL") || std::getenv("OPENAI_IMAGE_MODEL") || std::getenv("AZURE_OPENAI_ENDPOINT") ||
      std::getenv("OPENAI_API_VERSION")) {
    GtkWidget *note = gtk_label_new(_("OPENAI_BASE_URL, OPENAI_IMAGE_MODEL, AZURE_OPENAI_ENDPOINT or OPENAI_API_VERSION "
                                      "is set in the environment and overrides these settings when GIMP runs a fill."));
    align_start(note);
    gtk_label_set_line_wrap(GTK_LABEL(note), TRUE);
    form_attach(form, note, 0, 17, 2);
  }
  // What the plug-in keeps of its calls: the budget held against the ledger, prompts in it, the cache.
  w.budget = gtk_spin_button_new_with_range(0, kMaxMonthlyBudgetUsd, 1);
  gtk_spin_button_set_digits(GTK_SPIN_BUTTON(w.budget), 2);
  gtk_spin_button_set_value(GTK_SPIN_BUTTON(w.budget), settings.monthly_budget_usd);
  gtk_widget_set_tooltip_text(w.budget, _("A call whose estimate would take this month's spend (UTC) over this is "
                                          "refused before anything is sent; 0 = no budget. GPT_IMAGE_MONTHLY_BUDGET "
                                          "overrides it."));
  add_row(form, 18, _("Monthly bud_get (USD):"), w.budget);
  w.keep_prompts = gtk_check_button_new_with_mnemonic(_("Keep prompts in the _usage ledger"));
  gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(w.keep_prompts), settings.keep_prompts_in_ledger);
  gtk_widget_set_tooltip_text(w.keep_prompts, _("Off: the usage ledger never holds what you asked for"));
  form_attach(form, w.keep_prompts, 1, 19, 1);
  w.cache_mib = gtk_spin_button_new_with_range(0, static_cast<double>(kMaxCacheMaxMib), 64);
  gtk_spin_button_set_value(GTK_SPIN_BUTTON(w.cache_mib), static_cast<double>(settings.cache_max_mib));
  gtk_widget_set_tooltip_text(w.cache_mib, _("The most the result cache keeps on disk; the least recently used "
                                             "answers go first; 0 = keep none"));
  add_row(form, 20, _("Result cache si_ze (MiB):"), w.cache_mib);
  gchar *folder = g_path_get_dirname(settings_path.c_str());
  gchar *ledger = g_build_filename(folder, "usage.csv", nullptr);  // beside settings.ini (usage_totals.h)
  form_attach(form, new_usage_panel(ledger), 0, 21, 2);
  g_free(ledger);
  g_free(folder);

  gtk_widget_show_all(dialog);
  g_signal_connect(w.service, "changed", G_CALLBACK(on_service_changed), &w);
  for (GtkWidget *address : {w.base_url, w.azure_endpoint})
    g_signal_connect(address, "focus-out-event", G_CALLBACK(on_address_left), &w);
  on_service_changed(GTK_COMBO_BOX(w.service), &w);
  w.shown = true;
  bool saved = false;
  while (!saved && gimp_dialog_run(GIMP_DIALOG(dialog)) == GTK_RESPONSE_OK) {
    try {
      const PluginSettings chosen = settings_from(w, settings);
      const std::string key = checked_api_key(entry_text(w.key));  // before anything is saved
      save_settings(chosen, settings_path);
      if (!key.empty()) store_api_key_in_keyring(key_address(chosen), key, chosen.service);
      saved = true;
    } catch (const GenerativeError &e) {
      gtk_label_set_text(GTK_LABEL(w.result), e.what());  // keep the dialog open to fix it
    }
  }
  gtk_widget_destroy(dialog);
  return saved;
}

}  // namespace gpt_image
