// The toy landscape module (tests/fault_modules/toy_landscape.cpp) in a pipeline over two
// steadily rising assets, ready to search: x and y in [0, 100] and [1, 100], with a bump.
#pragma once

#include "support/pipeline_harness.hpp"

#include "host/research/eval_data.hpp"
#include "host/research/search.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <string>

namespace mosaic_test {

// Two assets that rise every bar: the more the toy module holds, the more it makes.
inline std::string rising_prices(size_t bars) {
  std::string text = "date,AAA,BBB\n";
  for (size_t t = 0; t < bars; ++t) {
    const int day = static_cast<int>(t);
    text += fmt::format("2024-{:02d}-{:02d},{},{}\n", 1 + day / 28, 1 + day % 28, 100 * std::pow(1.001, day),
                        50 * std::pow(1.002, day));
  }
  return text;
}

// The toy landscape module in a pipeline, ready to search.
struct Landscape {
  TempDir dir{"search"};
  std::unique_ptr<Harness> h;
  mosaic::host::research::PipelineRecipe recipe;
  mosaic::host::research::EvalData data;

  Landscape() {
    h = std::make_unique<Harness>(HarnessOptions{
        .libraries = {"toy_landscape"}, .prices = dir.write("rising.csv", rising_prices(60))});
    REQUIRE(h->ok());
    recipe.setups = h->assembly().setups;
    recipe.order = h->assembly().resolution.order;
    data = mosaic::host::research::make_eval_data(h->data(), nullptr, mosaic::host::BacktestSettings{}, h->data().bars());
  }

  mosaic::host::research::SearchSpace space(const mosaic::host::SpaceOverrides& o = {}) const {
    using namespace mosaic::host;
    using namespace mosaic::host::research;
    const ContractInfo& c = recipe.setups.front().factory->contract;
    return SearchSpace({SpaceModule{"toy_landscape", c, recipe.setups.front().params}}, {}, o);
  }

  mosaic::host::research::SearchOutcome search(const mosaic::host::research::SearchSpace& space,
                                               mosaic::host::research::SearchSettings s) const {
    using namespace mosaic::host;
    using namespace mosaic::host::research;
    if (s.targets.empty()) s.targets = {metric_target("total_return")};
    QuietLog quiet;
    return run_search(space, recipe, data, s, std::make_shared<OutputCache>(size_t{1} << 26));
  }
};

}  // namespace mosaic_test
