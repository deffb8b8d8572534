#include "host/mpi/worker_rank.hpp"

#include "host/app/distributed_session.hpp"
#include "host/app/optimize_worker.hpp"
#include "host/app/rank_messages.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>

namespace mosaic::host::mpi {
namespace {

// The folder the data rank 0 sends is written to; removed when the worker ends.
struct Scratch {
  std::filesystem::path dir;
  explicit Scratch(int rank)
      : dir(std::filesystem::temp_directory_path() / fmt::format("mosaic-rank{}-{}", rank, getpid())) {}
  ~Scratch() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

// Runs the islands a kIslands message names, streaming their trials to rank 0, then says
// done; or says why it could not.
void run_islands(const World& world, app::OptimizeWorker* worker, const std::string& plan_error,
                 const std::string& bytes) {
  try {
    if (!worker) throw std::runtime_error("the plan could not be made: " + plan_error);
    if (bytes.size() != sizeof(uint64_t) + 3 * sizeof(int32_t)) throw std::runtime_error("a malformed islands message");
    uint64_t fold = 0;
    int32_t range[3];
    std::memcpy(&fold, bytes.data(), sizeof fold);
    std::memcpy(range, bytes.data() + sizeof fold, sizeof range);
    const auto outcome = worker->run_islands(static_cast<size_t>(fold), {range[0], range[1], range[2]},
                                             [&](app::OptimizeWorker::IslandTrials& t) {
                                               world.send(0, kIslandTrials,
                                                          app::encode_island_trials(t.points, t.orders, t.results));
                                             });
    std::string done(sizeof(uint64_t), '\0');
    std::memcpy(done.data(), &outcome.rejected, sizeof outcome.rejected);
    world.send(0, kIslandsDone, done + outcome.reason);
  } catch (const std::exception& e) {
    world.send(0, kFailed, e.what());
  }
}

}  // namespace

int run_worker_rank(const World& world, const std::function<app::OptimizeSpec()>& spec,
                    const std::optional<std::filesystem::path>& plugins) {
  std::string message;
  world.broadcast(message);
  if (message.empty() || message[0] == '\0') return 0;  // rank 0 stopped before the search

  Scratch scratch(world.rank());
  std::unique_ptr<app::Session> session;
  app::OptimizeSpec flags;
  std::string identity = world.host() + '\0';
  try {
    flags = spec();
    app::SessionBytes bytes = app::decode_session(std::string_view(message).substr(1));
    if (plugins) bytes.plugin_dir = std::filesystem::absolute(*plugins).string();
    session = app::open_session_from(bytes, scratch.dir);
    identity += '\1' + app::encode_identities(app::plugin_identities(*session));
  } catch (const std::exception& e) {
    identity += std::string(1, '\0') + e.what();
  }
  world.send(0, kIdentity, identity);
  std::string verdict;
  world.broadcast(verdict);
  if (verdict.empty() || verdict[0] == '\0') return 0;

  // The same plan rank 0 made from the same session and flags; if it cannot be made here,
  // every batch says why (rank 0, with the same inputs, would normally have failed first).
  std::optional<app::OptimizePlan> plan;
  std::string plan_error;
  try {
    plan = app::plan_optimize(*session, flags);
  } catch (const std::exception& e) {
    plan_error = e.what();
  }
  std::unique_ptr<app::OptimizeWorker> worker;
  if (plan) worker = std::make_unique<app::OptimizeWorker>(*session, *plan);

  for (;;) {
    int source = 0, tag = 0;
    const std::string bytes = world.receive_any(0, source, tag);
    if (tag == kStop) return 0;
    if (tag == kIslands) {
      run_islands(world, worker.get(), plan_error, bytes);
      continue;
    }
    if (tag != kBatch) continue;
    try {
      if (!worker) throw std::runtime_error("the plan could not be made: " + plan_error);
      if (bytes.size() < sizeof(uint64_t)) throw std::runtime_error("a malformed batch");
      uint64_t fold = 0;
      std::memcpy(&fold, bytes.data(), sizeof fold);
      const auto points = app::decode_points(std::string_view(bytes).substr(sizeof fold));
      world.send(0, kResults, app::encode_results(worker->evaluate(static_cast<size_t>(fold), points)));
    } catch (const std::exception& e) {
      world.send(0, kFailed, e.what());
    }
  }
}

}  // namespace mosaic::host::mpi
