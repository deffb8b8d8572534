// The bars each fold of an optimization trains and tests on.
#include "host/research/fold_plan.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

using mosaic::host::research::Fold;
using mosaic::host::research::plan_folds;

TEST_CASE("fold plan: one split trains on the first share of the bars and tests on the rest") {
  const auto folds = plan_folds(0, 0.7, 1000);
  REQUIRE(folds.size() == 1);
  CHECK(folds[0].train_end == 700);
  CHECK(folds[0].test_end == 1000);
}

TEST_CASE("fold plan: train_fraction 1 leaves no test") {
  const auto folds = plan_folds(0, 1.0, 1000);
  REQUIRE(folds.size() == 1);
  CHECK(folds[0].train_end == 1000);
  CHECK(folds[0].test_end == 1000);
}

TEST_CASE("fold plan: K anchored walk-forward folds over K + 1 blocks") {
  const auto folds = plan_folds(3, 0.7, 1000);
  REQUIRE(folds.size() == 3);
  CHECK(folds[0].train_end == 250);
  CHECK(folds[0].test_end == 500);
  CHECK(folds[1].train_end == 500);
  CHECK(folds[2].train_end == 750);
  CHECK(folds[2].test_end == 1000);
}

TEST_CASE("fold plan: too few bars to train or to test is refused, saying how many") {
  CHECK_THROWS_WITH_AS(plan_folds(0, 0.5, 4), doctest::Contains("leave 2 for training"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(plan_folds(0, 0.9, 10), doctest::Contains("leave 1 for the test"), std::invalid_argument);
}
