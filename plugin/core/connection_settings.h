// Everything one run needs to reach the Images API: the settings (file, then environment
// overrides) and the key (environment, then keyring).
#pragma once

#include <memory>
#include <string>

#include "api_key_store.h"
#include "plugin_settings.h"

namespace gpt_image {

class RunAccounting;  // run_accounting.h

struct ConnectionSettings {
  Service service = Service::OpenAi;
  std::string base_url = kDefaultBaseUrl;  // without a trailing slash; Azure: the endpoint
  std::string api_key;                     // secret: never logged, never shown
  std::string model = kDefaultModel;       // Azure: the model behind the deployment (its rules)
  std::string deployment;                  // Azure only: takes the model's place in URL and body
  std::string api_version;                 // Azure only; empty: the v1 routes
  std::string organization;
  std::string project;
  std::string ca_file;
  long connect_timeout_seconds = kDefaultConnectTimeoutSeconds;
  long timeout_seconds = kDefaultTimeoutSeconds;
  long stall_timeout_seconds = kDefaultStallTimeoutSeconds;
  long long pixel_budget = kDefaultPixelBudget;
  int max_retries = kDefaultMaxRetries;
  // What the run keeps of each request (ledger line, result cache); null: nothing (run_accounting.h).
  std::shared_ptr<RunAccounting> accounting;
};

// Settings from `settings_path` (none when empty), overridden by the environment, plus the key (for
// Azure from AZURE_OPENAI_API_KEY or the keyring's Azure item for the endpoint, never OPENAI_API_KEY).
// Throws GenerativeError(Configuration) when no key is found or a setting is unusable.
ConnectionSettings resolve_connection(const std::string &settings_path);

// The address a key is kept for: the normalised base URL, or for Azure the endpoint. Throws as
// validate_base_url does.
std::string key_address(const PluginSettings &settings);

// The same from settings already in hand (the settings dialog's "Test connection").
ConnectionSettings connection_for(const PluginSettings &settings, const std::string &api_key);

// Accepts https:// anywhere and http:// only to loopback (an IPv4 literal in 127.0.0.0/8, [::1], or
// exactly localhost), as libcurl parses the URL; refuses user names, queries and fragments. The
// error says how to fix the URL. Returns libcurl's normalised URL without a trailing slash: every
// request URL is built from it.
std::string validate_base_url(const std::string &url);

// True for a host (as libcurl's URL parser gives it) that plain http may go to.
bool is_loopback_host(const std::string &host);

// The key without surrounding white space; throws GenerativeError(Configuration) when a control
// character is left inside it (it would make a malformed header). The message never holds the key.
std::string checked_api_key(const std::string &raw);

// The same for a key lookup's result.
ApiKeyLookup usable_api_key(ApiKeyLookup found);

}  // namespace gpt_image
