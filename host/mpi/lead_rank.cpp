#include "host/mpi/lead_rank.hpp"

#include "host/app/distributed_session.hpp"
#include "host/app/error.hpp"
#include "host/app/rank_messages.hpp"

#include <fmt/format.h>

#include <cstring>
#include <stdexcept>

namespace mosaic::host::mpi {

LeadRank::LeadRank(const World& world)
    : world_(world), hosts_(static_cast<size_t>(world.size())), outstanding_(static_cast<size_t>(world.size() - 1), 0) {
  hosts_[0] = world.host();
}

LeadRank::~LeadRank() {
  if (world_.gave_up()) return;  // the job is ending: a rank may be gone, and nothing would answer
  try {
    if (stage_ == Stage::Started) {
      std::string stop(1, '\0');  // the session broadcast, saying there is none
      world_.broadcast(stop);
      return;
    }
    if (stage_ == Stage::Shared) return;  // release() told them
    // Answers still on their way are taken first: a worker blocked sending one would never
    // see its stop.
    for (size_t w = 0; w < outstanding_.size(); ++w)
      while (outstanding_[w] > 0) {
        int source = 0, tag = 0;
        world_.receive_any(static_cast<int>(w + 1), source, tag);
        if (tag == kResults || tag == kIslandsDone || tag == kFailed) --outstanding_[w];
      }
    for (int r = 1; r < world_.size(); ++r) world_.send(r, kStop, "");
  } catch (...) {
    // The workers end with the job when rank 0 exits.
  }
}

std::string LeadRank::where(int rank) const {
  return fmt::format("rank {} ({})", rank, hosts_[static_cast<size_t>(rank)]);
}

void LeadRank::share(const app::Session& s) {
  std::string message = "\1" + app::encode_session(app::session_bytes(s));
  world_.broadcast(message);
  stage_ = Stage::Shared;
  const std::vector<app::PluginIdentity> ours = app::plugin_identities(s);
  std::string problem;
  app::ErrorKind kind = app::ErrorKind::Module;
  for (int r = 1; r < world_.size(); ++r) {
    const std::string answer = world_.receive(r, kIdentity);
    // host NUL ok-byte rest: the worker's host, then its plugins or its error.
    const size_t nul = answer.find('\0');
    if (nul == std::string::npos || nul + 2 > answer.size()) throw std::runtime_error("a malformed message between ranks");
    hosts_[static_cast<size_t>(r)] = answer.substr(0, nul);
    const bool opened = answer[nul + 1] == '\1';
    const std::string_view rest = std::string_view(answer).substr(nul + 2);
    if (!problem.empty()) continue;
    if (!opened) {
      problem = fmt::format("{} could not open the session: {}", where(r), rest);
      continue;
    }
    if (const std::string diff = app::compare_plugins(app::decode_identities(rest), fmt::format("on rank {}", r), ours,
                                                      "on rank 0");
        !diff.empty())
      problem = fmt::format("{} loaded a different plugin build than rank 0 ({}): {}; install the same build on every "
                            "node",
                            where(r), world_.host(), diff);
  }
  release(problem.empty());
  if (!problem.empty()) throw app::Error(kind, problem);
  stage_ = Stage::Running;
}

void LeadRank::release(bool go) {
  std::string verdict(1, go ? '\1' : '\0');
  world_.broadcast(verdict);
}

void LeadRank::send(size_t w, const std::vector<std::vector<double>>& points) {
  std::string message(sizeof(uint64_t), '\0');
  const uint64_t fold = fold_;
  std::memcpy(message.data(), &fold, sizeof fold);
  message += app::encode_points(points);
  world_.send(static_cast<int>(w + 1), kBatch, message);
  ++outstanding_[w];
}

void LeadRank::start_islands(size_t w, const research::IslandRange& islands) {
  std::string message(sizeof(uint64_t) + 3 * sizeof(int32_t), '\0');
  const uint64_t fold = fold_;
  const int32_t range[3] = {islands.first, islands.count, islands.total};
  std::memcpy(message.data(), &fold, sizeof fold);
  std::memcpy(message.data() + sizeof fold, range, sizeof range);
  world_.send(static_cast<int>(w + 1), kIslands, message);
  ++outstanding_[w];
}

research::RemoteMessage LeadRank::receive() {
  int source = 0, tag = 0;
  const std::string bytes = world_.receive_any(-1, source, tag);
  if (source < 1 || source >= world_.size()) throw std::runtime_error(fmt::format("a message from rank {}", source));
  research::RemoteMessage m;
  m.worker = static_cast<size_t>(source - 1);
  switch (tag) {
    case kFailed:
      --outstanding_[m.worker];
      throw std::runtime_error(fmt::format("{}: {}", where(source), bytes));
    case kResults:
      --outstanding_[m.worker];
      m.kind = research::RemoteMessage::Kind::Results;
      m.results = app::decode_results(bytes);
      return m;
    case kIslandTrials:
      m.kind = research::RemoteMessage::Kind::IslandTrials;
      app::decode_island_trials(bytes, m.points, m.orders, m.results);
      return m;
    case kIslandsDone: {
      --outstanding_[m.worker];
      m.kind = research::RemoteMessage::Kind::IslandsDone;
      if (bytes.size() < sizeof(uint64_t)) throw std::runtime_error("a malformed message between ranks");
      std::memcpy(&m.rejected, bytes.data(), sizeof m.rejected);
      m.reason = bytes.substr(sizeof(uint64_t));
      return m;
    }
    default: throw std::runtime_error(fmt::format("{} sent tag {} during the search", where(source), tag));
  }
}

}  // namespace mosaic::host::mpi
