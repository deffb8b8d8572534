#include "host/serve/serve_inputs.hpp"

#include "host/app/error.hpp"
#include "host/data/data_error.hpp"

namespace mosaic::host::serve {

std::unique_ptr<BarFeed> open_feed_checked(const std::string& spec, const FeedOptions& options) {
  try {
    return open_feed(spec, options);
  } catch (const DataError& e) {
    throw app::Error(app::ErrorKind::Data, e.what(), {.file = e.file, .line = e.line});
  } catch (const std::invalid_argument& e) {
    throw app::Error(app::ErrorKind::Usage, e.what(), {.key = "feed"});
  }
}

}  // namespace mosaic::host::serve
