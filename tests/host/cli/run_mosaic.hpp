// Runs the built `mosaic` executable as a user would and captures what it printed.
#pragma once

#include "support/slurp.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace mosaic_test {

struct Outcome {
  int code = -1;
  std::string out, err;
};



// `args` is appended to the command line as is (quote paths with spaces yourself); the
// command runs in `cwd` when one is given.
inline Outcome run_mosaic(const std::string& args, const std::filesystem::path& cwd = {}) {
  static int counter = 0;
  const auto dir = std::filesystem::temp_directory_path() / ("mosaic-cli-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto out = dir / ("out" + std::to_string(counter) + ".txt");
  const auto err = dir / ("err" + std::to_string(counter++) + ".txt");
  const std::string cd = cwd.empty() ? std::string() : "cd " + cwd.string() + " && ";
  const std::string cmd = cd + std::string(MOSAIC_BIN_DIR) + "/mosaic " + args + " >" + out.string() + " 2>" +
                          err.string() + " </dev/null";
  const int status = std::system(cmd.c_str());
  Outcome o;
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  o.out = slurp(out);
  o.err = slurp(err);
  return o;
}

// A fresh empty folder under the temp dir.
inline std::filesystem::path temp_folder(const std::string& name) {
  auto d = std::filesystem::temp_directory_path() / ("mosaic-cli-test-" + std::to_string(::getpid())) / name;
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

inline void write_file(const std::filesystem::path& p, const std::string& text) { std::ofstream(p) << text; }

// A folder `name` with plugins/ holding technical and the test-only toy_weights portfolio,
// and c.toml running both on spisector.csv, followed by `extra_config`.
inline std::filesystem::path technical_and_toy_weights(const std::string& name, const std::string& extra_config) {
  namespace fs = std::filesystem;
  auto dir = temp_folder(name);
  fs::create_directories(dir / "plugins");
  fs::copy_file(fs::path(MOSAIC_PLUGIN_DIR) / "technical.so", dir / "plugins" / "technical.so");
  fs::copy_file(fs::path(MOSAIC_TEST_PLUGIN_DIR) / "toy_weights.so", dir / "plugins" / "toy_weights.so");
  write_file(dir / "c.toml", "[data]\nprices = \"" MOSAIC_DATA_DIR "/spisector.csv\"\n"
                             "[pipeline]\nmodules = [\"technical\", \"toy_weights\"]\nplugins = \"plugins\"\n" +
                                 extra_config);
  return dir;
}

}  // namespace mosaic_test
