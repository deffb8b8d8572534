#include "host/research/constraint.hpp"
#include "host/research/overfitting.hpp"

#include "fast_slow_space.hpp"

#include <doctest/doctest.h>

using namespace mosaic::host;
using namespace mosaic::host::research;

namespace {

SearchSpace toy_space() { return mosaic_test::fast_slow_space(10, 8); }

}  // namespace

TEST_CASE("constraints compare parameters, metrics and numbers") {
  const SearchSpace space = toy_space();
  const Constraint p = parse_constraint("m.fast < m.slow", space);
  CHECK_FALSE(p.on_metrics());
  Candidate c = space.base();
  CHECK(p.violation(c, nullptr) == 0.0);
  c.params["m"][0].value = ParamValue::of_int(9);
  CHECK(p.violation(c, nullptr) == 1.0);
  c.params["m"][0].value = ParamValue::of_int(8);
  CHECK(p.violation(c, nullptr) > 0.0);  // equal breaks a strict inequality
  CHECK(parse_constraint("m.fast <= m.slow", space).violation(c, nullptr) == 0.0);

  const Constraint m = parse_constraint("max_drawdown < 0.25", space);
  CHECK(m.on_metrics());
  Metrics metrics;
  metrics.max_drawdown = 0.30;
  CHECK(m.violation(c, &metrics) == doctest::Approx(0.05));
  metrics.max_drawdown = 0.20;
  CHECK(m.violation(c, &metrics) == 0.0);
  CHECK(parse_constraint("sharpe >= 1", space).violation(c, &metrics) > 0.0);
}

TEST_CASE("bad constraints say what was expected") {
  const SearchSpace space = toy_space();
  auto error = [&](const char* text) {
    try {
      parse_constraint(text, space);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(error("max_drawdown = 0.2").find("expected LEFT OP RIGHT") != std::string::npos);
  CHECK(error("sharp < 1").find("'sharp' is not a number, a metric") != std::string::npos);
  CHECK(error("sharp < 1").find("m.fast, m.slow") != std::string::npos);
  CHECK(error("m.kind < 1").find("not a numeric parameter") != std::string::npos);
  CHECK(error("1 < 2").find("two numbers") != std::string::npos);
  CHECK(error("a < b < c").find("one comparison") != std::string::npos);
}

TEST_CASE("the Pareto front keeps exactly the non-dominated points") {
  // minimise both: (1,5) (2,3) (3,4) (4,1) (2,3) (5,5)
  const std::vector<double> f1 = {1, 2, 3, 4, 2, 5}, f2 = {5, 3, 4, 1, 3, 5};
  CHECK(pareto_front(f1, f2) == std::vector<size_t>{0, 1, 4, 3});
}
