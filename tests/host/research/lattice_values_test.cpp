// Lattice values are written as declared: no step noise in any output.
#include "host/research/search_space.hpp"

#include <doctest/doctest.h>

using mosaic::host::research::Dimension;

namespace {

Dimension floats(double min, double max, double step) {
  Dimension d;
  d.kind = Dimension::Kind::Float;
  d.module = "m";
  d.param = "w";
  d.min = min;
  d.max = max;
  d.step = step;
  return d;
}

}  // namespace

TEST_CASE("lattice values: k steps of 0.1 are k tenths, exactly as written") {
  const Dimension d = floats(0.0, 1.0, 0.1);
  REQUIRE(d.count() == 11);
  for (uint64_t k = 0; k < d.count(); ++k) {
    const double v = d.value_at(k).f;
    CHECK(v == static_cast<double>(k) / 10.0);
    CHECK(d.contains(d.value_at(k)));
  }
  CHECK(d.value_at(6).to_string() == "0.6");
  CHECK(d.value_at(3).to_string() == "0.3");
}

TEST_CASE("lattice values: the start's decimals count too, and continuous values are left alone") {
  const Dimension d = floats(0.05, 0.5, 0.05);
  CHECK(d.value_at(2).to_string() == "0.15");
  CHECK(d.value_at(5).to_string() == "0.3");
  const Dimension q = floats(0.5, 4.0, 0.25);
  CHECK(q.value_at(3).f == 1.25);
}
