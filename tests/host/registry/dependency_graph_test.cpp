#include "host/registry/dependency_graph.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

using mosaic::host::CycleError;
using mosaic::host::DependencyGraph;

namespace {

using Names = std::vector<std::string>;

// The CycleError that `f` throws; fails the test if it does not throw.
template <typename F>
CycleError cycle_error(F f) {
  try {
    f();
  } catch (const CycleError& e) {
    return e;
  }
  FAIL("no CycleError thrown");
  return CycleError(std::vector<std::string>{});
}

}  // namespace

TEST_CASE("an empty graph has an empty order and no cycle") {
  const DependencyGraph g;
  CHECK(g.size() == 0);
  CHECK(g.topological_order().empty());
  CHECK(g.levels().empty());
  CHECK_FALSE(g.find_cycle().has_value());
  CHECK(g.successors("x").empty());
  CHECK(g.predecessors("x").empty());
  CHECK(g.downstream("x").empty());
}

TEST_CASE("add_node is idempotent and keeps the first position") {
  DependencyGraph g;
  g.add_node("b");
  g.add_node("a");
  g.add_node("b");
  CHECK(g.size() == 2);
  CHECK(g.nodes() == Names{"b", "a"});
  CHECK(g.contains("a"));
  CHECK_FALSE(g.contains("c"));
}

TEST_CASE("add_edge adds missing nodes, before first") {
  DependencyGraph g;
  g.add_edge("src", "dst");
  g.add_edge("dst", "src2");
  CHECK(g.nodes() == Names{"src", "dst", "src2"});
}

TEST_CASE("topological order puts every node after its predecessors") {
  DependencyGraph g;
  g.add_edge("c", "d");
  g.add_edge("b", "c");
  g.add_edge("a", "b");
  CHECK(g.topological_order() == Names{"a", "b", "c", "d"});
}

TEST_CASE("topological order breaks ties by the order nodes were added") {
  DependencyGraph g;
  g.add_node("a");
  g.add_node("b");
  g.add_node("c");
  g.add_edge("c", "a");
  // b and c are ready first; b was added first. a waits for c.
  CHECK(g.topological_order() == Names{"b", "c", "a"});

  DependencyGraph h;
  for (auto name : {"z", "y", "x", "w"}) h.add_node(name);
  h.add_edge("w", "y");
  // z, x and w are ready at once and go in insertion order; y, although
  // added second, waits for w.
  CHECK(h.topological_order() == Names{"z", "x", "w", "y"});
}

TEST_CASE("a diamond runs its middle in parallel") {
  DependencyGraph g;
  g.add_edge("src", "left");
  g.add_edge("src", "right");
  g.add_edge("left", "sink");
  g.add_edge("right", "sink");
  CHECK(g.topological_order() == Names{"src", "left", "right", "sink"});
  CHECK(g.levels() == std::vector<Names>{{"src"}, {"left", "right"}, {"sink"}});
}

TEST_CASE("levels follow the longest path and list each wave in insertion order") {
  DependencyGraph g;
  g.add_node("solo");
  g.add_edge("a", "b");
  g.add_edge("b", "c");
  g.add_edge("a", "c");  // c is still one level below b, not beside it
  g.add_node("late");
  g.add_edge("late", "b");
  CHECK(g.levels() == std::vector<Names>{{"solo", "a", "late"}, {"b"}, {"c"}});
}

TEST_CASE("orders on a larger DAG respect every edge") {
  // A deterministic pseudo-random DAG: edges only go from lower to higher
  // number, but nodes are added in a scrambled order.
  const int n = 60;
  DependencyGraph g;
  for (int i = 0; i < n; ++i) g.add_node("m" + std::to_string((i * 37) % n));
  std::vector<std::pair<std::string, std::string>> edges;
  std::uint32_t seed = 12345;
  for (int i = 0; i < n; ++i) {
    for (int j = i + 1; j < n; ++j) {
      seed = seed * 1664525u + 1013904223u;
      if (seed % 10 == 0) {
        edges.emplace_back("m" + std::to_string(i), "m" + std::to_string(j));
        g.add_edge(edges.back().first, edges.back().second);
      }
    }
  }
  REQUIRE(edges.size() > 50);

  const auto order = g.topological_order();
  REQUIRE(order.size() == static_cast<std::size_t>(n));
  std::map<std::string, std::size_t> position, level;
  for (std::size_t i = 0; i < order.size(); ++i) position[order[i]] = i;
  for (const auto& [before, after] : edges) CHECK(position[before] < position[after]);

  const auto waves = g.levels();
  std::size_t total = 0;
  for (std::size_t l = 0; l < waves.size(); ++l) {
    total += waves[l].size();
    for (const auto& name : waves[l]) level[name] = l;
  }
  CHECK(total == static_cast<std::size_t>(n));
  for (const auto& [before, after] : edges) CHECK(level[before] < level[after]);
  // Tight: every node past wave 0 has a predecessor exactly one wave up.
  for (const auto& [name, l] : level) {
    if (l == 0) {
      CHECK(g.predecessors(name).empty());
      continue;
    }
    const auto preds = g.predecessors(name);
    CHECK(std::any_of(preds.begin(), preds.end(), [&](const auto& p) { return level[p] == l - 1; }));
  }
  CHECK_FALSE(g.find_cycle().has_value());
}

TEST_CASE("a two-node cycle is found and reported") {
  DependencyGraph g;
  g.add_edge("a", "b", "port close");
  g.add_edge("b", "a", "dependency");
  CHECK(g.find_cycle() == Names{"a", "b", "a"});

  const auto e = cycle_error([&] { (void)g.topological_order(); });
  CHECK(e.cycle == Names{"a", "b", "a"});
  CHECK(std::string(e.what()) == "dependency cycle: a -> b -> a");
  CHECK(cycle_error([&] { (void)g.levels(); }).cycle == Names{"a", "b", "a"});
}

TEST_CASE("a self-loop is a cycle") {
  DependencyGraph g;
  g.add_node("ok");
  g.add_edge("loop", "loop");
  CHECK(g.find_cycle() == Names{"loop", "loop"});
  const auto e = cycle_error([&] { (void)g.topological_order(); });
  CHECK(std::string(e.what()) == "dependency cycle: loop -> loop");
}

TEST_CASE("the reported cycle leaves out the path that leads into it") {
  DependencyGraph g;
  g.add_edge("x", "a");
  g.add_edge("a", "b");
  g.add_edge("b", "c");
  g.add_edge("c", "a");
  g.add_edge("c", "y");
  CHECK(g.find_cycle() == Names{"a", "b", "c", "a"});
  CHECK(std::string(cycle_error([&] { (void)g.topological_order(); }).what()) ==
        "dependency cycle: a -> b -> c -> a");
}

TEST_CASE("reaching a finished node again is not a cycle") {
  DependencyGraph g;
  g.add_edge("a", "b");
  g.add_edge("c", "b");
  g.add_edge("a", "c");
  g.add_edge("b", "d");
  CHECK_FALSE(g.find_cycle().has_value());
  CHECK(g.topological_order() == Names{"a", "c", "b", "d"});
}

TEST_CASE("CycleError is a runtime_error") {
  DependencyGraph g;
  g.add_edge("p", "q");
  g.add_edge("q", "p");
  CHECK_THROWS_AS((void)g.topological_order(), std::runtime_error);
}

TEST_CASE("successors and predecessors in edge order") {
  DependencyGraph g;
  g.add_edge("a", "c");
  g.add_edge("a", "b");
  g.add_edge("d", "b");
  CHECK(g.successors("a") == Names{"c", "b"});
  CHECK(g.predecessors("b") == Names{"a", "d"});
  CHECK(g.successors("b").empty());
  CHECK(g.predecessors("a").empty());
  CHECK(g.successors("missing").empty());
}

TEST_CASE("a repeated edge counts once and keeps its first reason") {
  DependencyGraph g;
  g.add_edge("a", "b");
  g.add_edge("a", "b", "dependency");
  g.add_edge("a", "b", "port close");
  CHECK(g.successors("a") == Names{"b"});
  CHECK(g.predecessors("b") == Names{"a"});
  CHECK(g.edge_reason("a", "b") == "dependency");
  CHECK(g.topological_order() == Names{"a", "b"});
  CHECK(g.levels() == std::vector<Names>{{"a"}, {"b"}});
}

TEST_CASE("edge_reason") {
  DependencyGraph g;
  g.add_edge("a", "b", "port close");
  g.add_edge("b", "c");
  CHECK(g.edge_reason("a", "b") == "port close");
  CHECK(g.edge_reason("b", "c") == "");
  CHECK_FALSE(g.edge_reason("b", "a").has_value());
  CHECK_FALSE(g.edge_reason("a", "c").has_value());
  CHECK_FALSE(g.edge_reason("a", "zzz").has_value());
}

TEST_CASE("downstream lists every transitive successor in insertion order") {
  DependencyGraph g;
  g.add_node("unrelated");
  g.add_edge("src", "sig");
  g.add_edge("sig", "port");
  g.add_edge("src", "regime");
  g.add_edge("regime", "port");
  g.add_edge("port", "risk");
  g.add_edge("other", "risk");
  CHECK(g.downstream("src") == Names{"sig", "port", "regime", "risk"});
  CHECK(g.downstream("regime") == Names{"port", "risk"});
  CHECK(g.downstream("risk").empty());
  CHECK(g.downstream("unrelated").empty());
  CHECK(g.downstream("missing").empty());
}

TEST_CASE("downstream on a cycle leaves out the start node") {
  DependencyGraph g;
  g.add_edge("a", "b");
  g.add_edge("b", "c");
  g.add_edge("c", "a");
  CHECK(g.downstream("b") == Names{"a", "c"});
}

TEST_CASE("long chains do not exhaust the stack") {
  DependencyGraph g;
  const int n = 100000;
  for (int i = 1; i < n; ++i) g.add_edge(std::to_string(i - 1), std::to_string(i));
  CHECK_FALSE(g.find_cycle().has_value());
  CHECK(g.topological_order().back() == std::to_string(n - 1));
  CHECK(g.levels().size() == static_cast<std::size_t>(n));
  CHECK(g.downstream("0").size() == static_cast<std::size_t>(n - 1));

  g.add_edge(std::to_string(n - 1), "0");
  const auto cycle = g.find_cycle();
  REQUIRE(cycle.has_value());
  CHECK(cycle->size() == static_cast<std::size_t>(n + 1));
  CHECK(cycle->front() == "0");
  CHECK(cycle->back() == "0");
}
