#include "host/report/best_config.hpp"

#include <toml++/toml.h>

#include <sstream>

namespace mosaic::host::report {

std::string best_config_toml(const app::Session& s, const research::Candidate& c) {
  toml::table doc = *s.config.document;
  auto absolute = [&](toml::table& t, const char* key, const std::filesystem::path& value) {
    if (t.contains(key)) t.insert_or_assign(key, value.string());
  };
  // The prices the search ran on, whether the config named them or they came from --data
  // (or a Python DataFrame saved beside): best.toml runs as it stands.
  if (!doc.contains("data")) doc.insert("data", toml::table{});
  if (auto* data = doc["data"].as_table()) {
    data->insert_or_assign("prices", s.config.prices.string());
    if (s.config.news) absolute(*data, "news", *s.config.news);
  }
  if (auto* pipeline = doc["pipeline"].as_table())
    if (s.config.plugins) absolute(*pipeline, "plugins", *s.config.plugins);
  if (auto* plugins = doc["plugins"].as_table())
    if (s.config.plugin_lock) absolute(*plugins, "lock", *s.config.plugin_lock);
  if (!doc.contains("modules")) doc.insert("modules", toml::table{});
  toml::table& modules = *doc["modules"].as_table();
  for (const auto& [name, params] : c.params) {
    if (!modules.contains(name)) modules.insert(name, toml::table{});
    toml::table& m = *modules[name].as_table();
    m.insert_or_assign("enabled", c.enabled.at(name));
    if (!m.contains("params")) m.insert("params", toml::table{});
    toml::table& p = *m["params"].as_table();
    for (const auto& bp : params) {
      switch (bp.value.type) {
        case MOSAIC_PARAM_INT: p.insert_or_assign(bp.name, bp.value.i); break;
        case MOSAIC_PARAM_FLOAT: p.insert_or_assign(bp.name, bp.value.f); break;
        case MOSAIC_PARAM_BOOL: p.insert_or_assign(bp.name, bp.value.b); break;
        default: p.insert_or_assign(bp.name, bp.value.s); break;
      }
    }
  }
  std::ostringstream out;
  out << "# The best configuration found by `mosaic optimize` on " << s.config.file.string() << ".\n"
      << "# Every parameter is written out; paths are absolute. Run it with: mosaic run --config best.toml\n\n"
      << doc << "\n";
  return out.str();
}

}  // namespace mosaic::host::report
