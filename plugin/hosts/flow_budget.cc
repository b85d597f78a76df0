#include "flow_budget.h"

#include <libgimp/gimp.h>

#include <ctime>

#include "errors.h"
#include "i18n.h"
#include "plugin_settings.h"
#include "spending_budget.h"
#include "usage_totals.h"

namespace gpt_image {

std::string enforce_monthly_budget(const std::function<CostEstimate()> &estimate) {
  const std::string profile = gimp_directory();
  const PluginSettings settings = with_environment_overrides(load_settings(settings_path_in_profile(profile)));
  if (!(settings.monthly_budget_usd > 0)) return "";
  const UsageTotals totals = read_usage_totals(usage_ledger_path_in_profile(profile), std::time(nullptr));
  const BudgetCheck check = check_budget(settings.monthly_budget_usd, totals.month.spend_usd, estimate());
  if (check.refused) throw GenerativeError(ErrorKind::Configuration, check.message);
  std::string note = check.message;
  if (totals.month.answered_unknown_cost > 0) {
    if (!note.empty()) note += "\n";
    note += format_text(_("Answered calls this month whose cost is unknown (their server sent no usage): %lld. "
                          "They are not counted against the monthly budget."),
                        totals.month.answered_unknown_cost);
  }
  return note;
}

}  // namespace gpt_image
