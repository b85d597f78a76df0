// Where requests go and with which key. For now read from the environment, as the official SDKs
// do: OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_IMAGE_MODEL; plus GPT_IMAGE_PIXEL_BUDGET.
#pragma once

#include <string>

#include "context_plan.h"

namespace gpt_image {

constexpr const char *kDefaultBaseUrl = "https://api.openai.com/v1";
constexpr const char *kDefaultModel = "gpt-image-1.5";

struct ConnectionSettings {
  std::string base_url = kDefaultBaseUrl;  // without a trailing slash
  std::string api_key;                     // secret: never logged, never shown
  std::string model = kDefaultModel;
  long connect_timeout_seconds = 5;
  long timeout_seconds = 600;
  // For models that take any size (gpt-image-2): the most pixels one request may have.
  long long pixel_budget = kDefaultPixelBudget;
};

// Reads the environment. Throws GenerativeError(Configuration) when no key is set or the base URL
// is unsafe (see validate_base_url).
ConnectionSettings connection_from_environment();

// Accepts https:// anywhere and http:// only to loopback (127.0.0.0/8, localhost, [::1]); the error
// says how to fix the URL. Returns the URL without a trailing slash.
std::string validate_base_url(const std::string &url);

}  // namespace gpt_image
