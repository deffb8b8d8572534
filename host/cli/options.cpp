#include "host/cli/options.hpp"

#include "host/app/error.hpp"
#include "host/cli/command_table.hpp"
#include "host/config/optimize_config.hpp"

#include <boost/program_options.hpp>
#include <charconv>
#include <cstdlib>
#include <algorithm>
#include <fmt/format.h>

namespace po = boost::program_options;

namespace mosaic::host::cli {

namespace {

app::Error usage_error(const std::string& message) { return app::Error(app::ErrorKind::Usage, message); }

}  // namespace

CommonOptions parse_options(const std::string& command, const std::vector<std::string>& args) {
  CommonOptions o;
  std::string config, data, plugins, out, seed, method, target, budget, threads, walk_forward, walk_forward_mode,
      train_fraction, log_level;
  po::options_description desc;
  desc.add_options()("config", po::value(&config))("data", po::value(&data))("plugins", po::value(&plugins))(
      "out", po::value(&out))("json", po::bool_switch(&o.json))("verbose,v", po::bool_switch(&o.verbose))(
      "log-level", po::value(&log_level))(
      "repeat", po::value(&o.repeat))("seed", po::value(&seed))("positional", po::value(&o.positional)->multitoken())(
      "method", po::value(&method))("target", po::value(&target))("budget", po::value(&budget))(
      "threads", po::value(&threads))("walk-forward", po::value(&walk_forward))(
      "walk-forward-mode", po::value(&walk_forward_mode))(
      "train-fraction", po::value(&train_fraction))("dry-run", po::bool_switch(&o.dry_run))(
      "allow-degraded", po::bool_switch(&o.allow_degraded))("help,h", po::bool_switch(&o.help));
  std::string feed, speed, warmup, history, port, token_file, url, timeout, runs, resume;
  desc.add_options()("feed", po::value(&feed))("speed", po::value(&speed))("warmup", po::value(&warmup))(
      "history", po::value(&history))("port", po::value(&port))("bind", po::value(&o.bind))(
      "token-file", po::value(&token_file))("url", po::value(&url))("check", po::value(&o.check))(
      "timeout", po::value(&timeout))("watch-config", po::bool_switch(&o.watch_config))(
      "runs", po::value(&runs))("resume", po::value(&resume));
  po::positional_options_description pos;
  pos.add("positional", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(desc).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw usage_error(fmt::format("{}\n\n{}", e.what(), usage()));
  }
  // Which flags each command takes; anything else is a usage error rather than ignored.
  if (const CommandInfo* info = find_command(command)) {
    for (const auto& [name, value] : vm) {
      if (value.defaulted() || name == "help" || (name == "positional" && info->positional) ||
          std::find(info->flags.begin(), info->flags.end(), name) != info->flags.end())
        continue;
      if (name == "positional")
        throw usage_error(fmt::format("unexpected argument '{}'; did you mean --config {}?", o.positional.front(),
                                           o.positional.front()));
      throw usage_error(fmt::format("--{} does not apply to 'mosaic {}'\n\n{}", name, command, usage()));
    }
  }
  if (!resume.empty()) {
    // The search goes on as it was asked for: its journal has the rest of the options.
    for (const auto& [name, value] : vm)
      if (!value.defaulted() && name != "resume" && name != "json" && name != "verbose" && name != "log-level")
        throw usage_error(fmt::format("--{} does not go with --resume: the run goes on with the options it was "
                                      "started with (only --json, --verbose and --log-level may be added)",
                                      name == "positional" ? o.positional.front() : name));
    o.resume = resume;
  }
  o.args = args;
  if (vm.count("repeat") && !vm["repeat"].defaulted() && o.repeat < 1)
    throw usage_error("--repeat expects a count >= 1");
  if (!seed.empty()) {
    const auto [end, ec] = std::from_chars(seed.data(), seed.data() + seed.size(), o.seed);
    if (ec != std::errc() || end != seed.data() + seed.size())
      throw usage_error(fmt::format("--seed expects a whole number >= 0, found '{}'", seed));
  }
  o.seed_given = !seed.empty();
  auto whole = [](const std::string& flag, const std::string& text, int min, int max) {
    int v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < min || v > max)
      throw usage_error(fmt::format("--{} expects a whole number in [{}, {}], found '{}'", flag, min, max, text));
    return v;
  };
  if (!method.empty()) o.method = method;
  if (!target.empty()) o.target = target;
  if (!budget.empty()) o.budget = budget;
  if (!threads.empty()) o.threads = whole("threads", threads, 0, 1024);
  if (!walk_forward.empty()) o.walk_forward = whole("walk-forward", walk_forward, 0, 50);
  if (!walk_forward_mode.empty()) {
    if (walk_forward_mode != "anchored" && walk_forward_mode != "rolling")
      throw usage_error(fmt::format("--walk-forward-mode expects anchored or rolling, found '{}'", walk_forward_mode));
    o.rolling = walk_forward_mode == "rolling";
  }
  // A number in (0, max]; `what` says what it is, as the error shows it.
  auto positive = [](const std::string& flag, const std::string& text, double max, const std::string& what) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (!end || *end != '\0' || !(v > 0 && v <= max))
      throw usage_error(fmt::format("--{} expects {}, found '{}'", flag, what, text));
    return v;
  };
  if (!train_fraction.empty()) o.train_fraction = positive("train-fraction", train_fraction, 1, "a fraction in (0, 1]");
  if (!log_level.empty()) {
    const char* const levels[] = {"debug", "info", "warn", "error"};
    for (int i = 0; i < 4; ++i)
      if (log_level == levels[i]) o.log_level = i;
    if (!o.log_level)
      throw usage_error(fmt::format("--log-level expects debug, info, warn or error, found '{}'", log_level));
  }
  if (!feed.empty()) o.feed = feed;
  if (!speed.empty()) o.speed = positive("speed", speed, 1e6, "bars per second in (0, 1000000]");
  if (!warmup.empty()) o.warmup = whole("warmup", warmup, 0, 100'000'000);
  if (!history.empty()) o.history = whole("history", history, 2, 100'000'000);
  if (!port.empty()) o.port = whole("port", port, 0, 65535);
  if (!token_file.empty()) o.token_file = token_file;
  if (!url.empty()) o.url = url;
  if (!runs.empty()) o.runs = runs;
  if (!timeout.empty()) o.timeout = positive("timeout", timeout, 86400, "seconds in (0, 86400]");
  if (!config.empty()) o.config = config;
  if (!data.empty()) o.data = data;
  if (!plugins.empty()) o.plugins = plugins;
  if (!out.empty()) o.out = out;
  return o;
}

app::SessionSpec session_spec(const CommonOptions& o) { return {o.config, o.data, o.plugins, false}; }

app::OptimizeSpec optimize_spec(const CommonOptions& o) {
  app::OptimizeSpec spec;
  if (o.method) {
    const auto& methods = optimize_methods();
    if (std::find(methods.begin(), methods.end(), *o.method) == methods.end())
      throw usage_error(fmt::format("--method expects grid, random, genetic, de, cmaes, pso or nsga2, found '{}'",
                                    *o.method));
    spec.method = *o.method;
  }
  if (o.target) {
    std::vector<std::string> targets;
    std::string t = *o.target;
    for (size_t at; (at = t.find(',')) != std::string::npos; t = t.substr(at + 1)) targets.push_back(t.substr(0, at));
    targets.push_back(t);
    spec.targets = targets;
  }
  if (o.budget && !parse_budget(*o.budget, spec.max_evaluations, spec.max_seconds))
    throw usage_error(fmt::format("--budget expects a number of evaluations (5000) or a duration (90s, 2m, 1h), "
                                  "found '{}'",
                                  *o.budget));
  spec.threads = o.threads;
  if (o.seed_given) spec.seed = o.seed;
  spec.walk_forward = o.walk_forward;
  spec.rolling = o.rolling;
  spec.train_fraction = o.train_fraction;
  return spec;
}

app::AblateSpec ablate_spec(const CommonOptions& o) { return {o.seed}; }

app::CompareSpec compare_spec(const CommonOptions& o) {
  if (o.positional.size() != 2)
    throw usage_error(fmt::format("expected two configs, got {}: mosaic compare A.toml B.toml\n\n{}",
                                  o.positional.size(), usage()));
  return {{o.positional[0], o.data, o.plugins, false}, {o.positional[1], o.data, o.plugins, false}, o.seed};
}

}  // namespace mosaic::host::cli
