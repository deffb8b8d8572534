// examples/sma_sweep.toml through the `mosaic` executable: the technical module's sign-mode
// crossover and the long-only single-asset portfolio must hold TTRC exactly when the fast SMA
// is above the slow one in exact cent arithmetic, and be flat on the ties and the warm-up.
#include "support/plugin_fixture.hpp"
#include "support/slurp.hpp"
#include "support/ttrc_cents.hpp"

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// A one-asset port CSV (ts, value) as date -> cell text; an empty cell is a missing value.
std::map<std::string, std::string> read_port(const fs::path& file) {
  std::map<std::string, std::string> cells;
  std::istringstream lines(mosaic_test::slurp(file));
  std::string line;
  std::getline(lines, line);  // ts,TTRC
  while (std::getline(lines, line)) {
    const size_t comma = line.find(',');
    if (comma == std::string::npos) throw std::runtime_error(file.string() + ": no comma in '" + line + "'");
    cells[line.substr(0, 10)] = line.substr(comma + 1);
  }
  return cells;
}

}  // namespace

TEST_CASE("examples/sma_sweep.toml: long exactly when fast > slow in cents, flat on ties and warm-up") {
  mosaic_test::TempDir dir("sma-sweep");
  const fs::path out = dir.path() / "run";
  const std::string command = std::string("cd ") + dir.path().string() + " && " + MOSAIC_BIN_DIR "/mosaic run --config " +
                              MOSAIC_SOURCE_DIR "/examples/sma_sweep.toml --plugins " MOSAIC_PLUGIN_DIR " --out " +
                              out.string() + " >stdout.txt 2>stderr.txt";
  const int status = std::system(command.c_str());
  const int code = status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  REQUIRE_MESSAGE(code == 0, command << "\nexit " << code << "\n" << mosaic_test::slurp(dir.path() / "stdout.txt")
                                     << mosaic_test::slurp(dir.path() / "stderr.txt"));

  const auto weights = read_port(out / "ports" / "weights.target.csv");
  const auto signal = read_port(out / "ports" / "signal.technical.csv");
  const auto& s = mosaic_test::ttrc();
  const auto prefix = mosaic_test::prefix_sums(s.cents);
  REQUIRE(weights.size() == s.dates.size());
  REQUIRE(signal.size() == s.dates.size());
  size_t bad = 0, long_bars = 0;
  for (size_t t = 0; t < s.dates.size(); ++t) {
    const std::string& date = s.dates[t];
    const bool warm = t >= 49;
    const int exact = warm ? mosaic_test::exact_crossover_sign(prefix, t, 10, 50) : 0;
    const std::string want_signal = !warm ? "" : (exact > 0 ? "1" : (exact < 0 ? "-1" : "0"));
    const std::string want_weight = exact > 0 ? "1" : "0";
    long_bars += exact > 0 ? 1 : 0;
    if ((signal.at(date) != want_signal || weights.at(date) != want_weight) && ++bad <= 5)
      FAIL_CHECK(date << ": signal '" << signal.at(date) << "' weight '" << weights.at(date) << "', exact sign "
                      << exact);
  }
  CHECK(bad == 0);
  CHECK(long_bars > 1000);
  for (const char* tie : {"1991-03-26", "1993-02-05"}) {
    CAPTURE(tie);
    CHECK(signal.at(tie) == "0");
    CHECK(weights.at(tie) == "0");
  }
}
