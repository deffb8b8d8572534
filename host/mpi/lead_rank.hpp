// Rank 0 of a distributed optimization: it sends every worker the session (config text and
// data bytes), checks that each loaded the same plugin builds, then deals the search's
// batches to them as its RemoteWorkers. Whatever happens on rank 0, the workers are told to
// stop when this object goes.
#pragma once

#include "host/app/optimize.hpp"
#include "host/app/session.hpp"
#include "host/mpi/mpi_world.hpp"

#include <vector>

namespace mosaic::host::mpi {

class LeadRank : public research::RemoteWorkers {
 public:
  explicit LeadRank(const World& world);
  ~LeadRank() override;
  LeadRank(const LeadRank&) = delete;
  LeadRank& operator=(const LeadRank&) = delete;

  // Sends the session to the workers and waits until each has opened it. Throws app::Error
  // naming the rank, its host and the library when a worker loaded a different plugin build
  // (Module), or a worker's own error opening the session (its kind); the workers then stop.
  void share(const app::Session& s);

  size_t count() const override { return static_cast<size_t>(world_.size() - 1); }
  void set_fold(size_t fold) override { fold_ = fold; }
  void send(size_t w, const std::vector<std::vector<double>>& points) override;
  void start_islands(size_t w, const research::IslandRange& islands) override;
  research::RemoteMessage receive() override;

 private:
  std::string where(int rank) const;  // "rank 2 (node7)"
  void release(bool go);             // the verdict after share's checks
  const World& world_;
  enum class Stage { Started, Shared, Running } stage_ = Stage::Started;
  std::vector<std::string> hosts_;  // by rank
  // Answers still to come, by worker: one per batch, one (the done) per islands' start.
  std::vector<int> outstanding_;
  size_t fold_ = 0;
};

}  // namespace mosaic::host::mpi
