// The MPI job this process belongs to when mpirun (or srun) started it: MPI initialised for
// the life of the object, one thread at a time making MPI calls (MPI_THREAD_SERIALIZED: on
// rank 0, the search's dealer thread while the search runs, the main thread otherwise).
// A process started any other way is a world of one, and MPI is not initialised.
#pragma once

#include <mpi.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <string_view>

namespace mosaic::host::mpi {

// The tags of the point-to-point messages of a distributed optimization.
enum Tag : int {
  kIdentity = 1,  // worker -> 0: its plugins, or why it could not open the session
  kBatch = 2,     // 0 -> worker: a fold and the points to evaluate
  kResults = 3,   // worker -> 0: the batch's results
  kFailed = 4,    // worker -> 0: why it could not evaluate the batch
  kStop = 5,      // 0 -> worker: the search is over
  kIslands = 6,       // 0 -> worker: a fold and the islands of a population search to run
  kIslandTrials = 7,  // worker -> 0: trials its islands evaluated
  kIslandsDone = 8,   // worker -> 0: its islands stopped, why, and how many candidates were rejected
};

// The MPI job is ending under this rank (mpirun stops every rank when one dies, or when it
// is interrupted): a wait gave up after the stop signal, with no answer from `rank`.
struct JobEnding : std::runtime_error {
  JobEnding(int rank, const std::string& host);
  int rank;
};

class World {
 public:
  World();
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // Whether the environment says an MPI launcher started this process.
  static bool launched();

  int rank() const { return rank_; }
  int size() const { return size_; }
  const std::string& host() const { return host_; }

  void send(int to, Tag tag, std::string_view bytes) const;
  // The next message with `tag` from rank `from`.
  std::string receive(int from, Tag tag) const;
  // The next message from `from` (-1: any rank) with any tag; sets its source and tag.
  std::string receive_any(int from, int& source, int& tag) const;
  // Rank 0's bytes, on every rank.
  void broadcast(std::string& bytes) const;

  // Once `stop` is set (the launcher's SIGTERM or SIGINT, through the command's interrupt
  // flag), a wait with no message for half a second throws JobEnding rather than wait for
  // a rank that may be gone. nullptr: wait for ever.
  void give_up_when(const std::atomic<bool>* stop) { stop_ = stop; }
  bool gave_up() const { return gave_up_; }

 private:
  MPI_Status wait(int from, int tag) const;
  const std::atomic<bool>* stop_ = nullptr;
  mutable bool gave_up_ = false;
  bool initialised_ = false;
  int rank_ = 0;
  int size_ = 1;
  std::string host_;
};

}  // namespace mosaic::host::mpi
