// The round trip of one batch between rank 0 and a worker, as a distributed search makes it:
// a batch of points out, its results back, through the same World calls (polling with
// back-off). Run it under mpirun with 2 ranks:
//   mpirun -np 2 ./build/bin/bench_rank_round_trip [BATCH] [DIMS] [ROUNDS]
// Prints the median and 90th percentile round trip and the bytes each way.
#include "host/app/rank_messages.hpp"
#include "host/mpi/mpi_world.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char** argv) {
  using namespace mosaic::host;
  const size_t batch = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 64;
  const size_t dims = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 2;
  const int rounds = argc > 3 ? std::atoi(argv[3]) : 2000;
  mpi::World world;
  if (world.size() != 2) {
    std::fprintf(stderr, "run it with mpirun -np 2\n");
    return 2;
  }
  const std::string points = app::encode_points(std::vector<std::vector<double>>(batch, std::vector<double>(dims, 1.5)));
  research::RecordedTrial trial{true, "", {}, 1, {std::vector<double>(16, 1), std::vector<double>(16, 2), std::vector<double>(16, 3)}};
  const std::string results = app::encode_results(std::vector<research::RecordedTrial>(batch, trial));
  if (world.rank() == 1) {
    for (int i = 0; i < rounds; ++i) {
      world.receive(0, mpi::kBatch);
      world.send(0, mpi::kResults, results);
    }
    return 0;
  }
  std::vector<double> us;
  for (int i = 0; i < rounds; ++i) {
    const auto start = std::chrono::steady_clock::now();
    world.send(1, mpi::kBatch, points);
    world.receive(1, mpi::kResults);
    us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(us.begin(), us.end());
  std::printf("batch %zu x %zu dims: %zu bytes out, %zu bytes back; round trip median %.1f us, p90 %.1f us (%d rounds)\n",
              batch, dims, points.size(), results.size(), us[us.size() / 2], us[us.size() * 9 / 10], rounds);
  return 0;
}
