// open_session and its typed errors: each names its kind and where the problem lies, as
// fields, not only in the message.
#include "app_fixture.hpp"

#include "host/app/error.hpp"
#include "host/app/session.hpp"

#include <doctest/doctest.h>

using namespace mosaic::host;
using mosaic_test::AppFixture;
using mosaic_test::TempDir;

namespace {

app::Error error_of(const app::SessionSpec& spec) {
  try {
    app::open_session(spec);
  } catch (const app::Error& e) {
    return e;
  }
  FAIL("open_session did not throw");
  return app::Error(app::ErrorKind::Usage, "");
}

}  // namespace

TEST_CASE("open_session: config, data and plugins in, a ready pipeline out") {
  AppFixture f;
  auto s = app::open_session(f.spec());
  REQUIRE(s->pipeline);
  CHECK(s->pipeline->order() == std::vector<std::string>{"technical", "toy_weights"});
  CHECK(s->data.assets() == 1);
  CHECK(s->data.bars() == 249);
  CHECK(app::data_port_names(*s) == std::vector<std::string>{"close", "high", "low", "open", "volume"});
}

TEST_CASE("open_session: a config error carries the file, the line and the key") {
  AppFixture f("[modules.toy_weights.params]\nlookback = \"ten\"\n");
  const app::Error e = error_of(f.spec());
  CHECK(e.kind == app::ErrorKind::Config);
  CHECK(e.file == f.config.string());
  CHECK(e.line == 7);
  CHECK(e.key.find("lookback") != std::string::npos);
}

TEST_CASE("open_session: a data error carries the file and the line") {
  AppFixture f;
  TempDir d("data");
  const auto prices = d.write("p.csv", "date,ticker,close\n2020-01-02,A,10\n2020-01-03,A,abc\n");
  app::SessionSpec spec = f.spec();
  spec.data = prices;
  const app::Error e = error_of(spec);
  CHECK(e.kind == app::ErrorKind::Data);
  CHECK(e.file == prices.string());
  CHECK(e.line == 3);
}

TEST_CASE("open_session: prices given as text stand in for the file, named by their label in errors") {
  AppFixture f;
  app::SessionSpec spec = f.spec();
  std::string text = "date,ticker,close\n";
  for (int day = 1; day <= 28; ++day) text += "2020-02-" + std::string(day < 10 ? "0" : "") + std::to_string(day) + ",A,10\n";
  spec.prices_text = text;
  spec.prices_label = "DataFrame";
  auto s = app::open_session(spec);
  CHECK(s->data.bars() == 28);
  CHECK(s->data.tickers == std::vector<std::string>{"A"});
  CHECK(s->config.prices == "DataFrame");

  spec.prices_text = "date,ticker,close\n2020-01-02,A,10\n2020-01-03,A,-1\n";
  const app::Error e = error_of(spec);
  CHECK(e.kind == app::ErrorKind::Data);
  CHECK(e.file == "DataFrame");
  CHECK(e.line == 3);
}

TEST_CASE("open_session: a bundled plugin folder is used only when neither the spec nor the config names one") {
  AppFixture f;
  app::SessionSpec spec = f.spec();
  spec.bundled_plugins = "/nonexistent/bundle";
  auto s = app::open_session(spec);  // the config's plugins = "plugins" wins
  CHECK(s->plugin_dir.filename() == "plugins");
}

TEST_CASE("open_session: a module the folder lacks is a module error naming it") {
  AppFixture f;
  std::filesystem::remove(f.dir / "plugins" / "toy_weights.so");
  const app::Error e = error_of(f.spec());
  CHECK(e.kind == app::ErrorKind::Module);
  CHECK(e.module == "toy_weights");
  CHECK(std::string(e.what()).find("toy_weights") != std::string::npos);
}

TEST_CASE("open_session: tolerating module issues keeps them and builds no pipeline") {
  AppFixture f;
  std::filesystem::remove(f.dir / "plugins" / "toy_weights.so");
  app::SessionSpec spec = f.spec();
  spec.tolerate_module_issues = true;
  auto s = app::open_session(spec);
  CHECK_FALSE(s->pipeline);
  REQUIRE(s->assembly.issues.size() >= 1);
  CHECK(s->assembly.lookup_issues.front().module == "toy_weights");
}

TEST_CASE("open_session: a config without prices names the key to add") {
  TempDir d("noprices");
  const auto config = d.write("c.toml", "[pipeline]\nmodules = []\n");
  const app::Error e = error_of({config, std::nullopt, std::nullopt, false});
  CHECK(e.kind == app::ErrorKind::Config);
  CHECK(e.key == "data.prices");
  CHECK(e.file == config.string());
}

TEST_CASE("open_session: a fill at the next open on prices without opens is a config error on backtest.fill") {
  AppFixture f("[backtest]\ndelay = 1\nfill = \"next_open\"\n");
  TempDir d("closes");
  const auto prices = d.write("p.csv", "date,ticker,close\n2020-01-02,A,10\n2020-01-03,A,11\n");
  app::SessionSpec spec = f.spec();
  spec.data = prices;
  const app::Error e = error_of(spec);
  CHECK(e.kind == app::ErrorKind::Config);
  CHECK(e.file == f.config.string());
  CHECK(e.line == 8);
  CHECK(e.key == "backtest.fill");
  CHECK(std::string(e.what()) == f.config.string() + ":8: backtest.fill: \"next_open\" trades at the open, but " +
                                     prices.string() +
                                     " has no open prices; expected price data with an open column, or fill = "
                                     "\"close\"");
  // The same config on prices with opens opens.
  auto s = app::open_session(f.spec());
  CHECK(s->config.backtest.fill == Fill::NextOpen);
}
