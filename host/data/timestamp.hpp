#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mosaic::host {

// Timestamps are int64 nanoseconds since the epoch, UTC (Arrow `tsn:UTC`).
//
// Accepted forms (surrounding whitespace is the caller's business):
//   YYYY-MM-DD
//   YYYY-MM-DDTHH:MM[:SS[.f...]]   1 to 9 fractional digits; a space may replace the T
//   ... followed optionally by Z or an offset +HH:MM / -HH:MM (local time = UTC + offset)
// A time without a zone is taken as UTC. Returns nullopt for anything else, for impossible
// dates (2021-02-29), and for instants outside the int64 nanosecond range (1677..2262), so a
// reader can attach its own line and column to the failure.
std::optional<int64_t> parse_timestamp(std::string_view text);

// "YYYY-MM-DD" at midnight UTC, else "YYYY-MM-DDTHH:MM:SSZ" with .fff, .ffffff or
// .fffffffff when the instant has a fractional second.
std::string format_timestamp(int64_t ns);

}  // namespace mosaic::host
