// best.toml: the session's config with a candidate's parameters and switches written in,
// and every relative path made absolute, so the file works from wherever it is saved and
// `mosaic run --config best.toml` takes it as it is.
#pragma once

#include "host/app/session.hpp"
#include "host/research/search_space.hpp"

#include <string>

namespace mosaic::host::report {

std::string best_config_toml(const app::Session& s, const research::Candidate& c);

}  // namespace mosaic::host::report
