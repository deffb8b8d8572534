// The plugin lock file: sha256sum's format, parsed with line-numbered errors.
#include "host/loader/plugin_lock.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cctype>
#include <filesystem>
#include <string>

#include "support/plugin_fixture.hpp"

using mosaic::host::format_plugin_lock;
using mosaic::host::LockError;
using mosaic::host::parse_plugin_lock;
using mosaic::host::PluginLock;
using mosaic::host::read_plugin_lock;
using mosaic_test::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kA = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const std::string kB = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// Parses and returns the error text, or "" when the lock is accepted.
std::string error_of(const std::string& text) {
  try {
    parse_plugin_lock(text, "/cfg/plugins.lock");
    return {};
  } catch (const LockError& e) {
    return e.what();
  }
}

}  // namespace

TEST_CASE("plugin lock: entries by file name, comments and blank lines skipped") {
  std::string upper = kB;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  PluginLock lock = parse_plugin_lock(
      "# pinned\n\n" + kA + "  technical.so\r\n  # indented comment\n" + upper + " *risk.so\n", "/cfg/plugins.lock");
  REQUIRE(lock.entries.size() == 2);
  CHECK(lock.entries.at("technical.so").sha256 == kA);
  CHECK(lock.entries.at("technical.so").line == 3);
  CHECK(lock.entries.at("risk.so").sha256 == kB);  // sha256sum's binary mode, hex lowered
  CHECK(lock.entries.at("risk.so").line == 5);
}

TEST_CASE("plugin lock: a malformed line is an error at FILE:LINE") {
  CHECK(error_of("# ok\n" + kA + "  a.so\nnonsense\n") ==
        "/cfg/plugins.lock:3: expected '<64 hex digits of sha256>  <library file name>', found 'nonsense'");
  CHECK(error_of(kA.substr(1) + "  a.so\n").rfind("/cfg/plugins.lock:1: expected '<64 hex digits", 0) == 0);
  CHECK(error_of(kA + " a.so\n").rfind("/cfg/plugins.lock:1: expected", 0) == 0);  // one space
  CHECK(error_of(kA + "  \n").rfind("/cfg/plugins.lock:1: expected", 0) == 0);     // no name
  CHECK(error_of(kA + "  sub/a.so\n") ==
        "/cfg/plugins.lock:1: expected a library file name without a folder, found 'sub/a.so'");
  CHECK(error_of(kA + "  a.so\n\n" + kB + "  a.so\n") ==
        "/cfg/plugins.lock:3: 'a.so' is listed twice (first on line 1)");
}

TEST_CASE("plugin lock: refusal names the lock, the expected and the actual hash") {
  PluginLock lock = parse_plugin_lock(kA + "  a.so\n", "/cfg/plugins.lock");
  CHECK(lock.refusal("a.so", kA) == "");
  CHECK(lock.refusal("a.so", kB) ==
        "sha256 differs from the plugin lock /cfg/plugins.lock:1: expected " + kA + ", found " + kB);
  CHECK(lock.refusal("b.so", kB) == "not in the plugin lock /cfg/plugins.lock (its sha256 is " + kB +
                                        "); if you trust it, run `mosaic plugins lock` again");
}

TEST_CASE("plugin lock: an entry without a library is a warning at its line") {
  PluginLock lock = parse_plugin_lock(kA + "  a.so\n" + kB + "  gone.so\n", "/cfg/plugins.lock");
  auto warnings = lock.missing({"/p/a.so", "/p/extra.so"}, "/p");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0] == "/cfg/plugins.lock:2: gone.so is in the plugin lock but not in /p");
}

TEST_CASE("plugin lock: what format_plugin_lock writes reads back") {
  const std::string text = format_plugin_lock({{"b.so", kB}, {"a.so", kA}}, "first\n\nthird");
  CHECK(text == "# first\n#\n# third\n" + kA + "  a.so\n" + kB + "  b.so\n");
  PluginLock lock = parse_plugin_lock(text, "x.lock");
  CHECK(lock.entries.at("a.so").sha256 == kA);
  CHECK(lock.entries.at("b.so").sha256 == kB);
}

TEST_CASE("read_plugin_lock: a missing lock, and one that others can write to, are refused") {
  TempDir dir("lock");
  try {
    read_plugin_lock(dir / "plugins.lock");
    FAIL("read a missing lock");
  } catch (const LockError& e) {
    CHECK(std::string(e.what()) ==
          (dir / "plugins.lock").string() +
              ": expected a plugin lock file, found none; write one with `mosaic plugins lock`");
  }
  const fs::path lock = dir.write("plugins.lock", kA + "  a.so\n");
  CHECK(read_plugin_lock(lock).entries.size() == 1);
  REQUIRE(::chmod(lock.c_str(), 0666) == 0);
  try {
    read_plugin_lock(lock);
    FAIL("read a world-writable lock");
  } catch (const LockError& e) {
    CHECK(std::string(e.what()) == lock.string() +
                                       ": bad permissions: the file is writable by group and others "
                                       "(mode 0666); chmod go-w " +
                                       lock.string());
  }
}
