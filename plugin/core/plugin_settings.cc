#include "plugin_settings.h"

#include <glib.h>
#include <glib/gstdio.h>

#include <cstdlib>
#include <memory>

#include "connection_settings.h"
#include "errors.h"
#include "i18n.h"
#include "service_route.h"

namespace gpt_image {

namespace {

constexpr const char *kGroup = "connection";

using KeyFilePtr = std::unique_ptr<GKeyFile, decltype(&g_key_file_unref)>;

std::string env(const char *name) {
  const char *value = std::getenv(name);
  return value ? value : "";
}

long long parse_number(const std::string &text, long long minimum, long long maximum, const std::string &where) {
  char *end = nullptr;
  const long long value = g_ascii_strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value < minimum || value > maximum)
    // TRANSLATORS: the first %s names the setting, e.g. GPT_IMAGE_TIMEOUT or "max_retries in /path/settings.ini"
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("%s must be a whole number from %lld to %lld (it is \"%s\")."), where.c_str(),
                                      minimum, maximum, text.c_str()));
  return value;
}

// A sum of US dollars: a plain decimal ("25", "12.50"), never negative.
double parse_dollars(const std::string &text, const std::string &where) {
  char *end = nullptr;
  const double value = g_ascii_strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !(value >= 0 && value <= kMaxMonthlyBudgetUsd))
    // TRANSLATORS: the first %s names the setting, e.g. GPT_IMAGE_MONTHLY_BUDGET
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("%s must be an amount in US dollars from 0 (no budget) to %.0f, such as "
                                        "25 or 12.50 (it is \"%s\")."),
                                      where.c_str(), kMaxMonthlyBudgetUsd, text.c_str()));
  return value;
}

bool parse_switch(const std::string &text, const std::string &where) {
  if (text == "true" || text == "1") return true;
  if (text == "false" || text == "0") return false;
  // TRANSLATORS: the first %s names the setting; "true" and "false" are values in the file, not to be translated
  throw GenerativeError(ErrorKind::Configuration,
                        format_text(_("%s must be true or false (it is \"%s\")."), where.c_str(), text.c_str()));
}

std::string read_string(GKeyFile *file, const char *key, const std::string &fallback) {
  gchar *value = g_key_file_get_string(file, kGroup, key, nullptr);
  if (!value) return fallback;
  std::string out = g_strstrip(value);
  g_free(value);
  return out;
}

const char *service_name(Service service) { return service == Service::Azure ? "azure" : "openai"; }

}  // namespace

std::string model_for_rules(const PluginSettings &settings) {
  if (settings.service != Service::Azure) return settings.model;
  return settings.azure_model.empty() ? settings.azure_deployment : settings.azure_model;
}

std::string settings_path_in_profile(const std::string &profile_directory) {
  gchar *path = g_build_filename(profile_directory.c_str(), "gimp-gpt-image", "settings.ini", nullptr);
  std::string out = path;
  g_free(path);
  return out;
}

PluginSettings load_settings(const std::string &path) {
  PluginSettings settings;
  KeyFilePtr file(g_key_file_new(), g_key_file_unref);
  GError *error = nullptr;
  if (!g_key_file_load_from_file(file.get(), path.c_str(), G_KEY_FILE_NONE, &error)) {
    const bool missing = g_error_matches(error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
    const std::string why = error->message;
    g_error_free(error);
    if (missing) return settings;
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("The settings file %s cannot be read: %s. Fix or delete it, then try again."),
                                      path.c_str(), why.c_str()));
  }
  // TRANSLATORS: a setting in a file, e.g. "max_retries in /path/settings.ini"
  auto where = [&path](const char *key) { return format_text(_("%s in %s"), key, path.c_str()); };
  const std::string service = read_string(file.get(), "service", "openai");
  if (service != "openai" && service != "azure")
    // TRANSLATORS: "openai" and "azure" are values in the settings file, not to be translated
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("%s must be \"openai\" or \"azure\" (it is \"%s\")."),
                                      where("service").c_str(), service.c_str()));
  settings.service = service == "azure" ? Service::Azure : Service::OpenAi;
  settings.azure_endpoint = read_string(file.get(), "azure_endpoint", "");
  settings.azure_deployment = read_string(file.get(), "azure_deployment", "");
  settings.azure_api_version = read_string(file.get(), "azure_api_version", "");
  settings.azure_model = read_string(file.get(), "azure_model", "");
  settings.base_url = read_string(file.get(), "base_url", settings.base_url);
  settings.model = read_string(file.get(), "model", settings.model);
  settings.organization = read_string(file.get(), "organization", "");
  settings.project = read_string(file.get(), "project", "");
  settings.ca_file = read_string(file.get(), "ca_file", "");
  const std::string timeout = read_string(file.get(), "timeout_seconds", "");
  if (!timeout.empty()) settings.timeout_seconds = parse_number(timeout, 1, kMaxTimeoutSeconds, where("timeout_seconds"));
  const std::string connect = read_string(file.get(), "connect_timeout_seconds", "");
  if (!connect.empty())
    settings.connect_timeout_seconds =
        parse_number(connect, 1, kMaxConnectTimeoutSeconds, where("connect_timeout_seconds"));
  const std::string stall = read_string(file.get(), "stall_timeout_seconds", "");
  if (!stall.empty())
    settings.stall_timeout_seconds = parse_number(stall, 0, kMaxStallTimeoutSeconds, where("stall_timeout_seconds"));
  const std::string retries = read_string(file.get(), "max_retries", "");
  if (!retries.empty())
    settings.max_retries = static_cast<int>(parse_number(retries, 0, kMaxRetriesLimit, where("max_retries")));
  const std::string budget = read_string(file.get(), "pixel_budget", "");
  if (!budget.empty()) settings.pixel_budget = parse_number(budget, 65536, 3840LL * 2160, where("pixel_budget"));
  const std::string monthly = read_string(file.get(), "monthly_budget_usd", "");
  if (!monthly.empty()) settings.monthly_budget_usd = parse_dollars(monthly, where("monthly_budget_usd"));
  const std::string keep_prompts = read_string(file.get(), "keep_prompts_in_ledger", "");
  if (!keep_prompts.empty())
    settings.keep_prompts_in_ledger = parse_switch(keep_prompts, where("keep_prompts_in_ledger"));
  const std::string cache_cap = read_string(file.get(), "cache_max_mib", "");
  if (!cache_cap.empty()) settings.cache_max_mib = parse_number(cache_cap, 0, kMaxCacheMaxMib, where("cache_max_mib"));
  return settings;
}

void save_settings(const PluginSettings &settings, const std::string &path) {
  validate_settings(settings);
  KeyFilePtr file(g_key_file_new(), g_key_file_unref);
  g_key_file_set_comment(file.get(), nullptr, nullptr,
                         " gimp-gpt-image settings. The API key is not stored here: it is kept in the\n"
                         " system keyring (or read from OPENAI_API_KEY or AZURE_OPENAI_API_KEY).",
                         nullptr);
  g_key_file_set_string(file.get(), kGroup, "service", service_name(settings.service));
  g_key_file_set_string(file.get(), kGroup, "base_url", settings.base_url.c_str());
  g_key_file_set_string(file.get(), kGroup, "model", settings.model.c_str());
  g_key_file_set_string(file.get(), kGroup, "organization", settings.organization.c_str());
  g_key_file_set_string(file.get(), kGroup, "project", settings.project.c_str());
  g_key_file_set_int64(file.get(), kGroup, "timeout_seconds", settings.timeout_seconds);
  g_key_file_set_int64(file.get(), kGroup, "connect_timeout_seconds", settings.connect_timeout_seconds);
  g_key_file_set_int64(file.get(), kGroup, "stall_timeout_seconds", settings.stall_timeout_seconds);
  g_key_file_set_integer(file.get(), kGroup, "max_retries", settings.max_retries);
  g_key_file_set_string(file.get(), kGroup, "ca_file", settings.ca_file.c_str());
  g_key_file_set_int64(file.get(), kGroup, "pixel_budget", settings.pixel_budget);
  g_key_file_set_string(file.get(), kGroup, "azure_endpoint", settings.azure_endpoint.c_str());
  g_key_file_set_string(file.get(), kGroup, "azure_deployment", settings.azure_deployment.c_str());
  g_key_file_set_string(file.get(), kGroup, "azure_api_version", settings.azure_api_version.c_str());
  g_key_file_set_string(file.get(), kGroup, "azure_model", settings.azure_model.c_str());
  char dollars[G_ASCII_DTOSTR_BUF_SIZE];  // in cents, and never in the locale's decimal comma
  g_key_file_set_string(file.get(), kGroup, "monthly_budget_usd",
                        g_ascii_formatd(dollars, sizeof dollars, "%.2f", settings.monthly_budget_usd));
  g_key_file_set_boolean(file.get(), kGroup, "keep_prompts_in_ledger", settings.keep_prompts_in_ledger);
  g_key_file_set_int64(file.get(), kGroup, "cache_max_mib", settings.cache_max_mib);
  gchar *folder = g_path_get_dirname(path.c_str());
  const int made = g_mkdir_with_parents(folder, 0700);
  g_free(folder);
  GError *error = nullptr;
  if (made != 0 || !g_key_file_save_to_file(file.get(), path.c_str(), &error)) {
    const std::string why = error ? error->message : g_strerror(errno);
    g_clear_error(&error);
    throw GenerativeError(ErrorKind::Configuration, 
                          format_text(_("Could not save the settings to %s: %s"), path.c_str(), why.c_str()));
  }
}

PluginSettings with_environment_overrides(PluginSettings settings) {
  if (!env("OPENAI_BASE_URL").empty()) settings.base_url = env("OPENAI_BASE_URL");
  if (!env("OPENAI_IMAGE_MODEL").empty()) settings.model = env("OPENAI_IMAGE_MODEL");
  if (!env("OPENAI_ORG_ID").empty()) settings.organization = env("OPENAI_ORG_ID");
  if (!env("OPENAI_PROJECT_ID").empty()) settings.project = env("OPENAI_PROJECT_ID");
  if (!env("GPT_IMAGE_CA_FILE").empty()) settings.ca_file = env("GPT_IMAGE_CA_FILE");
  if (!env("GPT_IMAGE_TIMEOUT").empty())
    settings.timeout_seconds = parse_number(env("GPT_IMAGE_TIMEOUT"), 1, kMaxTimeoutSeconds, "GPT_IMAGE_TIMEOUT");
  if (!env("GPT_IMAGE_CONNECT_TIMEOUT").empty())
    settings.connect_timeout_seconds =
        parse_number(env("GPT_IMAGE_CONNECT_TIMEOUT"), 1, kMaxConnectTimeoutSeconds, "GPT_IMAGE_CONNECT_TIMEOUT");
  if (!env("GPT_IMAGE_STALL_TIMEOUT").empty())
    settings.stall_timeout_seconds =
        parse_number(env("GPT_IMAGE_STALL_TIMEOUT"), 0, kMaxStallTimeoutSeconds, "GPT_IMAGE_STALL_TIMEOUT");
  if (!env("GPT_IMAGE_MAX_RETRIES").empty())
    settings.max_retries =
        static_cast<int>(parse_number(env("GPT_IMAGE_MAX_RETRIES"), 0, kMaxRetriesLimit, "GPT_IMAGE_MAX_RETRIES"));
  if (!env("GPT_IMAGE_PIXEL_BUDGET").empty())
    settings.pixel_budget = parse_number(env("GPT_IMAGE_PIXEL_BUDGET"), 65536, 3840LL * 2160, "GPT_IMAGE_PIXEL_BUDGET");
  if (!env("GPT_IMAGE_MONTHLY_BUDGET").empty())
    settings.monthly_budget_usd = parse_dollars(env("GPT_IMAGE_MONTHLY_BUDGET"), "GPT_IMAGE_MONTHLY_BUDGET");
  if (!env("GPT_IMAGE_CACHE_MAX_MIB").empty())
    settings.cache_max_mib = parse_number(env("GPT_IMAGE_CACHE_MAX_MIB"), 0, kMaxCacheMaxMib, "GPT_IMAGE_CACHE_MAX_MIB");
  // Azure's variables, named as the official SDK's Azure client reads them. The endpoint wins over
  // OPENAI_BASE_URL, so one environment can hold both services' variables.
  if (!env("AZURE_OPENAI_ENDPOINT").empty()) {
    settings.service = Service::Azure;
    settings.azure_endpoint = env("AZURE_OPENAI_ENDPOINT");
  }
  if (!env("OPENAI_API_VERSION").empty()) settings.azure_api_version = env("OPENAI_API_VERSION");
  if (!env("GPT_IMAGE_AZURE_MODEL").empty()) settings.azure_model = env("GPT_IMAGE_AZURE_MODEL");
  if (settings.service == Service::Azure && !env("OPENAI_IMAGE_MODEL").empty())
    settings.azure_deployment = env("OPENAI_IMAGE_MODEL");
  return settings;
}

void validate_settings(const PluginSettings &settings) {
  if (settings.service == Service::Azure) {
    validate_azure_endpoint(settings.azure_endpoint);
    validate_azure_deployment(settings.azure_deployment);
    validate_azure_api_version(settings.azure_api_version);
    if (!settings.azure_model.empty()) validate_azure_model(settings.azure_model);
  } else {
    validate_base_url(settings.base_url);
    if (settings.model.empty())
      throw GenerativeError(ErrorKind::Configuration,
                            format_text(_("Choose a model (for example %s)."), kDefaultModel));
  }
  if (settings.timeout_seconds < 1 || settings.timeout_seconds > kMaxTimeoutSeconds)
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("The timeout must be between 1 and %lld seconds."),
                                      static_cast<long long>(kMaxTimeoutSeconds)));
  if (settings.connect_timeout_seconds < 1 || settings.connect_timeout_seconds > kMaxConnectTimeoutSeconds)
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("The connect timeout must be between 1 and %ld seconds."),
                                      kMaxConnectTimeoutSeconds));
  if (settings.stall_timeout_seconds < 0 || settings.stall_timeout_seconds > kMaxStallTimeoutSeconds)
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("The stall timeout must be between 0 (never) and %ld seconds."),
                                      kMaxStallTimeoutSeconds));
  if (settings.max_retries < 0 || settings.max_retries > kMaxRetriesLimit)
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("Retries must be between 0 and %d."), kMaxRetriesLimit));
  if (!settings.ca_file.empty() && !g_file_test(settings.ca_file.c_str(), G_FILE_TEST_IS_REGULAR))
    throw GenerativeError(ErrorKind::Configuration, 
                          format_text(_("The CA file %s does not exist."), settings.ca_file.c_str()));
  if (!(settings.monthly_budget_usd >= 0 && settings.monthly_budget_usd <= kMaxMonthlyBudgetUsd))
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("The monthly budget must be between 0 (no budget) and %.0f US dollars."),
                                      kMaxMonthlyBudgetUsd));
  if (settings.cache_max_mib < 0 || settings.cache_max_mib > kMaxCacheMaxMib)
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("The cache size must be between 0 and %lld MiB."), kMaxCacheMaxMib));
  for (const std::string *header : {&settings.organization, &settings.project})
    for (unsigned char c : *header)
      if (c < 0x20 || c == 0x7f)
        throw GenerativeError(ErrorKind::Configuration, _("Organization and project ids must be plain text."));
}

}  // namespace gpt_image
