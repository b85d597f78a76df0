#include "images_api_client.h"

#include <curl/curl.h>
#include <glib.h>
#include <json-glib/json-glib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <thread>

#include "bounded_json.h"
#include "error_explanation.h"
#include "image_codec.h"
#include "image_models.h"
#include "server_text.h"
#include "service_route.h"
#include "image_stream.h"
#include "errors.h"
#include "i18n.h"
#include "request_key.h"
#include "retry_policy.h"
#include "run_accounting.h"

namespace gpt_image {

namespace {

using Clock = std::chrono::steady_clock;

struct Transfer {
  std::string body;
  std::string request_id;
  std::map<std::string, std::string> headers;  // lower-case names of the headers retries look at
  ProgressSink *progress = nullptr;
  std::string waiting_for;
  Clock::time_point last_report;
  bool upload_done = false;
  bool said_uploading = false, said_downloading = false;
  Clock::time_point waiting_since;
  long last_second_shown = -1;
  bool cancelled = false;
  // Stall detection: when bytes last moved. While the server thinks (upload sent, nothing back
  // yet) only the request timeout applies; a model may take minutes before its first byte.
  long stall_timeout_seconds = 0;
  Clock::time_point last_movement = Clock::now();
  curl_off_t last_uploaded = 0, last_downloaded = 0;
  bool answer_started = false;
  bool stalled = false;
  // The answer's size cap: a broken relay must not fill the memory. A plain answer holds the images
  // asked for; an event stream may also hold the previews asked for.
  AnswerLimits limits;
  size_t body_bytes = 0;
  bool too_large = false;
  bool event_too_large = false;  // one event of a stream passed kMaxStreamEventBytes
  // Set when the answer is an event stream: its bytes go to the stream, not to `body`.
  std::unique_ptr<ImageStream> stream;
};

// What one streamed preview turns into: the decoded picture for a sink that shows it, decoded
// here on the transfer's thread and refused unread when its header claims more than the request.
void deliver_preview(ProgressSink &progress, int index, const std::vector<std::uint8_t> &encoded,
                     long long max_pixels) {
  if (!progress.wants_preview_pixels()) {
    progress.preview(index, nullptr);
    return;
  }
  try {
    const Raster picture = decode_image(encoded, max_pixels);
    progress.preview(index, &picture);
  } catch (const GenerativeError &) {
    progress.preview(index, nullptr);  // a preview that cannot be shown is no reason to stop
  }
}

size_t on_body(char *data, size_t size, size_t count, void *user) {
  auto *t = static_cast<Transfer *>(user);
  t->answer_started = true;
  t->body_bytes += size * count;
  if (t->body_bytes > (t->stream ? t->limits.stream_bytes : t->limits.plain_bytes)) {
    t->too_large = true;
    return 0;  // libcurl stops with CURLE_WRITE_ERROR
  }
  if (t->stream) {
    t->stream->feed(data, size * count);
    if (t->stream->oversized()) {
      t->event_too_large = true;
      return 0;
    }
  } else {
    t->body.append(data, size * count);
  }
  return size * count;
}

size_t on_header(char *data, size_t size, size_t count, void *user) {
  auto *t = static_cast<Transfer *>(user);
  t->answer_started = true;
  const std::string line(data, size * count);
  const size_t colon = line.find(':');
  if (colon == std::string::npos) return size * count;
  gchar *lower = g_ascii_strdown(line.substr(0, colon).c_str(), -1);
  const std::string name = lower;
  g_free(lower);
  std::string value = line.substr(colon + 1);
  value.erase(0, value.find_first_not_of(" \t"));
  value.erase(value.find_last_not_of(" \t\r\n") + 1);
  if (name == "x-request-id") t->request_id = value;
  if (name == "content-type" && value.rfind("text/event-stream", 0) == 0 && !t->stream) {
    ProgressSink *progress = t->progress;
    const long long max_pixels = t->limits.preview_pixels;
    t->stream = std::make_unique<ImageStream>(
        [progress, max_pixels](int index, const std::vector<std::uint8_t> &image) {
          deliver_preview(*progress, index, image, max_pixels);
        },
        t->limits.previews);
  }
  if (name == "x-should-retry" || name == "retry-after" || name == "retry-after-ms") t->headers[name] = value;
  return size * count;
}

std::optional<std::string> header(const std::map<std::string, std::string> &headers, const char *name) {
  const auto it = headers.find(name);
  if (it == headers.end()) return std::nullopt;
  return it->second;
}

// Failures of the transport itself that a new attempt may cure (the SDK's connection errors).
bool is_retriable_transport_failure(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return true;
    default:
      return false;
  }
}

// Waits `seconds`, pulsing the progress so the user sees the plug-in is alive; false when the
// user cancelled meanwhile.
bool wait_with_progress(double seconds, ProgressSink &progress) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    if (progress.cancelled()) return false;
    progress.pulse();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return true;
}

GenerativeError cancelled_error() { return GenerativeError(ErrorKind::Cancelled, _("Cancelled.")); }

// True when bytes should be moving (sending the request, or reading an answer that has begun) but
// none have for the stall timeout.
bool transfer_stalled(Transfer *t, curl_off_t downloaded, curl_off_t uploaded, curl_off_t upload_total,
                      Clock::time_point now) {
  if (uploaded != t->last_uploaded || downloaded != t->last_downloaded) {
    t->last_uploaded = uploaded;
    t->last_downloaded = downloaded;
    t->last_movement = now;
    return false;
  }
  const bool sending = upload_total > 0 && uploaded < upload_total;
  if (t->stall_timeout_seconds <= 0 || !(sending || t->answer_started)) {
    t->last_movement = now;  // waiting for the model does not count as a stall
    return false;
  }
  return now - t->last_movement > std::chrono::seconds(t->stall_timeout_seconds);
}

// libcurl calls this often; report at most ten times a second. A non-zero return aborts.
// "2.1 MB" or "350 KB" (numbers stay in the C locale: LC_NUMERIC is never the user's).
std::string amount_of_data(curl_off_t bytes) {
  if (bytes >= 1024 * 1024) return format_text(_("%.1f MB"), static_cast<double>(bytes) / (1024.0 * 1024.0));
  return format_text(_("%ld KB"), static_cast<long>((bytes + 1023) / 1024));
}

// libcurl calls this often (and at least once a second while waiting): the progress stages are
// uploading (with a real fraction), waiting for the model (pulsing, with the seconds so far; a
// streamed answer's previews arrive in this stage) and downloading. Reports at most ten times a
// second. A non-zero return aborts the transfer.
int on_progress(void *user, curl_off_t download_total, curl_off_t downloaded, curl_off_t upload_total,
                curl_off_t uploaded) {
  auto *t = static_cast<Transfer *>(user);
  const auto now = Clock::now();
  if (t->progress->cancelled()) {
    t->cancelled = true;
    return 1;
  }
  if (transfer_stalled(t, downloaded, uploaded, upload_total, now)) {
    t->stalled = true;
    return 1;
  }
  if (now - t->last_report < std::chrono::milliseconds(100)) return 0;
  t->last_report = now;
  ProgressSink &progress = *t->progress;
  if (!t->upload_done && upload_total > 0 && uploaded < upload_total) {
    if (!t->said_uploading) progress.set_text(format_text(_("Uploading %s…"), amount_of_data(upload_total).c_str()));
    t->said_uploading = true;
    progress.set_fraction(static_cast<double>(uploaded) / static_cast<double>(upload_total));
    return 0;
  }
  if (!t->upload_done) {
    t->upload_done = true;
    t->waiting_since = now;
  }
  if (t->answer_started && !t->stream) {
    if (!t->said_downloading) progress.set_text(_("Downloading…"));
    t->said_downloading = true;
    if (download_total > 0)
      progress.set_fraction(static_cast<double>(downloaded) / static_cast<double>(download_total));
    else
      progress.pulse();
    return 0;
  }
  const long seconds = static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(now - t->waiting_since).count());
  if (seconds != t->last_second_shown) {
    // TRANSLATORS: "Waiting for gpt-image-1.5… 12 s"
    progress.set_text(format_text(_("Waiting for %s… %ld s"), t->waiting_for.c_str(), seconds));
    t->last_second_shown = seconds;
  }
  progress.pulse();
  return 0;
}

// Which sentence explains a failed transfer (error_explanation.h).
TransportFailure transport_failure(CURLcode code, bool stalled, bool too_large, bool connected) {
  if (too_large) return TransportFailure::TooLarge;
  if (stalled) return TransportFailure::Stalled;
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return TransportFailure::Dns;
    case CURLE_COULDNT_CONNECT:
      return TransportFailure::Connect;
    case CURLE_OPERATION_TIMEDOUT:
      return connected ? TransportFailure::Timeout : TransportFailure::ConnectTimeout;
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return TransportFailure::Broken;
    default:
      return TransportFailure::Other;
  }
}

bool is_tls_failure(CURLcode code) {
  return code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CONNECT_ERROR ||
         code == CURLE_SSL_CACERT_BADFILE || code == CURLE_SSL_CERTPROBLEM;
}

using MimePtr = std::unique_ptr<curl_mime, decltype(&curl_mime_free)>;

// `model` is what the "model" field carries (service_route.h: for Azure, the deployment).
MimePtr build_form(CURL *curl, const EditRequest &request, const std::string &model) {
  MimePtr form(curl_mime_init(curl), curl_mime_free);
  for (FormPart part : edit_form_parts(request)) {
    if (!part.file && part.name == "model") part.value = model;
    curl_mimepart *p = curl_mime_addpart(form.get());
    curl_mime_name(p, part.name.c_str());
    if (part.file) {
      curl_mime_data(p, reinterpret_cast<const char *>(part.file->data()), part.file->size());
      curl_mime_filename(p, part.filename.c_str());
      curl_mime_type(p, part.content_type.c_str());
    } else {
      curl_mime_data(p, part.value.c_str(), part.value.size());
    }
  }
  return form;
}

}  // namespace

ImagesApiClient::Reply ImagesApiClient::send(const std::string &path, const RequestBody &body,
                                             ProgressSink &progress, const std::string &waiting_for,
                                             const AnswerLimits &limits) const {
  const int attempts = 1 + std::max(0, connection_.max_retries);
  for (int attempt = 1;; ++attempt) {
    // Another request of the run was rate limited: this one waits as long before it tries, and
    // again if another 429 extended the pause meanwhile.
    for (double pause; backoff_ && (pause = backoff_->seconds_left()) > 0;) {
      progress.set_text(format_text(_("Waiting %d s: the server asked to slow down…"),
                                    static_cast<int>(std::ceil(pause))));
      if (!wait_with_progress(pause, progress)) throw cancelled_error();
    }
    Attempt result = send_once(path, body, progress, waiting_for, limits);
    if (result.reply) return std::move(*result.reply);
    if (result.cancelled) throw cancelled_error();
    const double delay = retry_delay_seconds(result.outcome, attempt - 1, g_random_double(), std::time(nullptr));
    // Even when this request gives up, the others of the run are asked to slow down.
    if (backoff_ && result.outcome.status == 429 && should_retry(result.outcome)) backoff_->hold_for(delay);
    if (attempt >= attempts || !should_retry(result.outcome))
      throw failure_error(result, attempt, result.streamed_answer ? limits.stream_bytes : limits.plain_bytes);
    progress.set_text(format_text(_("Waiting to try again: %s; attempt %d of %d in %d s…"),
                                  retry_reason(result.outcome).c_str(), attempt + 1, attempts,
                                  static_cast<int>(std::ceil(delay))));
    if (!wait_with_progress(delay, progress)) throw cancelled_error();
  }
}

GenerativeError ImagesApiClient::failure_error(const Attempt &given, int attempts, size_t max_body_bytes) const {
  // What the server wrote is shown only after the key is taken out of it (server_text.h).
  Attempt result = given;
  const std::string &key = connection_.api_key;
  auto clean = [&key](ApiErrorBody &e) {
    e.message = shown_server_text(e.message, key);
    e.type = shown_server_text(e.type, key, 60);
    e.param = shown_server_text(e.param, key, 60);
    e.code = shown_server_text(e.code, key, 60);
  };
  if (result.failed_answer) {
    if (result.failed_answer->error) clean(*result.failed_answer->error);
    result.failed_answer->request_id = shown_server_text(result.failed_answer->request_id, key, 100);
  }
  if (result.stream_error) clean(*result.stream_error);
  result.detail = shown_server_text(result.detail, key);
  ExchangeContext context;
  context.base_url = connection_.base_url;
  context.model = connection_.model;
  context.azure = connection_.service == Service::Azure;
  context.deployment = connection_.deployment;
  context.api_version = connection_.api_version;
  context.attempts = attempts;
  context.connect_timeout_seconds = connection_.connect_timeout_seconds;
  context.timeout_seconds = connection_.timeout_seconds;
  context.stall_timeout_seconds = connection_.stall_timeout_seconds;
  context.max_response_bytes = static_cast<long long>(max_body_bytes);
  if (result.failed_answer)
    return GenerativeError(ErrorKind::Api, explain_failed_answer(*result.failed_answer, context),
                           static_cast<int>(result.failed_answer->status));
  if (result.stream_error)
    return GenerativeError(ErrorKind::Api, explain_stream_error(*result.stream_error, result.detail, context), 200);
  if (result.tls_failed)
    return GenerativeError(ErrorKind::Tls,
                           format_text(_("The certificate of %s could not be verified (%s). For a private relay, "
                                         "set its CA file in the settings."),
                                       connection_.base_url.c_str(), result.detail.c_str()));
  if (result.event_too_large) context.max_response_bytes = static_cast<long long>(kMaxStreamEventBytes);
  const ErrorKind kind = result.transport == TransportFailure::TooLarge ? ErrorKind::BadResponse : ErrorKind::Network;
  return GenerativeError(kind, explain_transport_failure(result.transport, result.detail, context));
}

ImagesApiClient::Attempt ImagesApiClient::send_once(const std::string &path, const RequestBody &body,
                                                    ProgressSink &progress, const std::string &waiting_for,
                                                    const AnswerLimits &limits) const {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) throw GenerativeError(ErrorKind::Network, _("Could not start a network transfer (libcurl)."));
  CURL *h = curl.get();

  MimePtr form(nullptr, curl_mime_free);
  if (body.form) form = build_form(h, *body.form, model_field(connection_, body.form->model));

  const std::string url = request_url(connection_, path);
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(nullptr, curl_slist_free_all);
  auto add_header = [&headers](const std::string &header) {
    headers.reset(curl_slist_append(headers.release(), header.c_str()));
  };
  add_header(key_header(connection_));
  add_header("Accept: application/json");
  // OpenAI's organization and project headers mean nothing to Azure: they are not sent there.
  const bool openai = connection_.service == Service::OpenAi;
  if (openai && !connection_.organization.empty()) add_header("OpenAI-Organization: " + connection_.organization);
  if (openai && !connection_.project.empty()) add_header("OpenAI-Project: " + connection_.project);
  if (body.json) add_header("Content-Type: application/json");

  Transfer transfer;
  transfer.progress = &progress;
  transfer.waiting_for = waiting_for;
  transfer.stall_timeout_seconds = connection_.stall_timeout_seconds;
  transfer.limits = limits;
  char error_text[CURL_ERROR_SIZE] = "";

  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  // Plain http (allowed to loopback only) never goes through a proxy: the key would reach it in
  // clear. https may, through a CONNECT tunnel, and our headers never go to the proxy itself.
  if (url.rfind("http://", 0) == 0) curl_easy_setopt(h, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(h, CURLOPT_HEADEROPT, CURLHEADER_SEPARATE);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!connection_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, connection_.ca_file.c_str());
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  if (form) curl_easy_setopt(h, CURLOPT_MIMEPOST, form.get());
  if (body.json) {
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.json->data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.json->size()));
  }
  curl_easy_setopt(h, CURLOPT_USERAGENT, "gimp-gpt-image/" GPT_IMAGE_VERSION);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, connection_.connect_timeout_seconds);
  curl_easy_setopt(h, CURLOPT_TIMEOUT, connection_.timeout_seconds);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &transfer);
  curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(h, CURLOPT_XFERINFODATA, &transfer);
  curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_text);

  const CURLcode code = curl_easy_perform(h);
  Attempt result;
  result.streamed_answer = static_cast<bool>(transfer.stream);
  result.outcome.should_retry_header = header(transfer.headers, "x-should-retry");
  result.outcome.retry_after_header = header(transfer.headers, "retry-after");
  result.outcome.retry_after_ms_header = header(transfer.headers, "retry-after-ms");
  if (code != CURLE_OK && transfer.cancelled) {
    result.cancelled = true;
    return result;
  }
  if (code != CURLE_OK) {
    result.detail = error_text[0] ? error_text : curl_easy_strerror(code);
    curl_off_t connected_after = 0;
    curl_easy_getinfo(h, CURLINFO_CONNECT_TIME_T, &connected_after);
    result.tls_failed = is_tls_failure(code);
    const bool too_large = transfer.too_large || transfer.event_too_large;
    result.event_too_large = transfer.event_too_large;
    result.transport = transport_failure(code, transfer.stalled, too_large, connected_after > 0);
    // A stalled transfer is retried like a timeout; an oversized answer would only come again.
    result.outcome.transport_failed = transfer.stalled || (!too_large && is_retriable_transport_failure(code));
    return result;
  }
  Reply reply;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply.status);
  reply.body = std::move(transfer.body);
  reply.request_id = transfer.request_id;
  result.outcome.status = reply.status;
  if (transfer.stream && reply.status >= 200 && reply.status < 300) {
    if (transfer.stream->error()) {
      result.stream_error = transfer.stream->error();
      result.detail = reply.request_id;
      return result;  // an error event: not retried, as the SDK does not retry a 200
    }
    reply.streamed = transfer.stream->finish();  // throws when the stream ended without an image
    result.reply = std::move(reply);
    return result;
  }
  if (reply.status < 200 || reply.status >= 300) {
    FailedAnswer failed;
    failed.status = reply.status;
    failed.error = parse_api_error(reply.body);
    failed.request_id = reply.request_id;
    failed.redirect = reply.status >= 300 && reply.status < 400;
    if (failed.error) result.outcome.error_code = failed.error->code;
    result.failed_answer = std::move(failed);
    return result;
  }
  result.reply = std::move(reply);
  return result;
}

namespace {

// The final net under every error the client throws: whatever a sentence quotes, the key is not
// in it (server_text.h).
[[noreturn]] void rethrow_without_key(const GenerativeError &e, const std::string &key) {
  throw GenerativeError(e.kind(), without_secret(e.what(), key), e.http_status());
}

// No preview is larger than the image asked for; "auto" may be any size a model makes.
long long preview_pixel_limit(const std::string &size) {
  if (const auto explicit_size = parse_size(size))
    return static_cast<long long>(explicit_size->width) * explicit_size->height;
  return kMaxAnswerPixels;
}

}  // namespace

AnswerLimits answer_limits(int n, int partial_images, const std::string &size) {
  const size_t images = static_cast<size_t>(std::clamp(n, 1, 10));
  const int previews = std::clamp(partial_images, 0, 3);
  AnswerLimits limits;
  // A plain answer holds the images and their JSON; a stream one event per image and per preview.
  limits.plain_bytes = (size_t{1} << 20) + kMaxImageBase64Bytes * images;
  limits.stream_bytes = (size_t{1} << 20) + kMaxStreamEventBytes * images * (1 + static_cast<size_t>(previews));
  limits.previews = previews;
  limits.preview_pixels = preview_pixel_limit(size);
  return limits;
}

ImagesResult ImagesApiClient::edit(const EditRequest &request, ProgressSink &progress) const {
  try {
    const size_t bytes = image_bytes(request);
    progress.set_text(format_text(_("Sending %zu KB to %s…"), bytes / 1024, request.model.c_str()));
    auto send = [&] {
      return post_for_images("/images/edits", RequestBody{&request, nullptr}, request.model,
                             answer_limits(request.n, request.partial_images, request.size), progress);
    };
    if (!connection_.accounting) return send();
    return connection_.accounting->run(accounted_edit(connection_, request), send);
  } catch (const GenerativeError &e) {
    rethrow_without_key(e, connection_.api_key);
  }
}

ImagesResult ImagesApiClient::generate(const GenerateRequest &request, ProgressSink &progress) const {
  try {
    auto send = [&] {
      const std::string json = generate_request_body(connection_, request);
      return post_for_images("/images/generations", RequestBody{nullptr, &json}, request.model,
                             answer_limits(request.n, request.partial_images, request.size), progress);
    };
    if (!connection_.accounting) return send();
    return connection_.accounting->run(accounted_generate(connection_, request), send);
  } catch (const GenerativeError &e) {
    rethrow_without_key(e, connection_.api_key);
  }
}

ImagesResult ImagesApiClient::post_for_images(const std::string &path, const RequestBody &body, const std::string &model,
                                              const AnswerLimits &limits, ProgressSink &progress) const {
  Reply reply = send(path, body, progress, model, limits);
  progress.set_fraction(1.0);
  ImagesResult result = reply.streamed ? std::move(*reply.streamed) : parse_images_response(std::move(reply.body));
  result.request_id = shown_server_text(reply.request_id, connection_.api_key, 200);
  return result;
}

std::vector<std::string> ImagesApiClient::list_models() const {
  try {
    SilentProgress quiet;
    AnswerLimits limits;
    limits.plain_bytes = limits.stream_bytes = kMaxModelListBytes;
    const Reply reply = send("/models", RequestBody{}, quiet, _("the model list"), limits);
    std::unique_ptr<JsonParser, decltype(&g_object_unref)> parser(json_parser_new(), g_object_unref);
    if (!load_bounded_json(parser.get(), reply.body))
      throw GenerativeError(ErrorKind::BadResponse, _("The server's model list is not valid JSON."));
    JsonNode *root = json_parser_get_root(parser.get());
    JsonNode *data =
        root && JSON_NODE_HOLDS_OBJECT(root) ? json_object_get_member(json_node_get_object(root), "data") : nullptr;
    if (!data || !JSON_NODE_HOLDS_ARRAY(data))
      throw GenerativeError(ErrorKind::BadResponse, _("The server's model list has no \"data\" list."));
    std::vector<std::string> ids;
    JsonArray *items = json_node_get_array(data);
    for (guint i = 0; i < json_array_get_length(items) && ids.size() < kMaxListedModels; ++i) {
      JsonNode *item = json_array_get_element(items, i);
      if (!JSON_NODE_HOLDS_OBJECT(item)) continue;
      const std::string id = string_member(json_node_get_object(item), "id");
      // A model id is shown and may be saved as a setting: only plain, short names that are no key.
      if (!id.empty() && shown_server_text(id, connection_.api_key, kMaxModelIdChars) == id) ids.push_back(id);
    }
    return ids;
  } catch (const GenerativeError &e) {
    rethrow_without_key(e, connection_.api_key);
  }
}

}  // namespace gpt_image
