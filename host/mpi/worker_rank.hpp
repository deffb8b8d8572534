// A worker rank of a distributed optimization (every rank but 0): it opens the session rank
// 0 sends, reports its plugin builds, and evaluates the batches it is dealt until rank 0
// says stop. It writes nothing but the data it was sent, in a scratch folder of its own.
#pragma once

#include "host/app/optimize_plan.hpp"
#include "host/mpi/mpi_world.hpp"

#include <filesystem>
#include <functional>
#include <optional>

namespace mosaic::host::mpi {

// `spec` gives the search's flags (this rank's command line, as rank 0's); an error it
// throws is reported through rank 0 like any other. Returns the process's exit code: 0
// (rank 0 reports why a search did not run).
// `plugins`, this rank's own --plugins, replaces rank 0's folder (plugins installed
// elsewhere on this node); the builds must still be rank 0's.
int run_worker_rank(const World& world, const std::function<app::OptimizeSpec()>& spec,
                    const std::optional<std::filesystem::path>& plugins);

}  // namespace mosaic::host::mpi
