// permission_problem: OpenSSH's StrictModes for plugin folders and libraries.
#include "host/loader/file_permissions.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "support/plugin_fixture.hpp"

using mosaic::host::permission_problem;
using mosaic::host::shell_word;
using mosaic_test::TempDir;
namespace fs = std::filesystem;

namespace {

fs::path with_mode(const fs::path& p, mode_t mode) {
  REQUIRE(::chmod(p.c_str(), mode) == 0);
  return p;
}

}  // namespace

TEST_CASE("permission_problem: a folder and a file of yours that only you can write pass") {
  TempDir dir("perm");
  CHECK(permission_problem(with_mode(dir.path(), 0755)) == "");
  CHECK(permission_problem(with_mode(dir.write("a.so", "x"), 0755)) == "");
  CHECK(permission_problem(with_mode(dir.write("b.so", "x"), 0600)) == "");
}

TEST_CASE("permission_problem: a world-writable folder names who can write, the mode and the fix") {
  TempDir dir("perm");
  const fs::path plugins = dir / "plugins";
  fs::create_directories(plugins);
  CHECK(permission_problem(with_mode(plugins, 0777)) ==
        "bad permissions: the folder is writable by group and others (mode 0777); chmod go-w " + plugins.string());
  CHECK(permission_problem(with_mode(plugins, 01777)) ==
        "bad permissions: the folder is writable by group and others (mode 1777); chmod go-w " + plugins.string());
}

TEST_CASE("permission_problem: group-writable and world-writable files") {
  TempDir dir("perm");
  const fs::path file = dir.write("m.so", "x");
  CHECK(permission_problem(with_mode(file, 0664)) ==
        "bad permissions: the file is writable by group (mode 0664); chmod g-w " + file.string());
  CHECK(permission_problem(with_mode(file, 0646)) ==
        "bad permissions: the file is writable by others (mode 0646); chmod o-w " + file.string());
}

TEST_CASE("permission_problem: a file owned by someone else") {
  if (::getuid() != 0) return;  // only root can give a file away; the tests may run as root
  TempDir dir("perm");
  const fs::path file = dir.write("m.so", "x");
  REQUIRE(::chown(file.c_str(), 65534, 65534) == 0);
  const std::string why = permission_problem(with_mode(file, 0755));
  CHECK(why.rfind("bad ownership: the file is owned by uid 65534 (", 0) == 0);
  CHECK(why.find("), not by root; chown root " + file.string()) != std::string::npos);
  const std::string both = permission_problem(with_mode(file, 0775));
  CHECK(both.rfind("bad ownership and permissions: the file is owned by uid 65534 (", 0) == 0);
  CHECK(both.find(", and writable by group (mode 0775); chown root " + file.string() + " && chmod g-w " +
                  file.string()) != std::string::npos);
}

TEST_CASE("permission_problem: a path that cannot be checked says so") {
  TempDir dir("perm");
  CHECK(permission_problem(dir / "absent") == "cannot check ownership and permissions: No such file or directory");
}

TEST_CASE("shell_word: the fix can be pasted into a shell as it is") {
  CHECK(shell_word("/opt/mosaic/plugins") == "/opt/mosaic/plugins");
  CHECK(shell_word("my plugins") == "'my plugins'");
  CHECK(shell_word("it's") == "'it'\\''s'");
  CHECK(shell_word("") == "''");
}
