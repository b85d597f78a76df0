// The user's settings: where requests go and how. Saved as a key file in GIMP's profile directory
// (never the API key: that lives in the system keyring, see api_key_store.h). Environment
// variables override the file, so scripts and CI can steer a run without touching it.
#pragma once

#include <string>

#include "context_plan.h"
#include "retry_policy.h"
#include "service.h"

namespace gpt_image {

constexpr const char *kDefaultBaseUrl = "https://api.openai.com/v1";
constexpr const char *kDefaultModel = "gpt-image-1.5";
constexpr long kDefaultTimeoutSeconds = 600;  // the official SDK's default
constexpr long kMaxTimeoutSeconds = 3600;
constexpr long kDefaultConnectTimeoutSeconds = 10;  // a slow relay's TLS handshake fits; a dead host fails fast
constexpr long kMaxConnectTimeoutSeconds = 300;
constexpr long kDefaultStallTimeoutSeconds = 60;  // no bytes moving while sending or reading the answer
constexpr long kMaxStallTimeoutSeconds = 3600;
constexpr double kMaxMonthlyBudgetUsd = 1000000;
constexpr long long kDefaultCacheMaxMib = 1024;     // the result cache's size cap: 1 GiB
constexpr long long kMaxCacheMaxMib = 1024 * 1024;  // 1 TiB

struct PluginSettings {
  Service service = Service::OpenAi;
  std::string base_url = kDefaultBaseUrl;
  std::string model = kDefaultModel;
  std::string organization;  // sent as OpenAI-Organization when set
  std::string project;       // sent as OpenAI-Project when set
  long timeout_seconds = kDefaultTimeoutSeconds;          // the whole exchange, the model's thinking included
  long connect_timeout_seconds = kDefaultConnectTimeoutSeconds;
  long stall_timeout_seconds = kDefaultStallTimeoutSeconds;  // 0 = never
  std::string ca_file;       // extra CA bundle for private relays; empty = the system's
  long long pixel_budget = kDefaultPixelBudget;
  int max_retries = kDefaultMaxRetries;  // retries after the first attempt (retry_policy.h)
  // Azure OpenAI (service Azure): base_url and model are not used; the deployment takes the
  // model's place in the URL and in the body, as the official SDK's Azure client does.
  std::string azure_endpoint;     // https://RESOURCE.openai.azure.com
  std::string azure_deployment;
  std::string azure_api_version;  // empty: the v1 routes ({endpoint}/openai/v1/...)
  std::string azure_model;        // the model behind the deployment, for its rules; empty: the deployment's name
  // What the plug-in keeps of its calls (the ledger, usage.csv, and the result cache).
  double monthly_budget_usd = 0;       // a call whose estimate would pass this month's spend is refused; 0 = no budget
  bool keep_prompts_in_ledger = false; // off: the ledger never holds a prompt
  long long cache_max_mib = kDefaultCacheMaxMib;  // the result cache's cap; 0 = keep no answers
};

// The model whose rules (sizes, qualities, fields, price) apply: the model, or for Azure the model
// behind the deployment, which by default is the deployment's own name.
std::string model_for_rules(const PluginSettings &settings);

// "<profile>/gimp-gpt-image/settings.ini" for a GIMP profile directory.
std::string settings_path_in_profile(const std::string &profile_directory);

// Reads the file; a missing file gives the defaults. Throws GenerativeError(Configuration) naming
// the file and the key for a value that cannot be used.
PluginSettings load_settings(const std::string &path);

// Writes the file atomically (creating its folder). Throws GenerativeError(Configuration).
void save_settings(const PluginSettings &settings, const std::string &path);

// Applies OPENAI_BASE_URL, OPENAI_IMAGE_MODEL, OPENAI_ORG_ID, OPENAI_PROJECT_ID, GPT_IMAGE_TIMEOUT,
// GPT_IMAGE_CONNECT_TIMEOUT, GPT_IMAGE_STALL_TIMEOUT, GPT_IMAGE_MAX_RETRIES, GPT_IMAGE_CA_FILE,
// GPT_IMAGE_PIXEL_BUDGET, GPT_IMAGE_MONTHLY_BUDGET (USD) and GPT_IMAGE_CACHE_MAX_MIB where set. AZURE_OPENAI_ENDPOINT, when set, chooses Azure OpenAI at that
// endpoint (it wins over OPENAI_BASE_URL); OPENAI_API_VERSION sets the Azure API version,
// GPT_IMAGE_AZURE_MODEL the model behind the deployment, and with Azure chosen (here or in the
// file) OPENAI_IMAGE_MODEL names the deployment, as the SDK's `model` argument does.
PluginSettings with_environment_overrides(PluginSettings settings);

// Throws GenerativeError(Configuration) with a sentence saying what to change.
void validate_settings(const PluginSettings &settings);

}  // namespace gpt_image
