#include "host/report/catalog_report.hpp"

#include "host/data/price_header.hpp"
#include "host/report/text_table.hpp"

#include <fmt/format.h>

namespace mosaic::host::report {
namespace {

std::string range_text(const ParamInfo& p) {
  if (p.type() == MOSAIC_PARAM_ENUM) return fmt::format("{}", fmt::join(p.choices, "|"));
  if (!p.has_range) return "-";
  if (p.type() == MOSAIC_PARAM_INT)
    return fmt::format("[{}, {}] step {}", static_cast<int64_t>(p.min), static_cast<int64_t>(p.max), p.step);
  return p.step > 0 ? fmt::format("[{}, {}] step {}", p.min, p.max, p.step) : fmt::format("[{}, {}]", p.min, p.max);
}

}  // namespace

nlohmann::json contract_json(const ContractInfo& c, const Library& lib) {
  auto ports = [](const std::vector<PortInfo>& v) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& p : v)
      a.push_back({{"name", p.name}, {"layout", layout_name(p.layout)}, {"required", p.required}, {"description", p.description}});
    return a;
  };
  nlohmann::json params = nlohmann::json::array();
  for (const auto& p : c.params) {
    nlohmann::json j = {{"name", p.name},
                        {"type", param_type_name(p.type())},
                        {"kind", p.setting ? "setting" : "tunable"},
                        {"default", p.default_value.to_string()},
                        {"description", p.description}};
    if (p.has_range) j["range"] = {{"min", p.min}, {"max", p.max}, {"step", p.step}};
    if (!p.choices.empty()) j["choices"] = p.choices;
    if (p.names_ports) j["names_ports"] = true;
    params.push_back(j);
  }
  nlohmann::json deps = nlohmann::json::array();
  for (const auto& d : c.dependencies) deps.push_back({{"module", d.module}, {"range", d.range.str()}});
  nlohmann::json constraints = nlohmann::json::array();
  for (const auto& r : c.constraints) constraints.push_back(r.text);
  return {{"constraints", constraints},
          {"name", c.name}, {"id", c.id}, {"version", c.version.str()}, {"role", role_name(c.role)},
          {"description", c.description}, {"library", lib.file().string()},
          {"abi", fmt::format("{}.{}.{}", lib.abi_version().major, lib.abi_version().minor, lib.abi_version().patch)},
          {"inputs", ports(c.inputs)}, {"outputs", ports(c.outputs)}, {"params", params}, {"dependencies", deps},
          {"sla", {{"max_latency_ms", c.sla.max_latency_ms}, {"min_confidence", c.sla.min_confidence}}}};
}

std::string contract_text(const ContractInfo& c, const Library& lib) {
  std::string out = fmt::format("{} {} ({}, {})\n  {}\n  library {}\n  SLA: max latency {} ms, min confidence {}\n",
                                c.name, c.version.str(), role_name(c.role), c.id, c.description, lib.file().string(),
                                c.sla.max_latency_ms, c.sla.min_confidence);
  auto port_list = [](const std::vector<PortInfo>& v, bool inputs) {
    std::string s;
    for (const auto& p : v)
      s += fmt::format("    {} ({}{}) {}\n", p.name, layout_name(p.layout), inputs && !p.required ? ", optional" : "",
                       p.description);
    return s.empty() ? std::string("    none\n") : s;
  };
  out += "  inputs:\n" + port_list(c.inputs, true) + "  outputs:\n" + port_list(c.outputs, false);
  if (!c.dependencies.empty()) {
    out += "  depends on:\n";
    for (const auto& d : c.dependencies) out += fmt::format("    {} {}\n", d.module, d.range.str());
  }
  TextTable t({"param", "type", "kind", "default", "range", "description"});
  for (const auto& p : c.params)
    t.add({p.name, param_type_name(p.type()), p.setting ? "setting" : "tunable", p.default_value.to_string(),
           range_text(p), p.names_ports ? p.description + " [names ports, checked]" : p.description});
  out += "  params (the optimizer searches the tunables; a setting only when the config names it):\n";
  for (std::string line; const char ch : t.str()) {
    line += ch;
    if (ch == '\n') { out += "    " + line; line.clear(); }
  }
  if (!c.constraints.empty()) {
    out += "  constraints:\n";
    for (const auto& r : c.constraints) out += "    " + r.text + "\n";
  }
  return out;
}

std::string modules_table(const std::vector<app::CatalogModule>& modules) {
  TextTable t({"module", "version", "role", "inputs", "outputs", "params", "library"});
  for (const auto& m : modules) {
    const ContractInfo& c = m.module->contract;
    t.add({c.name, c.version.str(), role_name(c.role), std::to_string(c.inputs.size()),
           std::to_string(c.outputs.size()), std::to_string(c.params.size()), m.library->file().filename().string()});
  }
  return t.str();
}

std::string self_test_table(const std::vector<app::SelfTestResult>& results) {
  TextTable t({"module", "version", "self-test", "detail"});
  for (const auto& r : results) t.add({r.name, r.version, r.passed ? "pass" : "fail", r.detail});
  return t.str();
}

nlohmann::json self_test_json(const std::vector<app::SelfTestResult>& results) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& r : results)
    j.push_back({{"name", r.name}, {"version", r.version}, {"passed", r.passed}, {"detail", r.detail}});
  return j;
}

std::string data_ports_text() {
  std::string fields;
  for (std::string_view f : price_field_names()) fields += (fields.empty() ? "" : ", ") + std::string(f);
  return "data source ports, for any module's inputs:\n"
         "  " + fields + "  PANEL, each one the price file has (a wide file: close only)\n"
         "  news  TABLE (ts, ticker, headline, body), when [data] news names a file\n";
}

nlohmann::json data_ports_json() {
  nlohmann::json ports = nlohmann::json::array();
  for (std::string_view f : price_field_names())
    ports.push_back({{"name", f}, {"layout", "panel"}, {"when", "the price file has the field"}});
  ports.push_back({{"name", "news"}, {"layout", "table"}, {"when", "[data] news names a file"}});
  return ports;
}

}  // namespace mosaic::host::report
