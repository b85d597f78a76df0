// The HTTP side of the Images API: libcurl, multipart via curl_mime, TLS always verified, no
// redirects followed (so the Authorization header never reaches another host).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api_response.h"
#include "connection_settings.h"
#include "edit_request.h"
#include "generate_request.h"
#include "error_explanation.h"
#include "errors.h"
#include "progress_sink.h"
#include "retry_policy.h"
#include "shared_backoff.h"

namespace gpt_image {

// Caps on what an answer may weigh. The largest image is 3840x2160 (kMaxImageBase64Bytes,
// api_response.h): a bigger answer is not an Images API answer.
constexpr size_t kMaxModelListBytes = size_t{8} << 20;
constexpr size_t kMaxListedModels = 1000;
constexpr size_t kMaxModelIdChars = 200;
// The most pixels any model answers with (3840x2160): the bound for a preview of size "auto".
constexpr long long kMaxAnswerPixels = 3840LL * 2160;

struct AnswerLimits {
  size_t plain_bytes = 0;   // a JSON answer: the images asked for
  size_t stream_bytes = 0;  // an event stream: the images and the previews asked for
  int previews = 0;         // previews read from a stream; more are ignored unread
  long long preview_pixels = kMaxAnswerPixels;  // a preview claiming more is not decoded
};

// The limits for `n` images of `size` with `partial_images` previews each (README, "Limits").
AnswerLimits answer_limits(int n, int partial_images, const std::string &size);

class ImagesApiClient {
 public:
  explicit ImagesApiClient(ConnectionSettings connection) : connection_(std::move(connection)) {}
  // With `backoff`, shared with clients sending side by side: a retryable 429 pauses all of them
  // (for what the server asked), and each waits out the pause before every attempt.
  ImagesApiClient(ConnectionSettings connection, std::shared_ptr<SharedBackoff> backoff)
      : connection_(std::move(connection)), backoff_(std::move(backoff)) {}

  // POST {base}/images/edits. Throws GenerativeError: Network or Tls when the server cannot be
  // reached, Api (with the server's own message) for an error status, BadResponse for an unusable
  // answer.
  ImagesResult edit(const EditRequest &request, ProgressSink &progress) const;
  // POST {base}/images/generations (JSON). Throws as edit() does.
  ImagesResult generate(const GenerateRequest &request, ProgressSink &progress) const;

  // GET {base}/models: the model ids the server offers. Throws as edit() does.
  std::vector<std::string> list_models() const;

 private:
  // What a request carries: nothing (GET), a multipart form, or a JSON document (POST).
  struct RequestBody {
    const EditRequest *form = nullptr;
    const std::string *json = nullptr;
  };
  struct Reply {
    long status = 0;
    std::string body;
    std::string request_id;
    std::optional<ImagesResult> streamed;  // the answer came as server-sent events
  };
  // One attempt: the reply when it succeeded, else what failed and what the retry policy needs.
  struct Attempt {
    std::optional<Reply> reply;
    bool streamed_answer = false;  // the answer was an event stream
    bool event_too_large = false;  // one of its events passed kMaxStreamEventBytes
    AttemptOutcome outcome;
    std::optional<FailedAnswer> failed_answer;  // an HTTP error status
    std::optional<ApiErrorBody> stream_error;   // an "error" event in a streamed answer
    TransportFailure transport = TransportFailure::Other;
    bool tls_failed = false;
    std::string detail;  // libcurl's words for a transport failure
    bool cancelled = false;  // the user stopped it (ProgressSink::cancelled)
  };
  // Sends GET (no form) or a multipart POST to {base}{path}, retrying as retry_policy.h says;
  // throws the explained error of the last attempt, returns the successful reply. Answers larger
  // than `limits` allow are cut off and refused.
  Reply send(const std::string &path, const RequestBody &body, ProgressSink &progress,
             const std::string &waiting_for, const AnswerLimits &limits) const;
  Attempt send_once(const std::string &path, const RequestBody &body, ProgressSink &progress,
                    const std::string &waiting_for, const AnswerLimits &limits) const;
  GenerativeError failure_error(const Attempt &result, int attempts, size_t max_body_bytes) const;
  // The shared end of edit() and generate(): send, then the streamed or the JSON answer's images.
  ImagesResult post_for_images(const std::string &path, const RequestBody &body, const std::string &model,
                               const AnswerLimits &limits, ProgressSink &progress) const;

  ConnectionSettings connection_;
  std::shared_ptr<SharedBackoff> backoff_;  // may be null: a request alone
};

}  // namespace gpt_image
