#include "host/cli/interrupt_scope.hpp"

#include <csignal>

namespace mosaic::host::cli {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void on_stop_signal(int signal) {
  g_interrupted.store(true);
  std::signal(signal, SIG_DFL);
}

}  // namespace

InterruptScope::InterruptScope()
    : previous_int_(std::signal(SIGINT, on_stop_signal)), previous_term_(std::signal(SIGTERM, on_stop_signal)) {
  g_interrupted.store(false);
}

InterruptScope::~InterruptScope() {
  std::signal(SIGINT, previous_int_);
  std::signal(SIGTERM, previous_term_);
}

const std::atomic<bool>& InterruptScope::flag() { return g_interrupted; }

}  // namespace mosaic::host::cli
