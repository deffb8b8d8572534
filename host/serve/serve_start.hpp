// Starting to serve a session whose pipeline may be incomplete: the part that resolves
// serves, and configured modules whose library is not in the folder yet wait for it.
#pragma once

#include "host/app/session.hpp"
#include "host/serve/partial_pipeline.hpp"

namespace mosaic::host::serve {

// Builds s.pipeline from the modules that resolve and returns the rest as waiting (or
// parked). `s` comes from open_session with tolerate_module_issues and no pipeline. Any
// module problem other than a missing library (a duplicate name, an unresolvable fixed
// graph) is fatal, as for `run`: throws app::Error (Module).
PartialPipeline start_partial(app::Session& s);

// The library files of the session's plugin folder that could not be loaded: file name ->
// why (serve lists them as `rejected` until they change or go).
std::map<std::string, std::string> rejected_files(const app::Session& s);

}  // namespace mosaic::host::serve
