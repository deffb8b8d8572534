#include "host/cli/options.hpp"

#include "host/cli/cli_error.hpp"

#include <boost/program_options.hpp>
#include <charconv>
#include <cstdlib>
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
  optimize                    search the modules' parameters for the best target metric, in sample,
                              and report it out of sample with overfitting checks
  ablate                      each optional module's effect on every metric, with bootstrap intervals
  compare A.toml B.toml       two configs side by side, with tests of their Sharpe difference
  serve --feed replay:F|tail:F
                              run the pipeline on every new bar, hot-reload the plugin folder, and
                              serve /health, /metrics, /modules, /signals over HTTP
  plugins lock                write the sha256 of every library in the plugin folder to a lock file
                              (--out, else the config's [plugins] lock, else plugins.lock beside
                              the config or in the working directory)

options:
  --config FILE    pipeline config (TOML); default: the bundled examples/default.toml
  --data FILE      price CSV, overrides [data] prices
  --plugins DIR    plugin folder, overrides [pipeline] plugins
  --out DIR        (run) write ports/<port>.csv, modules.json and config.toml into DIR
                   (ablate, compare) the run folder, instead of runs/<UTC time>-<command>/
                   (plugins lock) the lock file to write
  --json           machine-readable output on stdout
  --repeat N       (modules bench) timed runs, default 50
  --seed S         (ablate, compare) seed of the bootstrap, default 1
                   (optimize) seed of the search, overrides [optimize] seed
  --method M       (optimize) grid, random, genetic, de, cmaes, pso or nsga2
  --target METRIC  (optimize) e.g. sharpe, total_return, max_drawdown; nsga2: sharpe,max_drawdown
  --budget B       (optimize) evaluations (5000) or a duration (90s, 2m, 1h)
  --threads N      (optimize) evaluation threads; 0 = one per core
  --train-fraction F  (optimize) share of the bars the optimizer sees, default 0.7
  --walk-forward K (optimize) K anchored walk-forward folds instead of one split
  --dry-run        (optimize) print the search space and its size, then stop
  --feed SPEC      (serve) replay:FILE replays a price file; tail:FILE follows one being appended to
  --speed N        (serve) replay speed in bars per second, default 10
  --warmup N       (serve) replay bars shown at once before the first run, default 252
  --history N      (serve) bars each run sees, ending at the new bar, default 2520
  --port P         (serve) HTTP port, default 8080; 0 picks a free one (printed at start)
  --bind ADDR      (serve) HTTP address, default 127.0.0.1; another needs a token
  --token-file F   (serve) bearer token for the control routes (or MOSAIC_SERVE_TOKEN)
  --url URL        (health) ask a running server, e.g. http://127.0.0.1:8080
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
    {"health", {"config", "data", "plugins", "json", "verbose", "url"}},
    {"serve", {"config", "plugins", "verbose", "feed", "speed", "warmup", "history", "port", "bind", "token-file"}},
    {"ablate", {"config", "data", "plugins", "out", "json", "verbose", "seed"}},
    {"compare", {"data", "plugins", "out", "json", "verbose", "seed", "positional"}},
    {"plugins", {"config", "plugins", "out", "verbose", "positional"}},
    {"optimize", {"config", "data", "plugins", "out", "json", "verbose", "seed", "method", "target", "budget", "threads",
                  "walk-forward", "train-fraction", "dry-run"}},
};

}  // namespace

CommonOptions parse_options(const std::string& command, const std::vector<std::string>& args) {
  CommonOptions o;
  std::string config, data, plugins, out, seed, method, target, budget, threads, walk_forward, train_fraction;
  po::options_description desc;
  desc.add_options()("config", po::value(&config))("data", po::value(&data))("plugins", po::value(&plugins))(
      "out", po::value(&out))("json", po::bool_switch(&o.json))("verbose,v", po::bool_switch(&o.verbose))(
      "repeat", po::value(&o.repeat))("seed", po::value(&seed))("positional", po::value(&o.positional)->multitoken())(
      "method", po::value(&method))("target", po::value(&target))("budget", po::value(&budget))(
      "threads", po::value(&threads))("walk-forward", po::value(&walk_forward))(
      "train-fraction", po::value(&train_fraction))("dry-run", po::bool_switch(&o.dry_run));
  std::string feed, speed, warmup, history, port, token_file, url;
  desc.add_options()("feed", po::value(&feed))("speed", po::value(&speed))("warmup", po::value(&warmup))(
      "history", po::value(&history))("port", po::value(&port))("bind", po::value(&o.bind))(
      "token-file", po::value(&token_file))("url", po::value(&url));
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
  if (!seed.empty()) {
    const auto [end, ec] = std::from_chars(seed.data(), seed.data() + seed.size(), o.seed);
    if (ec != std::errc() || end != seed.data() + seed.size())
      throw CliError(kUsage, fmt::format("--seed expects a whole number >= 0, found '{}'", seed));
  }
  o.seed_given = !seed.empty();
  auto whole = [](const std::string& flag, const std::string& text, int min, int max) {
    int v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < min || v > max)
      throw CliError(kUsage, fmt::format("--{} expects a whole number in [{}, {}], found '{}'", flag, min, max, text));
    return v;
  };
  if (!method.empty()) o.method = method;
  if (!target.empty()) o.target = target;
  if (!budget.empty()) o.budget = budget;
  if (!threads.empty()) o.threads = whole("threads", threads, 0, 1024);
  if (!walk_forward.empty()) o.walk_forward = whole("walk-forward", walk_forward, 0, 50);
  if (!train_fraction.empty()) {
    char* end = nullptr;
    const double f = std::strtod(train_fraction.c_str(), &end);
    if (!end || *end != '\0' || !(f > 0 && f <= 1))
      throw CliError(kUsage, fmt::format("--train-fraction expects a fraction in (0, 1], found '{}'", train_fraction));
    o.train_fraction = f;
  }
  if (!feed.empty()) o.feed = feed;
  if (!speed.empty()) {
    char* end = nullptr;
    o.speed = std::strtod(speed.c_str(), &end);
    if (!end || *end != '\0' || !(o.speed > 0 && o.speed <= 1e6))
      throw CliError(kUsage, fmt::format("--speed expects bars per second in (0, 1000000], found '{}'", speed));
  }
  if (!warmup.empty()) o.warmup = whole("warmup", warmup, 0, 100'000'000);
  if (!history.empty()) o.history = whole("history", history, 2, 100'000'000);
  if (!port.empty()) o.port = whole("port", port, 0, 65535);
  if (!token_file.empty()) o.token_file = token_file;
  if (!url.empty()) o.url = url;
  if (!config.empty()) o.config = config;
  if (!data.empty()) o.data = data;
  if (!plugins.empty()) o.plugins = plugins;
  if (!out.empty()) o.out = out;
  return o;
}

}  // namespace mosaic::host::cli
