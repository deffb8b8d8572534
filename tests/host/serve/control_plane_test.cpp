#include "host/serve/control_plane.hpp"

#include <doctest/doctest.h>

#include <thread>

using namespace mosaic::host::serve;
using namespace std::chrono_literals;

TEST_CASE("a command is answered by the loop") {
  ControlPlane control;
  std::thread loop([&] {
    for (;;) {
      auto commands = control.take_commands();
      if (commands.empty()) {
        std::this_thread::sleep_for(1ms);
        continue;
      }
      commands.front().reply.set_value({200, commands.front().module + ":" + commands.front().action});
      return;
    }
  });
  Reply r = control.command("risk", "disable", 5s);
  loop.join();
  CHECK(r.status == 200);
  CHECK(r.body == "risk:disable");
}

TEST_CASE("a loop that does not answer in time gives 503, and a closed plane answers 503 at once") {
  ControlPlane control;
  CHECK(control.command("risk", "enable", 20ms).status == 503);
  std::thread closer([&] {
    std::this_thread::sleep_for(50ms);
    control.close();  // the queued command is answered, not left to its timeout
  });
  const auto start = std::chrono::steady_clock::now();
  CHECK(control.command("risk", "enable", 30s).status == 503);
  closer.join();
  CHECK(std::chrono::steady_clock::now() - start < 10s);
  CHECK(control.command("risk", "enable", 30s).status == 503);
}

TEST_CASE("published documents are read back whole") {
  ControlPlane control;
  control.publish({"{\"state\":\"healthy\"}", "[]", "{}", "# TYPE x counter\nx 1\n", "{}"});
  CHECK(control.documents().health == "{\"state\":\"healthy\"}");
  CHECK(control.documents().metrics == "# TYPE x counter\nx 1\n");
}
