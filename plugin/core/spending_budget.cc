#include "spending_budget.h"

#include <cmath>

#include "i18n.h"

namespace gpt_image {

namespace {

long long micro_dollars(double usd) { return std::llround(usd * 1e6); }

}  // namespace

std::string format_usd(double usd) {
  const long long micros = micro_dollars(usd);
  if (micros % 10000 == 0) return format_text("$%.2f", usd);
  return format_text("$%.4f", usd);
}

BudgetCheck check_budget(double budget_usd, double spent_this_month_usd, const CostEstimate &estimate) {
  if (!(budget_usd > 0)) return {};
  // Quality auto: the server may pick the dearest quality, so its price is what could be spent.
  const std::optional<double> cost = estimate.high_usd ? estimate.high_usd : estimate.low_usd;
  if (!cost)
    return {format_text(_("The monthly budget of %s was not applied to this call: its cost is unknown (%s spent this "
                          "month)."),
                        format_usd(budget_usd).c_str(), format_usd(spent_this_month_usd).c_str()),
            false};
  if (micro_dollars(spent_this_month_usd) + micro_dollars(*cost) <= micro_dollars(budget_usd)) return {};
  return {format_text(_("Not sent: this call may cost up to %s and %s has been spent this month, which would pass the "
                        "monthly budget of %s. Raise or clear the budget in Filters ▸ Generative ▸ Settings… or with "
                        "GPT_IMAGE_MONTHLY_BUDGET."),
                      format_usd(*cost).c_str(), format_usd(spent_this_month_usd).c_str(),
                      format_usd(budget_usd).c_str()),
          true};
}

}  // namespace gpt_image
