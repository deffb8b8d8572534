// Which assets a news item is about: ticker column, <TICKER> tags, aliases.
#include <doctest/doctest.h>

#include "tickers.hpp"

#include <stdexcept>
#include <string>
#include <vector>

using namespace mosaic::sentiment;
using S = std::vector<std::string>;

TEST_CASE("tickers: <TICKER> tags in headlines") {
  CHECK(tagged_tickers("COMPUTER TERMINAL SYSTEMS <CPML> COMPLETES SALE") == S{"CPML"});
  CHECK(tagged_tickers("ROPAK <ROPK> HAS 34 PCT OF BUCKHORN <BKN>") == S{"ROPK", "BKN"});
  CHECK(tagged_tickers("HONG KONG FIRM UPS WRATHER<WCO> STAKE TO 11 PCT") == S{"WCO"});  // glued to a word
  CHECK(tagged_tickers("CORNING <GLW>, HAZLETON <HLC> SET RATIO") == S{"GLW", "HLC"});
  CHECK(tagged_tickers("<COFAB INC> BUYS GULFEX") == S{});          // a company name, not a ticker
  CHECK(tagged_tickers("DIAMOND SHAMROCK (DIA) CUTS PRICES") == S{});  // only angle brackets
  CHECK(tagged_tickers("<BRK.B> and <BRK.B> again, <A&P>") == S{"BRK.B", "A&P"});
  CHECK(tagged_tickers("a <> b <TOOLONGTICKER13> c <X") == S{});
}

TEST_CASE("tickers: aliases parse as NAME:TICKER pairs") {
  const auto a = parse_aliases(" Texaco:TX , Exxon:XON,Royal Dutch:RD,");
  REQUIRE(a.size() == 3);
  CHECK(a[0].name == "texaco");
  CHECK(a[0].ticker == "TX");
  CHECK(a[2].name == "royal dutch");
  CHECK(parse_aliases("").empty());
  CHECK(parse_aliases("  ").empty());
  CHECK(parse_aliases("Exxon:XON,EXXON:XON").size() == 1);  // a repeat is harmless
  CHECK_THROWS_WITH_AS(parse_aliases("Texaco"), "entry 'Texaco' is not NAME:TICKER", std::invalid_argument);
  CHECK_THROWS_WITH_AS(parse_aliases("Texaco:"), "entry 'Texaco:' needs both a name and a ticker (NAME:TICKER)",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(parse_aliases(":TX"), "entry ':TX' needs both a name and a ticker (NAME:TICKER)",
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(parse_aliases("Exxon:XON,exxon:XOM"), "name 'exxon' maps to two tickers, XON and XOM",
                       std::invalid_argument);
  CHECK_THROWS_AS(parse_aliases("Texaco:T X"), std::invalid_argument);
}

TEST_CASE("tickers: whole-word name matching") {
  CHECK(contains_words("texaco canada lowers crude postings", "texaco"));
  CHECK(contains_words("says texaco.", "texaco"));
  CHECK_FALSE(contains_words("texacoil lowers", "texaco"));
  CHECK_FALSE(contains_words("bp", ""));
  CHECK(contains_words("a royal dutch deal", "royal dutch"));
  CHECK_FALSE(contains_words("a royal dutchman", "royal dutch"));
}

TEST_CASE("tickers: the ticker column wins; else tags, then alias names") {
  const TickerResolver r(parse_aliases("Texaco:TX,Exxon:XON,Royal Dutch:RD"));
  CHECK(r.tickers("AAPL", "EXXON <XON> SAYS") == S{"AAPL"});
  CHECK(r.tickers(" AAPL; msft|IBM , AAPL ", "") == S{"AAPL", "msft", "IBM"});
  CHECK(r.tickers("exxon", "") == S{"XON"});              // a name in the ticker column
  CHECK(r.tickers("Royal Dutch", "") == S{"RD"});
  CHECK(r.tickers("", "TEXACO CANADA <TXC> LOWERS CRUDE POSTINGS") == S{"TXC", "TX"});
  CHECK(r.tickers("", "Exxon and texaco talk; EXXON <XON> confirms") == S{"XON", "TX"});  // no repeats
  CHECK(r.tickers("", "NOTHING HERE") == S{});
}

TEST_CASE("tickers: matched to the universe case-insensitively, each asset once") {
  TickerResolver r(parse_aliases("Texaco:TX"));
  r.set_universe({"XON", "tx", "TXC"});
  std::vector<size_t> assets;
  r.assets("", "TEXACO CANADA <TXC> AND TEXACO", assets);
  CHECK(assets == std::vector<size_t>{2, 1});
  assets.clear();
  r.assets("xon, XON, IBM", "", assets);  // IBM is not in the universe
  CHECK(assets == std::vector<size_t>{0});
  assets.clear();
  r.assets("", "<IBM> ONLY", assets);
  CHECK(assets.empty());
}
