// Library::open refuses every kind of bad library with one LoadError line that names
// the file and the reason, and leaves no shadow copy behind.
#include <doctest/doctest.h>

#include "host/loader/library.hpp"
#include "host/loader/shadow_dir.hpp"
#include "support/plugin_fixture.hpp"

#include <filesystem>
#include <string>

using mosaic::host::Library;
using mosaic::host::LoadError;
using mosaic::host::ShadowDir;
using mosaic_test::TempDir;
namespace fs = std::filesystem;

namespace {

// Opens `file`, which must fail; checks the shape of the error and returns it.
LoadError refusal(const fs::path& file, const ShadowDir& shadow) {
  try {
    auto lib = Library::open(file, shadow);
  } catch (const LoadError& e) {
    const std::string what = e.what();
    CHECK(e.file == file);
    CHECK(what == file.string() + ": " + e.reason);  // starts with the file, then the reason
    CHECK(what.find('\n') == std::string::npos);    // one line
    CHECK_FALSE(e.reason.empty());
    return e;
  }
  FAIL("Library::open accepted " << file.string());
  return LoadError(file, "unreachable");
}

// Copies one built test module into `dir` and returns the copy's path.
fs::path copy_one(const TempDir& dir, const std::string& name) {
  return mosaic_test::copy_test_plugins(dir / "plugins", {name}).front();
}

bool empty_dir(const fs::path& dir) { return fs::is_empty(dir); }

}  // namespace

TEST_CASE("Library::open: a text file named .so is not a shared library") {
  TempDir dir("loader");
  ShadowDir shadow(dir / "shadow");
  const fs::path file = dir.write("x.so", "this is not an ELF file\n");
  LoadError e = refusal(file, shadow);
  CHECK(e.reason == "not a shared library (no ELF header)");
  CHECK(empty_dir(shadow.path()));
}

TEST_CASE("Library::open: a missing file") {
  TempDir dir("loader");
  ShadowDir shadow(dir / "shadow");
  LoadError e = refusal(dir / "absent.so", shadow);
  CHECK(e.reason == "not a regular file");
}

TEST_CASE("Library::open: a shared library without mosaic_entry") {
  TempDir dir("loader");
  ShadowDir shadow(dir / "shadow");
  LoadError e = refusal(copy_one(dir, "no_entry"), shadow);
  CHECK(e.reason.find("no mosaic_entry symbol") == 0);
  CHECK(e.reason.find("MOSAIC_EXPORT const mosaic_module_entry mosaic_entry") != std::string::npos);
  CHECK(empty_dir(shadow.path()));
}

TEST_CASE("Library::open: ABI major mismatch") {
  TempDir dir("loader");
  ShadowDir shadow(dir / "shadow");
  LoadError e = refusal(copy_one(dir, "wrong_abi"), shadow);
  const std::string host = std::to_string(MOSAIC_ABI_MAJOR) + "." + std::to_string(MOSAIC_ABI_MINOR) + "." +
                           std::to_string(MOSAIC_ABI_PATCH);
  CHECK(e.reason == "ABI major mismatch: library built for ABI 99." + std::to_string(MOSAIC_ABI_MINOR) + "." +
                        std::to_string(MOSAIC_ABI_PATCH) + ", host speaks " + host);
  CHECK(empty_dir(shadow.path()));
}

TEST_CASE("Library::open: ABI minor newer than the host's") {
  TempDir dir("loader");
  ShadowDir shadow(dir / "shadow");
  LoadError e = refusal(copy_one(dir, "wrong_minor"), shadow);
  const std::string library = std::to_string(MOSAIC_ABI_MAJOR) + "." + std::to_string(MOSAIC_ABI_MINOR + 1) + "." +
                              std::to_string(MOSAIC_ABI_PATCH);
  CHECK(e.reason.find("ABI minor too new: library built for ABI " + library + ", host speaks") == 0);
  CHECK(empty_dir(shadow.path()));
}

TEST_CASE("abi_compatible: same major and a minor no newer than the host's") {
  using mosaic::host::abi_compatible;
  std::string why;
  CHECK(abi_compatible({MOSAIC_ABI_MAJOR, MOSAIC_ABI_MINOR, 0}, &why));
  CHECK(abi_compatible({MOSAIC_ABI_MAJOR, MOSAIC_ABI_MINOR, 99}, &why));
  CHECK_FALSE(abi_compatible({MOSAIC_ABI_MAJOR + 1, 0, 0}, &why));
  CHECK(why.find("ABI major mismatch") == 0);
  CHECK_FALSE(abi_compatible({MOSAIC_ABI_MAJOR, MOSAIC_ABI_MINOR + 1, 0}, &why));
  CHECK(why.find("ABI minor too new") == 0);
  if (MOSAIC_ABI_MAJOR > 0) {
    CHECK_FALSE(abi_compatible({MOSAIC_ABI_MAJOR - 1, 0, 0}, &why));
  }
}

TEST_CASE("Library::open: contract errors name the module and the problem") {
  struct Case {
    const char* library;
    const char* reason;
  };
  const Case cases[] = {
      {"bad_semver", "bad_semver: invalid semver version '1.0'"},
      {"dup_port", "dup_port: duplicate input port 'close'"},
      {"dup_param", "dup_param: duplicate param 'lookback'"},
      {"bad_default", "bad_default: param 'lookback' default 500 is outside its range [2, 250]"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.library);
    TempDir dir("loader");
    ShadowDir shadow(dir / "shadow");
    LoadError e = refusal(copy_one(dir, c.library), shadow);
    CHECK(e.reason.find(c.reason) == 0);
    CHECK(empty_dir(shadow.path()));
  }
}
