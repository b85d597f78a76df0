#include "error_explanation.h"

#include "i18n.h"

namespace gpt_image {

namespace {

// " (3 attempts)" when the sentence follows retries, so nobody retries by hand at once.
std::string after_attempts(const ExchangeContext &context) {
  return context.attempts > 1 ? format_text(_(" (%d attempts)"), context.attempts) : std::string();
}

// The server's words and the request id, after our sentence.
std::string server_said(const FailedAnswer &answer) {
  std::string out;
  if (answer.error && !answer.error->message.empty())
    out += format_text(_(" The server said: %s"), answer.error->message.c_str());
  if (!answer.request_id.empty()) out += format_text(_(" [request id %s]"), answer.request_id.c_str());
  return out;
}

std::string safety_refusal(const FailedAnswer &answer) {
  const std::string param = answer.error ? answer.error->param : "";
  if (param == "prompt")
    return _("The safety system refused the prompt (HTTP 400). Rephrase it and try again.");
  if (param.rfind("image", 0) == 0 || param == "mask")
    return _("The safety system refused the picture that was sent (HTTP 400). Select another area or image.");
  return _("The safety system refused the request (HTTP 400): the prompt, the picture sent, or the image it "
           "generated. Rephrase the prompt or try another area.");
}

}  // namespace

std::string explain_failed_answer(const FailedAnswer &answer, const ExchangeContext &context) {
  const std::string code = answer.error ? answer.error->code : "";
  const std::string param = answer.error ? answer.error->param : "";
  const long status = answer.status;
  std::string sentence;
  if (answer.redirect) {
    sentence = format_text(_("The server at %s answered with a redirect (HTTP %ld), which is never followed so the "
                             "key cannot leak to another host. Set the base URL to the address it redirects to."),
                           context.base_url.c_str(), status);
  } else if (status == 401 && context.azure) {
    sentence = _("The Azure OpenAI key was refused (HTTP 401): it is wrong, or for another resource. Enter the "
                 "resource's key in Filters ▸ Generative ▸ Settings… or set AZURE_OPENAI_API_KEY.");
  } else if (status == 404 && context.azure) {
    sentence = context.api_version.empty()
                   ? format_text(_("Not found (HTTP 404): the Azure endpoint %s has no deployment %s on its v1 "
                                   "routes. Check the endpoint and the deployment name in Filters ▸ Generative ▸ "
                                   "Settings…, or set an API version."),
                                 context.base_url.c_str(), context.deployment.c_str())
                   : format_text(_("Not found (HTTP 404): the Azure endpoint %s has no deployment %s, or does not "
                                   "know API version %s. Check the endpoint, the deployment name and the API version "
                                   "in Filters ▸ Generative ▸ Settings…"),
                                 context.base_url.c_str(), context.deployment.c_str(), context.api_version.c_str());
  } else if (status == 401) {
    sentence = _("The API key was refused (HTTP 401): it is wrong, revoked, or for another service. Enter the right "
                 "key in Filters ▸ Generative ▸ Settings… or set OPENAI_API_KEY.");
  } else if (status == 403) {
    sentence = format_text(_("Access denied (HTTP 403): your organization may need to be verified before it can use "
                             "%s, or the service is not offered in your country or region. Check your organization "
                             "settings with the provider, or choose another model."),
                           context.model.c_str());
  } else if (status == 404) {
    sentence = format_text(_("Not found (HTTP 404): %s does not serve the model %s or the Images API. Check the base "
                             "URL (it usually ends in /v1) and the model in Filters ▸ Generative ▸ Settings…"),
                           context.base_url.c_str(), context.model.c_str());
  } else if (status == 400 && code == "moderation_blocked") {
    sentence = safety_refusal(answer);
  } else if (status == 400 && !param.empty()) {
    sentence = format_text(_("The request was rejected (HTTP 400) because of the parameter \"%s\". Change that "
                             "setting (or the model) and try again."),
                           param.c_str());
  } else if (status == 400) {
    sentence = _("The request was rejected (HTTP 400). Check the prompt, size and advanced settings.");
  } else if (status == 413) {
    sentence = _("The request is too large for the server (HTTP 413). Select a smaller area, or lower the pixel "
                 "budget (GPT_IMAGE_PIXEL_BUDGET) so less is uploaded.");
  } else if (status == 429 && code == "insufficient_quota") {
    sentence = _("Your account has no quota left (HTTP 429, insufficient_quota). Add credit or raise the spending "
                 "limit with the provider; trying again will not help until then.");
  } else if (status == 429) {
    sentence = format_text(_("Rate limit reached (HTTP 429)%s. Wait a minute and try again, or ask the provider for "
                             "a higher limit."),
                           after_attempts(context).c_str());
  } else if (status == 408) {
    sentence = format_text(_("The server gave up waiting for the request (HTTP 408)%s. Check your connection and "
                             "try again."),
                           after_attempts(context).c_str());
  } else if (status >= 500) {
    sentence = format_text(_("The service failed (HTTP %ld)%s. The problem is on the server's side: try again "
                             "later."),
                           status, after_attempts(context).c_str());
  } else {
    sentence = format_text(_("The Images API refused the request (HTTP %ld)."), status);
  }
  return sentence + server_said(answer);
}

std::string explain_stream_error(const ApiErrorBody &error, const std::string &request_id,
                                 const ExchangeContext &context) {
  FailedAnswer answer;
  answer.status = 200;
  answer.error = error;
  answer.request_id = request_id;
  const std::string sentence =
      error.code == "moderation_blocked"
          ? _("The safety system stopped the image while it was being generated. Rephrase the prompt or try "
              "another area.")
          : format_text(_("The server at %s reported an error while it was generating the image. Try again; if it "
                          "keeps failing, turn streaming off (partial images 0)."),
                        context.base_url.c_str());
  return sentence + server_said(answer);
}

std::string explain_transport_failure(TransportFailure failure, const std::string &detail,
                                      const ExchangeContext &context) {
  const char *url = context.base_url.c_str();
  const std::string tries = after_attempts(context);
  switch (failure) {
    case TransportFailure::Dns:
      return format_text(_("Could not find the server of %s (name lookup failed: %s)%s. Check the base URL and that "
                           "this computer is online."),
                         url, detail.c_str(), tries.c_str());
    case TransportFailure::Connect:
      return format_text(_("Could not connect to %s (%s)%s. The server may be down, or a firewall or proxy blocks "
                           "it; check the base URL and your network."),
                         url, detail.c_str(), tries.c_str());
    case TransportFailure::ConnectTimeout:
      return format_text(_("No connection to %s within %ld s (the connect timeout)%s. Check your network, or raise "
                           "the connect timeout in Filters ▸ Generative ▸ Settings…"),
                         url, context.connect_timeout_seconds, tries.c_str());
    case TransportFailure::Timeout:
      return format_text(_("No answer from %s within %ld s (the request timeout)%s. High-quality edits can take "
                           "minutes: raise the timeout in Filters ▸ Generative ▸ Settings…, or choose a lower "
                           "quality."),
                         url, context.timeout_seconds, tries.c_str());
    case TransportFailure::Stalled:
      return format_text(_("The connection to %s stalled: no data moved for %ld s (the stall timeout)%s. Check your "
                           "network, or raise the stall timeout in Filters ▸ Generative ▸ Settings…"),
                         url, context.stall_timeout_seconds, tries.c_str());
    case TransportFailure::Broken:
      return format_text(_("The connection to %s broke off before the answer was complete (%s)%s. Try again; if it "
                           "keeps happening, a proxy or relay on the way may be cutting long answers."),
                         url, detail.c_str(), tries.c_str());
    case TransportFailure::TooLarge:
      return format_text(_("The answer from %s is larger than %lld MB, far more than the images asked for; it was "
                           "not read further. Check that the base URL points at an Images API."),
                         url, context.max_response_bytes / (1024 * 1024));
    case TransportFailure::Other:
      break;
  }
  return format_text(_("Could not reach the Images API at %s: %s%s"), url, detail.c_str(), tries.c_str());
}

}  // namespace gpt_image
