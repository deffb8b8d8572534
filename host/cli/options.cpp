#include "host/cli/options.hpp"

#include "host/cli/cli_error.hpp"

#include <boost/program_options.hpp>
#include <map>
#include <set>
#include <fmt/format.h>

namespace po = boost::program_options;

namespace mosaic::host::cli {

std::string usage() {
  return R"(usage: mosaic <command> [options]

commands:
  run                         run the pipeline on the data and print per-module figures
  modules list|test|bench [NAME]
                              contracts, self-tests, latency percentiles against the SLA
  validate                    check the config and the plugins without running
  health                      run once and report every module's state and SLA verdicts

options:
  --config FILE    pipeline config (TOML); default: the bundled examples/default.toml
  --data FILE      price CSV, overrides [data] prices
  --plugins DIR    plugin folder, overrides [pipeline] plugins
  --out DIR        (run) write ports/<port>.csv, modules.json and config.toml into DIR
  --json           machine-readable output on stdout
  --repeat N       (modules bench) timed runs, default 50
  -v, --verbose    log info messages too

exit codes: 0 ok, 2 usage or config error, 3 module validation error, 4 data error
)";
}

namespace {

// Which flags each command takes; anything else is a usage error rather than ignored.
const std::map<std::string, std::set<std::string>> kAllowed = {
    {"run", {"config", "data", "plugins", "out", "json", "verbose"}},
    {"modules", {"config", "data", "plugins", "json", "verbose", "repeat", "positional"}},
    {"validate", {"config", "data", "plugins", "json", "verbose"}},
    {"health", {"config", "data", "plugins", "json", "verbose"}},
};

}  // namespace

CommonOptions parse_options(const std::string& command, const std::vector<std::string>& args) {
  CommonOptions o;
  std::string config, data, plugins, out;
  po::options_description desc;
  desc.add_options()("config", po::value(&config))("data", po::value(&data))("plugins", po::value(&plugins))(
      "out", po::value(&out))("json", po::bool_switch(&o.json))("verbose,v", po::bool_switch(&o.verbose))(
      "repeat", po::value(&o.repeat))("positional", po::value(&o.positional)->multitoken());
  po::positional_options_description pos;
  pos.add("positional", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(desc).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw CliError(kUsage, fmt::format("{}\n\n{}", e.what(), usage()));
  }
  auto allowed = kAllowed.find(command);
  if (allowed != kAllowed.end()) {
    for (const auto& [name, value] : vm) {
      if (value.defaulted() || allowed->second.count(name)) continue;
      if (name == "positional")
        throw CliError(kUsage, fmt::format("unexpected argument '{}'; did you mean --config {}?", o.positional.front(),
                                           o.positional.front()));
      throw CliError(kUsage, fmt::format("--{} does not apply to 'mosaic {}'\n\n{}", name, command, usage()));
    }
  }
  if (vm.count("repeat") && !vm["repeat"].defaulted() && o.repeat < 1)
    throw CliError(kUsage, "--repeat expects a count >= 1");
  if (!config.empty()) o.config = config;
  if (!data.empty()) o.data = data;
  if (!plugins.empty()) o.plugins = plugins;
  if (!out.empty()) o.out = out;
  return o;
}

}  // namespace mosaic::host::cli
