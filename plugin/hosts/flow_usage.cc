// The usage procedure's run: the ledger's totals as the procedure's figures (procedures::usage()),
// in any run mode; there is nothing to ask.
#include <libgimp/gimp.h>

#include <ctime>

#include "flow_steps.h"
#include "flows.h"
#include "i18n.h"
#include "usage_totals.h"

namespace gpt_image {

Outcome run_usage(ProcedureCall &call) {
  return flow_steps::guarded(_("Usage failed unexpectedly: %s"), [&] {
    call.arguments();  // a GIMP 2.10 script's wrong call is told so
    const UsageTotals totals =
        read_usage_totals(usage_ledger_path_in_profile(gimp_directory()), std::time(nullptr));
    Outcome outcome{Outcome::Status::Success};
    // In the order of procedures::usage().figures.
    outcome.figures = {static_cast<double>(totals.all_time.calls),
                       static_cast<double>(totals.all_time.failures),
                       totals.month.spend_usd,
                       totals.all_time.spend_usd,
                       static_cast<double>(totals.month.calls),
                       totals.all_time.median_seconds.value_or(0),
                       static_cast<double>(totals.all_time.unknown_cost)};
    return outcome;
  });
}

}  // namespace gpt_image
