// Golden tests: what the `mosaic` executable prints, writes and exits with, pinned byte for
// byte (after golden_normalise.hpp takes out paths and clock readings) against the files in
// tests/data/golden/<case>/, so that a change meant to move code without changing behaviour
// can show it did not. MOSAIC_UPDATE_GOLDEN=1 rewrites those files from the current binary
// instead; tests/data/golden/README.md has the details.
#include "host/cli/run_mosaic.hpp"
#include "support/golden_normalise.hpp"
#include "support/plugin_fixture.hpp"
#include "host/loader/sha256.hpp"
#include "support/slurp.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using mosaic_test::golden::Rules;

namespace {

const fs::path kGoldenDir = fs::path(MOSAIC_TEST_DATA_DIR) / "golden";
const std::string kSource = MOSAIC_SOURCE_DIR;

bool update_mode() {
  const char* v = std::getenv("MOSAIC_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

std::string normalise(const std::string& name, const std::string& text, const Rules& rules) {
  namespace g = mosaic_test::golden;
  if (fs::path(name).extension() == ".json") return g::normalise_json(text, rules);
  const std::string file = fs::path(name).filename().string();
  if (file == "stdout.txt" || file == "stderr.txt" || file == "summary.txt") return g::normalise_text(text, rules);
  return g::replace_paths(text, rules.paths);
}

// Everything one command produced, normalised, by golden file name. The port CSVs of a run
// are megabytes of panels: they are pinned by digest in out_ports.sha256 (sha256sum's
// format, so `sha256sum -c` checks a run folder against it) rather than stored.
std::map<std::string, std::string> outcome_files(const std::string& args, const fs::path& work, bool cache_race) {
  const fs::path out = work / "out";
  Rules rules;
  rules.paths = {
      {out.string(), "<out>"}, {work.string(), "<work>"}, {MOSAIC_BUILD_DIR, "<build>"}, {kSource, "<source>"}};
  rules.cache_counts = cache_race;
  // A folder before any folder holding it, wherever the clone, the build and the temp dir are.
  std::stable_sort(rules.paths.begin(), rules.paths.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });

  // From the source tree, so that examples/... resolve as in the README.
  const auto r = mosaic_test::run_mosaic(args, kSource);
  std::map<std::string, std::string> files = {
      {"exit_code", std::to_string(r.code) + "\n"},
      {"stdout.txt", normalise("stdout.txt", r.out, rules)},
      {"stderr.txt", normalise("stderr.txt", r.err, rules)},
  };
  std::vector<std::string> written;
  if (fs::exists(out))
    for (const auto& entry : fs::recursive_directory_iterator(out))
      if (entry.is_regular_file()) written.push_back(fs::relative(entry.path(), out).generic_string());
  std::sort(written.begin(), written.end());
  std::string listing = fs::exists(out) ? "" : "(no --out folder)\n", ports;
  for (const auto& name : written) {
    listing += name + "\n";
    // report.html carries the build time and the packed chart library: its data and its
    // rendering are tested on their own (host/report, the browser test). So does an
    // optimization's journal.sqlite its commit times (host/journal, the --resume tests).
    if (name == "report.html" || name == "journal.sqlite") continue;
    const std::string text = normalise(name, mosaic_test::slurp(out / name), rules);
    // So are an optimization's per-combination PBO logits and its out-of-sample sample.
    const bool bulky = name.rfind("ports/", 0) == 0 || name == "pbo_logits.csv" || name == "out_of_sample.csv";
    if (bulky) ports += mosaic::host::sha256_hex(text) + "  " + name + "\n";
    else files["out/" + name] = text;
  }
  files["out_files.txt"] = listing;
  if (!ports.empty()) files["out_ports.sha256"] = ports;
  return files;
}

std::string clip(const std::string& line) { return line.size() > 200 ? line.substr(0, 200) + "..." : line; }

std::string first_difference(const std::string& expected, const std::string& actual) {
  const auto e = mosaic_test::golden::split_lines(expected), a = mosaic_test::golden::split_lines(actual);
  size_t i = 0;
  while (i < e.size() && i < a.size() && e[i] == a[i]) ++i;
  if (i == e.size() && i == a.size()) return "the lines match; only the final newline differs";
  return "line " + std::to_string(i + 1) + "\n  expected: " + (i < e.size() ? clip(e[i]) : "(end of file)") +
         "\n  actual:   " + (i < a.size() ? clip(a[i]) : "(end of file)");
}

std::map<std::string, std::string> golden_files(const fs::path& dir) {
  std::map<std::string, std::string> files;
  if (fs::exists(dir))
    for (const auto& entry : fs::recursive_directory_iterator(dir))
      if (entry.is_regular_file())
        files[fs::relative(entry.path(), dir).generic_string()] = mosaic_test::slurp(entry.path());
  return files;
}

// Runs `mosaic <args>` (with {out} and {work} standing for the case's folders) and compares
// what it produced with tests/data/golden/<name>/, or rewrites that folder in update mode.
// `cache_race`: see golden::Rules::cache_counts.
void check_golden(const std::string& name, std::string args, const mosaic_test::TempDir& work,
                  bool cache_race = false) {
  for (const auto& [key, path] :
       {std::pair{"{out}", (work / "out").string()}, std::pair{"{work}", work.path().string()}})
    for (size_t at; (at = args.find(key)) != std::string::npos;) args.replace(at, std::string(key).size(), path);
  const auto actual = outcome_files(args, work.path(), cache_race);
  const fs::path dir = kGoldenDir / name;
  if (update_mode()) {
    fs::remove_all(dir);
    for (const auto& [file, text] : actual) {
      fs::create_directories((dir / file).parent_path());
      std::ofstream(dir / file, std::ios::binary) << text;
    }
    MESSAGE("MOSAIC_UPDATE_GOLDEN=1: wrote " << actual.size() << " golden files to " << dir.string());
    return;
  }
  const auto expected = golden_files(dir);
  REQUIRE_MESSAGE(!expected.empty(), dir.string() << " is missing: run with MOSAIC_UPDATE_GOLDEN=1 to write it");
  INFO("mosaic " << args << "\n(if the change is meant: MOSAIC_UPDATE_GOLDEN=1 and review the diff of " << dir.string()
                 << ")");
  for (const auto& [file, text] : expected) {
    const auto it = actual.find(file);
    if (it == actual.end()) {
      FAIL_CHECK(name << "/" << file << ": not produced any more");
    } else if (it->second != text) {
      FAIL_CHECK(name << "/" << file << " differs at " << first_difference(text, it->second));
    }
  }
  for (const auto& [file, text] : actual) {
    if (!expected.count(file)) FAIL_CHECK(name << "/" << file << ": produced, but there is no golden file for it");
  }
}

// default.toml with `from` replaced by `to`; the prices made absolute, since the copy is not
// in examples/ where the relative path resolves.
std::string default_config_with(const std::string& prices, const std::string& from, const std::string& to) {
  std::string text = mosaic_test::slurp(kSource + "/examples/default.toml");
  const std::string relative = "\"../data/spisector.csv\"";
  REQUIRE(text.find(relative) != std::string::npos);
  text.replace(text.find(relative), relative.size(), "\"" + kSource + "/data/" + prices + "\"");
  if (!from.empty()) {
    REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(), to);
  }
  return text;
}

}  // namespace

TEST_CASE("golden: mosaic run, the bundled pipeline, with --out") {
  mosaic_test::TempDir work("golden-run");
  check_golden("run", "run --out {out}", work);
}

TEST_CASE("golden: mosaic optimize, grid search of examples/sma_sweep.toml on 1 thread") {
  mosaic_test::TempDir work("golden-grid");
  check_golden("optimize_grid", "optimize --config examples/sma_sweep.toml --method grid --threads 1 --out {out}",
               work);
}

TEST_CASE("golden: mosaic optimize, genetic search of examples/sma_sweep.toml, seed 7, on 2 threads") {
  mosaic_test::TempDir work("golden-genetic");
  check_golden("optimize_genetic",
               "optimize --config examples/sma_sweep.toml --method genetic --seed 7 --budget 300 --threads 2 "
               "--out {out}",
               work, /*cache_race=*/true);
}

TEST_CASE("golden: mosaic ablate, the bundled pipeline") {
  mosaic_test::TempDir work("golden-ablate");
  check_golden("ablate", "ablate --out {out}", work);
}

TEST_CASE("golden: mosaic compare, the bundled pipeline against a faster trend average") {
  mosaic_test::TempDir work("golden-compare");
  work.write("b.toml", default_config_with("spisector.csv", "\nfast = 20\n", "\nfast = 10\n"));
  check_golden("compare", "compare examples/default.toml {work}/b.toml --out {out}", work);
}

TEST_CASE("golden: exit 2, an option the command does not know") {
  mosaic_test::TempDir work("golden-usage");
  check_golden("error_usage_unknown_flag", "run --bogus --out {out}", work);
}

TEST_CASE("golden: exit 2, a config key with a typo, named by file and line") {
  mosaic_test::TempDir work("golden-config");
  work.write("typo.toml", default_config_with("spisector.csv", "quarantine_after = 3", "quarantine_afer = 3"));
  check_golden("error_config_unknown_key", "run --config {work}/typo.toml --out {out}", work);
}

TEST_CASE("golden: exit 3, a module that is not in the plugin folder") {
  mosaic_test::TempDir work("golden-module");
  work.write("missing.toml", default_config_with("spisector.csv", "\"risk\"]", "\"risk\", \"momentum\"]"));
  check_golden("error_module_not_in_plugin_folder", "run --config {work}/missing.toml --out {out}", work);
}

TEST_CASE("golden: exit 4, a price that is not a number, named by file and line") {
  mosaic_test::TempDir work("golden-data");
  work.write("prices.csv", "date,ticker,close\n2020-01-02,AAA,100\n2020-01-03,AAA,101\n2020-01-06,AAA,1o2\n");
  check_golden("error_data_bad_cell", "run --data {work}/prices.csv --out {out}", work);
}

TEST_CASE("golden: exit 4, compare of two configs whose data share no bar") {
  mosaic_test::TempDir work("golden-no-common");
  work.write("b.toml", default_config_with("ttrc_1987q1.csv", "", ""));
  check_golden("error_compare_no_common_bars", "compare examples/default.toml {work}/b.toml --out {out}", work);
}
