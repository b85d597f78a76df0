// The monthly budget (settings: monthly_budget_usd, GPT_IMAGE_MONTHLY_BUDGET): a run whose estimate
// would take this month's spend (the ledger's, UTC month) over the budget is refused before anything
// is sent. The estimate is the dialog's cost line's, at its high end (quality auto may cost the
// most). A run whose cost cannot be estimated is let through, and the user is told the budget could
// not be applied. 0 means no budget: nothing is checked and nothing is said.
#pragma once

#include <optional>
#include <string>

#include "cost_estimate.h"

namespace gpt_image {

struct BudgetCheck {
  // Empty when the run may go ahead quietly. Otherwise a sentence for the user: why it was refused
  // (refused true), or that the budget could not be applied because the cost is unknown.
  std::string message;
  bool refused = false;
};

// Whether a run estimated at `estimate` may start, with `spent_this_month` already spent. Amounts
// are compared in whole micro-dollars (the ledger's precision), so reaching the budget exactly is
// allowed and passing it by a cent is not, whatever binary fractions make of the sum.
BudgetCheck check_budget(double budget_usd, double spent_this_month_usd, const CostEstimate &estimate);

// "$0.25", or "$0.0123" for amounts that are not whole cents.
std::string format_usd(double usd);

}  // namespace gpt_image
