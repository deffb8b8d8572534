// Every module library in the plugin folder exports exactly one dynamic symbol,
// `mosaic_entry`, and no GNU-unique symbol (which would pin the library across dlclose, so
// a hot reload would keep running the old code).
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Symbol {
  char type = '?';
  std::string name;
};

// Runs `nm -D [--defined-only]` on a library; its symbols, or the command's failure.
std::vector<Symbol> dynamic_symbols(const fs::path& lib, bool defined_only, std::string& error) {
  const std::string cmd = std::string("nm -D ") + (defined_only ? "--defined-only " : "") + "'" + lib.string() + "' 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) {
    error = "cannot run: " + cmd;
    return {};
  }
  std::string out;
  std::array<char, 4096> buf{};
  while (fgets(buf.data(), static_cast<int>(buf.size()), pipe)) out += buf.data();
  const int rc = pclose(pipe);
  if (rc != 0) {
    error = cmd + " failed (status " + std::to_string(rc) + "):\n" + out;
    return {};
  }
  // Lines are "<address> <type> <name>" for defined symbols, "<spaces> <type> <name>"
  // for undefined ones.
  std::vector<Symbol> symbols;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    std::istringstream words(line);
    std::vector<std::string> w;
    for (std::string x; words >> x;) w.push_back(x);
    if (w.size() < 2) continue;
    Symbol s;
    s.type = w[w.size() - 2].size() == 1 ? w[w.size() - 2][0] : '?';
    s.name = w.back();
    symbols.push_back(s);
  }
  return symbols;
}

std::vector<fs::path> plugin_libraries() {
  std::vector<fs::path> libs;
  for (const auto& e : fs::directory_iterator(MOSAIC_PLUGIN_DIR))
    if (e.is_regular_file() && e.path().extension() == ".so") libs.push_back(e.path());
  std::sort(libs.begin(), libs.end());
  return libs;
}

std::string describe(const std::vector<Symbol>& symbols) {
  std::string s;
  for (const auto& x : symbols) s += std::string("\n    ") + x.type + " " + x.name;
  return s;
}

}  // namespace

TEST_CASE("plugin exports: each module library defines only mosaic_entry, and no GNU-unique symbol") {
  REQUIRE_MESSAGE(fs::is_directory(MOSAIC_PLUGIN_DIR), "no plugin folder " MOSAIC_PLUGIN_DIR);
  const std::vector<fs::path> libs = plugin_libraries();
  REQUIRE_MESSAGE(!libs.empty(), "no .so in " MOSAIC_PLUGIN_DIR " (is technical built?)");
  bool saw_technical = false;
  for (const fs::path& lib : libs) {
    CAPTURE(lib.string());
    saw_technical = saw_technical || lib.filename() == "technical.so";

    std::string error;
    const std::vector<Symbol> defined = dynamic_symbols(lib, true, error);
    REQUIRE_MESSAGE(error.empty(), error);
    std::vector<Symbol> extra;
    bool has_entry = false;
    for (const auto& s : defined) {
      if (s.name == "mosaic_entry" && s.type != 'U') has_entry = true;
      else extra.push_back(s);
    }
    CHECK_MESSAGE(has_entry, lib.filename().string() << " does not export mosaic_entry; it defines:" << describe(defined));
    CHECK_MESSAGE(extra.empty(), lib.filename().string() << " exports " << extra.size()
                                                         << " symbol(s) besides mosaic_entry (build it with "
                                                            "mosaic_add_module, whose version script hides them):"
                                                         << describe(extra));

    const std::vector<Symbol> all = dynamic_symbols(lib, false, error);
    REQUIRE_MESSAGE(error.empty(), error);
    std::vector<Symbol> unique;
    for (const auto& s : all)
      if (s.type == 'u') unique.push_back(s);
    CHECK_MESSAGE(unique.empty(), lib.filename().string()
                                      << " has GNU-unique dynamic symbols, which keep it loaded after dlclose "
                                         "(compile with -fno-gnu-unique):"
                                      << describe(unique));
  }
  CHECK_MESSAGE(saw_technical, "technical.so is missing from " MOSAIC_PLUGIN_DIR);
}
