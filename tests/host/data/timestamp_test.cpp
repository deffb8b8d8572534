#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>

#include "host/data/timestamp.hpp"

using mosaic::host::format_timestamp;
using mosaic::host::parse_timestamp;

namespace {

constexpr int64_t kSec = 1'000'000'000;
constexpr int64_t kDay = 86'400 * kSec;
constexpr int64_t k2020_01_02 = 18'263 * kDay;  // days from 1970-01-01

}  // namespace

TEST_CASE("parse_timestamp: dates are midnight UTC") {
  CHECK(parse_timestamp("1970-01-01") == 0);
  CHECK(parse_timestamp("1970-01-02") == kDay);
  CHECK(parse_timestamp("2000-01-01") == 946'684'800 * kSec);
  CHECK(parse_timestamp("2020-01-02") == k2020_01_02);
  CHECK(parse_timestamp("1969-12-31") == -kDay);
  CHECK(parse_timestamp("2020-02-29") == 18'321 * kDay);
}

TEST_CASE("parse_timestamp: time of day, with T or a space") {
  const int64_t t = k2020_01_02 + (3 * 3600 + 4 * 60) * kSec;
  CHECK(parse_timestamp("2020-01-02T03:04") == t);
  CHECK(parse_timestamp("2020-01-02 03:04") == t);
  CHECK(parse_timestamp("2020-01-02T03:04:05") == t + 5 * kSec);
  CHECK(parse_timestamp("2020-01-02 03:04:05") == t + 5 * kSec);
  CHECK(parse_timestamp("2020-01-02t03:04:05z") == t + 5 * kSec);
  CHECK(parse_timestamp("2020-01-02T23:59:59") == k2020_01_02 + kDay - kSec);
}

TEST_CASE("parse_timestamp: fractional seconds down to nanoseconds") {
  const int64_t t = k2020_01_02 + 5 * kSec;
  CHECK(parse_timestamp("2020-01-02T00:00:05.5") == t + 500'000'000);
  CHECK(parse_timestamp("2020-01-02T00:00:05.250") == t + 250'000'000);
  CHECK(parse_timestamp("2020-01-02T00:00:05.000001") == t + 1'000);
  CHECK(parse_timestamp("2020-01-02T00:00:05.123456789") == t + 123'456'789);
  CHECK(parse_timestamp("2020-01-02T00:00:05.123456789Z") == t + 123'456'789);
}

TEST_CASE("parse_timestamp: Z and numeric offsets give the UTC instant") {
  const int64_t noon = k2020_01_02 + 12 * 3600 * kSec;
  CHECK(parse_timestamp("2020-01-02T12:00:00Z") == noon);
  CHECK(parse_timestamp("2020-01-02T12:00Z") == noon);
  CHECK(parse_timestamp("2020-01-02T14:00:00+02:00") == noon);
  CHECK(parse_timestamp("2020-01-02T07:00:00-05:00") == noon);
  CHECK(parse_timestamp("2020-01-02T17:30+05:30") == noon);
  CHECK(parse_timestamp("2020-01-02T12:00:00+00:00") == noon);
  CHECK(parse_timestamp("2020-01-02 09:30:00.5-02:30") == noon + 500'000'000);
  // An offset can move the instant across midnight, and across a year end.
  CHECK(parse_timestamp("2020-01-01T01:00+02:00") == parse_timestamp("2019-12-31T23:00Z"));
}

TEST_CASE("parse_timestamp: rejects malformed text") {
  for (const char* bad : {"",
                          " 2020-01-02",
                          "2020-01-02 ",
                          "2020/01/02",
                          "2020-1-02",
                          "2020-01-2",
                          "20200102",
                          "02-01-2020",
                          "2020-13-01",
                          "2020-00-10",
                          "2020-01-00",
                          "2021-02-29",
                          "2020-04-31",
                          "2020-01-02T",
                          "2020-01-02T3:04",
                          "2020-01-02T03",
                          "2020-01-02T03:4",
                          "2020-01-02T24:00",
                          "2020-01-02T23:60",
                          "2020-01-02T23:59:60",
                          "2020-01-02T03:04:05.",
                          "2020-01-02T03:04:05.1234567891",
                          "2020-01-02T03:04:05,5",
                          "2020-01-02T03:04Zx",
                          "2020-01-02T03:04+0200",
                          "2020-01-02T03:04+02",
                          "2020-01-02T03:04+24:00",
                          "2020-01-02T03:04+02:60",
                          "2020-01-02Z",
                          "2020-01-02X03:04",
                          "abcd-ef-gh",
                          "2020-01-02T03:04:05 Z"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_timestamp(bad).has_value());
  }
}

TEST_CASE("parse_timestamp: instants outside the int64 nanosecond range are rejected") {
  CHECK(parse_timestamp("1677-09-22").has_value());
  CHECK(parse_timestamp("2262-04-11").has_value());
  CHECK_FALSE(parse_timestamp("1677-09-21").has_value());
  CHECK_FALSE(parse_timestamp("2262-04-12").has_value());
  CHECK_FALSE(parse_timestamp("0000-01-01").has_value());
  CHECK_FALSE(parse_timestamp("9999-12-31").has_value());
}

TEST_CASE("format_timestamp: a date alone at midnight, ISO with Z otherwise") {
  CHECK(format_timestamp(0) == "1970-01-01");
  CHECK(format_timestamp(k2020_01_02) == "2020-01-02");
  CHECK(format_timestamp(-kDay) == "1969-12-31");
  CHECK(format_timestamp(k2020_01_02 + 1 * kSec) == "2020-01-02T00:00:01Z");
  CHECK(format_timestamp(k2020_01_02 + (13 * 3600 + 4 * 60 + 5) * kSec) == "2020-01-02T13:04:05Z");
}

TEST_CASE("format_timestamp: fractions in milli, micro or nano digits") {
  CHECK(format_timestamp(k2020_01_02 + 500'000'000) == "2020-01-02T00:00:00.500Z");
  CHECK(format_timestamp(k2020_01_02 + 1'000) == "2020-01-02T00:00:00.000001Z");
  CHECK(format_timestamp(k2020_01_02 + 1) == "2020-01-02T00:00:00.000000001Z");
  CHECK(format_timestamp(k2020_01_02 + 123'456'789) == "2020-01-02T00:00:00.123456789Z");
  CHECK(format_timestamp(-500'000'000) == "1969-12-31T23:59:59.500Z");
}

TEST_CASE("format_timestamp and parse_timestamp round-trip") {
  for (const char* text : {"1985-01-02", "2008-10-17", "1999-12-31T23:59:59Z",
                           "1969-07-20T20:17:40Z", "2020-02-29T12:00:00.250Z",
                           "2262-04-11T23:47:16.854775807Z", "1677-09-21T00:12:43.145224192Z"}) {
    CAPTURE(text);
    const auto ns = parse_timestamp(text);
    REQUIRE(ns.has_value());
    CHECK(format_timestamp(*ns) == text);
  }
}
