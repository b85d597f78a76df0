// What one run of a procedure keeps of each request it sends: a ledger line (usage_ledger.h) and,
// for a successful answer, a result cache entry (result_cache.h); with cache "reuse" an identical
// request takes the cached answer instead of being sent. The host makes one per run and attaches
// it to the ConnectionSettings it hands the job; ImagesApiClient::edit and ::generate route every
// request through it, so each procedure's every request is recorded once, in one place. No
// accounting attached (tests, Test connection): nothing is recorded.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

#include "api_response.h"
#include "connection_settings.h"
#include "edit_request.h"
#include "generate_request.h"
#include "result_cache.h"

namespace gpt_image {

enum class CacheMode { Off, Reuse };

// "off" or "reuse" (the procedures' `cache` argument); throws GenerativeError(InvalidArgument).
CacheMode parse_cache_mode(const std::string &text);

// One request as the ledger and the cache describe it.
struct AccountedRequest {
  std::string key;              // request_key.h
  std::string url;              // the request URL (the ledger keeps its host)
  std::string model_sent;       // the body's model (Azure: the deployment)
  std::string catalogue_model;  // the model whose prices apply (Azure: the model behind the deployment)
  std::string quality, size, output_format, prompt;
  int n = 1;
};

AccountedRequest accounted_edit(const ConnectionSettings &connection, const EditRequest &request);
AccountedRequest accounted_generate(const ConnectionSettings &connection, const GenerateRequest &request);

struct AccountingOptions {
  std::string procedure;        // the PDB name
  std::string ledger_path;      // usage.csv
  std::string cache_directory;  // the result cache's folder
  std::int64_t cache_max_bytes = 0;  // 0: keep no answers (and so reuse none)
  bool keep_prompts = false;    // the prompt goes into the ledger only when set
  CacheMode cache = CacheMode::Off;
};

class RunAccounting {
 public:
  explicit RunAccounting(AccountingOptions options);

  // Sends `request` with `send` (the cached answer instead when the mode is Reuse and one is
  // kept), writes its ledger line, keeps a successful answer. What `send` throws is recorded
  // (error:<kind> or cancelled) and thrown on. Safe to call from several threads at once.
  ImagesResult run(const AccountedRequest &request, const std::function<ImagesResult()> &send);

  // The clock of the ledger's "time" and the cache's stamps (microseconds since 1970); for tests.
  void set_clock(std::function<std::int64_t()> clock);

 private:
  void record(const AccountedRequest &request, const std::string &outcome, double seconds,
              const ImagesResult *answer, std::optional<double> cost) const;

  AccountingOptions options_;
  std::mutex cache_mutex_;  // one store or lookup at a time within a run (Expand sends side by side)
  ResultCache cache_;
  std::function<std::int64_t()> clock_;
};

}  // namespace gpt_image
