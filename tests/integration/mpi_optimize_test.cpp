// `mpirun -np N mosaic optimize` as a user runs it, on this machine's OpenMPI: the same search
// over 1, 2 and 3 ranks gives byte-identical outputs to one process; a rank whose plugin
// build differs is refused before anything is evaluated, naming the rank, its host and the
// library. Built only when the build found an MPI (MOSAIC_MPI).
#include "support/plugin_fixture.hpp"
#include "support/slurp.hpp"

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

namespace fs = std::filesystem;

namespace {

struct Outcome {
  int code = -1;
  std::string output;  // stdout and stderr
};

// Runs `line` in `dir` through the shell.
Outcome shell(const fs::path& dir, const std::string& line) {
  const std::string command = "cd " + dir.string() + " && " + line + " >out.txt 2>&1";
  const int status = std::system(command.c_str());
  return {status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1, mosaic_test::slurp(dir / "out.txt")};
}

// mpirun; --oversubscribe: this machine has fewer cores than the tests' ranks,
// --allow-run-as-root: CI runs as root.
std::string mpirun_base() {
  std::string line = std::string(MOSAIC_MPIEXEC) + " --oversubscribe";
  if (geteuid() == 0) line += " --allow-run-as-root";
#if defined(__SANITIZE_ADDRESS__)
  // Under the sanitizers, OpenMPI's own allocations (those of its components, unloaded at
  // exit) are reported as leaks; Mosaic's own are checked by every one-process test.
  line += " -x ASAN_OPTIONS=detect_leaks=0:handle_segv=0";
#endif
  return line;
}

// mpirun with N ranks.
std::string mpirun(int ranks) { return mpirun_base() + " -np " + std::to_string(ranks); }

const std::string kSweep = std::string(MOSAIC_BIN_DIR) + "/mosaic optimize --config " + MOSAIC_SOURCE_DIR +
                           "/examples/sma_sweep.toml --plugins " + MOSAIC_PLUGIN_DIR;

const char* const kOutputs[] = {"results.csv", "out_of_sample.csv", "pbo_logits.csv", "best.toml", "equity.csv"};

}  // namespace

TEST_CASE("mpi: the SMA sweep over 1, 2 and 3 ranks equals the one-process search, file for file") {
  mosaic_test::TempDir dir("mpi");
  const Outcome alone = shell(dir.path(), kSweep + " --threads 1 --out alone");
  REQUIRE_MESSAGE(alone.code == 0, alone.output);
  for (int ranks : {1, 2, 3}) {
    CAPTURE(ranks);
    const std::string out = "ranks" + std::to_string(ranks);
    const Outcome r = shell(dir.path(), mpirun(ranks) + " " + kSweep + " --threads 1 --out " + out);
    REQUIRE_MESSAGE(r.code == 0, r.output);
    for (const char* file : kOutputs) {
      CAPTURE(file);
      CHECK(mosaic_test::slurp(dir.path() / out / file) == mosaic_test::slurp(dir.path() / "alone" / file));
    }
    // One run folder, written by rank 0 alone.
    CHECK(fs::exists(dir.path() / out / "journal.sqlite"));
  }
}

TEST_CASE("mpi: a rank with a different plugin build is refused before any evaluation") {
  mosaic_test::TempDir dir("mpi");
  // Rank 1 takes its plugins from a folder whose portfolio.so is another build: the same
  // library with bytes after its end, which loads and runs the same but hashes otherwise.
  const fs::path other = dir.path() / "other-plugins";
  fs::create_directories(other);
  for (const auto& e : fs::directory_iterator(MOSAIC_PLUGIN_DIR)) fs::copy(e.path(), other / e.path().filename());
  std::ofstream(other / "portfolio.so", std::ios::binary | std::ios::app) << "another build";
  const Outcome r = shell(dir.path(), mpirun_base() + " -np 1 " + kSweep + " --out run : -np 1 " + std::string(MOSAIC_BIN_DIR) +
                                          "/mosaic optimize --config " + MOSAIC_SOURCE_DIR +
                                          "/examples/sma_sweep.toml --plugins " + other.string() + " --out run");
  CHECK(r.code != 0);
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  CHECK_MESSAGE(r.output.find(std::string("rank 1 (") + host + ") loaded a different plugin build than rank 0") !=
                    std::string::npos,
                r.output);
  CHECK_MESSAGE(r.output.find("portfolio.so: sha256 ") != std::string::npos, r.output);
  // Nothing was evaluated: the journal holds no trial.
  const Outcome rows = shell(dir.path(), "sqlite3 run/journal.sqlite 'select count(*) from trial' 2>/dev/null || echo 0");
  CHECK(rows.output.find_first_not_of("0\n") == std::string::npos);
}

TEST_CASE("mpi: a genetic search over 2 ranks x 1 thread is repeatable and equals one process with 2 threads") {
  // Its islands are threads x ranks, each seeded by its number: 2 here, as in one process
  // with 2 threads.
  mosaic_test::TempDir dir("mpi");
  const std::string search = kSweep + " --method genetic --budget 400 --seed 7";
  const Outcome alone = shell(dir.path(), search + " --threads 2 --out alone");
  REQUIRE_MESSAGE(alone.code == 0, alone.output);
  for (const char* out : {"ranks_a", "ranks_b"}) {
    CAPTURE(out);
    const Outcome r = shell(dir.path(), mpirun(2) + " " + search + " --threads 1 --out " + out);
    REQUIRE_MESSAGE(r.code == 0, r.output);
    for (const char* file : kOutputs) {
      CAPTURE(file);
      CHECK(mosaic_test::slurp(dir.path() / out / file) == mosaic_test::slurp(dir.path() / "alone" / file));
    }
  }
}

namespace {

// The process id of rank `rank` of the mpirun job running in `dir`, read from the ranks'
// environments and working folders (ctest runs other jobs at the same time).
int rank_pid(int rank, const fs::path& dir) {
  for (const auto& e : fs::directory_iterator("/proc")) {
    const std::string name = e.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::error_code ec;
    if (fs::read_symlink(e.path() / "cwd", ec) != fs::canonical(dir) || ec) continue;
    const std::string env = mosaic_test::slurp(e.path() / "environ");
    const std::string cmd = mosaic_test::slurp(e.path() / "cmdline");
    if (cmd.find("mosaic") == std::string::npos || cmd.find("optimize") == std::string::npos) continue;
    if (env.find("OMPI_COMM_WORLD_RANK=" + std::to_string(rank) + '\0') != std::string::npos) return std::stoi(name);
  }
  return -1;
}

// Starts `line` in `dir` and, once its journal holds `rows` trials, kills rank 1 as a lost
// node would be; returns when the job has ended.
Outcome run_and_kill_rank1(const fs::path& dir, const std::string& line, int rows) {
  const std::string command = "cd " + dir.string() + " && " + line + " >out.txt 2>&1";
  std::thread killer([&] {
    for (int i = 0; i < 600; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (!fs::exists(dir / "run" / "journal.sqlite")) continue;
      const Outcome n = shell(dir, "sqlite3 run/journal.sqlite 'select count(*) from trial'");
      if (n.code == 0 && std::atoi(n.output.c_str()) >= rows) break;
    }
    const int pid = rank_pid(1, dir);
    if (pid > 0) ::kill(pid, SIGKILL);
  });
  const int status = std::system(command.c_str());
  killer.join();
  return {status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1, mosaic_test::slurp(dir / "out.txt")};
}

}  // namespace

TEST_CASE("mpi: a search whose worker was killed, resumed over the ranks, ends with the files of an uninterrupted one") {
  mosaic_test::TempDir dir("mpi");
  const std::string search = std::string(MOSAIC_BIN_DIR) + "/mosaic optimize --config " + MOSAIC_SOURCE_DIR +
                             "/examples/default.toml --plugins " + MOSAIC_PLUGIN_DIR +
                             " --method random --budget 1200 --seed 3";
  const Outcome killed = run_and_kill_rank1(dir.path(), mpirun(2) + " " + search + " --threads 1 --out run", 300);
  REQUIRE_MESSAGE(killed.code != 0, killed.output);
  const Outcome resumed = shell(dir.path(), mpirun(2) + " " + MOSAIC_BIN_DIR + "/mosaic optimize --resume run");
  REQUIRE_MESSAGE(resumed.code == 0, resumed.output);
  CHECK(resumed.output.find("evaluated configurations in its journal are not run again") != std::string::npos);
  const Outcome alone = shell(dir.path(), search + " --threads 2 --out alone");
  REQUIRE_MESSAGE(alone.code == 0, alone.output);
  for (const char* file : kOutputs) {
    CAPTURE(file);
    CHECK(mosaic_test::slurp(dir.path() / "run" / file) == mosaic_test::slurp(dir.path() / "alone" / file));
  }
}

TEST_CASE("mpi: a worker killed mid-run fails the run, naming the rank, and what was evaluated is in the journal") {
  mosaic_test::TempDir dir("mpi");
  const std::string line = mpirun(2) + " " + MOSAIC_BIN_DIR + "/mosaic optimize --config " + MOSAIC_SOURCE_DIR +
                           "/examples/default.toml --plugins " + MOSAIC_PLUGIN_DIR +
                           " --method random --budget 100000 --threads 1 --out run";
  const Outcome r = run_and_kill_rank1(dir.path(), line, 50);
  const int code = r.code;
  const std::string& output = r.output;
  CHECK_MESSAGE(code != 0, output);
  CHECK_MESSAGE(output.find("rank 1") != std::string::npos, output);  // mpirun's word on the dead rank
  // Rank 0's, given the launcher's stop: where the work is and how to go on.
  CHECK_MESSAGE(output.find("the configurations evaluated so far are in run/journal.sqlite; continue with: mosaic "
                            "optimize --resume run") != std::string::npos,
                output);
  const Outcome rows = shell(dir.path(), "sqlite3 run/journal.sqlite 'select count(*) from trial'");
  CHECK(rows.code == 0);
  CHECK_MESSAGE(std::atoi(rows.output.c_str()) >= 50, rows.output);
}
