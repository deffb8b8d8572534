#include "host/mpi/mpi_world.hpp"

#include <mpi.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <optional>
#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace mosaic::host::mpi {
namespace {

int byte_count(std::string_view bytes) {
  if (bytes.size() > static_cast<size_t>(INT_MAX))
    throw std::runtime_error(fmt::format("a message of {} bytes between ranks: more than MPI's {} in one message",
                                         bytes.size(), INT_MAX));
  return static_cast<int>(bytes.size());
}

void check(int rc, const char* what) {
  if (rc == MPI_SUCCESS) return;
  char text[MPI_MAX_ERROR_STRING];
  int len = 0;
  MPI_Error_string(rc, text, &len);
  throw std::runtime_error(fmt::format("{}: {}", what, std::string(text, static_cast<size_t>(len))));
}

}  // namespace

JobEnding::JobEnding(int rank, const std::string& host)
    : std::runtime_error(rank < 0 ? fmt::format("the MPI job is ending under rank 0 ({})", host)
                                  : fmt::format("the MPI job is ending: rank {} has not answered", rank)),
      rank(rank) {}

bool World::launched() {
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "MPI_LOCALNRANKS"})
    if (std::getenv(var)) return true;
  return false;
}

World::World() {
  char name[256] = {};
  gethostname(name, sizeof name - 1);
  host_ = name;
  if (!launched()) return;
  int provided = 0;
  check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_SERIALIZED, &provided), "MPI_Init_thread");
  initialised_ = true;
  if (provided < MPI_THREAD_SERIALIZED)
    throw std::runtime_error("this MPI offers no MPI_THREAD_SERIALIZED, which rank 0's dealer thread needs");
  // Errors come back as codes, and so as exceptions with MPI's text, not as an abort.
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

World::~World() {
  if (initialised_) MPI_Finalize();
}

void World::send(int to, Tag tag, std::string_view bytes) const {
  check(MPI_Send(bytes.data(), byte_count(bytes), MPI_BYTE, to, tag, MPI_COMM_WORLD), "MPI_Send");
}

// Waits for a matching message by polling: a blocking MPI_Probe spins a core, which on rank
// 0 is taken from the search's own threads, and with more ranks than cores from the other
// ranks' evaluations. It yields at first (an answer is usually a few microseconds away),
// then sleeps, longer the longer it waits, up to 200 us.
MPI_Status World::wait(int from, int tag) const {
  MPI_Status status;
  auto pause = std::chrono::microseconds(10);
  std::optional<std::chrono::steady_clock::time_point> stopped;
  for (int polls = 0;; ++polls) {
    int ready = 0;
    check(MPI_Iprobe(from, tag, MPI_COMM_WORLD, &ready, &status), "MPI_Iprobe");
    if (ready) return status;
    if (stop_ && stop_->load()) {
      const auto now = std::chrono::steady_clock::now();
      if (!stopped) stopped = now;
      if (now - *stopped > std::chrono::milliseconds(500)) {
        gave_up_ = true;
        throw JobEnding(from, host_);
      }
    }
    if (polls < 200) {
      std::this_thread::yield();
      continue;
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::microseconds(200));
  }
}

std::string World::receive(int from, Tag tag) const {
  MPI_Status status = wait(from, tag);
  int count = 0;
  MPI_Get_count(&status, MPI_BYTE, &count);
  std::string bytes(static_cast<size_t>(count), '\0');
  check(MPI_Recv(bytes.data(), count, MPI_BYTE, from, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE), "MPI_Recv");
  return bytes;
}

std::string World::receive_any(int from, int& source, int& tag) const {
  MPI_Status status = wait(from < 0 ? MPI_ANY_SOURCE : from, MPI_ANY_TAG);
  int count = 0;
  MPI_Get_count(&status, MPI_BYTE, &count);
  std::string bytes(static_cast<size_t>(count), '\0');
  // The probed message itself: its source and tag, not the wildcards.
  check(MPI_Recv(bytes.data(), count, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
        "MPI_Recv");
  source = status.MPI_SOURCE;
  tag = status.MPI_TAG;
  return bytes;
}

void World::broadcast(std::string& bytes) const {
  if (size_ == 1) return;
  uint64_t n = bytes.size();
  check(MPI_Bcast(&n, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD), "MPI_Bcast");
  bytes.resize(n);
  byte_count(bytes);
  check(MPI_Bcast(bytes.data(), static_cast<int>(n), MPI_BYTE, 0, MPI_COMM_WORLD), "MPI_Bcast");
}

}  // namespace mosaic::host::mpi
