#include "flow_accounting.h"

#include <libgimp/gimp.h>

#include <memory>

#include "plugin_settings.h"
#include "procedure_spec.h"
#include "result_cache.h"
#include "run_accounting.h"
#include "usage_ledger.h"

namespace gpt_image {

ConnectionSettings accounted_connection(const std::string &settings_path, const procedures::ArgumentValues &values) {
  ConnectionSettings connection = resolve_connection(settings_path);
  // resolve_connection has checked the settings and the environment: read again, they are sound.
  const PluginSettings settings = with_environment_overrides(load_settings(settings_path));
  const std::string profile = gimp_directory();
  AccountingOptions options;
  options.procedure = values.procedure().name;
  options.ledger_path = ledger_path_in_profile(profile);
  options.cache_directory = cache_directory_in_profile(profile);
  options.cache_max_bytes = static_cast<std::int64_t>(settings.cache_max_mib) << 20;
  options.keep_prompts = settings.keep_prompts_in_ledger;
  options.cache = parse_cache_mode(values.text(spec::kArgCache));
  connection.accounting = std::make_shared<RunAccounting>(std::move(options));
  return connection;
}

}  // namespace gpt_image
