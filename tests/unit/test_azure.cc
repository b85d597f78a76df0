// Azure OpenAI: the routes and the header (service_route.h), the environment's precedence, the
// settings, and whole exchanges with the stand-in's Azure routes.
#include <gtest/gtest.h>
#include <glib.h>

#include <cstdlib>
#include <optional>

#include "connection_check.h"
#include "errors.h"
#include "fake_image_source.h"
#include "generate_request.h"
#include "generative_fill.h"
#include "images_api_client.h"
#include "plugin_settings.h"
#include "saved_environment.h"
#include "service_route.h"
#include "standin_process.h"
#include "temp_directory.h"

using namespace gpt_image;

namespace {

constexpr const char *kKey = "sk-azure-unit-key-never-shown";

ConnectionSettings azure(const std::string &endpoint, const std::string &version) {
  ConnectionSettings c;
  c.service = Service::Azure;
  c.base_url = endpoint;
  c.deployment = "images-prod";
  c.api_version = version;
  c.model = "gpt-image-1.5";
  c.api_key = kKey;
  return c;
}

std::string error_of(void (*check)(const std::string &), const std::string &value) {
  try {
    check(value);
  } catch (const GenerativeError &e) {
    return e.what();
  }
  return "";
}

// Saves and restores the variables these tests set.
class AzureEnvironment : public gpt_image::testing::SavedEnvironment {
 protected:
  AzureEnvironment()
      : SavedEnvironment({"OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_IMAGE_MODEL", "AZURE_OPENAI_ENDPOINT",
                          "AZURE_OPENAI_API_KEY", "OPENAI_API_VERSION", "GPT_IMAGE_AZURE_MODEL"}) {}
};

}  // namespace

TEST(AzureRoute, DeploymentRouteCarriesTheVersion) {
  const auto c = azure("https://res.openai.azure.com", "2025-04-01-preview");
  EXPECT_EQ(request_url(c, "/images/edits"),
            "https://res.openai.azure.com/openai/deployments/images-prod/images/edits?api-version=2025-04-01-preview");
  EXPECT_EQ(request_url(c, "/images/generations"),
            "https://res.openai.azure.com/openai/deployments/images-prod/images/generations"
            "?api-version=2025-04-01-preview");
  EXPECT_EQ(request_url(c, "/models"), "https://res.openai.azure.com/openai/models?api-version=2025-04-01-preview");
}

TEST(AzureRoute, NoVersionUsesTheV1Routes) {
  const auto c = azure("https://res.openai.azure.com", "");
  EXPECT_EQ(request_url(c, "/images/edits"), "https://res.openai.azure.com/openai/v1/images/edits");
  EXPECT_EQ(request_url(c, "/images/generations"), "https://res.openai.azure.com/openai/v1/images/generations");
  EXPECT_EQ(request_url(c, "/models"), "https://res.openai.azure.com/openai/v1/models");
}

TEST(AzureRoute, TheVersionIsUrlEncoded) {
  // A version is checked before it is saved, but the URL must not depend on that: '&', '#' and a
  // space never leave the api-version value.
  const auto c = azure("https://res.openai.azure.com", "1 2&x=y#z");
  EXPECT_EQ(request_url(c, "/images/edits"),
            "https://res.openai.azure.com/openai/deployments/images-prod/images/edits?api-version=1+2%26x%3dy%23z");
}

TEST(AzureRoute, OpenAiCompatibleUrlsAreUnchanged) {
  ConnectionSettings c;
  c.base_url = "https://relay.example.com/v1";
  c.api_key = kKey;
  c.api_version = "2025-04-01-preview";  // ignored: not Azure
  EXPECT_EQ(request_url(c, "/images/edits"), "https://relay.example.com/v1/images/edits");
  EXPECT_EQ(key_header(c), std::string("Authorization: Bearer ") + kKey);
  EXPECT_EQ(model_field(c, "gpt-image-1.5"), "gpt-image-1.5");
}

TEST(AzureRoute, KeyGoesInApiKeyAndTheDeploymentInTheModelField) {
  const auto c = azure("https://res.openai.azure.com", "");
  EXPECT_EQ(key_header(c), std::string("api-key: ") + kKey);
  EXPECT_EQ(model_field(c, "gpt-image-1.5"), "images-prod");
}

TEST(AzureSettings, EndpointFollowsTheBaseUrlRulesAndCarriesNoRoute) {
  EXPECT_EQ(validate_azure_endpoint("https://res.openai.azure.com/"), "https://res.openai.azure.com");
  EXPECT_NE(error_of([](const std::string &v) { validate_azure_endpoint(v); }, "http://res.openai.azure.com")
                .find("Refusing plain http"),
            std::string::npos);
  EXPECT_NE(error_of([](const std::string &v) { validate_azure_endpoint(v); },
                     "https://res.openai.azure.com/?api-version=1")
                .find("query"),
            std::string::npos);
  for (const char *routed : {"https://res.openai.azure.com/openai", "https://res.openai.azure.com/openai/v1",
                             "https://res.openai.azure.com/openai/deployments/x"})
    EXPECT_NE(error_of([](const std::string &v) { validate_azure_endpoint(v); }, routed).find("remove \"/openai\""),
              std::string::npos)
        << routed;
  EXPECT_NE(error_of([](const std::string &v) { validate_azure_endpoint(v); }, "").find("AZURE_OPENAI_ENDPOINT"),
            std::string::npos);
}

TEST(AzureSettings, DeploymentAndVersionAreNamesOnly) {
  EXPECT_EQ(error_of(validate_azure_deployment, "gpt-image-1.5_prod"), "");
  EXPECT_NE(error_of(validate_azure_deployment, ""), "");
  EXPECT_NE(error_of(validate_azure_deployment, "a/../b"), "");
  EXPECT_NE(error_of(validate_azure_deployment, "a b"), "");
  EXPECT_NE(error_of(validate_azure_deployment, std::string(65, 'a')), "");
  EXPECT_EQ(error_of(validate_azure_api_version, ""), "");
  EXPECT_EQ(error_of(validate_azure_api_version, "2025-04-01-preview"), "");
  EXPECT_NE(error_of(validate_azure_api_version, "2025&x=1"), "");
  EXPECT_NE(error_of(validate_azure_model, "gpt image"), "");
}

TEST(AzureSettings, FileRoundTripHoldsTheAzureFields) {
  gpt_image::testing::TempDirectory profile;
  const std::string path = settings_path_in_profile(profile.path());
  PluginSettings s;
  s.service = Service::Azure;
  s.azure_endpoint = "https://res.openai.azure.com";
  s.azure_deployment = "images-prod";
  s.azure_api_version = "2025-04-01-preview";
  s.azure_model = "gpt-image-1";
  save_settings(s, path);
  const PluginSettings back = load_settings(path);
  EXPECT_EQ(back.service, Service::Azure);
  EXPECT_EQ(back.azure_endpoint, s.azure_endpoint);
  EXPECT_EQ(back.azure_deployment, s.azure_deployment);
  EXPECT_EQ(back.azure_api_version, s.azure_api_version);
  EXPECT_EQ(back.azure_model, s.azure_model);
  EXPECT_EQ(back.base_url, kDefaultBaseUrl);  // the OpenAI side is kept for switching back
  g_file_set_contents(path.c_str(), "[connection]\nservice=google\n", -1, nullptr);
  EXPECT_THROW(load_settings(path), GenerativeError);
}

TEST_F(AzureEnvironment, AzureEndpointWinsAndTakesOnlyTheAzureKey) {
  setenv("OPENAI_BASE_URL", "https://relay.example.com/v1", 1);
  setenv("OPENAI_API_KEY", "sk-openai-only", 1);
  setenv("AZURE_OPENAI_ENDPOINT", "https://res.openai.azure.com/", 1);
  setenv("AZURE_OPENAI_API_KEY", kKey, 1);
  setenv("OPENAI_API_VERSION", "2025-04-01-preview", 1);
  setenv("OPENAI_IMAGE_MODEL", "gpt-image-1", 1);  // with Azure: the deployment
  const auto c = resolve_connection("");
  EXPECT_EQ(c.service, Service::Azure);
  EXPECT_EQ(c.base_url, "https://res.openai.azure.com");
  EXPECT_EQ(c.api_key, kKey);
  EXPECT_EQ(c.deployment, "gpt-image-1");
  EXPECT_EQ(c.model, "gpt-image-1");  // the deployment's name stands for its model by default
  EXPECT_EQ(c.api_version, "2025-04-01-preview");
  setenv("GPT_IMAGE_AZURE_MODEL", "gpt-image-1-mini", 1);
  EXPECT_EQ(resolve_connection("").model, "gpt-image-1-mini");
}

TEST_F(AzureEnvironment, OpenAiKeyIsNeverUsedForAzure) {
  setenv("OPENAI_API_KEY", "sk-openai-only", 1);
  setenv("AZURE_OPENAI_ENDPOINT", "https://res.openai.azure.com", 1);
  setenv("OPENAI_IMAGE_MODEL", "images-prod", 1);
  try {
    resolve_connection("");
    FAIL() << "an OpenAI key was accepted for Azure";
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::Configuration);
    EXPECT_NE(std::string(e.what()).find("AZURE_OPENAI_API_KEY"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("sk-openai-only"), std::string::npos) << e.what();
  }
}

TEST_F(AzureEnvironment, AzureKeyIsNeverUsedForOpenAi) {
  setenv("AZURE_OPENAI_API_KEY", kKey, 1);
  setenv("OPENAI_BASE_URL", "https://relay.example.com/v1", 1);
  try {
    resolve_connection("");
    FAIL() << "an Azure key was accepted for an OpenAI-compatible server";
  } catch (const GenerativeError &e) {
    EXPECT_NE(std::string(e.what()).find("OPENAI_API_KEY"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find(kKey), std::string::npos) << e.what();
  }
}

TEST_F(AzureEnvironment, AzureWithoutDeploymentSaysWhatToSet) {
  setenv("AZURE_OPENAI_ENDPOINT", "https://res.openai.azure.com", 1);
  setenv("AZURE_OPENAI_API_KEY", kKey, 1);
  try {
    resolve_connection("");
    FAIL();
  } catch (const GenerativeError &e) {
    EXPECT_NE(std::string(e.what()).find("deployment"), std::string::npos) << e.what();
  }
}

// Whole exchanges through the stand-in's Azure routes.
class AzureExchange : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    standin_ = new gpt_image::testing::StandInProcess(
        kKey, {"--azure-deployment", "images-prod=gpt-image-1.5", "--azure-deployment", "gpt-image-1=gpt-image-1"});
    ASSERT_GT(standin_->port(), 0) << "the stand-in API did not start";
  }
  static void TearDownTestSuite() { delete standin_; }

  static ConnectionSettings connection(const std::string &version) {
    ConnectionSettings c = azure("http://127.0.0.1:" + std::to_string(standin_->port()), version);
    c.max_retries = 0;
    return c;
  }

  static EditRequest edit_request(const std::string &prompt) {
    FillOptions options;
    options.prompt = prompt;
    return gpt_image::testing::small_fill_request(options);
  }

  static GenerateRequest generate_request(const std::string &prompt) {
    GenerateRequest r;
    r.model = "gpt-image-1.5";
    r.prompt = prompt;
    r.size = "1024x1024";
    return r;
  }

  // The stand-in's record of the request with this prompt, as JSON text.
  static std::string record_of(const std::string &prompt) {
    const std::string all = standin_->recorded();
    const size_t at = all.find("\"prompt\": \"" + prompt + "\"");
    if (at == std::string::npos) return "";
    const size_t start = all.rfind("{\"index\"", at);
    const size_t end = all.find("{\"index\"", at);
    return all.substr(start, end == std::string::npos ? std::string::npos : end - start);
  }

  static inline gpt_image::testing::StandInProcess *standin_ = nullptr;
};

TEST_F(AzureExchange, FillAndGenerationThroughTheDeploymentRoute) {
  SilentProgress quiet;
  const ImagesApiClient client(connection("2025-04-01-preview"));
  EXPECT_EQ(client.edit(edit_request("azure deployment fill"), quiet).images.size(), 1u);
  EXPECT_EQ(client.generate(generate_request("azure deployment generation"), quiet).images.size(), 1u);
  for (const char *prompt : {"azure deployment fill", "azure deployment generation"}) {
    const std::string record = record_of(prompt);
    EXPECT_NE(record.find("/openai/deployments/images-prod/images/"), std::string::npos) << record;
    EXPECT_NE(record.find("\"api_version\": \"2025-04-01-preview\""), std::string::npos) << record;
    EXPECT_NE(record.find("\"auth\": \"api-key\""), std::string::npos) << record;
    EXPECT_NE(record.find("\"authorization_sent\": false"), std::string::npos) << record;
    EXPECT_NE(record.find("\"sent_model\": \"images-prod\""), std::string::npos) << record;
  }
}

TEST_F(AzureExchange, FillAndGenerationThroughTheV1Routes) {
  SilentProgress quiet;
  ConnectionSettings c = connection("");
  c.deployment = "gpt-image-1";
  c.model = "gpt-image-1";
  const ImagesApiClient client(c);
  EXPECT_EQ(client.edit(edit_request("azure v1 fill"), quiet).images.size(), 1u);
  EXPECT_EQ(client.generate(generate_request("azure v1 generation"), quiet).images.size(), 1u);
  for (const char *prompt : {"azure v1 fill", "azure v1 generation"}) {
    const std::string record = record_of(prompt);
    EXPECT_NE(record.find("\"path\": \"/openai/v1/images/"), std::string::npos) << record;
    EXPECT_NE(record.find("\"authorization_sent\": false"), std::string::npos) << record;
    EXPECT_NE(record.find("\"sent_model\": \"gpt-image-1\""), std::string::npos) << record;
  }
}

TEST_F(AzureExchange, WrongKeyAndUnknownDeploymentAreExplainedWithoutTheKey) {
  SilentProgress quiet;
  ConnectionSettings wrong = connection("2025-04-01-preview");
  wrong.api_key = "sk-azure-wrong-key-never-shown";
  try {
    ImagesApiClient(wrong).generate(generate_request("wrong key"), quiet);
    FAIL();
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.http_status(), 401);
    EXPECT_NE(std::string(e.what()).find("AZURE_OPENAI_API_KEY"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find(wrong.api_key), std::string::npos) << e.what();
  }
  ConnectionSettings missing = connection("2025-04-01-preview");
  missing.deployment = "no-such-deployment";
  try {
    ImagesApiClient(missing).generate(generate_request("unknown deployment"), quiet);
    FAIL();
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.http_status(), 404);
    EXPECT_NE(std::string(e.what()).find("no deployment no-such-deployment"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("deployment for this resource does not exist"), std::string::npos) << e.what();  // the server's words
    EXPECT_EQ(std::string(e.what()).find(kKey), std::string::npos) << e.what();
  }
}

TEST_F(AzureExchange, TestConnectionProvesEndpointAndKeyForBothRoutes) {
  for (const char *version : {"2025-04-01-preview", ""}) {
    const ConnectionCheck check = check_connection(connection(version));
    EXPECT_TRUE(check.ok) << check.message;
    EXPECT_NE(check.message.find("images-prod"), std::string::npos) << check.message;
    EXPECT_TRUE(check.models.empty());  // a resource's models are not its deployments
  }
  ConnectionSettings wrong = connection("2025-04-01-preview");
  wrong.api_key = "sk-azure-wrong-key-never-shown";
  const ConnectionCheck refused = check_connection(wrong);
  EXPECT_FALSE(refused.ok);
  EXPECT_NE(refused.message.find("HTTP 401"), std::string::npos) << refused.message;
  EXPECT_EQ(refused.message.find(wrong.api_key), std::string::npos) << refused.message;
}

TEST(AzureSettings, RulesComeFromTheModelBehindTheDeployment) {
  PluginSettings s;
  s.model = "gpt-image-2";
  EXPECT_EQ(model_for_rules(s), "gpt-image-2");
  s.service = Service::Azure;
  s.azure_deployment = "gpt-image-1";
  EXPECT_EQ(model_for_rules(s), "gpt-image-1");  // named after its model
  s.azure_model = "gpt-image-1-mini";
  EXPECT_EQ(model_for_rules(s), "gpt-image-1-mini");
}
