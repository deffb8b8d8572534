// `mosaic plugins lock` and the checks every command makes before it loads a library:
// the plugin folder's permissions, and the config's [plugins] lock.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "run_mosaic.hpp"

using mosaic_test::run_mosaic;
namespace fs = std::filesystem;

namespace {

// A plugin folder with technical and the test-only toy_weights, and a config c.toml that
// runs both and pins them with plugins.lock beside it.
fs::path setup(const std::string& name) {
  return mosaic_test::technical_and_toy_weights(name, "[plugins]\nlock = \"plugins.lock\"\n");
}

}  // namespace

TEST_CASE("plugins lock writes the lock the config names, and run and validate then load the folder") {
  auto dir = setup("lock-roundtrip");
  CHECK(run_mosaic("validate --config c.toml", dir).code == 2);  // the lock does not exist yet

  auto lock = run_mosaic("plugins lock --config c.toml", dir);
  INFO(lock.err);
  REQUIRE(lock.code == 0);
  CHECK(lock.out.find("wrote " + (dir / "plugins.lock").string() + ": 2 libraries in " + (dir / "plugins").string()) ==
        0);
  CHECK(lock.out.find("to use it") == std::string::npos);  // the config already does
  const std::string text = mosaic_test::slurp(dir / "plugins.lock");
  CHECK(text.find("  technical.so\n") != std::string::npos);
  CHECK(text.find("  toy_weights.so\n") != std::string::npos);
  CHECK((fs::status(dir / "plugins.lock").permissions() & (fs::perms::group_write | fs::perms::others_write)) ==
        fs::perms::none);

  auto validate = run_mosaic("validate --config c.toml", dir);
  INFO(validate.err);
  CHECK(validate.code == 0);
  CHECK(validate.err.empty());
  auto run = run_mosaic("run --config c.toml --out out", dir);
  INFO(run.err);
  CHECK(run.code == 0);
  CHECK(run_mosaic("modules list --config c.toml", dir).code == 0);
}

TEST_CASE("a library changed after the lock is refused, naming both hashes") {
  auto dir = setup("lock-changed");
  REQUIRE(run_mosaic("plugins lock --config c.toml", dir).code == 0);
  std::ofstream(dir / "plugins" / "toy_weights.so", std::ios::binary | std::ios::app) << '\0';
  auto r = run_mosaic("run --config c.toml", dir);
  CHECK(r.code == 3);  // toy_weights is needed and did not load
  CHECK(r.err.find("skipped " + (dir / "plugins" / "toy_weights.so").string() +
                   ": sha256 differs from the plugin lock " + (dir / "plugins.lock").string()) != std::string::npos);
  CHECK(r.err.find("expected ") != std::string::npos);
  CHECK(r.err.find(", found ") != std::string::npos);
}

TEST_CASE("plugins lock with --out, and a malformed lock is a config error at FILE:LINE") {
  auto dir = setup("lock-out");
  auto r = run_mosaic("plugins lock --plugins plugins --out elsewhere.lock", dir);
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("to use it, add to your config:\n  [plugins]\n  lock = \"" + (dir / "elsewhere.lock").string() +
                   "\"") != std::string::npos);
  REQUIRE(fs::exists(dir / "elsewhere.lock"));
  fs::rename(dir / "elsewhere.lock", dir / "plugins.lock");
  CHECK(run_mosaic("validate --config c.toml", dir).code == 0);

  std::ofstream(dir / "plugins.lock", std::ios::app) << "not a lock line\n";
  auto bad = run_mosaic("validate --config c.toml", dir);
  CHECK(bad.code == 2);
  CHECK(bad.err.find((dir / "plugins.lock").string() +
                     ":6: expected '<64 hex digits of sha256>  <library file name>'") != std::string::npos);
}

TEST_CASE("a plugin folder that others can write to is refused by every command with exit code 3") {
  auto dir = setup("lock-perms");
  mosaic_test::write_file(dir / "open.toml", "[data]\nprices = \"" MOSAIC_DATA_DIR
                                             "/spisector.csv\"\n"
                                             "[pipeline]\nmodules = [\"technical\", \"toy_weights\"]\n");
  REQUIRE(::chmod((dir / "plugins").c_str(), 0777) == 0);
  const std::string expected =
      (dir / "plugins").string() +
      ": bad permissions: the folder is writable by group and others (mode 0777); chmod go-w " +
      (dir / "plugins").string();
  for (const char* command : {"run", "validate", "modules list", "plugins lock", "optimize --dry-run"}) {
    auto r = run_mosaic(
        std::string(command) + " --plugins " + (dir / "plugins").string() +
            (std::string(command) == "modules list" || std::string(command) == "plugins lock" ? ""
                                                                                              : " --config open.toml"),
        dir);
    CHECK_MESSAGE(r.code == 3, command);
    CHECK_MESSAGE(r.err.find(expected) != std::string::npos, command << ": " << r.err);
  }
  REQUIRE(::chmod((dir / "plugins").c_str(), 0755) == 0);
  REQUIRE(::chmod((dir / "plugins" / "technical.so").c_str(), 0775) == 0);
  auto r = run_mosaic("plugins lock --plugins plugins", dir);
  CHECK(r.code == 3);
  CHECK(r.err.find("chmod g-w plugins/technical.so") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "plugins.lock"));
}

TEST_CASE("plugins: subcommands and flags") {
  CHECK(run_mosaic("plugins").code == 2);
  CHECK(run_mosaic("plugins frob").code == 2);
  CHECK(run_mosaic("plugins lock extra").code == 2);
  CHECK(run_mosaic("plugins lock --json").code == 2);
}

TEST_CASE("a shadow folder someone else owns is refused with the module exit code, not as an internal error") {
  if (::geteuid() != 0) return;  // only root can hand a folder to another user
  auto tmp = mosaic_test::temp_folder("foreign-tmp");
  const auto root = tmp / ("mosaic-" + std::to_string(::getuid()));
  fs::create_directories(root);
  REQUIRE(::chown(root.c_str(), 12345, 12345) == 0);
  const std::string cmd = "TMPDIR=" + tmp.string() + " " + std::string(MOSAIC_BIN_DIR) + "/mosaic run > /dev/null 2> " +
                          (tmp / "err.txt").string();
  const int status = std::system(cmd.c_str());
  CHECK(WEXITSTATUS(status) == 3);
  const std::string err = mosaic_test::slurp(tmp / "err.txt");
  CHECK(err.find(root.string()) != std::string::npos);
  CHECK(err.find("internal error") == std::string::npos);
}
