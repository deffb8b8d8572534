// Command-line conventions, as git and cargo keep them: each command's own --help, a
// --version, and a bash completion script from the same command table.
#include "run_mosaic.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

using mosaic_test::run_mosaic;

namespace {

// Runs a bash snippet and returns what it printed.
std::string bash(const std::string& script) {
  const auto dir = mosaic_test::temp_folder("completion");
  const auto file = dir / "complete.sh";
  mosaic_test::write_file(file, script);
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(("bash " + file.string()).c_str(), "r"), pclose);
  char buffer[512];
  while (pipe && fgets(buffer, sizeof buffer, pipe.get())) out += buffer;
  return out;
}

// The words bash would offer after `line` (a command line being typed).
std::string complete(const std::string& words, int cword) {
  return bash("source <(" MOSAIC_BIN_DIR "/mosaic completion bash)\nCOMP_WORDS=(" + words + ")\nCOMP_CWORD=" +
              std::to_string(cword) + "\n_mosaic\necho \"${COMPREPLY[*]}\"\n");
}

}  // namespace

TEST_CASE("help: every command prints its own usage and flags, and exits 0") {
  const std::vector<std::pair<std::string, std::vector<std::string>>> expected = {
      {"run", {"--config", "--data", "--plugins", "--out", "--json"}},
      {"optimize", {"--method", "--target", "--budget", "--threads", "--walk-forward", "--train-fraction", "--dry-run"}},
      {"ablate", {"--seed", "--out"}},
      {"compare", {"A.toml B.toml", "--seed"}},
      {"serve", {"--feed", "--speed", "--port", "--bind", "--token-file"}},
      {"modules", {"list|test|bench", "--repeat"}},
      {"validate", {"--config"}},
      {"health", {"--url"}},
      {"plugins", {"lock", "--out"}},
  };
  for (const auto& [command, flags] : expected) {
    INFO(command);
    for (const char* form : {"--help", "-h"}) {
      const auto o = run_mosaic(command + " " + form);
      CHECK(o.code == 0);
      CHECK(o.err.empty());
      CHECK(o.out.rfind("usage: mosaic " + command + " ", 0) == 0);
      for (const auto& f : flags) CHECK(o.out.find(f) != std::string::npos);
      CHECK(o.out.find("--help") != std::string::npos);
    }
  }
  // Only the command's own flags: serve's do not show under optimize.
  const auto o = run_mosaic("optimize --help");
  CHECK(o.out.find("--feed") == std::string::npos);
  CHECK(o.out.find("seed of the search") != std::string::npos);  // optimize's own meaning of --seed
}

TEST_CASE("help: --help wins over other flags and arguments") {
  const auto o = run_mosaic("optimize --budget nonsense --help");
  CHECK(o.code == 0);
  CHECK(o.out.rfind("usage: mosaic optimize", 0) == 0);
}

TEST_CASE("version: the version, the module ABI, the build type and the allocator") {
  const auto o = run_mosaic("--version");
  CHECK(o.code == 0);
  CHECK(o.out.rfind("mosaic 0.", 0) == 0);
  CHECK(o.out.find("module ABI 1.1.0") != std::string::npos);
  CHECK(o.out.find(std::string("build ") + MOSAIC_TEST_BUILD_TYPE) != std::string::npos);
  CHECK(o.out.find(std::string("\nallocator ") + MOSAIC_TEST_ALLOCATOR) != std::string::npos);
}

TEST_CASE("completion: the script bash sources completes commands, subcommands and flags") {
  CHECK(complete("mosaic opt", 1) == "optimize\n");
  CHECK(complete("mosaic optimize --bu", 2) == "--budget\n");
  CHECK(complete("mosaic optimize --method ge", 3) == "genetic\n");
  CHECK(complete("mosaic modules t", 2) == "test\n");
  CHECK(complete("mosaic serve --fe", 2) == "--feed\n");
  // A flag of another command is not offered.
  CHECK(complete("mosaic run --fe", 2) == "\n");
}

TEST_CASE("completion: the build writes the script where an install puts it") {
  const auto file = std::filesystem::path(MOSAIC_BUILD_DIR) / "share/bash-completion/completions/mosaic";
  REQUIRE(std::filesystem::exists(file));
  CHECK(mosaic_test::slurp(file) == run_mosaic("completion bash").out);
}

TEST_CASE("completion: an unknown shell is a usage error") {
  const auto o = run_mosaic("completion zsh");
  CHECK(o.code == 2);
  CHECK(o.err.find("mosaic completion bash") != std::string::npos);
}
