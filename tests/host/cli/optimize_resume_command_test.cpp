// `mosaic optimize --resume`: a search killed with SIGKILL part way through goes on from its
// journal and ends with the files of a search that was never interrupted.
#include "run_mosaic.hpp"

#include "host/journal/sqlite.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using mosaic_test::run_mosaic;
using mosaic_test::slurp;
using mosaic_test::temp_folder;
namespace fs = std::filesystem;
namespace journal = mosaic::host::journal;

namespace {

const std::vector<std::string> kSearch = {"optimize",  "--config", MOSAIC_SOURCE_DIR "/examples/default.toml",
                                          "--method",  "random",   "--budget",
                                          "3000",      "--threads", "2",
                                          "--seed",    "5"};

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// Rows in the journal's trial table as a second process sees them; -1 before it exists.
int64_t journal_rows(const fs::path& file) {
  if (!fs::exists(file)) return -1;
  try {
    journal::Database db(file, journal::Database::Mode::ReadOnly);
    auto q = db.prepare("SELECT count(*) FROM trial");
    return q.step() ? q.integer(0) : -1;
  } catch (const journal::SqliteError&) {
    return -1;  // made but its tables not committed yet
  }
}

std::string run_state(const fs::path& file) {
  journal::Database db(file, journal::Database::Mode::ReadOnly);
  auto q = db.prepare("SELECT value FROM run WHERE key = 'state'");
  return q.step() ? q.text(0) : "";
}

// report.json without what depends on the clock or on what this process evaluated itself.
nlohmann::json without_timing(nlohmann::json j) {
  if (j.is_object()) {
    for (const char* k : {"seconds", "evaluations_per_second", "cache", "from_journal"}) j.erase(k);
    for (auto& [k, v] : j.items()) v = without_timing(v);
  } else if (j.is_array()) {
    for (auto& v : j) v = without_timing(v);
  }
  return j;
}

}  // namespace

TEST_CASE("mosaic optimize --resume after kill -9 ends with the files of the uninterrupted search") {
  const fs::path dir = temp_folder("optimize-resume");
  const fs::path cut = dir / "cut", whole = dir / "whole";
  const fs::path db = cut / "journal.sqlite";

  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, STDOUT_FILENO);
    ::dup2(null, STDERR_FILENO);
    std::vector<std::string> words = kSearch;
    words.insert(words.begin(), MOSAIC_BIN_DIR "/mosaic");
    words.insert(words.end(), {"--out", cut.string()});
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  // Killed once a few hundred configurations are committed: well before the 3000.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  int status = 0;
  bool exited = false;
  while (journal_rows(db) < 300 && std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      exited = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid, SIGKILL);
  if (!exited) ::waitpid(pid, &status, 0);
  REQUIRE_MESSAGE(!exited, "the search ended before it could be killed");
  const int64_t kept = journal_rows(db);
  INFO("rows committed before the kill: " << kept);
  REQUIRE(kept >= 300);
  REQUIRE(kept < 3000);
  CHECK(run_state(db) == "running");
  CHECK_FALSE(fs::exists(cut / "results.csv"));

  const auto resumed = run_mosaic("optimize --resume " + cut.string());
  INFO(resumed.err);
  REQUIRE(resumed.code == 0);
  CHECK(resumed.out.find("resuming " + cut.string() + " (running): ") != std::string::npos);
  CHECK(resumed.out.find("were taken from the journal of the interrupted run") != std::string::npos);
  CHECK(run_state(db) == "finished");

  const auto uninterrupted = run_mosaic(joined(kSearch) + " --out " + whole.string());
  INFO(uninterrupted.err);
  REQUIRE(uninterrupted.code == 0);
  for (const char* file : {"results.csv", "out_of_sample.csv", "pbo_logits.csv", "best.toml", "equity.csv"}) {
    INFO(file);
    REQUIRE(fs::exists(whole / file));
    CHECK(slurp(cut / file) == slurp(whole / file));
  }
  const auto a = without_timing(nlohmann::json::parse(slurp(cut / "report.json")));
  const auto b = without_timing(nlohmann::json::parse(slurp(whole / "report.json")));
  CHECK(a == b);
  CHECK(journal_rows(db) == journal_rows(whole / "journal.sqlite"));
}

TEST_CASE("mosaic optimize --resume takes the run's own options and needs a journal") {
  const fs::path dir = temp_folder("optimize-resume-usage");
  auto r = run_mosaic("optimize --resume " + dir.string() + " --method grid");
  CHECK(r.code == 2);
  CHECK(r.err.find("--method does not go with --resume") != std::string::npos);

  r = run_mosaic("optimize --resume " + dir.string());
  CHECK(r.code == 2);
  CHECK(r.err.find("no journal.sqlite there") != std::string::npos);

  mosaic_test::write_file(dir / "journal.sqlite", "not a database, only text of a sufficient length to be read");
  r = run_mosaic("optimize --resume " + dir.string());
  CHECK(r.code == 4);
  CHECK(r.err.find("journal.sqlite") != std::string::npos);
}
