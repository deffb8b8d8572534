// The walls DESIGN.md draws around the front ends, checked on the sources: host/app knows
// no front end or output format, a host/cli file reaches the engine only through host/app
// and host/report (host/serve for the serve command, host/mpi for optimize's ranks,
// host/config for flags that must become config), and host/mpi only through host/app, as
// the Python package (python/src) does through host/app and host/report.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// The host folders a file's quoted includes name ("host/<folder>/...").
std::vector<std::string> host_includes(const fs::path& file) {
  std::ifstream in(file);
  std::vector<std::string> folders;
  static const std::regex include(R"re(^\s*#\s*include\s+"host/([a-z_]+)/)re");
  std::smatch m;
  for (std::string line; std::getline(in, line);)
    if (std::regex_search(line, m, include)) folders.push_back(m[1]);
  return folders;
}

std::vector<fs::path> sources_in(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(MOSAIC_SOURCE_DIR) / dir))
    if (e.path().extension() == ".cpp" || e.path().extension() == ".hpp") files.push_back(e.path());
  return files;
}

std::vector<fs::path> sources(const std::string& folder) { return sources_in(fs::path("host") / folder); }

}  // namespace

TEST_CASE("walls: host/cli includes only app, report, its own headers, serve, mpi and config") {
  const std::vector<std::string> allowed = {"app", "report", "cli", "serve", "mpi", "config"};
  const auto files = sources("cli");
  REQUIRE(files.size() > 5);
  for (const auto& file : files)
    for (const auto& folder : host_includes(file)) {
      INFO(file.filename().string(), " includes host/", folder);
      CHECK(std::find(allowed.begin(), allowed.end(), folder) != allowed.end());
      if (folder == "serve") CHECK(file.filename() == "cmd_serve.cpp");
      if (folder == "mpi") CHECK(file.filename() == "cmd_optimize.cpp");
    }
}

TEST_CASE("walls: host/mpi, a front end, reaches the engine only through host/app") {
  if (!fs::exists(fs::path(MOSAIC_SOURCE_DIR) / "host" / "mpi")) return;
  for (const auto& file : sources("mpi"))
    for (const auto& folder : host_includes(file)) {
      INFO(file.filename().string(), " includes host/", folder);
      CHECK((folder == "app" || folder == "mpi"));
    }
}

TEST_CASE("walls: the Python package, a front end, reaches the engine only through host/app and host/report") {
  const auto files = sources_in("python/src");
  REQUIRE(files.size() > 3);
  for (const auto& file : files)
    for (const auto& folder : host_includes(file)) {
      INFO(file.filename().string(), " includes host/", folder);
      CHECK((folder == "app" || folder == "report"));
    }
}

TEST_CASE("walls: host/app knows no front end and no output format") {
  const std::vector<std::string> forbidden = {"cli", "report", "serve", "mpi"};
  for (const auto& file : sources("app")) {
    for (const auto& folder : host_includes(file)) {
      INFO(file.filename().string(), " includes host/", folder);
      CHECK(std::find(forbidden.begin(), forbidden.end(), folder) == forbidden.end());
    }
    // No printing and no exit codes: results go back as values.
    std::ifstream in(file);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    INFO(file.filename().string());
    CHECK(text.find("fmt::print") == std::string::npos);
    CHECK(text.find("std::cout") == std::string::npos);
    CHECK(text.find("exit(") == std::string::npos);
    CHECK(text.find("nlohmann") == std::string::npos);
  }
}

TEST_CASE("walls: host/report reaches the engine through host/app's results, never the command line") {
  for (const auto& file : sources("report"))
    for (const auto& folder : host_includes(file)) {
      INFO(file.filename().string(), " includes host/", folder);
      CHECK(folder != "cli");
      CHECK(folder != "serve");
    }
}
