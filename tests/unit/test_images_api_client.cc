// The HTTP client against the project's stand-in API, started on loopback for this test suite.
#include <gtest/gtest.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "errors.h"
#include "fake_fill_source.h"
#include "image_codec.h"
#include "images_api_client.h"

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
    dir_ = g_dir_make_tmp("gpt-image-client-XXXXXX", nullptr);
    const std::string port_file = std::string(dir_) + "/port";
    gchar *argv[] = {const_cast<gchar *>("/usr/bin/python3"), const_cast<gchar *>(STANDIN_SCRIPT),
                     const_cast<gchar *>("--port-file"), const_cast<gchar *>(port_file.c_str()),
                     const_cast<gchar *>("--key"), const_cast<gchar *>(kKey), nullptr};
    GError *error = nullptr;
    ASSERT_TRUE(g_spawn_async(nullptr, argv, nullptr, G_SPAWN_DEFAULT, nullptr, nullptr, &pid_, &error))
        << (error ? error->message : "");
    for (int i = 0; i < 400 && !g_file_test(port_file.c_str(), G_FILE_TEST_EXISTS); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    std::ifstream in(port_file);
    in >> port_;
    ASSERT_GT(port_, 0) << "the stand-in API did not start";
  }
  static void TearDownTestSuite() {
    if (pid_) kill(pid_, SIGTERM);
    g_spawn_close_pid(pid_);
  }

  ConnectionSettings connection(const std::string &key = kKey) const {
    ConnectionSettings c;
    c.base_url = "http://127.0.0.1:" + std::to_string(port_) + "/v1";
    c.api_key = key;
    return c;
  }

  EditRequest request(const std::string &prompt) const {
    Raster canvas(200, 100, 4, 120);
    Raster selection(200, 100, 1, 0);
    for (int y = 30; y < 60; ++y)
      for (int x = 80; x < 120; ++x) *selection.at(x, y) = 255;
    gpt_image::testing::FakeFillSource source(canvas, selection);
    FillOptions options;
    options.prompt = prompt;
    return prepare_edit(source, options, "gpt-image-1.5").request;
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

  static inline gchar *dir_ = nullptr;
  static inline GPid pid_ = 0;
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

TEST_F(ImagesApiClientTest, StandInRejectsMalformedRequests) {
  EditRequest r = request("x");
  r.size = "999x999";  // bypasses the plug-in's own validation on purpose
  const auto e = error_of(ImagesApiClient(connection()), r);
  EXPECT_EQ(e.kind(), ErrorKind::Api);
  EXPECT_NE(std::string(e.what()).find("999x999"), std::string::npos) << e.what();
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
  EXPECT_NE(std::string(e.what()).find("Could not reach"), std::string::npos);
}
