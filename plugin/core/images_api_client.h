// The HTTP side of the Images API: libcurl, multipart via curl_mime, TLS always verified, no
// redirects followed (so the Authorization header never reaches another host).
#pragma once

#include <cstddef>
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

namespace gpt_image {

// Caps on what an answer may weigh: the largest image (3840x2160 RGBA PNG, base64) is well under
// 64 MiB, so a bigger answer is not an Images API answer.
constexpr size_t kMaxAnswerBytesPerImage = size_t{64} << 20;
constexpr size_t kMaxModelListBytes = size_t{8} << 20;
inline size_t max_answer_bytes(int images) { return (size_t{1} << 20) + kMaxAnswerBytesPerImage * (images > 0 ? images : 1); }

class ImagesApiClient {
 public:
  explicit ImagesApiClient(ConnectionSettings connection) : connection_(std::move(connection)) {}

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
  // than `max_body_bytes` are cut off and refused.
  Reply send(const std::string &path, const RequestBody &body, ProgressSink &progress,
             const std::string &waiting_for, size_t max_body_bytes) const;
  Attempt send_once(const std::string &path, const RequestBody &body, ProgressSink &progress,
                    const std::string &waiting_for, size_t max_body_bytes) const;
  GenerativeError failure_error(const Attempt &result, int attempts, size_t max_body_bytes) const;
  // The shared end of edit() and generate(): send, then the streamed or the JSON answer's images.
  ImagesResult post_for_images(const std::string &path, const RequestBody &body, const std::string &model, int n,
                               int partial_images, ProgressSink &progress) const;

  ConnectionSettings connection_;
};

}  // namespace gpt_image
