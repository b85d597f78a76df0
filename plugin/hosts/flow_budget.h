// The monthly budget as a step of every flow that calls the API (run_with_progress, and Generate
// Image's several canvases): before the job starts, this month's spend from the ledger plus the
// run's whole estimate (the one the cost line shows) is held against the budget in the settings.
#pragma once

#include <functional>
#include <string>

#include "cost_estimate.h"

namespace gpt_image {

// Throws GenerativeError(Configuration) with the sentence of spending_budget.h when the run would
// pass the budget: nothing has been sent and nothing in the image changed. Returns a note to add to
// the run's message when the budget could not be applied (cost unknown), otherwise "". Without a
// budget `estimate` is not even called.
std::string enforce_monthly_budget(const std::function<CostEstimate()> &estimate);

}  // namespace gpt_image
