// The HTTP client against the project's stand-in API, started on loopback for this test suite.
#include <gtest/gtest.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>

#include "errors.h"
#include "fake_image_source.h"
#include "image_codec.h"
#include "connection_check.h"
#include "images_api_client.h"
#include "standin_process.h"
#include "temp_directory.h"

using namespace gpt_image;

namespace {

constexpr const char *kKey = "sk-unit-test-key-do-not-print";

class RecordingProgress : public ProgressSink {
 public:
  void set_text(const std::string &text) override { texts.push_back(text); }
  void set_fraction(double) override {}
  void pulse() override {}
  std::vector<std::string> texts;
};

class ImagesApiClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    standin_ = new gpt_image::testing::StandInProcess(kKey);
    ASSERT_GT(standin_->port(), 0) << "the stand-in API did not start";
    port_ = standin_->port();
  }
  static void TearDownTestSuite() { delete standin_; }

  ConnectionSettings connection(const std::string &key = kKey) const {
    ConnectionSettings c;
    c.base_url = "http://127.0.0.1:" + std::to_string(port_) + "/v1";
    c.api_key = key;
    return c;
  }

  EditRequest request(const std::string &prompt) const {
    FillOptions options;
    options.prompt = prompt;
    return gpt_image::testing::small_fill_request(options);
  }

  static GenerativeError error_of(const ImagesApiClient &client, const EditRequest &r) {
    RecordingProgress progress;
    try {
      client.edit(r, progress);
    } catch (const GenerativeError &e) {
      return e;
    }
    return GenerativeError(ErrorKind::Host, "no error");
  }

  static inline gpt_image::testing::StandInProcess *standin_ = nullptr;
  static inline int port_ = 0;
};

}  // namespace

TEST_F(ImagesApiClientTest, EditRoundTrip) {
  RecordingProgress progress;
  EditRequest r = request("a red apple");
  r.n = 2;
  const ImagesResult result = ImagesApiClient(connection()).edit(r, progress);
  ASSERT_EQ(result.images.size(), 2u);
  EXPECT_EQ(decode_image(result.images[0]).size(), *parse_size(r.size));
  ASSERT_TRUE(result.usage);
  EXPECT_GT(result.usage->output_tokens, 0);
  ASSERT_FALSE(progress.texts.empty());
  EXPECT_NE(progress.texts.front().find("gpt-image-1.5"), std::string::npos);
}

TEST_F(ImagesApiClientTest, WrongKeyIsAnApiErrorThatDoesNotShowTheKey) {
  const auto e = error_of(ImagesApiClient(connection("sk-wrong-key-1234")), request("x"));
  EXPECT_EQ(e.kind(), ErrorKind::Api);
  const std::string text = e.what();
  EXPECT_NE(text.find("HTTP 401"), std::string::npos) << text;
  EXPECT_NE(text.find("Incorrect API key"), std::string::npos) << text;
  EXPECT_EQ(text.find("sk-wrong-key-1234"), std::string::npos);
}

TEST_F(ImagesApiClientTest, ServerMessageAndRequestIdReachTheUser) {
  const auto e = error_of(ImagesApiClient(connection()),
                          request("a cat standin-fail:400:moderation_blocked:Rejected by the safety system."));
  EXPECT_EQ(e.kind(), ErrorKind::Api);
  const std::string text = e.what();
  EXPECT_NE(text.find("Rejected by the safety system."), std::string::npos) << text;
  EXPECT_NE(text.find("request id req_standin_"), std::string::npos) << text;
}

namespace {
int requests_with_prompt(const std::string &log, const std::string &prompt) {
  int count = 0;
  for (size_t at = log.find("\"prompt\": \"" + prompt + "\""); at != std::string::npos;
       at = log.find("\"prompt\": \"" + prompt + "\"", at + 1))
    ++count;
  return count;
}
}  // namespace

// What the client makes of a request the server refuses (400 with a `param`): an API error, not
// retried, quoting the server's words. (That the stand-in refuses such a size is its own test.)
TEST_F(ImagesApiClientTest, ARefusedRequestIsAnApiErrorWithTheServersWordsAndNoRetry) {
  EditRequest r = request("a refused size");
  r.size = "999x999";  // bypasses the plug-in's own validation on purpose
  const auto e = error_of(ImagesApiClient(connection()), r);
  EXPECT_EQ(e.kind(), ErrorKind::Api);
  EXPECT_NE(std::string(e.what()).find("999x999"), std::string::npos) << e.what();
  EXPECT_EQ(requests_with_prompt(standin_->recorded(), "a refused size"), 1);
}

TEST_F(ImagesApiClientTest, UnreachableServerIsANetworkError) {
  // A port that was just free: nothing listens there.
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(s, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
  socklen_t length = sizeof address;
  getsockname(s, reinterpret_cast<sockaddr *>(&address), &length);
  close(s);
  ConnectionSettings c = connection();
  c.base_url = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/v1";
  const auto e = error_of(ImagesApiClient(c), request("x"));
  EXPECT_EQ(e.kind(), ErrorKind::Network);
  EXPECT_NE(std::string(e.what()).find("Could not connect to " + c.base_url), std::string::npos) << e.what();
}

TEST_F(ImagesApiClientTest, SendsOrganizationAndProjectHeaders) {
  ConnectionSettings c = connection();
  c.organization = "org-header-test";
  c.project = "proj_header_test";
  RecordingProgress progress;
  ImagesApiClient(c).edit(request("headers please"), progress);
  const std::string log = standin_->recorded();
  EXPECT_NE(log.find("\"openai-organization\": \"org-header-test\""), std::string::npos) << log;
  EXPECT_NE(log.find("\"openai-project\": \"proj_header_test\""), std::string::npos);
}

TEST_F(ImagesApiClientTest, ListsModels) {
  const auto models = ImagesApiClient(connection()).list_models();
  EXPECT_NE(std::find(models.begin(), models.end(), "gpt-image-1.5"), models.end());
}

namespace {
// The stand-in's request ids count up and libcurl reports how long a refused connect took: both
// are masked so that the rest of a sentence is compared exactly.
// (No std::regex: GCC 12 warns inside <regex> under the sanitizers, and warnings are errors.)
std::string with_digits_masked(const std::string &text, const std::string &before, const std::string &after) {
  std::string out;
  size_t from = 0;
  for (size_t at = text.find(before); at != std::string::npos; at = text.find(before, from)) {
    size_t end = at + before.size();
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    const bool digits = end > at + before.size();
    if (digits && text.compare(end, after.size(), after) != 0) {
      out += text.substr(from, end - from);
    } else {
      out += text.substr(from, at - from) + before + (digits ? "N" : "");
    }
    from = end;
  }
  return out + text.substr(from);
}
std::string masked(const std::string &text) {
  return with_digits_masked(with_digits_masked(text, "req_standin_", ""), "after ", " ms");
}
}  // namespace

// "Test connection" shows check.message as it is: each case's whole sentence is checked.
TEST_F(ImagesApiClientTest, ConnectionCheckSaysWhatIsWrong) {
  const std::string base = "http://127.0.0.1:" + std::to_string(port_);
  auto check = check_connection(connection());
  EXPECT_TRUE(check.ok) << check.message;
  EXPECT_EQ(check.message, "Connected: gpt-image-1.5 is available at " + base + "/v1.");
  EXPECT_FALSE(check.models.empty());

  check = check_connection(connection("sk-revoked-key"));
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(masked(check.message),
            "The API key was refused (HTTP 401): it is wrong, revoked, or for another service. Enter the right key in "
            "Filters \u25B8 Generative \u25B8 Settings\u2026 or set OPENAI_API_KEY. The server said: Incorrect API key "
            "provided. You can find your API key at https://platform.openai.com/account/api-keys. "
            "[request id req_standin_N]");
  EXPECT_EQ(check.message.find("sk-revoked-key"), std::string::npos);

  check = check_connection(connection(""));
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.message, "No API key: enter one, or set OPENAI_API_KEY.");

  ConnectionSettings unknown = connection();
  unknown.model = "gpt-image-9";
  check = check_connection(unknown);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(check.message,
            "Connected, but the server does not list the model gpt-image-9. Image models it lists: gpt-image-1, "
            "gpt-image-1.5, gpt-image-1-mini, gpt-image-2, gpt-image-2-2026-04-21, dall-e-2, gpt-image-2.5-flare, "
            "gpt-image-2.5-sunburst, gpt-image-2.6-flare, gpt-image-2.6-sunburst.");

  ConnectionSettings wrong_path = connection();
  wrong_path.base_url = base + "/v2";
  check = check_connection(wrong_path);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(masked(check.message),
            "Not found (HTTP 404): " + base + "/v2 does not serve the model gpt-image-1.5 or the Images API. Check the "
            "base URL (it usually ends in /v1) and the model in Filters \u25B8 Generative \u25B8 Settings\u2026 The "
            "server said: Unknown path /v2/models [request id req_standin_N]");

  ConnectionSettings nowhere = connection();
  nowhere.base_url = "http://127.0.0.1:1/v1";
  check = check_connection(nowhere);
  EXPECT_FALSE(check.ok);
  EXPECT_EQ(masked(check.message),
            "Could not connect to http://127.0.0.1:1/v1 (Failed to connect to 127.0.0.1 port 1 after N ms: Couldn't "
            "connect to server). The server may be down, or a firewall or proxy blocks it; check the base URL and your "
            "network.");
}

TEST_F(ImagesApiClientTest, RateLimitIsRetriedAfterTheServersDelay) {
  standin_->control(R"({"fail_next": [{"status": 429, "message": "Rate limit reached", "code": "rate_limit_exceeded",
                                       "headers": {"retry-after-ms": "300"}}]})");
  RecordingProgress progress;
  const auto started = std::chrono::steady_clock::now();
  const ImagesResult result = ImagesApiClient(connection()).edit(request("retry after a rate limit"), progress);
  EXPECT_EQ(result.images.size(), 1u);
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(300));
  EXPECT_EQ(requests_with_prompt(standin_->recorded(), "retry after a rate limit"), 2);
  bool said_why = false;
  for (const auto &text : progress.texts) said_why |= text.find("rate limited (HTTP 429); attempt 2 of 3") != std::string::npos;
  EXPECT_TRUE(said_why);
}

TEST_F(ImagesApiClientTest, ServerErrorsGiveUpAfterThreeAttempts) {
  standin_->control(R"({"fail_next": [
      {"status": 500, "message": "Server had an error", "headers": {"retry-after-ms": "10"}},
      {"status": 502, "message": "Bad gateway", "headers": {"retry-after-ms": "10"}},
      {"status": 503, "message": "Overloaded", "headers": {"retry-after-ms": "10"}}]})");
  const auto e = error_of(ImagesApiClient(connection()), request("three server errors"));
  EXPECT_EQ(e.kind(), ErrorKind::Api);
  EXPECT_EQ(e.http_status(), 503);
  EXPECT_NE(std::string(e.what()).find("Overloaded"), std::string::npos);
  EXPECT_EQ(requests_with_prompt(standin_->recorded(), "three server errors"), 3);
}

TEST_F(ImagesApiClientTest, QuotaAndShouldRetryFalseAreNotRetried) {
  standin_->control(R"({"fail_next": [{"status": 429, "message": "You exceeded your current quota",
                                       "code": "insufficient_quota"}]})");
  auto e = error_of(ImagesApiClient(connection()), request("out of quota"));
  EXPECT_EQ(e.http_status(), 429);
  EXPECT_EQ(requests_with_prompt(standin_->recorded(), "out of quota"), 1);
  standin_->control(R"({"fail_next": [{"status": 500, "message": "Do not retry",
                                       "headers": {"x-should-retry": "false"}}]})");
  e = error_of(ImagesApiClient(connection()), request("should not retry"));
  EXPECT_EQ(requests_with_prompt(standin_->recorded(), "should not retry"), 1);
  // Retries can be turned off.
  ConnectionSettings once = connection();
  once.max_retries = 0;
  standin_->control(R"({"fail_next": [{"status": 500, "message": "Once", "headers": {"retry-after-ms": "10"}}]})");
  e = error_of(ImagesApiClient(once), request("no retries at all"));
  EXPECT_EQ(requests_with_prompt(standin_->recorded(), "no retries at all"), 1);
}

// HTTPS with a certificate no public CA signed: refused, unless its CA file is configured.
TEST(ImagesApiClientTls, CertificatesAreVerifiedAndACaFileCanBeTrusted) {
  gpt_image::testing::TempDirectory dir;
  const std::string cert = dir.path() + "/cert.pem", key = dir.path() + "/key.pem";
  const std::string command = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
                              "-addext subjectAltName=IP:127.0.0.1 -keyout " + key + " -out " + cert;
  gint status = 0;
  ASSERT_TRUE(g_spawn_command_line_sync(command.c_str(), nullptr, nullptr, &status, nullptr) && status == 0);
  gpt_image::testing::StandInProcess tls_standin(kKey, {"--tls-cert", cert, "--tls-key", key});
  ASSERT_GT(tls_standin.port(), 0);
  ConnectionSettings c;
  c.base_url = "https://127.0.0.1:" + std::to_string(tls_standin.port()) + "/v1";
  c.api_key = kKey;
  auto check = check_connection(c);
  EXPECT_FALSE(check.ok);
  EXPECT_NE(check.message.find("certificate"), std::string::npos) << check.message;
  EXPECT_NE(check.message.find("CA file"), std::string::npos) << check.message;
  c.ca_file = cert;
  check = check_connection(c);
  EXPECT_TRUE(check.ok) << check.message;
}
