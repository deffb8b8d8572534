#include "host/app/compare.hpp"

#include "host/app/error.hpp"
#include "host/app/run.hpp"
#include "host/data/timestamp.hpp"

#include <fmt/format.h>

namespace mosaic::host::app {
namespace {

ComparedSide open_side(const SessionSpec& spec) {
  ComparedSide side;
  side.path = spec.config ? spec.config->string() : std::string();
  side.session = open_session(spec);
  return side;
}

std::string describe(const ComparedSide& side) {
  const Session& s = *side.session;
  return fmt::format("{}  ({}: {} bars, {} to {})", side.path, s.config.prices.string(), s.data.bars(),
                     format_timestamp(s.data.ts.front()), format_timestamp(s.data.ts.back()));
}

void run_side(ComparedSide& side) {
  RunOutcome run;
  try {
    run = run_backtest(*side.session);
  } catch (Error& e) {
    e.file = side.path;  // which of the two configs
    throw;
  }
  side.degraded_reasons = run.result.degraded_reasons;
  if (!run.backtest)
    throw Error(ErrorKind::Module,
                fmt::format("{}: the pipeline produced no weights.final or weights.target to compare{}", side.path,
                            run.result.degraded() ? " (" + run.result.degraded_reasons.front() + ")" : ""),
                {.file = side.path, .port = "weights.target"});
  side.backtest = std::move(*run.backtest);
}

}  // namespace

ComparisonResult compare(const CompareSpec& spec) {
  ComparisonResult c{open_side(spec.a), open_side(spec.b), {}};
  research::CommonBars common = research::common_bars(c.a.session->data.ts, c.b.session->data.ts);
  if (common.a.empty())
    throw Error(ErrorKind::Data, fmt::format("{} and {} have no bars in common", describe(c.a), describe(c.b)));
  run_side(c.a);
  run_side(c.b);
  const Session &sa = *c.a.session, &sb = *c.b.session;
  c.test = research::ab_test({sa.data, sa.config.backtest, c.a.backtest, c.a.degraded_reasons},
                             {sb.data, sb.config.backtest, c.b.backtest, c.b.degraded_reasons}, std::move(common),
                             spec.seed);
  return c;
}

}  // namespace mosaic::host::app
