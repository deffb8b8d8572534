// The Reuters sample (70 articles, crude oil and acquisitions, Feb-Mar 1987): every article
// scored under both lexicons, and the decayed signal on a daily calendar of that week.
#include <doctest/doctest.h>

#include "reuters_sample.hpp"

#include "item_score.hpp"
#include "lexicon.hpp"
#include "news_signal.hpp"
#include "tickers.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

using namespace mosaic::sentiment;

namespace {

const std::vector<sentiment_test::Article>& articles() {
  static const auto all = sentiment_test::reuters_sample();
  return all;
}

// Seconds since the epoch of a civil date at a UTC hour (Howard Hinnant's days_from_civil).
int64_t utc_ns(int y, int m, int d, int hour = 0, int minute = 0, int second = 0) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const int64_t days = era * 146097 + doe - 719468;
  return ((days * 24 + hour) * 60 + minute + 0) * 60'000'000'000LL + second * 1'000'000'000LL;
}

// "1987-02-26T15:18:06Z" as ns (the sample's only form).
int64_t parse_iso(const std::string& s) {
  return utc_ns(std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)), std::stoi(s.substr(8, 2)),
                std::stoi(s.substr(11, 2)), std::stoi(s.substr(14, 2)), std::stoi(s.substr(17, 2)));
}

struct Scored {
  std::string headline;
  double score;
};

std::vector<Scored> score_headlines(LexiconKind kind) {
  const Lexicon lexicon = Lexicon::load(MOSAIC_DATA_DIR, kind);
  VaderScorer scorer(lexicon);
  std::vector<Scored> out;
  for (const auto& a : articles()) out.push_back({a.headline, scorer.compound(a.headline)});
  return out;
}

double score_of(const std::vector<Scored>& scored, const std::string& headline) {
  for (const auto& s : scored)
    if (s.headline == headline) return s.score;
  FAIL("no headline '" << headline << "'");
  return 0;
}

}  // namespace

TEST_CASE("reuters: the sample reads as 70 articles") {
  REQUIRE(articles().size() == 70);
  CHECK(std::count_if(articles().begin(), articles().end(), [](const auto& a) { return a.topic == "crude"; }) == 20);
  CHECK(articles()[0].headline == "COMPUTER TERMINAL SYSTEMS <CPML> COMPLETES SALE");
}

TEST_CASE("reuters: VADER headline scores are sane") {
  const auto scored = score_headlines(LexiconKind::Vader);
  double sum = 0;
  size_t positive = 0, negative = 0;
  for (const auto& s : scored) {
    REQUIRE(std::isfinite(s.score));
    CHECK(std::fabs(s.score) <= 1.0);
    sum += s.score;
    positive += s.score > 0 ? 1 : 0;
    negative += s.score < 0 ? 1 : 0;
  }
  // Wire headlines are mostly factual: 41 of 70 score exactly 0, 18 positive, 11 negative.
  CHECK(positive == 18);
  CHECK(negative == 11);
  CHECK(std::fabs(sum / 70) < 0.05);  // mean 0.0095

  const auto [lo, hi] = std::minmax_element(scored.begin(), scored.end(),
                                            [](const Scored& a, const Scored& b) { return a.score < b.score; });
  // cuts -1.2, crude -2.7: -3.9 / sqrt(3.9^2 + 15) = -0.7096. VADER reads "crude" as
  // "rude", which oil news does not mean: a limit of a general-purpose lexicon.
  CHECK(lo->headline == "UNOCAL <UCL> UNIT CUTS CRUDE OIL POSTED PRICES");
  CHECK(lo->score == doctest::Approx(-3.9 / std::sqrt(3.9 * 3.9 + 15)));
  // wins 2.7, okay 0.9: 3.6 / sqrt(3.6^2 + 15) = 0.6810.
  CHECK(hi->headline == "<NOVA> WINS GOVERNMENT OKAY FOR HUSKY <HYO> DEAL");
  CHECK(hi->score == doctest::Approx(3.6 / std::sqrt(3.6 * 3.6 + 15)));

  CHECK(score_of(scored, "CHEMLAWN <CHEM> RISES ON HOPES FOR HIGHER BIDS") > 0.3);
  CHECK(score_of(scored, "SUFFIELD FINANCIAL <SSBK> GETS FED APPROVAL") > 0.3);
  CHECK(score_of(scored, "LIEBERT CORP <LIEB> APPROVES MERGER") > 0.3);
  CHECK(score_of(scored, "BANK OF NEW YORK <BK> TO HAVE GAIN ON UNIT SALE") > 0.3);
  CHECK(score_of(scored, "<DALE BURDETT INC> FACES DAMAGE CLAIM") < -0.3);
  CHECK(score_of(scored, "PHILADELPHIA PORT CLOSED BY TANKER CRASH") < -0.3);
  CHECK(score_of(scored, "WALLENBERGS FIGHT BID FOR SWEDISH MATCH STAKE") < 0);
  CHECK(score_of(scored, "COMPUTER TERMINAL SYSTEMS <CPML> COMPLETES SALE") == 0.0);
  // "no emergency": "no" scores 0 before a lexicon word and negates it: -1.6 * -0.74 = 1.184.
  CHECK(score_of(scored, "KUWAIT MINISTER SAYS NO EMERGENCY OPEC TALKS SET") ==
        doctest::Approx(1.184 / std::sqrt(1.184 * 1.184 + 15)));
  // "no plans for emergency": "plans" is not in the lexicon, so "no" keeps -1.2 and
  // "emergency" is three tokens on without "or"/"nor": -1.2 - 1.6 = -2.8.
  CHECK(score_of(scored, "KUWAIT SAYS NO PLANS FOR EMERGENCY OPEC TALKS") ==
        doctest::Approx(-2.8 / std::sqrt(2.8 * 2.8 + 15)));
}

TEST_CASE("reuters: the AFINN financial lexicon agrees with VADER on the clear headlines") {
  const auto vader = score_headlines(LexiconKind::Vader);
  const auto afinn = score_headlines(LexiconKind::AfinnFinancial);
  size_t both = 0, agree = 0;
  double sum = 0;
  for (size_t i = 0; i < vader.size(); ++i) {
    CHECK(std::fabs(afinn[i].score) <= 1.0);
    sum += afinn[i].score;
    if (vader[i].score != 0 && afinn[i].score != 0) {
      ++both;
      agree += (vader[i].score > 0) == (afinn[i].score > 0) ? 1 : 0;
    }
  }
  CHECK(both == 27);
  CHECK(agree == 26);
  CHECK(std::fabs(sum / 70) < 0.1);  // mean 0.047
  // wins 4 -> 3.2: 3.2 / sqrt(3.2^2 + 15) = 0.6370.
  CHECK(score_of(afinn, "<NOVA> WINS GOVERNMENT OKAY FOR HUSKY <HYO> DEAL") ==
        doctest::Approx(3.2 / std::sqrt(3.2 * 3.2 + 15)));
  CHECK(score_of(afinn, "CHEMLAWN <CHEM> RISES ON HOPES FOR HIGHER BIDS") > 0.3);
  CHECK(score_of(afinn, "<DALE BURDETT INC> FACES DAMAGE CLAIM") < -0.3);
  CHECK(score_of(afinn, "PHILADELPHIA PORT CLOSED BY TANKER CRASH") < -0.3);
}

TEST_CASE("reuters: bodies scored sentence by sentence stay within [-1, 1]") {
  const Lexicon lexicon = Lexicon::load(MOSAIC_DATA_DIR, LexiconKind::Vader);
  VaderScorer scorer(lexicon);
  double sum = 0;
  for (const auto& a : articles()) {
    const double body = text_score(scorer, a.body);
    CHECK(std::fabs(body) <= 1.0);
    CHECK(split_sentences(a.body).size() >= 2);
    const double item = item_score(scorer, a.headline, a.body, 0.5);
    CHECK(item == doctest::Approx(0.5 * scorer.compound(a.headline) + 0.5 * body));
    sum += body;
  }
  // Newswire prose leans mildly positive under VADER (agreements, offers): mean 0.16.
  CHECK(sum / 70 > 0.0);
  CHECK(sum / 70 < 0.3);
}

TEST_CASE("reuters: the decayed signal on a daily calendar, items at or after their time") {
  // Bars at 21:00 UTC (after the New York close) on the business days from Thu 26 Feb to
  // Fri 6 Mar 1987; the universe is every tagged ticker in the headlines, plus MRO by an
  // alias, plus ZZZZ that no article mentions.
  std::vector<int64_t> calendar;
  for (auto [m, d] : std::vector<std::pair<int, int>>{{2, 26}, {2, 27}, {3, 2}, {3, 3}, {3, 4}, {3, 5}, {3, 6}})
    calendar.push_back(utc_ns(1987, m, d, 21));
  std::vector<std::string> universe;
  for (const auto& a : articles())
    for (const auto& t : tagged_tickers(a.headline))
      if (std::find(universe.begin(), universe.end(), t) == universe.end()) universe.push_back(t);
  CHECK(universe.size() == 42);
  universe.push_back("MRO");
  universe.push_back("ZZZZ");
  const auto index = [&](const std::string& t) {
    return static_cast<size_t>(std::find(universe.begin(), universe.end(), t) - universe.begin());
  };

  const Lexicon lexicon = Lexicon::load(MOSAIC_DATA_DIR, LexiconKind::Vader);
  SignalOptions options;
  options.decay = {1.0, true};  // half-life one bar: each bar halves a lone item
  NewsSignal signal(lexicon, parse_aliases("Marathon Petroleum:MRO"), options);
  signal.begin(calendar, universe);
  for (const auto& a : articles()) signal.add(parse_iso(a.timestamp), "", a.headline, a.body);
  std::vector<std::vector<double>> values(universe.size(), std::vector<double>(calendar.size(), -9));
  std::vector<std::span<double>> columns(values.begin(), values.end());
  std::vector<double> market(calendar.size(), -9);
  const double coverage = signal.finish(columns, market);

  const SignalCounts& c = signal.counts();
  CHECK(c.items == 70);
  CHECK(c.late == 0);
  CHECK(c.placed == 40);     // 39 headlines with tags, and Marathon's
  CHECK(c.unmatched == 30);  // no tag, no alias
  CHECK(coverage == doctest::Approx(43.0 / 44.0));  // all but ZZZZ
  for (const auto& column : values)
    for (double v : column) {
      CHECK(v >= -1.0);
      CHECK(v <= 1.0);
    }
  CHECK(values[index("ZZZZ")] == std::vector<double>(7, 0.0));

  // CHEMLAWN, 15:51 UTC on Thu 26 Feb: counts on that day's 21:00 bar, then halves daily.
  const double chem = score_of(score_headlines(LexiconKind::Vader), "CHEMLAWN <CHEM> RISES ON HOPES FOR HIGHER BIDS");
  CHECK(values[index("CHEM")][0] == doctest::Approx(chem));
  CHECK(values[index("CHEM")][1] == doctest::Approx(chem / 2));
  CHECK(values[index("CHEM")][6] == doctest::Approx(chem / 64));
  // Marathon (18:21 UTC, 26 Feb) via the alias: "crude" -2.7 -> -0.5716.
  CHECK(values[index("MRO")][0] == doctest::Approx(-2.7 / std::sqrt(2.7 * 2.7 + 15)));
  // UNOCAL, 12:13 UTC on Mon 2 Mar: nothing before Monday's bar.
  CHECK(values[index("UCL")][1] == 0.0);
  CHECK(values[index("UCL")][2] == doctest::Approx(-3.9 / std::sqrt(3.9 * 3.9 + 15)));
  // NOVA and HUSKY share one headline.
  CHECK(values[index("NOVA")][0] == values[index("HYO")][0]);
  CHECK(values[index("NOVA")][0] > 0.6);

  // The market column averages every item on a bar, the 30 unmatched ones included: recompute
  // it from the item scores with the same decay, independently of the asset columns.
  std::vector<double> s(calendar.size(), 0.0), w(calendar.size(), 0.0);
  for (const auto& a : articles()) {
    const int64_t ts = parse_iso(a.timestamp);
    size_t bar = 0;
    while (bar < calendar.size() && calendar[bar] < ts) ++bar;
    REQUIRE(bar < calendar.size());
    const double score = item_score(signal.scorer(), a.headline, a.body, 0.0);
    for (size_t t = bar; t < calendar.size(); ++t) {
      const double decay = std::pow(0.5, double(t - bar));
      s[t] += decay * score;
      w[t] += decay;
    }
  }
  for (size_t t = 0; t < calendar.size(); ++t) {
    CAPTURE(t);
    CHECK(market[t] == doctest::Approx(s[t] / std::max(w[t], 1.0)));
  }
}
