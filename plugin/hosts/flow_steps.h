// The steps every procedure's flow shares (flows.cc), for flows kept in files of their own
// (flow_expand.cc): the profile's settings file, the guard that turns exceptions into GIMP's
// outcome, and the dialog with the reference chooser.
#pragma once

#include <functional>
#include <string>

#include "procedure_call.h"

namespace gpt_image::flow_steps {

std::string settings_path();
// Runs `flow`: a cancel says nothing, a known error its sentence, anything else `unexpected`
// (c-format, the exception's text).
Outcome guarded(const char *unexpected, const std::function<Outcome()> &flow);
// The run's arguments; `cache` is "off" unless a script called non-interactively.
procedures::ArgumentValues run_arguments(ProcedureCall &call);
// The procedure's dialog over `values`; false when cancelled. On OK the prompt and values are remembered.
bool ask(ProcedureCall &call, procedures::ArgumentValues &values, const CostDescriber &describe_cost);

}  // namespace gpt_image::flow_steps
