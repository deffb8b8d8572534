#include "host/registry/registry.hpp"

#include "host/registry/dependency_graph.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace mosaic::host {
namespace {

struct Producer {
  std::string module;  // kDataSource for data ports
  const PortInfo* port = nullptr;
  int32_t layout = MOSAIC_LAYOUT_PANEL;
  std::string port_name;
};

bool overlaps(const std::string& consumer_pattern, const PortInfo& produced) {
  // "signal.*" reads from "signal.technical" and from a producer declaring "signal.*".
  PortInfo pattern{consumer_pattern, MOSAIC_LAYOUT_PANEL, false, {}};
  if (produced.is_pattern()) {
    const std::string a = consumer_pattern.substr(0, consumer_pattern.size() - 1);
    const std::string b = produced.name.substr(0, produced.name.size() - 1);
    return a.rfind(b, 0) == 0 || b.rfind(a, 0) == 0;
  }
  return pattern.matches(produced.name);
}

// "dependency cycle: a 1.0.0 -> b 2.1.0 -> a 1.0.0 (b reads port 'x' of a; a depends on b)"
std::string describe_cycle(const std::vector<std::string>& cycle, const DependencyGraph& graph,
                           const std::map<std::string, const Candidate*>& by_name) {
  auto label = [&](const std::string& m) {
    auto it = by_name.find(m);
    return it == by_name.end() ? m : it->second->contract->label();
  };
  std::vector<std::string> steps, links;
  for (size_t i = 0; i < cycle.size(); ++i) {
    steps.push_back(label(cycle[i]));
    if (i + 1 == cycle.size()) break;
    const std::string why = graph.edge_reason(cycle[i], cycle[i + 1]).value_or("");
    if (why.rfind("port ", 0) == 0)
      links.push_back(fmt::format("{} reads '{}' of {}", cycle[i + 1], why.substr(5), cycle[i]));
    else
      links.push_back(fmt::format("{} depends on {}", cycle[i + 1], cycle[i]));
  }
  return fmt::format("dependency cycle: {} ({})", fmt::join(steps, " -> "), fmt::join(links, "; "));
}

std::string describe_data(const std::map<std::string, int32_t>& data_ports) {
  std::vector<std::string> names;
  for (const auto& [name, layout] : data_ports) names.push_back(name);
  return names.empty() ? "nothing" : fmt::format("{}", fmt::join(names, ", "));
}

}  // namespace

Resolution resolve(const std::vector<Candidate>& modules, const std::map<std::string, int32_t>& data_ports) {
  Resolution r;
  auto issue = [&](const std::string& module, std::string message) { r.issues.push_back({module, std::move(message)}); };

  // Unique names.
  std::map<std::string, const Candidate*> by_name;
  for (const auto& c : modules) {
    auto [it, fresh] = by_name.emplace(c.contract->name, &c);
    if (!fresh)
      issue(c.contract->name, fmt::format("duplicate module name '{}': {} ({}) and {} ({})", c.contract->name,
                                          it->second->contract->label(), it->second->origin, c.contract->label(),
                                          c.origin));
  }

  DependencyGraph graph;
  for (const auto& c : modules) graph.add_node(c.contract->name);

  // Declared dependencies and their version ranges.
  for (const auto& c : modules) {
    for (const auto& dep : c.contract->dependencies) {
      auto it = by_name.find(dep.module);
      if (it == by_name.end()) {
        issue(c.contract->name, fmt::format("{} needs {} {}, which is not in the pipeline", c.contract->label(),
                                            dep.module, dep.range.str()));
        continue;
      }
      const ContractInfo& found = *it->second->contract;
      if (!dep.range.matches(found.version))
        issue(c.contract->name, fmt::format("{} needs {} {}, found {}", c.contract->label(), dep.module,
                                            dep.range.str(), found.version.str()));
      graph.add_edge(dep.module, c.contract->name, "dependency");
    }
  }

  // Who produces what. Exact port names must have a single producer.
  std::vector<Producer> producers;
  for (const auto& [name, layout] : data_ports) producers.push_back({kDataSource, nullptr, layout, name});
  for (const auto& c : modules)
    for (const auto& out : c.contract->outputs) producers.push_back({c.contract->name, &out, out.layout, out.name});
  std::map<std::string, std::string> exact_owner;
  for (const auto& p : producers) {
    if (p.port && p.port->is_pattern()) continue;
    auto [it, fresh] = exact_owner.emplace(p.port_name, p.module);
    if (!fresh && it->second != p.module)
      issue(p.module, fmt::format("port '{}' is produced by both {} and {}; each port needs exactly one producer",
                                  p.port_name, it->second, p.module));
  }
  // A family ("technical.*") may not overlap what another producer declares, or two
  // modules could emit the same port at run time.
  for (size_t i = 0; i < producers.size(); ++i) {
    const Producer& p = producers[i];
    if (!p.port || !p.port->is_pattern()) continue;
    for (size_t j = 0; j < producers.size(); ++j) {
      const Producer& q = producers[j];
      if (q.module == p.module || (q.port && q.port->is_pattern() && j < i)) continue;
      const bool clash = q.port ? overlaps(p.port_name, *q.port) : p.port->matches(q.port_name);
      if (clash)
        issue(p.module, fmt::format("port family '{}' of {} overlaps '{}' of {}; each port needs exactly one producer",
                                    p.port_name, p.module, q.port_name, q.module));
    }
  }

  // Every input: find its producers, check layouts, add edges.
  for (const auto& c : modules) {
    const ContractInfo& m = *c.contract;
    for (const auto& in : m.inputs) {
      std::vector<const Producer*> found;
      for (const auto& p : producers) {
        if (p.module == m.name) continue;
        const bool hit = in.is_pattern() ? (p.port ? overlaps(in.name, *p.port) : in.matches(p.port_name))
                                         : (p.port ? p.port->matches(in.name) : p.port_name == in.name);
        if (hit) found.push_back(&p);
      }
      if (found.empty() && in.required) {
        issue(m.name, fmt::format("{} needs input '{}' ({}), which nothing produces (data provides: {})", m.label(),
                                  in.name, layout_name(in.layout), describe_data(data_ports)));
        continue;
      }
      for (const Producer* p : found) {
        if (p->layout != in.layout)
          issue(m.name, fmt::format("{} reads '{}' as a {}, but {} produces it as a {}", m.label(), p->port_name,
                                    layout_name(in.layout), p->module, layout_name(p->layout)));
        if (p->module != kDataSource) graph.add_edge(p->module, m.name, "port " + p->port_name);
      }
    }
  }

  try {
    r.order = graph.topological_order();
  } catch (const CycleError& e) {
    issue("", describe_cycle(e.cycle, graph, by_name));
  }
  return r;
}

}  // namespace mosaic::host
