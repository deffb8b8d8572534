#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "host/data/csv_tokenizer.hpp"
#include "host/data/price_csv.hpp"
#include "host/data/text_file.hpp"
#include "host/data/timestamp.hpp"

using mosaic::host::CsvRecord;
using mosaic::host::CsvTokenizer;
using mosaic::host::format_timestamp;
using mosaic::host::MarketData;
using mosaic::host::parse_timestamp;
using mosaic::host::read_price_csv;
using mosaic::host::read_text_file;

namespace {

size_t nan_count(const std::vector<double>& values) {
  return static_cast<size_t>(
      std::count_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }));
}

size_t bar_of(const MarketData& md, const char* date) {
  const auto t = parse_timestamp(date);
  REQUIRE(t.has_value());
  const auto it = std::lower_bound(md.ts.begin(), md.ts.end(), *t);
  REQUIRE(it != md.ts.end());
  REQUIRE(*it == *t);
  return static_cast<size_t>(it - md.ts.begin());
}

}  // namespace

TEST_CASE("sample data: spisector.csv, 2216 days x 10 sectors, 17 missing closes") {
  const MarketData md = read_price_csv(MOSAIC_DATA_DIR "/spisector.csv");
  CHECK(md.bars() == 2216);
  CHECK(md.assets() == 10);
  CHECK(md.tickers == std::vector<std::string>{"BASI", "CONG", "CONS", "FINA", "HLTH", "INDU",
                                               "SPI", "TECH", "TELE", "UTIL"});
  CHECK(md.fields.size() == 1);
  REQUIRE(md.has("close"));
  CHECK(md.fields.at("close").size() == 22160);
  CHECK(nan_count(md.fields.at("close")) == 17);
  CHECK(format_timestamp(md.ts.front()) == "1999-12-30");
  CHECK(format_timestamp(md.ts.back()) == "2008-10-17");
  CHECK(std::is_sorted(md.ts.begin(), md.ts.end()));
  CHECK(std::adjacent_find(md.ts.begin(), md.ts.end()) == md.ts.end());

  for (size_t a = 0; a < md.assets(); ++a) CHECK(md.series("close", a)[0] == 1000);
  const auto basi = md.series("close", 0);
  const size_t gap = bar_of(md, "2002-01-29");
  CHECK(gap == 521);
  CHECK(basi[gap - 1] == 867.03);
  CHECK(std::isnan(basi[gap]));
  CHECK(basi[gap + 1] == 847.82);
  CHECK(md.series("close", 3)[bar_of(md, "2004-06-15")] == 777.24);  // FINA
  const auto spi = md.series("close", 6);
  CHECK(nan_count({spi.begin(), spi.end()}) == 16);
  CHECK(spi[md.bars() - 2] == 946.87);                     // 2008-10-16
  CHECK(md.series("close", 9)[md.bars() - 1] == 3691.62);  // UTIL
  CHECK(md.series("close", 7)[md.bars() - 1] == 359.64);   // TECH
}

TEST_CASE("sample data: ttrc.csv, 5550 daily OHLCV bars") {
  const MarketData md = read_price_csv(MOSAIC_DATA_DIR "/ttrc.csv");
  CHECK(md.bars() == 5550);
  CHECK(md.tickers == std::vector<std::string>{"TTRC"});
  CHECK(md.fields.size() == 5);
  for (const char* f : {"open", "high", "low", "close", "volume"}) {
    CAPTURE(f);
    REQUIRE(md.has(f));
    CHECK(nan_count(md.fields.at(f)) == 0);
  }
  CHECK(format_timestamp(md.ts.front()) == "1985-01-02");
  CHECK(format_timestamp(md.ts.back()) == "2006-12-29");
  CHECK(md.series("open", 0)[0] == 3.18);
  CHECK(md.series("close", 0)[0] == 3.08);
  CHECK(md.series("volume", 0)[0] == 1870906);
  CHECK(md.series("high", 0)[5549] == 52.27);
  CHECK(md.series("low", 0)[5549] == 51.78);
  CHECK(md.series("close", 0)[bar_of(md, "1988-12-15")] == 5.46);
}

TEST_CASE("sample data: msft_2000_2001.csv, one year of OHLCV") {
  const MarketData md = read_price_csv(MOSAIC_DATA_DIR "/msft_2000_2001.csv");
  CHECK(md.bars() == 249);
  CHECK(md.tickers == std::vector<std::string>{"MSFT"});
  CHECK(md.fields.size() == 5);
  CHECK(format_timestamp(md.ts.front()) == "2000-09-27");
  CHECK(format_timestamp(md.ts.back()) == "2001-09-27");
  CHECK(md.series("open", 0)[0] == 63.4375);
  CHECK(md.series("close", 0)[248] == 49.96);
  CHECK(md.series("volume", 0)[248] == 40595600);
}

TEST_CASE("sample data: swx.csv, 1917 days x 6 indices") {
  const MarketData md = read_price_csv(MOSAIC_DATA_DIR "/swx.csv");
  CHECK(md.bars() == 1917);
  CHECK(md.tickers == std::vector<std::string>{"LP25", "LP40", "LP60", "SBI", "SII", "SPI"});
  CHECK(nan_count(md.fields.at("close")) == 0);
  CHECK(format_timestamp(md.ts.front()) == "2000-01-03");
  CHECK(format_timestamp(md.ts.back()) == "2007-05-08");
  CHECK(md.series("close", 0)[0] == 99.81);
  CHECK(md.series("close", 5)[1916] == 7587.88);
}

TEST_CASE("sample data: the Reuters news file tokenizes into a header and 70 articles") {
  const std::string text = read_text_file(MOSAIC_DATA_DIR "/reuters_crude_acq_1987.csv");
  CsvTokenizer csv(text, "reuters_crude_acq_1987.csv");
  CsvRecord record;
  REQUIRE(csv.next(record));
  CHECK(record.line == 1);
  CHECK(std::vector<std::string>(record.fields.begin(), record.fields.end()) ==
        std::vector<std::string>{"timestamp", "topic", "headline", "body"});

  size_t articles = 0;
  std::map<std::string, size_t> topics;
  std::vector<size_t> lines;
  std::string first_body, chemlawn_body;
  while (csv.next(record)) {
    ++articles;
    CAPTURE(record.line);
    REQUIRE(record.fields.size() == 4);
    CHECK(parse_timestamp(record.fields[0]).has_value());
    CHECK_FALSE(record.fields[2].empty());
    CHECK_FALSE(record.fields[3].empty());
    ++topics[std::string(record.fields[1])];
    lines.push_back(record.line);
    if (articles == 1) first_body = record.fields[3];
    if (record.fields[2].starts_with("CHEMLAWN <CHEM>")) chemlawn_body = record.fields[3];
  }
  CHECK(articles == 70);
  CHECK(topics == std::map<std::string, size_t>{{"acq", 50}, {"crude", 20}});
  REQUIRE(lines.size() == 70);
  CHECK(lines[0] == 2);
  CHECK(lines[1] == 27);
  CHECK(lines.back() == 1389);
  CHECK(first_body.starts_with("Computer Terminal Systems Inc said\nit has completed the sale"));
  // The file writes """" for the two quote characters its source text carried.
  CHECK(chemlawn_body.find("\n    \"\"This company could go for 10 times cash flow") !=
        std::string::npos);
}
