#include "host/registry/dependency_graph.hpp"

#include <algorithm>
#include <functional>
#include <queue>
#include <utility>

namespace mosaic::host {
namespace {

std::string describe(const std::vector<std::string>& cycle) {
  std::string text = "dependency cycle: ";
  for (std::size_t i = 0; i < cycle.size(); ++i) text += (i ? " -> " : "") + cycle[i];
  return text;
}

}  // namespace

CycleError::CycleError(std::vector<std::string> cycle_)
    : std::runtime_error(describe(cycle_)), cycle(std::move(cycle_)) {}

std::size_t DependencyGraph::intern(const std::string& name) {
  const auto [it, inserted] = index_.try_emplace(name, names_.size());
  if (inserted) {
    names_.push_back(name);
    out_.emplace_back();
    in_.emplace_back();
  }
  return it->second;
}

void DependencyGraph::add_node(const std::string& name) { intern(name); }

void DependencyGraph::add_edge(const std::string& before, const std::string& after, std::string why) {
  const auto from = intern(before);
  const auto to = intern(after);
  // One edge per pair, so in-degrees count predecessors, not declarations.
  for (auto& edge : out_[from]) {
    if (edge.to == to) {
      if (edge.why.empty()) edge.why = std::move(why);
      return;
    }
  }
  out_[from].push_back(Edge{to, std::move(why)});
  in_[to].push_back(from);
}

std::optional<std::string> DependencyGraph::edge_reason(const std::string& before,
                                                        const std::string& after) const {
  const auto from = index_.find(before), to = index_.find(after);
  if (from == index_.end() || to == index_.end()) return std::nullopt;
  for (const auto& edge : out_[from->second])
    if (edge.to == to->second) return edge.why;
  return std::nullopt;
}

std::vector<std::size_t> DependencyGraph::kahn_order() const {
  std::vector<std::size_t> pending(names_.size());
  for (std::size_t i = 0; i < names_.size(); ++i) pending[i] = in_[i].size();
  // Ids are insertion order, so a min-heap on id releases the ready node
  // that was added first.
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  for (std::size_t i = 0; i < names_.size(); ++i)
    if (pending[i] == 0) ready.push(i);
  std::vector<std::size_t> order;
  order.reserve(names_.size());
  while (!ready.empty()) {
    const auto node = ready.top();
    ready.pop();
    order.push_back(node);
    for (const auto& edge : out_[node])
      if (--pending[edge.to] == 0) ready.push(edge.to);
  }
  return order;
}

std::vector<std::string> DependencyGraph::names_of(const std::vector<std::size_t>& ids) const {
  std::vector<std::string> names;
  names.reserve(ids.size());
  for (auto id : ids) names.push_back(names_[id]);
  return names;
}

std::vector<std::string> DependencyGraph::topological_order() const {
  const auto order = kahn_order();
  if (order.size() != names_.size()) throw CycleError(find_cycle().value());
  return names_of(order);
}

std::vector<std::vector<std::string>> DependencyGraph::levels() const {
  const auto order = kahn_order();
  if (order.size() != names_.size()) throw CycleError(find_cycle().value());
  // Predecessors come earlier in `order`, so each level is final when read.
  std::vector<std::size_t> level(names_.size(), 0);
  std::size_t depth = 0;
  for (auto node : order) {
    depth = std::max(depth, level[node] + 1);
    for (const auto& edge : out_[node]) level[edge.to] = std::max(level[edge.to], level[node] + 1);
  }
  std::vector<std::vector<std::string>> waves(depth);
  for (std::size_t i = 0; i < names_.size(); ++i) waves[level[i]].push_back(names_[i]);
  return waves;
}

std::optional<std::vector<std::string>> DependencyGraph::find_cycle() const {
  enum class Mark { unseen, on_path, done };
  std::vector<Mark> mark(names_.size(), Mark::unseen);
  // Iterative DFS, so a long chain of modules cannot overflow the stack.
  std::vector<std::pair<std::size_t, std::size_t>> path;  // node, next edge
  for (std::size_t start = 0; start < names_.size(); ++start) {
    if (mark[start] != Mark::unseen) continue;
    path.emplace_back(start, 0);
    mark[start] = Mark::on_path;
    while (!path.empty()) {
      auto& [node, next] = path.back();
      if (next == out_[node].size()) {
        mark[node] = Mark::done;
        path.pop_back();
        continue;
      }
      const auto to = out_[node][next++].to;
      if (mark[to] == Mark::on_path) {
        // A back edge: the cycle is the path from `to` up to here, closed.
        auto from = std::find_if(path.begin(), path.end(), [to](const auto& p) { return p.first == to; });
        std::vector<std::string> cycle;
        for (; from != path.end(); ++from) cycle.push_back(names_[from->first]);
        cycle.push_back(names_[to]);
        return cycle;
      }
      if (mark[to] == Mark::unseen) {
        mark[to] = Mark::on_path;
        path.emplace_back(to, 0);  // invalidates node/next; they are not used again
      }
    }
  }
  return std::nullopt;
}

std::vector<std::string> DependencyGraph::successors(const std::string& name) const {
  std::vector<std::string> result;
  if (const auto it = index_.find(name); it != index_.end())
    for (const auto& edge : out_[it->second]) result.push_back(names_[edge.to]);
  return result;
}

std::vector<std::string> DependencyGraph::predecessors(const std::string& name) const {
  const auto it = index_.find(name);
  return it == index_.end() ? std::vector<std::string>{} : names_of(in_[it->second]);
}

std::vector<std::string> DependencyGraph::downstream(const std::string& name) const {
  const auto it = index_.find(name);
  if (it == index_.end()) return {};
  std::vector<bool> reached(names_.size(), false);
  std::vector<std::size_t> todo{it->second};
  while (!todo.empty()) {
    const auto node = todo.back();
    todo.pop_back();
    for (const auto& edge : out_[node]) {
      if (!reached[edge.to]) {
        reached[edge.to] = true;
        todo.push_back(edge.to);
      }
    }
  }
  std::vector<std::string> result;
  for (std::size_t i = 0; i < names_.size(); ++i)
    if (reached[i] && i != it->second) result.push_back(names_[i]);
  return result;
}

}  // namespace mosaic::host
