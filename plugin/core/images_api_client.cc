#include "images_api_client.h"

#include <curl/curl.h>
#include <glib.h>

#include <chrono>
#include <memory>

#include "errors.h"

namespace gpt_image {

namespace {

struct Transfer {
  std::string body;
  std::string request_id;
  ProgressSink *progress = nullptr;
  std::string model;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_report;
  bool upload_done = false;
};

size_t on_body(char *data, size_t size, size_t count, void *user) {
  static_cast<Transfer *>(user)->body.append(data, size * count);
  return size * count;
}

size_t on_header(char *data, size_t size, size_t count, void *user) {
  std::string line(data, size * count);
  const std::string name = "x-request-id:";
  if (line.size() > name.size() && g_ascii_strncasecmp(line.c_str(), name.c_str(), name.size()) == 0) {
    std::string value = line.substr(name.size());
    value.erase(0, value.find_first_not_of(" \t"));
    value.erase(value.find_last_not_of(" \t\r\n") + 1);
    static_cast<Transfer *>(user)->request_id = value;
  }
  return size * count;
}

// libcurl calls this often; report at most ten times a second.
int on_progress(void *user, curl_off_t, curl_off_t, curl_off_t upload_total, curl_off_t uploaded) {
  auto *t = static_cast<Transfer *>(user);
  const auto now = std::chrono::steady_clock::now();
  if (now - t->last_report < std::chrono::milliseconds(100)) return 0;
  t->last_report = now;
  if (!t->upload_done && upload_total > 0 && uploaded < upload_total) {
    t->progress->set_fraction(static_cast<double>(uploaded) / static_cast<double>(upload_total));
    return 0;
  }
  if (!t->upload_done) {
    t->upload_done = true;
    t->progress->set_text("Waiting for " + t->model + "…");
  }
  t->progress->pulse();
  return 0;
}

std::string describe_status(long status, const std::string &message, const std::string &request_id) {
  std::string out = "The Images API refused the request (HTTP " + std::to_string(status) + "): " + message;
  if (!request_id.empty()) out += " [request id " + request_id + "]";
  return out;
}

}  // namespace

ImagesResult ImagesApiClient::edit(const EditRequest &request, ProgressSink &progress) const {
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) throw GenerativeError(ErrorKind::Network, "Could not start a network transfer (libcurl).");
  CURL *h = curl.get();

  std::unique_ptr<curl_mime, decltype(&curl_mime_free)> form(curl_mime_init(h), curl_mime_free);
  for (const FormPart &part : edit_form_parts(request)) {
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

  const std::string url = connection_.base_url + "/images/edits";
  const std::string auth = "Authorization: Bearer " + connection_.api_key;
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(nullptr, curl_slist_free_all);
  headers.reset(curl_slist_append(headers.release(), auth.c_str()));
  headers.reset(curl_slist_append(headers.release(), "Accept: application/json"));

  Transfer transfer;
  transfer.progress = &progress;
  transfer.model = request.model;
  char error_text[CURL_ERROR_SIZE] = "";

  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(h, CURLOPT_MIMEPOST, form.get());
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

  progress.set_text("Sending " + std::to_string((request.image_png.size() + (request.mask_png ? request.mask_png->size() : 0)) / 1024) +
                    " KB to " + request.model + "…");
  const CURLcode code = curl_easy_perform(h);
  if (code != CURLE_OK) {
    const std::string detail = error_text[0] ? error_text : curl_easy_strerror(code);
    throw GenerativeError(ErrorKind::Network, "Could not reach the Images API at " + connection_.base_url + ": " + detail);
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status >= 300) {
    const auto error = parse_api_error(transfer.body);
    const std::string message = error ? error->message
                                      : (status >= 300 && status < 400 ? "the server answered with a redirect, which is not followed"
                                                                       : "the server gave no error message");
    throw GenerativeError(ErrorKind::Api, describe_status(status, message, transfer.request_id));
  }
  progress.set_fraction(1.0);
  return parse_images_response(transfer.body);
}

}  // namespace gpt_image
