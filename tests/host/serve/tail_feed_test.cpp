#include "host/serve/tail_feed.hpp"

#include "host/data/data_error.hpp"

#include "support/plugin_fixture.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <thread>

using mosaic::host::serve::TailFeed;
using namespace std::chrono_literals;

namespace {

void append(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::app | std::ios::binary);
  out << text;
}

}  // namespace

TEST_CASE("a long file's last date waits until it is complete") {
  mosaic_test::TempDir dir("tail");
  const auto file = dir.write("live.csv", "date,ticker,close\n2020-01-01,A,1\n2020-01-01,B,2\n2020-01-02,A,3\n");
  TailFeed feed(file, 10'000ms);
  CHECK(feed.history().bars() == 1);  // 2020-01-02 may still be being written

  append(file, "2020-01-02,B,4\n");  // now every known ticker has a close
  CHECK(feed.poll(0ms) == 1);
  auto w = feed.history().window(2, 10);
  CHECK(w.fields.at("close") == std::vector<double>{1, 3, 2, 4});

  append(file, "2020-01-03,A,5\n2020-01-04,A,");  // a half-written line is not read
  CHECK(feed.poll(0ms) == 0);
  append(file, "7\n");  // a later date completes 2020-01-03 (B missing on it)
  CHECK(feed.poll(0ms) == 1);
  CHECK(feed.history().bars() == 3);
  CHECK(feed.skipped_rows() == 0);
}

TEST_CASE("a new ticker does not complete a date that a known ticker still lacks") {
  mosaic_test::TempDir dir("tail");
  const auto file = dir.write("live.csv", "date,ticker,close\n2020-01-01,A,1\n2020-01-01,B,2\n2020-01-02,A,3\n");
  TailFeed feed(file, 10'000ms);
  append(file, "2020-01-02,C,9\n");  // A and C, but B is still missing
  CHECK(feed.poll(0ms) == 0);
  append(file, "2020-01-02,B,4\n");
  CHECK(feed.poll(0ms) == 1);
  auto w = feed.history().window(2, 10);
  REQUIRE(w.tickers == std::vector<std::string>{"A", "B", "C"});
  CHECK(w.fields.at("close")[3] == 4);  // B on 2020-01-02 was kept
  CHECK(feed.skipped_rows() == 0);
}

TEST_CASE("a quiet file flushes a bar that never got every ticker") {
  mosaic_test::TempDir dir("tail");
  const auto file = dir.write("live.csv", "date,ticker,close\n2020-01-01,A,1\n2020-01-01,B,2\n");
  TailFeed feed(file, 30ms);
  CHECK(feed.history().bars() == 0);  // the only date is held back at first
  std::this_thread::sleep_for(40ms);
  CHECK(feed.poll(0ms) == 1);
  append(file, "2020-01-02,A,3\n");
  CHECK(feed.poll(0ms) == 0);
  CHECK(feed.poll(100ms) == 1);  // waits, then flushes after 30 ms of quiet
  CHECK(feed.history().bars() == 2);
}

TEST_CASE("bad and out-of-order rows are skipped and counted, and the feed goes on") {
  mosaic_test::TempDir dir("tail");
  const auto file = dir.write("live.csv", "date,A,B\n2020-01-01,1,2\n");
  TailFeed feed(file);
  CHECK(feed.history().bars() == 1);  // a wide line is a whole bar
  append(file, "2020-01-02,abc,4\n2020-01-01,5,6\n2020-01-03,7,8\n2020-01-03,9,9\n");
  CHECK(feed.poll(0ms) == 1);
  CHECK(feed.skipped_rows() == 3);  // a bad number, an earlier date, a repeated date
  auto w = feed.history().window(2, 10);
  CHECK(w.fields.at("close") == std::vector<double>{1, 7, 2, 8});
}

TEST_CASE("CRLF line ends are read") {
  mosaic_test::TempDir dir("tail");
  const auto file = dir.write("live.csv", "date,A\r\n2020-01-01,1\r\n");
  TailFeed feed(file);
  append(file, "2020-01-02,2\r\n");
  CHECK(feed.poll(0ms) == 1);
  CHECK(feed.skipped_rows() == 0);
}

TEST_CASE("a missing file or one without a header line is refused with its name") {
  mosaic_test::TempDir dir("tail");
  CHECK_THROWS_WITH_AS(TailFeed{dir / "nope.csv"}, doctest::Contains("nope.csv"), mosaic::host::DataError);
  const auto half = dir.write("half.csv", "date,ti");
  CHECK_THROWS_WITH_AS(TailFeed{half}, doctest::Contains("no complete header line"), mosaic::host::DataError);
}
