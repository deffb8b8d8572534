// What the loader refuses before any module code runs: a plugin folder or library that
// others can write to, and, with a plugin lock, a library whose sha256 is not the lock's.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "host/loader/plugin_lock.hpp"
#include "host/loader/plugin_scan.hpp"
#include "host/loader/sha256.hpp"
#include "host/loader/shadow_dir.hpp"
#include "support/plugin_fixture.hpp"

using mosaic::host::LoadError;
using mosaic::host::parse_plugin_lock;
using mosaic::host::scan_plugins;
using mosaic::host::ScanResult;
using mosaic::host::sha256_file;
using mosaic::host::ShadowDir;
using mosaic_test::TempDir;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> loaded(const ScanResult& r) {
  std::vector<std::string> names;
  for (const auto& lib : r.libraries) names.push_back(lib->file().filename().string());
  return names;
}

// A lock of `files` as they are now, in sha256sum's format.
std::string lock_text(const std::vector<fs::path>& files) {
  std::string text = "# test lock\n";
  for (const auto& f : files) text += sha256_file(f) + "  " + f.filename().string() + "\n";
  return text;
}

}  // namespace

TEST_CASE("scan_plugins: a world-writable plugin folder is refused, naming the mode and the fix") {
  TempDir dir("secure");
  ShadowDir shadow(dir / "shadow");
  const fs::path plugins = dir / "plugins";
  mosaic_test::copy_test_plugins(plugins, {"counter"});
  REQUIRE(::chmod(plugins.c_str(), 0777) == 0);
  try {
    scan_plugins(plugins, shadow);
    FAIL("scan_plugins accepted a world-writable folder");
  } catch (const LoadError& e) {
    CHECK(e.file == plugins);
    CHECK(std::string(e.what()) == plugins.string() +
                                       ": bad permissions: the folder is writable by group and others (mode 0777); "
                                       "chmod go-w " +
                                       plugins.string());
  }
  CHECK(fs::is_empty(shadow.path()));  // nothing was copied, let alone opened
}

TEST_CASE("scan_plugins: a group-writable library is refused and the others load") {
  TempDir dir("secure");
  ShadowDir shadow(dir / "shadow");
  const fs::path plugins = dir / "plugins";
  auto files = mosaic_test::copy_test_plugins(plugins, {"c_ok", "counter"});
  REQUIRE(::chmod(files[1].c_str(), 0775) == 0);
  ScanResult r = scan_plugins(plugins, shadow);
  CHECK(loaded(r) == std::vector<std::string>{"c_ok.so"});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].file == files[1]);
  CHECK(r.errors[0].reason ==
        "bad permissions: the file is writable by group (mode 0775); chmod g-w " + files[1].string());
}

TEST_CASE("scan_plugins: a folder of yours at 0755 with 0755 libraries loads") {
  TempDir dir("secure");
  ShadowDir shadow(dir / "shadow");
  const fs::path plugins = dir / "plugins";
  auto files = mosaic_test::copy_test_plugins(plugins, {"c_ok", "counter"});
  REQUIRE(::chmod(plugins.c_str(), 0755) == 0);
  for (const auto& f : files) REQUIRE(::chmod(f.c_str(), 0755) == 0);
  ScanResult r = scan_plugins(plugins, shadow);
  CHECK(r.errors.empty());
  CHECK(loaded(r) == std::vector<std::string>{"c_ok.so", "counter.so"});
}

TEST_CASE("plugin lock: libraries that match it load") {
  TempDir dir("lock");
  ShadowDir shadow(dir / "shadow");
  auto files = mosaic_test::copy_test_plugins(dir / "plugins", {"c_ok", "counter"});
  shadow.require_lock(parse_plugin_lock(lock_text(files), dir / "plugins.lock"));
  ScanResult r = scan_plugins(dir / "plugins", shadow);
  CHECK(r.errors.empty());
  CHECK(r.warnings.empty());
  CHECK(loaded(r) == std::vector<std::string>{"c_ok.so", "counter.so"});
}

TEST_CASE("plugin lock: a changed library is refused with both hashes and the others load") {
  TempDir dir("lock");
  ShadowDir shadow(dir / "shadow");
  auto files = mosaic_test::copy_test_plugins(dir / "plugins", {"c_ok", "counter"});
  shadow.require_lock(parse_plugin_lock(lock_text(files), dir / "plugins.lock"));
  const std::string locked = sha256_file(files[1]);
  std::ofstream(files[1], std::ios::binary | std::ios::app) << '\0';  // still loadable, no longer the same
  const std::string changed = sha256_file(files[1]);
  REQUIRE(changed != locked);

  ScanResult r = scan_plugins(dir / "plugins", shadow);
  CHECK(loaded(r) == std::vector<std::string>{"c_ok.so"});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].file == files[1]);
  CHECK(r.errors[0].reason == "sha256 differs from the plugin lock " + (dir / "plugins.lock").string() +
                                  ":3: expected " + locked + ", found " + changed);
  // The refused copy is not left in the shadow folder.
  CHECK(mosaic_test::shadow_copies(shadow.path()) == 1);
}

TEST_CASE("plugin lock: a library missing from it is refused, and an entry without a library is a warning") {
  TempDir dir("lock");
  ShadowDir shadow(dir / "shadow");
  auto files = mosaic_test::copy_test_plugins(dir / "plugins", {"c_ok", "counter"});
  const std::string text = lock_text({files[0]}) + sha256_file(files[1]) + "  gone.so\n";
  shadow.require_lock(parse_plugin_lock(text, dir / "plugins.lock"));

  ScanResult r = scan_plugins(dir / "plugins", shadow);
  CHECK(loaded(r) == std::vector<std::string>{"c_ok.so"});
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].file == files[1]);
  CHECK(r.errors[0].reason.rfind("not in the plugin lock " + (dir / "plugins.lock").string() + " (its sha256 is " +
                                     sha256_file(files[1]) + ")",
                                 0) == 0);
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0] ==
        (dir / "plugins.lock").string() + ":3: gone.so is in the plugin lock but not in " + (dir / "plugins").string());
}
