// What a serve front end reads before it starts, with problems as app::Error: the feed
// and the control plane's token file.
#pragma once

#include "host/serve/bar_feed.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace mosaic::host::serve {

// open_feed with its errors typed: Data for the feed's file, Usage for a bad spec.
std::unique_ptr<BarFeed> open_feed_checked(const std::string& spec, const FeedOptions& options);

// The whole file; throws app::Error (Data) naming it when it cannot be read.
std::string read_token_file(const std::filesystem::path& file);

}  // namespace mosaic::host::serve
