// scan_plugins loads the good libraries of a folder and reports each bad one.
#include <doctest/doctest.h>

#include "host/loader/plugin_scan.hpp"
#include "host/loader/shadow_dir.hpp"
#include "support/plugin_fixture.hpp"

#include <filesystem>
#include <string>
#include <vector>

using mosaic::host::LoadError;
using mosaic::host::ScanResult;
using mosaic::host::ShadowDir;
using mosaic::host::scan_plugins;
using mosaic_test::TempDir;
namespace fs = std::filesystem;

TEST_CASE("scan_plugins: good libraries load and each bad one is reported") {
  TempDir dir("scan");
  ShadowDir shadow(dir / "shadow");
  const fs::path plugins = dir / "plugins";
  mosaic_test::copy_test_plugins(plugins, {"counter", "c_ok", "no_entry", "wrong_abi", "bad_semver", "dup_port"});
  dir.write("plugins/x.so", "not a library\n");
  dir.write("plugins/README.txt", "ignored: not a .so\n");

  ScanResult r = scan_plugins(plugins, shadow);

  std::vector<std::string> loaded;
  for (const auto& lib : r.libraries) loaded.push_back(lib->modules().at(0).contract.name);
  CHECK(loaded == std::vector<std::string>{"c_ok", "counter"});  // in file-name order

  std::vector<std::string> failed;
  for (const LoadError& e : r.errors) {
    failed.push_back(e.file.filename().string());
    CHECK(std::string(e.what()).find(e.file.string() + ": ") == 0);
    CHECK(std::string(e.what()).find('\n') == std::string::npos);
  }
  REQUIRE(failed == std::vector<std::string>{"bad_semver.so", "dup_port.so", "no_entry.so", "wrong_abi.so", "x.so"});
  CHECK(r.errors[0].reason.find("invalid semver version '1.0'") != std::string::npos);
  CHECK(r.errors[1].reason.find("duplicate input port 'close'") != std::string::npos);
  CHECK(r.errors[2].reason.find("no mosaic_entry") == 0);
  CHECK(r.errors[3].reason.find("ABI major mismatch") == 0);
  CHECK(r.errors[4].reason == "not a shared library (no ELF header)");

  // Only the two good libraries keep a shadow copy.
  CHECK(mosaic_test::shadow_copies(shadow.path()) == 2);
}

TEST_CASE("scan_plugins: an empty folder loads nothing") {
  TempDir dir("scan");
  ShadowDir shadow(dir / "shadow");
  fs::create_directories(dir / "plugins");
  ScanResult r = scan_plugins(dir / "plugins", shadow);
  CHECK(r.libraries.empty());
  CHECK(r.errors.empty());
}

TEST_CASE("scan_plugins: a missing folder is a LoadError naming it") {
  TempDir dir("scan");
  ShadowDir shadow(dir / "shadow");
  const fs::path missing = dir / "nope";
  try {
    scan_plugins(missing, shadow);
    FAIL("scan_plugins accepted a missing folder");
  } catch (const LoadError& e) {
    CHECK(e.file == missing);
    CHECK(std::string(e.what()) == missing.string() + ": plugin folder does not exist or is not a directory");
  }
}

TEST_CASE("scan_plugins: the real plugin folder loads technical") {
  TempDir dir("scan");
  ShadowDir shadow(dir / "shadow");
  ScanResult r = scan_plugins(MOSAIC_PLUGIN_DIR, shadow);
  INFO("first error: " << (r.errors.empty() ? std::string("none") : std::string(r.errors[0].what())));
  CHECK(r.errors.empty());
  bool technical = false;
  for (const auto& lib : r.libraries)
    for (const auto& m : lib->modules()) technical = technical || m.contract.name == "technical";
  CHECK(technical);
}
