// The data source's `news` TABLE port, and the real sentiment module reading it through
// the pipeline.
#include <doctest/doctest.h>

#include "support/library_state.hpp"
#include "support/pipeline_harness.hpp"

#include "host/data/news_csv.hpp"
#include "host/loader/host_services.hpp"
#include "host/pipeline/data_ports.hpp"
#include "host/pipeline/news_port.hpp"
#include "host/pipeline/output_check.hpp"

#include <mosaic/arrow.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using mosaic::host::NewsTable;

TEST_CASE("news port: a TABLE of ts, ticker, headline, body built with the host allocator") {
  NewsTable news;
  news.ts = {1'000, 2'000, 3'000};
  news.ticker = {"AAA", "", "BBB,CCC"};
  news.headline = {"Profit rises", "Quiet day <AAA>", ""};
  news.body = {"Line one.\nLine two.", "", "b"};
  const mosaic::host::PortValue port = mosaic::host::news_port(news);
  CHECK(port.name == "news");
  CHECK(port.producer == "data");
  CHECK(port.confidence == 1.0);
  const ArrowSchema* schema = port.batch->schema();
  const ArrowArray* array = port.batch->array();
  CHECK(mosaic::host::check_host_owned(schema, array, mosaic::host::host_services()).empty());
  CHECK(mosaic::host::check_table(schema, array).empty());

  const mosaic::TableView table(schema, array, "news");
  REQUIRE(table.rows() == 3);
  CHECK(table.column_names() == std::vector<std::string_view>{"ts", "ticker", "headline", "body"});
  CHECK(std::string_view(schema->children[0]->format) == "tsn:UTC");
  for (int i = 1; i < 4; ++i) CHECK(std::string_view(schema->children[i]->format) == "u");
  const auto ts = table.int64s("ts");
  CHECK(std::vector<int64_t>(ts.begin(), ts.end()) == news.ts);
  for (size_t r = 0; r < 3; ++r) {
    CHECK(table.string("ticker", r) == news.ticker[r]);
    CHECK(table.string("headline", r) == news.headline[r]);
    CHECK(table.string("body", r) == news.body[r]);
  }
}

TEST_CASE("news port: an empty table is still a well-formed port") {
  const mosaic::host::PortValue port = mosaic::host::news_port(NewsTable{});
  CHECK(mosaic::host::check_host_owned(port.batch->schema(), port.batch->array(), mosaic::host::host_services()).empty());
  const mosaic::TableView table(port.batch->schema(), port.batch->array(), "news");
  CHECK(table.rows() == 0);
  CHECK(table.has("headline"));
}

namespace {

// Closes on the business days of the Reuters sample's week, 21:00 UTC; the values do not
// matter to the sentiment module, only the calendar and the universe.
constexpr std::string_view kReutersWeek =
    "date,CHEM,UCL,MRO,NOVA,ZZZZ\n"
    "1987-02-26T21:00:00Z,1,1,1,1,1\n"
    "1987-02-27T21:00:00Z,1,1,1,1,1\n"
    "1987-03-02T21:00:00Z,1,1,1,1,1\n"
    "1987-03-03T21:00:00Z,1,1,1,1,1\n";

}  // namespace

TEST_CASE("news port: the sentiment module scores the Reuters sample through the pipeline, then unloads") {
  mosaic_test::TempDir dir("news");
  const fs::path prices = dir.write("prices.csv", kReutersWeek);
  mosaic_test::copy_test_plugins(dir / "plugins", {std::string(MOSAIC_PLUGIN_DIR) + "/sentiment.so"});
  const std::string text = "[data]\nprices = \"" + prices.generic_string() +
                           "\"\n\n[pipeline]\nmodules = [\"sentiment\"]\n\n"
                           "[modules.sentiment.params]\nlexicon_dir = \"" MOSAIC_DATA_DIR "\"\n"
                           "half_life = 1.0\naliases = \"Marathon Petroleum:MRO\"\n";
  const auto config = mosaic::host::parse_config(text, dir / "pipeline.toml");
  const auto data = mosaic::host::read_price_csv(config.prices);
  auto layouts = mosaic::host::market_port_layouts(data);
  layouts[mosaic::host::kNewsPort] = MOSAIC_LAYOUT_TABLE;
  auto ports = mosaic::host::market_ports(data);
  const NewsTable news = mosaic::host::read_news_csv(fs::path(MOSAIC_DATA_DIR) / "reuters_crude_acq_1987.csv");
  ports.emplace(mosaic::host::kNewsPort, mosaic::host::news_port(news));

  mosaic::host::ShadowDir shadow(dir / "shadow");
  std::vector<fs::path> copies;
  {
    auto assembly = mosaic::host::assemble(config, dir / "plugins", shadow, layouts);
    std::string issues;
    for (const auto& i : assembly.issues) issues += i.message + "\n";
    INFO(issues);
    REQUIRE(assembly.ok());
    for (const auto& lib : assembly.scan.libraries) copies.push_back(fs::canonical(lib->shadow_copy()));
    mosaic::host::Pipeline pipeline(std::move(assembly.setups), assembly.resolution.order, 3);
    CHECK(pipeline.self_test("sentiment").empty());

    for (int pass = 0; pass < 2; ++pass) {  // twice: the instance's scratch is reused
      const auto result = pipeline.run(ports, mosaic::host::shape_of(data));
      const auto& run = mosaic_test::module_run(result, "sentiment");
      INFO(run.reason);
      REQUIRE(run.outcome == mosaic::host::CallOutcome::Ok);
      // Four of the five assets have news (ZZZZ has none): confidence is the coverage.
      CHECK(run.confidence == doctest::Approx(0.8));

      const auto& port = result.ports.at("signal.sentiment");
      const mosaic::PanelView signal(port.batch->schema(), port.batch->array(), "signal.sentiment");
      REQUIRE(signal.rows() == 4);
      const auto value = [&](const char* ticker, size_t bar) { return signal.column(signal.find(ticker))[bar]; };
      // CHEMLAWN RISES ON HOPES FOR HIGHER BIDS: hopes 1.8 -> 1.8 / sqrt(1.8^2 + 15) = 0.4215,
      // on Thursday's bar, halving each bar (half-life 1).
      const double hopes = 1.8 / std::sqrt(1.8 * 1.8 + 15);
      CHECK(value("CHEM", 0) == doctest::Approx(hopes));
      CHECK(value("CHEM", 1) == doctest::Approx(hopes / 2));
      CHECK(value("CHEM", 3) == doctest::Approx(hopes / 8));
      // UNOCAL UNIT CUTS CRUDE OIL POSTED PRICES, Monday 12:13 UTC: from Monday's bar on.
      CHECK(value("UCL", 1) == 0.0);
      CHECK(value("UCL", 2) == doctest::Approx(-3.9 / std::sqrt(3.9 * 3.9 + 15)));
      // MARATHON PETROLEUM REDUCES CRUDE POSTINGS, by the alias.
      CHECK(value("MRO", 0) == doctest::Approx(-2.7 / std::sqrt(2.7 * 2.7 + 15)));
      CHECK(value("NOVA", 0) > 0.6);
      for (size_t t = 0; t < 4; ++t) CHECK(value("ZZZZ", t) == 0.0);
    }
    REQUIRE(copies.size() == 1);
    CHECK(mosaic_test::is_loaded(copies[0]));
  }
  // Nothing in the module pins its library: it unloads with its pipeline.
  CHECK_FALSE(mosaic_test::is_loaded(copies[0]));
  CHECK_FALSE(mosaic_test::is_mapped(copies[0]));
}

// Why the sentiment module, configured with `params` (a [modules.sentiment.params] body),
// refuses to be created on the Reuters week; "" when it is created.
static std::string sentiment_create_error(const mosaic_test::TempDir& dir, const std::string& params) {
  const fs::path prices = dir.write("prices.csv", kReutersWeek);
  mosaic_test::copy_test_plugins(dir / "plugins", {std::string(MOSAIC_PLUGIN_DIR) + "/sentiment.so"});
  const auto config = mosaic::host::parse_config("[data]\nprices = \"" + prices.generic_string() +
                                                     "\"\n[pipeline]\nmodules = [\"sentiment\"]\n"
                                                     "[modules.sentiment.params]\n" +
                                                     params,
                                                 dir / "pipeline.toml");
  const auto layouts = mosaic::host::data_port_layouts(mosaic::host::read_price_csv(config.prices), true);
  mosaic::host::ShadowDir shadow(dir / "shadow");
  auto assembly = mosaic::host::assemble(config, dir / "plugins", shadow, layouts);
  REQUIRE(assembly.ok());
  mosaic_test::QuietLog quiet;
  mosaic::host::Pipeline pipeline(std::move(assembly.setups), assembly.resolution.order, 3);
  return pipeline.create_error("sentiment");
}

TEST_CASE("news port: the sentiment module refuses an empty lexicon_dir at create, naming it") {
  mosaic_test::TempDir dir("news");
  const std::string why = sentiment_create_error(dir, "");
  CHECK(why.find("lexicon_dir is empty") != std::string::npos);
}

TEST_CASE("news port: the sentiment module refuses an emoji_file it was given that does not load") {
  mosaic_test::TempDir dir("news");
  const auto create_error = [&](const std::string& emoji_file) {
    return sentiment_create_error(dir, "lexicon_dir = \"" MOSAIC_DATA_DIR "\"\nemoji_file = \"" + emoji_file + "\"\n");
  };
  const std::string missing = (dir / "no-emoji-test.txt").generic_string();
  const std::string why = create_error(missing);
  CHECK(why.find("parameter emoji_file: " + missing + ": cannot open the file") != std::string::npos);
  CHECK(why.find("unicode-data") != std::string::npos);
  CHECK(create_error("").empty());  // translation off
}
