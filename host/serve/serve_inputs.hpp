// What a serve front end reads before it starts, with problems as app::Error: the feed.
#pragma once

#include "host/serve/bar_feed.hpp"

#include <memory>
#include <string>

namespace mosaic::host::serve {

// open_feed with its errors typed: Data for the feed's file, Usage for a bad spec.
std::unique_ptr<BarFeed> open_feed_checked(const std::string& spec, const FeedOptions& options);

}  // namespace mosaic::host::serve
