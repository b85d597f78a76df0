// The result cache's key: the exact request, every byte of it.
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>

#include "request_key.h"

using namespace gpt_image;

namespace {

ConnectionSettings openai() {
  ConnectionSettings c;
  c.base_url = "http://127.0.0.1:8080/v1";
  c.model = "gpt-image-1.5";
  c.api_key = "sk-key-not-part-of-the-request-body";
  return c;
}

EditRequest edit() {
  EditRequest r;
  r.model = "gpt-image-1.5";
  r.prompt = "a red boat";
  r.quality = "low";
  r.size = "1024x1024";
  r.image_png = {0x89, 'P', 'N', 'G', 1, 2, 3, 4, 5, 6};
  r.mask_png = std::vector<std::uint8_t>{0x89, 'P', 'N', 'G', 9, 8, 7};
  r.reference_pngs = {{0x89, 'P', 'N', 'G', 42, 43}, {0x89, 'P', 'N', 'G', 44}};
  return r;
}

GenerateRequest generate() {
  GenerateRequest r;
  r.model = "gpt-image-1.5";
  r.prompt = "a red boat";
  r.size = "1024x1024";
  return r;
}

}  // namespace

// Pinned against the documented serialisation computed outside the plug-in (Python's hashlib):
// SHA-256 over 8-byte little-endian lengths each followed by its piece: the version string,
// "POST", the URL, the content type, the body.
TEST(RequestKey, IsSha256OfTheLengthPrefixedRequest) {
  EXPECT_EQ(json_request_key("http://127.0.0.1:8080/v1/images/generations", "{\"prompt\":\"a\"}"),
            "0bdcdde9487d312ebdfd7d5ed3ae85d72a80611ae6d79eef326e2ed35f385963");
}

TEST(RequestKey, IdenticalRequestsGiveTheSameKey) {
  EXPECT_EQ(edit_request_key(openai(), edit()), edit_request_key(openai(), edit()));
  EXPECT_EQ(generate_request_key(openai(), generate()), generate_request_key(openai(), generate()));
  // The key is not part of the request's bytes: a new key finds the same answers.
  ConnectionSettings other = openai();
  other.api_key = "sk-another-key";
  EXPECT_EQ(edit_request_key(other, edit()), edit_request_key(openai(), edit()));
}

TEST(RequestKey, OneChangedByteInAnyImageChangesTheKey) {
  const std::string base = edit_request_key(openai(), edit());
  std::set<std::string> keys{base};
  for (size_t i = 0; i < edit().image_png.size(); ++i) {
    EditRequest r = edit();
    r.image_png[i] ^= 1;
    keys.insert(edit_request_key(openai(), r));
  }
  for (size_t i = 0; i < edit().mask_png->size(); ++i) {
    EditRequest r = edit();
    (*r.mask_png)[i] ^= 1;
    keys.insert(edit_request_key(openai(), r));
  }
  for (size_t ref = 0; ref < 2; ++ref)
    for (size_t i = 0; i < edit().reference_pngs[ref].size(); ++i) {
      EditRequest r = edit();
      r.reference_pngs[ref][i] ^= 1;
      keys.insert(edit_request_key(openai(), r));
    }
  const size_t changes = edit().image_png.size() + edit().mask_png->size() + edit().reference_pngs[0].size() +
                         edit().reference_pngs[1].size();
  EXPECT_EQ(keys.size(), 1 + changes);  // every change a key of its own, none the original's
}

TEST(RequestKey, EveryFieldBaseUrlAndModelChangeTheKey) {
  const std::string base = edit_request_key(openai(), edit());
  const std::vector<std::function<void(ConnectionSettings &, EditRequest &)>> changes = {
      [](ConnectionSettings &, EditRequest &r) { r.prompt = "a red boaT"; },
      [](ConnectionSettings &, EditRequest &r) { r.quality = "high"; },
      [](ConnectionSettings &, EditRequest &r) { r.size = "1024x1536"; },
      [](ConnectionSettings &, EditRequest &r) { r.n = 2; },
      [](ConnectionSettings &, EditRequest &r) { r.output_format = "webp"; },
      [](ConnectionSettings &, EditRequest &r) { r.background = "transparent"; },
      [](ConnectionSettings &, EditRequest &r) { r.input_fidelity = "high"; },
      [](ConnectionSettings &, EditRequest &r) { r.partial_images = 2; },
      [](ConnectionSettings &, EditRequest &r) { r.model = "gpt-image-1"; },
      [](ConnectionSettings &, EditRequest &r) { r.mask_png.reset(); },
      [](ConnectionSettings &, EditRequest &r) { r.reference_pngs.pop_back(); },
      [](ConnectionSettings &, EditRequest &r) { std::swap(r.reference_pngs[0], r.reference_pngs[1]); },
      // Bytes moved from one part to the next: same bytes in all, other request.
      [](ConnectionSettings &, EditRequest &r) {
        r.reference_pngs[1].insert(r.reference_pngs[1].begin(), r.reference_pngs[0].back());
        r.reference_pngs[0].pop_back();
      },
      [](ConnectionSettings &c, EditRequest &) { c.base_url = "http://127.0.0.1:8081/v1"; },
      [](ConnectionSettings &c, EditRequest &) { c.base_url = "http://localhost:8080/v1"; },
  };
  std::set<std::string> keys{base};
  for (const auto &change : changes) {
    ConnectionSettings c = openai();
    EditRequest r = edit();
    change(c, r);
    keys.insert(edit_request_key(c, r));
  }
  EXPECT_EQ(keys.size(), 1 + changes.size());
}

TEST(RequestKey, GenerateFieldsAndAzureRoutesChangeTheKey) {
  std::set<std::string> keys{generate_request_key(openai(), generate())};
  GenerateRequest r = generate();
  r.moderation = "low";
  keys.insert(generate_request_key(openai(), r));
  r = generate();
  r.prompt += " ";
  keys.insert(generate_request_key(openai(), r));
  ConnectionSettings azure = openai();
  azure.service = Service::Azure;
  azure.base_url = "https://res.openai.azure.com";
  azure.deployment = "images-prod";
  azure.api_version = "2025-04-01-preview";
  keys.insert(generate_request_key(azure, generate()));
  ConnectionSettings other_deployment = azure;
  other_deployment.deployment = "images-test";
  keys.insert(generate_request_key(other_deployment, generate()));
  ConnectionSettings other_version = azure;
  other_version.api_version = "2025-04-02-preview";
  keys.insert(generate_request_key(other_version, generate()));
  EXPECT_EQ(keys.size(), 6u);
  // The edit and the generation of the same prompt are different requests.
  EXPECT_NE(generate_request_key(openai(), generate()), edit_request_key(openai(), edit()));
}

TEST(RequestKey, AzureBodyCarriesTheDeployment) {
  ConnectionSettings azure = openai();
  azure.service = Service::Azure;
  azure.base_url = "https://res.openai.azure.com";
  azure.deployment = "images-prod";
  EXPECT_NE(generate_request_body(azure, generate()).find("\"model\":\"images-prod\""), std::string::npos);
  EXPECT_NE(generate_request_body(openai(), generate()).find("\"model\":\"gpt-image-1.5\""), std::string::npos);
}
