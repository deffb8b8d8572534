// Constraints of an optimization, written in the config as "LEFT OP RIGHT" with OP one of
// <, <=, >, >= and each side a number, a metric ("max_drawdown") or a numeric parameter
// ("technical.fast"):
//   "max_drawdown < 0.25"           checked on each evaluation's metrics: an evaluated
//                                   config that breaks it is infeasible (penalised, reported)
//   "technical.fast < technical.slow"  parameters only: checked before evaluating, so a
//                                   config that breaks it is never run and never counted
#pragma once

#include "host/backtest/metrics.hpp"
#include "host/research/search_space.hpp"

#include <string>

namespace mosaic::host::research {

struct Constraint {
  struct Term {
    enum class Kind { Number, Metric, Param } kind = Kind::Number;
    double number = 0;
    std::string metric;
    std::string module, param;
    std::string text() const;
  };
  enum class Op { Less, LessEqual, Greater, GreaterEqual };

  std::string text;  // as written
  std::string declared_by;  // the module whose contract declares it; "" for the config's own
  Term left, right;
  Op op = Op::Less;

  bool on_metrics() const { return left.kind == Term::Kind::Metric || right.kind == Term::Kind::Metric; }

  // 0 when satisfied; otherwise by how much it is broken (|left - right|, at least 1e-12,
  // so an equality under a strict operator still counts). `metrics` may be null for a
  // parameters-only constraint. A NaN side breaks the constraint by 1.
  double violation(const Candidate& c, const Metrics* metrics) const;
};

// Throws std::invalid_argument saying what was expected, and naming the known metrics or
// the space's numeric parameters when a term is neither.
Constraint parse_constraint(const std::string& text, const SearchSpace& space);

}  // namespace mosaic::host::research
