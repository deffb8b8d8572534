#include "host/cli/command_table.hpp"

#include "host/app/runtime_info.hpp"

#include <mosaic/mosaic.h>

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace mosaic::host::cli {
namespace {

struct FlagHelp {
  std::string argument;  // "FILE", "N", ... or "" for a switch
  // Help text by command; the entry under "" serves every command without its own.
  std::map<std::string, std::string> help;
};

const std::map<std::string, FlagHelp>& flag_help() {
  static const std::map<std::string, FlagHelp> f = {
      {"config", {"FILE", {{"", "pipeline config (TOML); default: the bundled examples/default.toml"}}}},
      {"data", {"FILE", {{"", "price CSV, overrides [data] prices"}}}},
      {"plugins", {"DIR", {{"", "plugin folder, overrides [pipeline] plugins"}}}},
      {"out",
       {"DIR",
        {{"run", "write ports/<port>.csv, modules.json and config.toml into DIR"},
         {"plugins", "the lock file to write"},
         {"", "the run folder, instead of runs/<UTC time>-<command>/"}}}},
      {"json", {"", {{"", "machine-readable output on stdout"}}}},
      {"repeat", {"N", {{"", "timed runs, default 50"}}}},
      {"seed",
       {"S", {{"optimize", "seed of the search, overrides [optimize] seed"}, {"", "seed of the bootstrap, default 1"}}}},
      {"method", {"M", {{"", "grid, random, genetic, de, cmaes, pso or nsga2"}}}},
      {"target", {"METRIC", {{"", "e.g. sharpe, total_return, max_drawdown; nsga2: sharpe,max_drawdown"}}}},
      {"budget", {"B", {{"", "evaluations (5000) or a duration (90s, 2m, 1h)"}}}},
      {"threads", {"N", {{"", "evaluation threads; 0 = one per core"}}}},
      {"train-fraction", {"F", {{"", "share of the bars the optimizer sees, default 0.7"}}}},
      {"walk-forward", {"K", {{"", "K walk-forward folds instead of one split"}}}},
      {"walk-forward-mode", {"MODE", {{"", "anchored (train on every block before the test, default) or rolling (the one block before it)"}}}},
      {"dry-run", {"", {{"", "print the search space and its size, then stop"}}}},
      {"resume", {"DIR", {{"", "continue the interrupted search of run folder DIR from its journal.sqlite"}}}},
      {"allow-degraded", {"", {{"", "exit 0 even when the pipeline ran degraded (else 5)"}}}},
      {"check", {"NAME", {{"", "(modules check) run this check only, e.g. look-ahead"}}}},
      {"timeout", {"S", {{"", "(modules check) seconds each check may take before it is killed, default 60"}}}},
      {"feed", {"SPEC", {{"", "replay:FILE replays a price file; tail:FILE follows one being appended to"}}}},
      {"speed", {"N", {{"", "replay speed in bars per second, default 10"}}}},
      {"warmup", {"N", {{"", "replay bars shown at once before the first run, default 252"}}}},
      {"history", {"N", {{"", "bars each run sees, ending at the new bar, default 2520"}}}},
      {"port", {"P", {{"", "HTTP port, default 8080; 0 picks a free one (printed at start)"}}}},
      {"bind", {"ADDR", {{"", "HTTP address, default 127.0.0.1; another needs a token"}}}},
      {"token-file", {"F", {{"deploy", "bearer token of the server's control routes (or MOSAIC_SERVE_TOKEN)"}, {"", "bearer token for the control routes (or MOSAIC_SERVE_TOKEN)"}}}},
      {"url", {"URL", {{"deploy", "the running server, e.g. http://127.0.0.1:8080"}, {"", "ask a running server, e.g. http://127.0.0.1:8080"}}}},
      {"watch-config", {"", {{"", "deploy the --config file again whenever a new version is renamed into place"}}}},
      {"runs", {"DIR", {{"", "where [serve.reoptimize] occasions write their run folders, default runs/"}}}},
      {"verbose", {"", {{"", "log info messages too (also -v)"}}}},
      {"log-level", {"LEVEL", {{"", "debug, info, warn (default) or error: the engine's and the modules' log lines"}}}},
      {"help", {"", {{"", "print this help and exit"}}}},
  };
  return f;
}

const std::string& help_for(const FlagHelp& f, const std::string& command) {
  auto it = f.help.find(command);
  return it != f.help.end() ? it->second : f.help.at("");
}

}  // namespace

const std::vector<CommandInfo>& commands() {
  static const std::vector<CommandInfo> c = {
      {"run", "[options]", "Run the pipeline on the data, backtest its weights, print per-module figures and write a run folder.",
       {"config", "data", "plugins", "out", "json", "verbose", "log-level", "allow-degraded"}, {}, false},
      {"modules", "list|test|bench|check [NAME|LIB.so ...] [options]",
       "Contracts of the plugin folder's modules (list), their self-tests (test), latency percentiles of the "
       "configured pipeline against each module's SLA (bench), or the conformance checks a module author runs "
       "before publishing, each in a process of its own (check).",
       {"config", "data", "plugins", "json", "verbose", "log-level", "repeat", "check", "timeout"},
       {"list", "test", "bench", "check"}, true},
      {"validate", "[options]", "Check the config, the data and the plugins, and create every module, without running.",
       {"config", "data", "plugins", "json", "verbose", "log-level"}, {}, false},
      {"health", "[options]",
       "Run once and report every module's state and SLA verdicts; with --url, the health of a running server.",
       {"config", "data", "plugins", "json", "verbose", "log-level", "url"}, {}, false},
      {"optimize", "[options]",
       "Search the modules' parameters for the best target metric, in sample, and report it out of sample with the "
       "Deflated Sharpe Ratio and the Probability of Backtest Overfitting.",
       {"config", "data", "plugins", "out", "json", "verbose", "log-level", "seed", "method", "target", "budget", "threads",
        "walk-forward", "walk-forward-mode", "train-fraction", "dry-run", "resume"},
       {}, false},
      {"ablate", "[options]", "Each optional module's effect on every metric, with bootstrap intervals and a verdict.",
       {"config", "data", "plugins", "out", "json", "verbose", "log-level", "seed"}, {}, false},
      {"compare", "A.toml B.toml [options]",
       "Two configs side by side on their common bars, with tests of their Sharpe difference.",
       {"data", "plugins", "out", "json", "verbose", "log-level", "seed"}, {}, true},
      {"serve", "--feed replay:FILE|tail:FILE [options]",
       "Run the pipeline on every new bar, hot-reload the plugin folder, take deployed configs, re-optimize on the "
       "schedule of [serve.reoptimize], and serve /health, /metrics, /modules, /signals and /config over HTTP.",
       {"config", "plugins", "verbose", "log-level", "feed", "speed", "warmup", "history", "port", "bind", "token-file",
        "watch-config", "runs"},
       {}, false},
      {"deploy", "CONFIG.toml --url URL [options]",
       "Send a config to a running serve. It goes live between two bars once it passes the gate (bound to the "
       "contracts, every module created and self-tested, a golden run on the last bar), and is refused with the "
       "reason otherwise, while the live config keeps serving.",
       {"url", "token-file", "json", "verbose", "log-level"}, {}, true},
      {"plugins", "lock [options]",
       "Write the sha256 of every library in the plugin folder to a lock file (--out, else the config's [plugins] "
       "lock, else plugins.lock beside the config or in the working directory).",
       {"config", "plugins", "out", "verbose", "log-level"}, {"lock"}, true},
      {"report", "RUN_DIR [options]",
       "Rebuild report.html in a folder of run, optimize, ablate or compare from the folder's own files.",
       {"verbose", "log-level"}, {}, true},
      {"completion", "bash", "Print a bash completion script for mosaic.", {}, {"bash"}, true},
  };
  return c;
}

const CommandInfo* find_command(const std::string& name) {
  for (const auto& c : commands())
    if (c.name == name) return &c;
  return nullptr;
}

std::string usage() {
  return R"(usage: mosaic <command> [options]

commands:
  run                         run the pipeline on the data and print per-module figures
  modules list|test|bench|check [NAME|LIB.so]
                              contracts, self-tests, latency percentiles against the SLA,
                              conformance checks of a module library
  validate                    check the config and the plugins without running
  health                      run once and report every module's state and SLA verdicts
  optimize                    search the modules' parameters for the best target metric, in sample,
                              and report it out of sample with overfitting checks
  ablate                      each optional module's effect on every metric, with bootstrap intervals
  compare A.toml B.toml       two configs side by side, with tests of their Sharpe difference
  serve --feed replay:F|tail:F
                              run the pipeline on every new bar, hot-reload the plugin folder, take
                              deployed configs, re-optimize on [serve.reoptimize]'s schedule, and
                              serve /health, /metrics, /modules, /signals, /config over HTTP
  deploy CONFIG.toml --url U  send a config to a running serve; it goes live if it passes the gate
  plugins lock                write the sha256 of every library in the plugin folder to a lock file
                              (--out, else the config's [plugins] lock, else plugins.lock beside
                              the config or in the working directory)
  report RUN_DIR              rebuild report.html in a run folder from the folder's own files

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
  --walk-forward K (optimize) K walk-forward folds instead of one split
  --walk-forward-mode M  (optimize) anchored (every block before the test) or rolling (one block)
  --dry-run        (optimize) print the search space and its size, then stop
  --allow-degraded (run) exit 0 even when the pipeline ran degraded (else 5)
  --check NAME     (modules check) run this check only, e.g. look-ahead
  --timeout S      (modules check) seconds each check may take before it is killed, default 60
  --feed SPEC      (serve) replay:FILE replays a price file; tail:FILE follows one being appended to
  --speed N        (serve) replay speed in bars per second, default 10
  --warmup N       (serve) replay bars shown at once before the first run, default 252
  --history N      (serve) bars each run sees, ending at the new bar, default 2520
  --port P         (serve) HTTP port, default 8080; 0 picks a free one (printed at start)
  --bind ADDR      (serve) HTTP address, default 127.0.0.1; another needs a token
  --token-file F   (serve, deploy) bearer token for the control routes (or MOSAIC_SERVE_TOKEN)
  --watch-config   (serve) deploy the --config file again whenever a new version is renamed in
  --runs DIR       (serve) where re-optimization occasions write their run folders, default runs/
  --url URL        (health, deploy) the running server, e.g. http://127.0.0.1:8080
  -v, --verbose    log info messages too
  --log-level LEVEL  debug, info, warn (default) or error: the engine's and the modules' log lines

exit codes: 0 ok, 2 usage or config error, 3 module validation error, 4 data error,
            5 (run) the pipeline ran degraded, 6 (deploy) the server refused the config
)";
}

std::string command_usage(const CommandInfo& c) {
  std::string out = fmt::format("usage: mosaic {} {}\n\n", c.name, c.synopsis);
  // The summary wrapped at 92 columns.
  std::string line;
  for (size_t at = 0; at < c.summary.size();) {
    size_t end = c.summary.find(' ', at);
    if (end == std::string::npos) end = c.summary.size();
    const std::string word = c.summary.substr(at, end - at);
    if (!line.empty() && line.size() + 1 + word.size() > 92) {
      out += line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    at = end + 1;
  }
  out += line + "\n\noptions:\n";
  std::vector<std::string> flags = c.flags;
  flags.push_back("help");
  for (const auto& name : flags) {
    const FlagHelp& f = flag_help().at(name);
    const std::string left = f.argument.empty() ? "--" + name : fmt::format("--{} {}", name, f.argument);
    out += fmt::format("  {:<20} {}\n", left, help_for(f, c.name));
  }
  out += "\nexit codes: 0 ok, 2 usage or config error, 3 module validation error, 4 data error,\n"
         "            5 (run) the pipeline ran degraded, 6 (deploy) the server refused the config\n";
  return out;
}

std::string version_text() {
  return fmt::format("mosaic {}\nmodule ABI {}.{}.{}\nbuild {}\nallocator {}\n", MOSAIC_VERSION, MOSAIC_ABI_MAJOR,
                     MOSAIC_ABI_MINOR, MOSAIC_ABI_PATCH, MOSAIC_BUILD_TYPE, app::allocator());
}

std::string bash_completion() {
  std::string names, cases;
  for (const auto& c : commands()) {
    names += (names.empty() ? "" : " ") + c.name;
    std::string words;
    for (const auto& s : c.subcommands) words += s + " ";
    for (const auto& f : c.flags) words += "--" + f + " ";
    words += "--help";
    cases += fmt::format("    {}) words=\"{}\" ;;\n", c.name, words);
  }
  return fmt::format(R"(# bash completion for mosaic; written by `mosaic completion bash`.
_mosaic() {{
  local cur prev words
  cur="${{COMP_WORDS[COMP_CWORD]}}"
  prev="${{COMP_WORDS[COMP_CWORD-1]}}"
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W "{} --help --version" -- "$cur"))
    return
  fi
  case "$prev" in
    --config|--data|--out|--token-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --plugins) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --method) COMPREPLY=($(compgen -W "grid random genetic de cmaes pso nsga2" -- "$cur")); return ;;
    --walk-forward-mode) COMPREPLY=($(compgen -W "anchored rolling" -- "$cur")); return ;;
    --feed) COMPREPLY=($(compgen -W "replay: tail:" -- "$cur")); return ;;
  esac
  case "${{COMP_WORDS[1]}}" in
{}    *) words="" ;;
  esac
  if [[ "${{COMP_WORDS[1]}}" == compare && "$cur" != -* ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
    return
  fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}}
complete -o filenames -F _mosaic mosaic
)",
                     names, cases);
}

}  // namespace mosaic::host::cli
