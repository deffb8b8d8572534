// The run-order graph between modules: an edge a -> b means a must run
// before b (b reads a port a writes, or b declares a dependency on a).
//
// Every query is deterministic, ordered by when nodes and edges were first
// added, so the run order and the reported cycle do not change from run to
// run for the same config.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace mosaic::host {

// what() is "dependency cycle: a -> b -> a".
struct CycleError : std::runtime_error {
  explicit CycleError(std::vector<std::string> cycle);
  std::vector<std::string> cycle;  // starts and ends at the same node
};

class DependencyGraph {
 public:
  // Idempotent: adding a known node keeps its original position.
  void add_node(const std::string& name);

  // `before` must run before `after`; adds either node if missing. `why`
  // says where the edge came from, e.g. "port close" or "dependency".
  // Adding an existing edge again keeps one edge and its first non-empty why.
  void add_edge(const std::string& before, const std::string& after, std::string why = {});

  bool contains(const std::string& name) const { return index_.count(name) != 0; }
  std::size_t size() const { return names_.size(); }
  const std::vector<std::string>& nodes() const { return names_; }  // in order added

  // The why of the edge before -> after, or nullopt when there is no edge.
  std::optional<std::string> edge_reason(const std::string& before, const std::string& after) const;

  // Every node once, each after all its predecessors. Among nodes that are
  // ready at the same time, the one added first goes first.
  // Throws CycleError if there is a cycle.
  std::vector<std::string> topological_order() const;

  // Waves of nodes that may run concurrently: a node's level is 1 + the
  // highest level of its predecessors (0 without any). Each wave lists its
  // nodes in the order they were added. Throws CycleError.
  std::vector<std::vector<std::string>> levels() const;

  // One cycle as a closed path, e.g. {"a", "b", "a"}; a self-loop is
  // {"a", "a"}. nullopt when the graph is acyclic.
  std::optional<std::vector<std::string>> find_cycle() const;

  // Direct neighbours in the order the edges were added; empty for an
  // unknown node.
  std::vector<std::string> successors(const std::string& name) const;
  std::vector<std::string> predecessors(const std::string& name) const;

  // Every node reachable from `name` (its transitive successors), in the
  // order the nodes were added. Never includes `name` itself, even on a
  // cycle. Empty for an unknown node.
  std::vector<std::string> downstream(const std::string& name) const;

 private:
  struct Edge {
    std::size_t to;
    std::string why;
  };

  std::size_t intern(const std::string& name);
  std::vector<std::size_t> kahn_order() const;  // shorter than size() on a cycle
  std::vector<std::string> names_of(const std::vector<std::size_t>& ids) const;

  std::vector<std::string> names_;
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<std::vector<Edge>> out_;
  std::vector<std::vector<std::size_t>> in_;
};

}  // namespace mosaic::host
