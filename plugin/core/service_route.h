// Where a request goes and how it carries the key, for each service (service.h):
//   OpenAI-compatible  {base_url}{path}                                  Authorization: Bearer KEY
//   Azure, API version {endpoint}/openai/deployments/{deployment}{path}?api-version=V   api-key: KEY
//   Azure, no version  {endpoint}/openai/v1{path}                         api-key: KEY
// Azure never gets an Authorization header (it would read the key as an Entra ID token), and an
// OpenAI-compatible server never gets an api-key header.
#pragma once

#include <string>

#include "connection_settings.h"

namespace gpt_image {

// The URL of an API path ("/images/edits", "/images/generations", "/models"), built with libcurl's
// URL API so the api-version value is URL-encoded. Azure lists models at {endpoint}/openai/models
// (with the version) or {endpoint}/openai/v1/models: the models the resource offers, not its
// deployments.
std::string request_url(const ConnectionSettings &connection, const std::string &path);

// The one header line that carries the key.
std::string key_header(const ConnectionSettings &connection);

// The value the request body's "model" field carries: the model, or for Azure the deployment (the
// official SDK sends the deployment name there; the v1 routes need it).
std::string model_field(const ConnectionSettings &connection, const std::string &model);

// Checks of the Azure settings; each throws GenerativeError(Configuration) saying what to change.
// The endpoint is the resource's address alone (https://RESOURCE.openai.azure.com), under the same
// rules as a base URL (https, or http to loopback; no query); returns its normalised form.
std::string validate_azure_endpoint(const std::string &endpoint);
// A deployment name: 1-64 letters, digits, '-', '_' or '.'.
void validate_azure_deployment(const std::string &deployment);
// Empty (the v1 routes) or a version such as 2025-04-01-preview: at most 32 letters, digits, '-', '.'.
void validate_azure_api_version(const std::string &version);
// The model behind a deployment: plain text as a model name is.
void validate_azure_model(const std::string &model);

}  // namespace gpt_image
