#include "host/serve/metrics_text.hpp"
#include "host/serve/status_documents.hpp"

#include "host/pipeline/module_json.hpp"

#include "support/pipeline_harness.hpp"
#include "support/prometheus_format.hpp"

#include <doctest/doctest.h>

using namespace mosaic::host;
using namespace mosaic::host::serve;

namespace {

mosaic_test::HarnessOptions toy_pipeline() {
  return {.libraries = {"toy_weights", "sleeper"},
          .module_tables = "[modules.sleeper.params]\nsleep_ms = 1\n[modules.sleeper.sla]\nmax_latency_ms = 0.001\n"};
}

}  // namespace

TEST_CASE("the metrics page is valid Prometheus text with a histogram per module") {
  mosaic_test::Harness h(toy_pipeline());
  for (int i = 0; i < 3; ++i) h.run();
  ServeStats stats;
  stats.bars = 3;
  for (double ms : {0.4, 0.6, 25.0}) stats.bar_latency.record(ms);
  ReloadRecord r;
  r.module = "toy_weights";
  r.ok = false;
  r.result = "self-test failed: \"quoted\"";
  stats.last_reload["toy_weights"] = r;
  stats.reloads["toy_weights"].rejected = 1;

  const std::string text = metrics_text(h.pipeline(), stats);
  INFO(text);
  CHECK(mosaic_test::prometheus_problems(text) == "");
  CHECK(text.find("mosaic_module_latency_seconds_count{module=\"toy_weights\"} 3\n") != std::string::npos);
  CHECK(text.find("mosaic_module_calls_total{module=\"sleeper\"} 3\n") != std::string::npos);
  // The first of the three calls is cold, and not judged (tests/host/pipeline/cold_call_test.cpp).
  CHECK(text.find("mosaic_module_sla_violations_total{module=\"sleeper\",kind=\"latency\"} 2\n") != std::string::npos);
  CHECK(text.find("mosaic_module_reloads_total{module=\"toy_weights\",result=\"rejected\"} 1\n") != std::string::npos);
  CHECK(text.find("mosaic_bar_latency_seconds_bucket{le=\"0.001\"} 2\n") != std::string::npos);
  CHECK(text.find("mosaic_bar_latency_seconds_count 3\n") != std::string::npos);
  CHECK(text.find("mosaic_module_state{module=\"sleeper\",state=\"degraded\"} 1\n") != std::string::npos);
}

TEST_CASE("the checker itself refuses what the format forbids") {
  CHECK(mosaic_test::prometheus_problems("x 1\n") != "");  // no TYPE
  CHECK(mosaic_test::prometheus_problems("# TYPE x counter\nx{a=\"b} 1\n") != "");
  CHECK(mosaic_test::prometheus_problems("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\n"
                                         "h_count 1\n") != "");
  CHECK(mosaic_test::prometheus_problems("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\n"
                                         "h_count 3\n") != "");
  CHECK(mosaic_test::prometheus_problems("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\n"
                                         "h_sum 0.5\nh_count 2\n") == "");
}

TEST_CASE("label values are escaped") {
  CHECK(escape_label("a\"b\\c\nd") == "a\\\"b\\\\c\\nd");
}

TEST_CASE("health is the worst enabled module's state and names the last reload") {
  mosaic_test::Harness h(toy_pipeline());
  h.run();  // cold: not judged
  RunResult last = h.run();
  ServeStats stats;
  ReloadRecord r;
  r.module = "toy_weights";
  r.result = "self-test failed (-5): broken";
  stats.last_reload["toy_weights"] = r;
  auto health = health_json(h.pipeline(), stats, &last, {});
  CHECK(health["state"] == "degraded");  // sleeper misses its SLA on every call
  for (const auto& m : health["modules"])
    if (m["name"] == "toy_weights") CHECK(m["last_reload"]["result"] == "self-test failed (-5): broken");
  h.pipeline().set_enabled("sleeper", false);
  CHECK(overall_state(h.pipeline()) == ModuleState::Healthy);

  auto signals = signals_json(&last);
  CHECK(signals["weights"]["port"] == "weights.target");
  CHECK(signals["weights"]["values"].size() == 3);
  CHECK(signals["ts"] == "2024-01-08");
}
