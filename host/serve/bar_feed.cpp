#include "host/serve/bar_feed.hpp"

#include "host/serve/replay_feed.hpp"
#include "host/serve/tail_feed.hpp"

#include <stdexcept>

namespace mosaic::host::serve {

std::unique_ptr<BarFeed> open_feed(const std::string& spec, const FeedOptions& options) {
  const auto colon = spec.find(':');
  const std::string kind = spec.substr(0, colon);
  const std::string path = colon == std::string::npos ? "" : spec.substr(colon + 1);
  if (colon == std::string::npos || path.empty() || (kind != "replay" && kind != "tail"))
    throw std::invalid_argument("--feed '" + spec + "': expected replay:PATH or tail:PATH");
  if (kind == "replay") return std::make_unique<ReplayFeed>(path, options);
  return std::make_unique<TailFeed>(path, std::chrono::milliseconds(1000), options.prices);
}

}  // namespace mosaic::host::serve
