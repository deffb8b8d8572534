// The host opens a per-generation copy of each library under its ShadowDir, and
// destroying the Library really unloads the code and removes the copy.
#include <doctest/doctest.h>

#include "host/loader/library.hpp"
#include "host/loader/shadow_dir.hpp"
#include "support/library_state.hpp"
#include "support/plugin_fixture.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

using mosaic::host::Library;
using mosaic::host::ShadowDir;
using mosaic_test::TempDir;
namespace fs = std::filesystem;

using mosaic_test::is_loaded;
using mosaic_test::is_mapped;

TEST_CASE("Library: opens a shadow copy and unloads it for real when destroyed") {
  TempDir dir("shadow");
  ShadowDir shadow(dir / "shadow");
  const fs::path file = mosaic_test::copy_test_plugins(dir / "plugins", {"counter"}).front();

  auto lib = Library::open(file, shadow);
  const fs::path copy = lib->shadow_copy();
  CHECK(lib->file() == file);
  CHECK(copy != file);
  CHECK(copy.parent_path() == shadow.path());
  CHECK(copy.filename().string() == "counter.g" + std::to_string(lib->generation()) + ".so");
  CHECK(copy == shadow.copy_path(file, lib->generation()));
  REQUIRE(fs::is_regular_file(copy));
  const fs::path real_copy = fs::canonical(copy);
  CHECK(is_loaded(copy));
  CHECK(is_mapped(real_copy));
  CHECK_FALSE(is_loaded(file));  // the watched file itself is never opened

  lib.reset();
  CHECK_FALSE(fs::exists(copy));
  CHECK_FALSE(is_loaded(copy));
  CHECK_FALSE(is_mapped(real_copy));
  CHECK(fs::exists(file));  // the original stays where it was
}

TEST_CASE("Library: the same file opened twice is two generations with separate code") {
  TempDir dir("shadow");
  ShadowDir shadow(dir / "shadow");
  const fs::path file = mosaic_test::copy_test_plugins(dir / "plugins", {"counter"}).front();

  auto first = Library::open(file, shadow);
  auto second = Library::open(file, shadow);
  CHECK(second->generation() > first->generation());
  CHECK(first->shadow_copy() != second->shadow_copy());
  // dlopen did not deduplicate: each copy has its own entry, factories and contract.
  CHECK(first->modules().at(0).factory != second->modules().at(0).factory);
  CHECK(first->modules().at(0).contract.name == second->modules().at(0).contract.name);

  const fs::path first_copy = first->shadow_copy();
  first.reset();
  CHECK_FALSE(is_loaded(first_copy));
  CHECK(is_loaded(second->shadow_copy()));  // the other generation is untouched
  CHECK(second->modules().at(0).contract.label() == "counter 1.0.0");
}

TEST_CASE("ShadowDir: the default folder is private to the process and removed with it") {
  fs::path where;
  {
    ShadowDir shadow;
    where = shadow.path();
    const std::string name = where.filename().string();
    CHECK(name.substr(0, name.find('.')) == std::to_string(::getpid()));
    CHECK(where.parent_path().filename().string() == "mosaic-" + std::to_string(::getuid()));
    REQUIRE(fs::is_directory(where));
    const auto perms = fs::status(where).permissions();
    CHECK((perms & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
    CHECK(shadow.copy_path("/x/y/technical.so", 7) == where / "technical.g7.so");
  }
  CHECK_FALSE(fs::exists(where));
}

TEST_CASE("ShadowDir: two in one process have folders of their own, and one ending leaves the other's") {
  std::optional<ShadowDir> first;
  first.emplace();
  const ShadowDir second;
  CHECK(first->path() != second.path());
  CHECK(first->path().parent_path() == second.path().parent_path());
  const fs::path mine = first->path();
  first.reset();
  CHECK_FALSE(fs::exists(mine));
  CHECK(fs::is_directory(second.path()));
}

TEST_CASE("ShadowDir: a given folder is created and left in place") {
  TempDir dir("shadow");
  const fs::path where = dir / "a" / "b";
  {
    ShadowDir shadow(where);
    CHECK(shadow.path() == where);
    CHECK(fs::is_directory(where));
  }
  CHECK(fs::is_directory(where));
}
