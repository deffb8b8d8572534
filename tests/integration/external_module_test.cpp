// The third-party path, end to end: install the SDK from this build tree into a temporary
// prefix, build examples/external_module against that prefix alone, drop the resulting
// library into a plugin folder next to the real technical.so, and have the `mosaic`
// executable list it, self-test it and run it in a pipeline.
//
// Every command's stdout and stderr go to files in the temporary folder; a failing step
// prints them. The folder is kept when a step fails (its path is in the failure message).
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// A fresh folder under the system temp dir, removed afterwards unless a REQUIRE failed.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "mosaic-external-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed for " + tmpl);
    path_ = fs::canonical(tmpl);
  }
  ~TempDir() {
    if (std::uncaught_exceptions() > 0) return;  // keep the evidence
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// One shell command, its exit code and captured output.
struct Step {
  std::string command;
  int exit_code = -1;
  std::string out, err;

  std::string report() const {
    return "command: " + command + "\nexit code: " + std::to_string(exit_code) + "\n--- stdout ---\n" + out +
           "\n--- stderr ---\n" + err + "\n--------------";
  }
};

// Runs `command` through the shell with stdout and stderr captured to <dir>/<name>.out/.err.
Step run(const std::string& command, const fs::path& dir, const std::string& name) {
  Step s;
  s.command = command;
  const fs::path out = dir / (name + ".out"), err = dir / (name + ".err");
  const std::string full = command + " >" + quote(out.string()) + " 2>" + quote(err.string()) + " </dev/null";
  const int status = std::system(full.c_str());
  s.exit_code = status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  s.out = slurp(out);
  s.err = slurp(err);
  return s;
}

nlohmann::json parse_json(const Step& s) {
  try {
    return nlohmann::json::parse(s.out);
  } catch (const nlohmann::json::exception& e) {
    FAIL("not JSON (" << e.what() << ")\n" << s.report());
  }
  return {};
}

const nlohmann::json* find_named(const nlohmann::json& list, const std::string& name) {
  for (const auto& m : list)
    if (m.value("name", "") == name) return &m;
  return nullptr;
}

// Splits CSV text into rows of cells (the port CSVs hold no quoted fields).
std::vector<std::vector<std::string>> read_csv(const fs::path& file) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(slurp(file));
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream cs(line);
    while (std::getline(cs, cell, ',')) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    rows.push_back(cells);
  }
  return rows;
}

}  // namespace

TEST_CASE("external module: built against the installed SDK only, then listed, self-tested and run by mosaic") {
  const fs::path source = MOSAIC_SOURCE_DIR;
  const fs::path build = MOSAIC_BUILD_DIR;
  const fs::path mosaic = fs::path(MOSAIC_BIN_DIR) / "mosaic";
  const fs::path technical = fs::path(MOSAIC_PLUGIN_DIR) / "technical.so";
  REQUIRE_MESSAGE(fs::exists(mosaic), "build the `mosaic` target first: " << mosaic);
  REQUIRE_MESSAGE(fs::exists(technical), "build the `technical` target first: " << technical);
  // The build's library dir (lib, lib64, ...) as its install uses it: the plugin folder is
  // <build>/<libdir>/mosaic/plugins.
  const fs::path libdir = fs::path(MOSAIC_PLUGIN_DIR).lexically_relative(build).parent_path().parent_path();
  REQUIRE_MESSAGE(!libdir.empty(), "cannot tell the library dir from " MOSAIC_PLUGIN_DIR);

  TempDir tmp;
  const fs::path& t = tmp.path();
  INFO("temporary folder (kept when a step fails): " << t.string());
  const fs::path prefix = t / "prefix";
  const fs::path ext_build = t / "ext-build";
  const fs::path plugins = t / "plugins";
  const fs::path logs = t / "logs";
  fs::create_directories(logs);

  // 1. Install the SDK, as a packager or a third party would.
  const Step install = run("cmake --install " + quote(build.string()) + " --prefix " + quote(prefix.string()) +
                               " --component sdk",
                           logs, "install");
  REQUIRE_MESSAGE(install.exit_code == 0, install.report());
  for (const char* header : {"mosaic.h", "module.hpp", "arrow.hpp", "contract.hpp", "params.hpp", "error.hpp"}) {
    const fs::path installed = prefix / "include" / "mosaic" / header;
    CHECK_MESSAGE(fs::exists(installed), "not installed: " << installed << "\n" << install.report());
    if (fs::exists(installed))
      CHECK_MESSAGE(slurp(installed) == slurp(source / "sdk" / "include" / "mosaic" / header),
                    "installed " << header << " differs from the source");
  }
  // Every SDK header the installed headers include is installed too.
  for (const auto& e : fs::directory_iterator(prefix / "include" / "mosaic")) {
    std::istringstream lines(slurp(e.path()));
    for (std::string line; std::getline(lines, line);) {
      const auto at = line.find("#include <mosaic/");
      if (at == std::string::npos) continue;
      const std::string name = line.substr(at + 10, line.find('>', at) - at - 10);
      CHECK_MESSAGE(fs::exists(prefix / "include" / name), e.path().filename() << " includes " << name
                                                                               << ", which is not installed");
    }
  }
  for (const char* doc : {"writing-modules.md", "architecture.md"})
    CHECK_MESSAGE(fs::exists(prefix / "share" / "doc" / "Mosaic" / doc), "not installed with the SDK: " << doc);
  CHECK_MESSAGE(fs::exists(prefix / "include" / "mosaic" / "c_module.h"), "mosaic/c_module.h is not installed");
  const fs::path cmake_dir = prefix / libdir / "cmake" / "MosaicSDK";
  for (const char* file : {"MosaicSDKConfig.cmake", "MosaicSDKConfigVersion.cmake", "MosaicSDKTargets.cmake",
                           "MosaicModule.cmake", "mosaic_module.map"})
    CHECK_MESSAGE(fs::exists(cmake_dir / file), "not installed: " << (cmake_dir / file) << "\n" << install.report());
  REQUIRE(fs::exists(cmake_dir / "MosaicSDKConfig.cmake"));

  // 2. Configure and build the example against the prefix.
  const Step configure = run("cmake -S " + quote((source / "examples" / "external_module").string()) + " -B " +
                                 quote(ext_build.string()) + " -DCMAKE_PREFIX_PATH=" + quote(prefix.string()) +
                                 " -DCMAKE_BUILD_TYPE=Release -DCMAKE_EXPORT_COMPILE_COMMANDS=ON",
                             logs, "configure");
  REQUIRE_MESSAGE(configure.exit_code == 0, configure.report());
  const std::string cache = slurp(ext_build / "CMakeCache.txt");
  CHECK_MESSAGE(contains(cache, "MosaicSDK_DIR:PATH=" + cmake_dir.string() + "\n"),
                "find_package(MosaicSDK) did not pick the installed package in " << cmake_dir);

  const Step compile = run("cmake --build " + quote(ext_build.string()) + " -j1", logs, "build");
  REQUIRE_MESSAGE(compile.exit_code == 0, compile.report());
  CHECK_MESSAGE(!contains(compile.out + compile.err, "warning:"), "the example builds with warnings\n"
                                                                      << compile.report());

  // The compiler saw the installed headers and nothing of the source tree's SDK.
  const nlohmann::json commands = nlohmann::json::parse(slurp(ext_build / "compile_commands.json"));
  std::string module_command;
  for (const auto& c : commands)
    if (c.value("file", "").ends_with("breakout.cpp")) module_command = c.value("command", "");
  REQUIRE_MESSAGE(!module_command.empty(), "no compile command for breakout.cpp in compile_commands.json");
  {
    INFO("compile command: " << module_command);
    CHECK((contains(module_command, "-isystem " + (prefix / "include").string()) ||
           contains(module_command, "-I" + (prefix / "include").string())));
    CHECK_FALSE(contains(module_command, (source / "sdk").string()));
    CHECK_FALSE(contains(module_command, build.string() + "/"));
    CHECK(contains(module_command, "-fno-gnu-unique"));
    CHECK(contains(module_command, "-fvisibility=hidden"));
  }
  if (fs::exists(ext_build / "CMakeFiles" / "breakout.dir" / "link.txt")) {
    const std::string link = slurp(ext_build / "CMakeFiles" / "breakout.dir" / "link.txt");
    INFO("link command: " << link);
    CHECK(contains(link, "--version-script=" + (cmake_dir / "mosaic_module.map").string()));
    CHECK(contains(link, "-z,defs"));
    CHECK_FALSE(contains(link, (source / "sdk").string()));
  }

  const fs::path module = ext_build / "breakout.so";
  REQUIRE_MESSAGE(fs::exists(module), "the build made no " << module << "\n" << compile.report());
  const Step symbols = run("nm -D --defined-only " + quote(module.string()), logs, "nm");
  REQUIRE_MESSAGE(symbols.exit_code == 0, symbols.report());
  std::istringstream sym_lines(symbols.out);
  std::vector<std::string> exported;
  for (std::string line; std::getline(sym_lines, line);)
    if (!line.empty()) exported.push_back(line.substr(line.find_last_of(' ') + 1));
  CHECK_MESSAGE(exported == std::vector<std::string>{"mosaic_entry"}, "breakout.so exports more than mosaic_entry:\n"
                                                                          << symbols.out);

  // 2b. The plain C example, against the same prefix: mosaic.h and mosaic/c_module.h only.
  const fs::path c_source = source / "examples" / "c_module" / "momentum.c";
  size_t c_lines = 0;
  {
    std::istringstream text(slurp(c_source));
    for (std::string line; std::getline(text, line);) ++c_lines;
  }
  CHECK_MESSAGE(c_lines < 120, "the C example has " << c_lines << " lines");
  const fs::path c_build = t / "c-build";
  const Step c_configure = run("cmake -S " + quote((source / "examples" / "c_module").string()) + " -B " +
                                   quote(c_build.string()) + " -DCMAKE_PREFIX_PATH=" + quote(prefix.string()) +
                                   " -DCMAKE_BUILD_TYPE=Release",
                               logs, "c-configure");
  REQUIRE_MESSAGE(c_configure.exit_code == 0, c_configure.report());
  const Step c_compile = run("cmake --build " + quote(c_build.string()) + " -j1", logs, "c-build");
  REQUIRE_MESSAGE(c_compile.exit_code == 0, c_compile.report());
  CHECK_MESSAGE(!contains(c_compile.out + c_compile.err, "warning:"), "the C example builds with warnings\n"
                                                                          << c_compile.report());
  REQUIRE_MESSAGE(fs::exists(c_build / "c_momentum.so"), c_compile.report());

  // 3. A plugin folder with the external modules next to a module of the project.
  fs::create_directories(plugins);
  fs::copy_file(module, plugins / "breakout.so");
  fs::copy_file(c_build / "c_momentum.so", plugins / "c_momentum.so");
  fs::copy_file(technical, plugins / "technical.so");
  const std::string mosaic_cmd = quote(mosaic.string());
  const std::string plugins_arg = " --plugins " + quote(plugins.string());

  // 4. mosaic modules list: the contract as the host reads it.
  const Step list = run(mosaic_cmd + " modules list" + plugins_arg + " --json", logs, "modules-list");
  REQUIRE_MESSAGE(list.exit_code == 0, list.report());
  CHECK_MESSAGE(!contains(list.err, "skipped"), list.report());
  const nlohmann::json listed = parse_json(list);
  REQUIRE_MESSAGE(listed.contains("modules"), list.report());
  CHECK_MESSAGE(find_named(listed.at("modules"), "technical") != nullptr, list.report());
  const nlohmann::json* breakout = find_named(listed.at("modules"), "breakout");
  REQUIRE_MESSAGE(breakout != nullptr, "breakout is not listed\n" << list.report());
  CHECK(breakout->at("id") == "com.example.breakout");
  CHECK(breakout->at("version") == "1.0.0");
  CHECK(breakout->at("role") == "signal");
  CHECK(fs::path(breakout->at("library").get<std::string>()).filename() == "breakout.so");
  REQUIRE(breakout->at("outputs").size() == 1);
  CHECK(breakout->at("outputs").at(0).at("name") == "signal.breakout");
  std::vector<std::string> params;
  for (const auto& p : breakout->at("params")) params.push_back(p.at("name").get<std::string>());
  CHECK(params == std::vector<std::string>{"entry", "exit", "allow_short"});

  // 5. mosaic modules test: the self-tests pass, as text and as JSON.
  const Step test = run(mosaic_cmd + " modules test" + plugins_arg, logs, "modules-test");
  REQUIRE_MESSAGE(test.exit_code == 0, test.report());
  bool breakout_passed = false;
  std::istringstream test_lines(test.out);
  for (std::string line; std::getline(test_lines, line);)
    if (line.rfind("breakout ", 0) == 0) breakout_passed = contains(line, " pass");
  CHECK_MESSAGE(breakout_passed, "no passing self-test line for breakout\n" << test.report());

  const Step test_json = run(mosaic_cmd + " modules test" + plugins_arg + " --json", logs, "modules-test-json");
  REQUIRE_MESSAGE(test_json.exit_code == 0, test_json.report());
  const nlohmann::json tested = parse_json(test_json);
  for (const char* name : {"breakout", "technical"}) {
    const nlohmann::json* r = find_named(tested, name);
    REQUIRE_MESSAGE(r != nullptr, name << " was not self-tested\n" << test_json.report());
    CHECK_MESSAGE(r->at("passed") == true, name << ": " << r->at("detail") << "\n" << test_json.report());
  }

  // 5b. mosaic modules check: the external modules pass every conformance check.
  const Step check =
      run(mosaic_cmd + " modules check breakout c_momentum" + plugins_arg + " --json", logs, "modules-check");
  REQUIRE_MESSAGE(check.exit_code == 0, check.report());
  const nlohmann::json checked = parse_json(check);
  CHECK_MESSAGE(checked.at("passed") == true, check.report());
  REQUIRE(checked.at("libraries").size() == 2);
  CHECK(checked.at("libraries").at(0).at("modules") == nlohmann::json({"breakout"}));
  CHECK(checked.at("libraries").at(1).at("modules") == nlohmann::json({"c_momentum"}));
  for (const auto& library : checked.at("libraries")) {
    std::set<std::string> ran_checks;
    for (const auto& c : library.at("checks")) {
      ran_checks.insert(c.at("check").get<std::string>());
      CHECK_MESSAGE(c.at("verdict") != "fail", c.dump());
    }
    for (const char* name : {"load", "contract", "create", "shapes", "host-owned", "undeclared-inputs", "determinism",
                             "look-ahead", "threads", "state", "latency"})
      CHECK_MESSAGE(ran_checks.contains(name), "check " << name << " did not run\n" << check.report());
  }

  // 6. mosaic run: a pipeline of both modules on the sample data.
  const fs::path config = t / "breakout.toml";
  std::ofstream(config) << "[data]\n"
                        << "prices = \"" << (source / "data" / "spisector.csv").string() << "\"\n\n"
                        << "[pipeline]\n"
                        << "modules = [\"technical\", \"breakout\"]\n\n"
                        << "[modules.breakout.params]\n"
                        << "entry = 55\n"
                        << "exit = 20\n"
                        << "allow_short = true\n";
  const std::string config_arg = " --config " + quote(config.string());
  const Step pipeline = run(mosaic_cmd + " run" + plugins_arg + config_arg, logs, "run");
  REQUIRE_MESSAGE(pipeline.exit_code == 0, pipeline.report());
  CHECK_MESSAGE(contains(pipeline.out, "signal.breakout"), pipeline.report());
  CHECK_MESSAGE(contains(pipeline.out, "signal.technical"), pipeline.report());

  const fs::path out = t / "run";
  const Step pipeline_json =
      run(mosaic_cmd + " run" + plugins_arg + config_arg + " --json --out " + quote(out.string()), logs, "run-json");
  REQUIRE_MESSAGE(pipeline_json.exit_code == 0, pipeline_json.report());
  const nlohmann::json result = parse_json(pipeline_json);
  const nlohmann::json* ran = find_named(result.at("modules"), "breakout");
  REQUIRE_MESSAGE(ran != nullptr, pipeline_json.report());
  CHECK_MESSAGE(ran->at("status") == "ok", pipeline_json.report());
  CHECK(ran->at("params").at("entry") == 55);
  REQUIRE_MESSAGE(result.at("signals").contains("signal.breakout"), pipeline_json.report());
  CHECK(result.at("signals").at("signal.breakout").at("assets") == 10);

  // The signal is the position the rules imply: NaN through the 55-bar warm-up, then only
  // -1, 0 or +1, with both long and short positions over 1999-2008.
  const auto rows = read_csv(out / "ports" / "signal.breakout.csv");
  REQUIRE_MESSAGE(rows.size() > 100, "too few rows in " << (out / "ports" / "signal.breakout.csv"));
  CHECK(rows[0].front() == "ts");
  CHECK(rows[0].size() == 11);
  std::set<std::string> values;
  for (size_t r = 1; r < rows.size(); ++r) {
    REQUIRE(rows[r].size() == rows[0].size());
    for (size_t c = 1; c < rows[r].size(); ++c) {
      if (r <= 55) CHECK_MESSAGE(rows[r][c].empty(), "row " << r << " is inside the warm-up");
      values.insert(rows[r][c]);
    }
  }
  values.erase("");
  CHECK(values == std::set<std::string>{"-1", "0", "1"});
}
