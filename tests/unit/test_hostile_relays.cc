// Relays that try to hurt (issue 14): each answer here is one a hostile or broken server can send.
// The client must never crash, never carry the key into an error, never go through a proxy in
// clear, and never spend more than the previews asked for. The server is hostile_server.h: it
// answers with exactly the bytes each test gives it.
#include <gtest/gtest.h>
#include <glib.h>
#include <zlib.h>

#include <climits>
#include <cstdlib>
#include <string>

#include "errors.h"
#include "hostile_server.h"
#include "image_codec.h"
#include "images_api_client.h"

using namespace gpt_image;
using gpt_image::testing::HostileServer;

namespace {

constexpr const char *kKey = "sk-hostile-0123456789abcdefXYZ";

class Recorder : public ProgressSink {
 public:
  void set_text(const std::string &text) override { texts.push_back(text); }
  void set_fraction(double) override {}
  void pulse() override {}
  void preview(int index, const Raster *picture) override {
    indices.push_back(index);
    decoded.push_back(picture != nullptr);
  }
  bool wants_preview_pixels() const override { return true; }
  std::vector<std::string> texts;
  std::vector<int> indices;
  std::vector<bool> decoded;
};

ConnectionSettings connection(const std::string &url) {
  ConnectionSettings c;
  c.base_url = url;
  c.api_key = kKey;
  c.timeout_seconds = 20;
  c.stall_timeout_seconds = 5;
  c.max_retries = 0;
  return c;
}

GenerateRequest request(int partial_images = 0) {
  GenerateRequest r;
  r.model = "gpt-image-1.5";
  r.prompt = "a pear";
  r.size = "1024x1024";
  r.partial_images = partial_images;
  return r;
}

std::string base64(const std::vector<std::uint8_t> &bytes) {
  gchar *text = g_base64_encode(bytes.data(), bytes.size());
  std::string out(text);
  g_free(text);
  return out;
}

std::vector<std::uint8_t> small_png(int side = 16) { return encode_png(Raster(side, side, 4, 200)); }

// A real PNG whose header is rewritten to claim `width` x `height` (with a correct CRC): decoding it
// for real would mean allocating width * height * 4 bytes.
std::vector<std::uint8_t> png_claiming(unsigned width, unsigned height) {
  std::vector<std::uint8_t> png = small_png(1);
  // Signature (8), then IHDR: length (4), "IHDR" (4), width (4), height (4), ..., CRC over type+data.
  auto put = [&png](size_t at, unsigned v) {
    for (int i = 0; i < 4; ++i) png[at + i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
  };
  put(16, width);
  put(20, height);
  const uLong crc = crc32(0L, png.data() + 12, 17);
  put(29, static_cast<unsigned>(crc));
  return png;
}

std::string sse(const std::string &event, const std::string &data) { return "event: " + event + "\ndata: " + data + "\n\n"; }

std::string stream_answer(const std::string &events) {
  return "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n" + events;
}

std::string completed_event() {
  return sse("image_generation.completed",
             "{\"type\":\"image_generation.completed\",\"b64_json\":\"" + base64(small_png()) + "\"}");
}

GenerativeError generate_error(HostileServer &server, int partial_images = 0) {
  ImagesApiClient client(connection(server.url()));
  Recorder progress;
  try {
    client.generate(request(partial_images), progress);
  } catch (const GenerativeError &e) {
    return e;
  }
  return GenerativeError(ErrorKind::Host, "no error");
}

bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST(HostileRelays, AnEchoedKeyNeverReachesTheError) {
  HostileServer server([](const std::string &request) {
    const std::string key = HostileServer::bearer_token(request);
    return HostileServer::http(401, "application/json",
                               "{\"error\": {\"message\": \"Incorrect API key provided: " + key +
                                   ". You sent: Authorization: Bearer " + key + "\", \"code\": \"" + key +
                                   "\", \"param\": \"" + key + "\"}}");
  });
  const GenerativeError e = generate_error(server);
  ASSERT_EQ(e.kind(), ErrorKind::Api) << e.what();
  EXPECT_FALSE(contains(e.what(), kKey)) << e.what();
  EXPECT_FALSE(contains(e.what(), "0123456789abcdef")) << e.what();  // not even a piece of it
  EXPECT_TRUE(contains(e.what(), "Incorrect API key provided")) << e.what();  // the rest is kept
  EXPECT_TRUE(contains(e.what(), "[key removed]")) << e.what();
}

TEST(HostileRelays, AnEchoedKeyInTheRequestIdAndStreamErrorIsRemovedToo) {
  HostileServer server([](const std::string &request) {
    const std::string key = HostileServer::bearer_token(request);
    return "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nx-request-id: req-" + key +
           "\r\nConnection: close\r\n\r\n" +
           sse("error", "{\"error\": {\"message\": \"bad key " + key + "\", \"code\": \"x\"}}");
  });
  const GenerativeError e = generate_error(server, 1);
  EXPECT_FALSE(contains(e.what(), kKey)) << e.what();
  EXPECT_TRUE(contains(e.what(), "bad key")) << e.what();
}

TEST(HostileRelays, ServerTextIsCappedAndHasNoControlCharacters) {
  HostileServer server([](const std::string &) {
    std::string message = "\\u001b[2J\\u001b[31mpwned\\r\\nnext line ";
    for (int i = 0; i < 20000; ++i) message += "blah ";
    return HostileServer::http(500, "application/json", "{\"error\": {\"message\": \"" + message + "\"}}");
  });
  const GenerativeError e = generate_error(server);
  const std::string text = e.what();
  EXPECT_LT(text.size(), 1200u) << "the server's 100 KB message was not cut";
  EXPECT_TRUE(contains(text, "pwned next line")) << text;
  for (const char c : text) EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20) << "control character in: " << text;
}

TEST(HostileRelays, DeeplyNestedJsonInAnErrorBodyIsRefusedNotParsed) {
  HostileServer server([](const std::string &) {
    return HostileServer::http(400, "application/json", "{\"error\": " + std::string(100000, '['));
  });
  const GenerativeError e = generate_error(server);  // json-glib 1.6 overflows its stack on this
  EXPECT_EQ(e.kind(), ErrorKind::Api);
  EXPECT_EQ(e.http_status(), 400);
}

TEST(HostileRelays, DeeplyNestedJsonInAStreamEventIsRefusedNotParsed) {
  HostileServer server([](const std::string &) {
    return stream_answer(sse("image_generation.completed", std::string(100000, '[') + std::string(100000, ']')));
  });
  const GenerativeError e = generate_error(server, 1);
  EXPECT_EQ(e.kind(), ErrorKind::BadResponse);
  EXPECT_TRUE(contains(e.what(), "deeper than 64")) << e.what();
}

TEST(HostileRelays, DeeplyNestedJsonInTheModelListIsRefusedNotParsed) {
  HostileServer server([](const std::string &) {
    return HostileServer::http(200, "application/json", "{\"data\": " + std::string(100000, '{'));
  });
  ImagesApiClient client(connection(server.url()));
  try {
    client.list_models();
    FAIL() << "a model list nested 100,000 deep was accepted";
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadResponse);
  }
}

TEST(HostileRelays, ModelIdsThatHoldTheKeyOrControlCharactersAreDropped) {
  HostileServer server([](const std::string &request) {
    return HostileServer::http(200, "application/json",
                               "{\"data\": [{\"id\": \"gpt-image-1.5\"}, {\"id\": \"" +
                                   HostileServer::bearer_token(request) + "\"}, {\"id\": \"a\\u001bb\"}, {\"id\": \"" +
                                   std::string(5000, 'm') + "\"}]}");
  });
  ImagesApiClient client(connection(server.url()));
  EXPECT_EQ(client.list_models(), std::vector<std::string>{"gpt-image-1.5"});
}

TEST(HostileRelays, APreviewFloodDeliversOnlyThePreviewsAskedForAndDecodesNoneTooLarge) {
  const std::string huge = base64(png_claiming(8192, 8192));
  const std::string small = base64(small_png(64));
  HostileServer server([&](const std::string &) {
    std::string events = sse("image_generation.partial_image",
                             "{\"type\":\"image_generation.partial_image\",\"partial_image_index\":0,\"b64_json\":\"" +
                                 small + "\"}");
    for (int i = 1; i < 50; ++i)
      events += sse("image_generation.partial_image",
                    "{\"type\":\"image_generation.partial_image\",\"partial_image_index\":" + std::to_string(i) +
                        ",\"b64_json\":\"" + huge + "\"}");
    return stream_answer(events + completed_event());
  });
  ImagesApiClient client(connection(server.url()));
  Recorder progress;
  const ImagesResult result = client.generate(request(2), progress);
  EXPECT_EQ(result.images.size(), 1u);
  ASSERT_EQ(progress.indices.size(), 2u) << "previews passed on: only the 2 asked for may be";
  EXPECT_TRUE(progress.decoded[0]) << "a 64x64 preview of a 1024x1024 request is shown";
  EXPECT_FALSE(progress.decoded[1]) << "an 8192x8192 preview of a 1024x1024 request was decoded";
}

TEST(HostileRelays, AnOutOfRangePreviewIndexCountsInArrivalOrder) {
  const std::string small = base64(small_png());
  HostileServer server([&](const std::string &) {
    return stream_answer(sse("image_generation.partial_image",
                             "{\"type\":\"image_generation.partial_image\",\"partial_image_index\":" +
                                 std::to_string(INT_MAX) + ",\"b64_json\":\"" + small + "\"}") +
                         sse("image_generation.partial_image",
                             "{\"type\":\"image_generation.partial_image\",\"partial_image_index\":-5,\"b64_json\":\"" +
                                 small + "\"}") +
                         completed_event());
  });
  ImagesApiClient client(connection(server.url()));
  Recorder progress;
  client.generate(request(2), progress);
  EXPECT_EQ(progress.indices, (std::vector<int>{0, 1}));
}

TEST(HostileRelays, AnEventLongerThanOneImageStopsTheTransfer) {
  HostileServer server([](const std::string &) {
    return stream_answer("event: image_generation.completed\ndata: " + std::string(size_t{49} << 20, 'A'));
  });
  const GenerativeError e = generate_error(server, 1);
  EXPECT_EQ(e.kind(), ErrorKind::BadResponse);
  EXPECT_TRUE(contains(e.what(), "larger than 48 MB")) << e.what();
}

TEST(HostileRelays, AnImageLongerThanTheLargestAnswerIsRefused) {
  HostileServer server([](const std::string &) {
    return HostileServer::http(200, "application/json",
                               "{\"data\": [{\"b64_json\": \"" + std::string((size_t{48} << 20) + 4, 'A') + "\"}]}");
  });
  ImagesApiClient client(connection(server.url()));
  Recorder progress;
  GenerateRequest r = request();
  r.n = 2;  // so the body itself is under the cap for the whole answer
  try {
    client.generate(r, progress);
    FAIL() << "a 48 MiB + 4 base64 image was accepted";
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::BadResponse);
    EXPECT_TRUE(contains(e.what(), "more than 48 MB")) << e.what();
  }
}

TEST(HostileRelays, PlainHttpNeverGoesThroughAProxyFromTheEnvironment) {
  HostileServer proxy([](const std::string &) { return HostileServer::http(502, "text/plain", "proxy"); });
  HostileServer server([](const std::string &) {
    return HostileServer::http(200, "application/json", "{\"data\": [{\"b64_json\": \"" + base64(small_png()) + "\"}]}");
  });
  const std::string proxy_url = "http://127.0.0.1:" + std::to_string(proxy.port());
  const char *names[] = {"http_proxy", "HTTP_PROXY", "ALL_PROXY", "all_proxy"};
  for (const char *name : names) setenv(name, proxy_url.c_str(), 1);
  unsetenv("NO_PROXY");
  unsetenv("no_proxy");
  ImagesApiClient client(connection(server.url()));
  Recorder progress;
  ImagesResult result;
  EXPECT_NO_THROW(result = client.generate(request(), progress));
  for (const char *name : names) unsetenv(name);
  EXPECT_EQ(result.images.size(), 1u);
  EXPECT_EQ(proxy.connections(), 0) << "the proxy was sent: " << (proxy.requests().empty() ? "" : proxy.requests()[0]);
  EXPECT_EQ(server.connections(), 1);
}

TEST(HostileRelays, TheKeyIsSentTrimmedAndOnlyInItsHeader) {
  HostileServer server([](const std::string &) {
    return HostileServer::http(200, "application/json", "{\"data\": [{\"b64_json\": \"" + base64(small_png()) + "\"}]}");
  });
  PluginSettings settings;
  settings.base_url = server.url();
  ImagesApiClient client(connection_for(settings, std::string("  ") + kKey + "\r\n"));
  Recorder progress;
  client.generate(request(), progress);
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_TRUE(contains(server.requests()[0], std::string("Authorization: Bearer ") + kKey + "\r\n"));
}
