#include "run_accounting.h"

#include <curl/curl.h>
#include <glib.h>

#include <chrono>
#include <memory>

#include "cost_estimate.h"
#include "errors.h"
#include "i18n.h"
#include "image_models.h"
#include "request_key.h"
#include "service_route.h"
#include "usage_ledger.h"

namespace gpt_image {

namespace {

// The URL's host as libcurl parses it (the same parser the request went out with).
std::string url_host(const std::string &url) {
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> parsed(curl_url(), curl_url_cleanup);
  char *host = nullptr;
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK ||
      curl_url_get(parsed.get(), CURLUPART_HOST, &host, 0) != CURLUE_OK)
    return "";
  std::string out = host;
  curl_free(host);
  return out;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

CacheMode parse_cache_mode(const std::string &text) {
  if (text == "off") return CacheMode::Off;
  if (text == "reuse") return CacheMode::Reuse;
  throw GenerativeError(ErrorKind::InvalidArgument,
                        format_text(_("The cache argument must be off or reuse, not \"%s\"."), text.c_str()));
}

namespace {

// What the ledger and the cache keep of a request, the same for both endpoints.
template <typename Request>
AccountedRequest accounted(const ConnectionSettings &connection, const Request &request, std::string key,
                           const char *path) {
  AccountedRequest a;
  a.key = std::move(key);
  a.url = request_url(connection, path);
  a.model_sent = model_field(connection, request.model);
  a.catalogue_model = request.model;
  a.quality = request.quality;
  a.size = request.size;
  a.output_format = request.output_format;
  a.prompt = request.prompt;
  a.n = request.n;
  return a;
}

}  // namespace

AccountedRequest accounted_edit(const ConnectionSettings &connection, const EditRequest &request) {
  return accounted(connection, request, edit_request_key(connection, request), "/images/edits");
}

AccountedRequest accounted_generate(const ConnectionSettings &connection, const GenerateRequest &request) {
  return accounted(connection, request, generate_request_key(connection, request), "/images/generations");
}

RunAccounting::RunAccounting(AccountingOptions options)
    : options_(std::move(options)), cache_(options_.cache_directory, options_.cache_max_bytes),
      clock_([] { return static_cast<std::int64_t>(g_get_real_time()); }) {}

void RunAccounting::set_clock(std::function<std::int64_t()> clock) {
  clock_ = clock;
  cache_.set_clock(std::move(clock));
}

void RunAccounting::record(const AccountedRequest &request, const std::string &outcome, double seconds,
                           const ImagesResult *answer, std::optional<double> cost) const {
  LedgerEntry line;
  line.time = ledger_time(clock_());
  line.procedure = options_.procedure;
  line.host = url_host(request.url);
  line.model = request.model_sent;
  line.quality = request.quality;
  line.size = request.size;
  line.n = request.n;
  if (answer && answer->usage) {
    line.input_tokens = answer->usage->input_tokens;
    line.output_tokens = answer->usage->output_tokens;
  }
  line.cost_usd = cost;
  line.seconds = seconds;
  line.outcome = outcome;
  if (answer) line.request_id = answer->request_id;
  if (options_.keep_prompts) line.prompt = request.prompt;
  // A ledger that cannot be written (a full disk) never fails the call it records.
  append_to_ledger(options_.ledger_path, line);
}

ImagesResult RunAccounting::run(const AccountedRequest &request, const std::function<ImagesResult()> &send) {
  const auto start = std::chrono::steady_clock::now();
  // A cap of 0 keeps nothing, so it reuses nothing either: not even what a larger cap kept
  // before (the store below then empties the cache).
  if (options_.cache == CacheMode::Reuse && options_.cache_max_bytes > 0) {
    std::optional<ImagesResult> kept;
    {
      const std::lock_guard<std::mutex> lock(cache_mutex_);
      if (const auto entry = cache_.lookup(request.key)) kept = cache_.load_answer(*entry);
    }
    if (kept) {
      record(request, "cached", seconds_since(start), nullptr, 0.0);
      return std::move(*kept);
    }
  }
  ImagesResult answer;
  try {
    answer = send();
  } catch (const GenerativeError &e) {
    record(request, ledger_outcome(e.kind()), seconds_since(start), nullptr, std::nullopt);
    throw;
  }
  const double seconds = seconds_since(start);
  std::optional<double> cost;
  try {
    cost = actual_cost(describe_model(request.catalogue_model), answer.usage).usd;
  } catch (const GenerativeError &) {
    // A catalogue that cannot be read: the cost is unknown, the answer no less good.
  }
  record(request, "ok", seconds, &answer, cost);
  CacheEntryInfo info;
  info.procedure = options_.procedure;
  info.host = url_host(request.url);
  info.model = request.model_sent;
  info.quality = request.quality;
  info.size = request.size;
  info.n = request.n;
  info.output_format = request.output_format;
  info.prompt = request.prompt;
  info.cost_usd = cost;
  {
    const std::lock_guard<std::mutex> lock(cache_mutex_);
    cache_.store(request.key, info, answer);
  }
  return answer;
}

}  // namespace gpt_image
