// The connection a procedure's run sends with, carrying the run's accounting (run_accounting.h):
// every request the job sends then leaves a line in <profile>/gimp-gpt-image/usage.csv and its
// answer in <profile>/gimp-gpt-image/cache/, and with the `cache` argument "reuse" an identical
// request takes the kept answer. Every flow that calls the API takes its connection from here.
#pragma once

#include <string>

#include "connection_settings.h"
#include "procedures.h"

namespace gpt_image {

// resolve_connection(settings_path) with the accounting for `values`' procedure and its `cache`
// argument attached. Throws as resolve_connection does, and GenerativeError(InvalidArgument) for
// a `cache` that is neither off nor reuse.
ConnectionSettings accounted_connection(const std::string &settings_path, const procedures::ArgumentValues &values);

}  // namespace gpt_image
