// The command line's side of a running `mosaic serve`: an HTTP client for --url, with the
// URL's problems as usage errors naming --url.
#pragma once

#include "host/app/error.hpp"
#include "host/cli/options.hpp"

#include <httplib.h>

#include <memory>
#include <string>

namespace mosaic::host::cli {

app::Error url_error(const std::string& message);

// A client for `url` (http://HOST:PORT, a path after it is ignored), with timeouts that
// leave room for a deployment's golden run.
std::unique_ptr<httplib::Client> server_client(const std::string& url);

// The control routes' bearer token: --token-file's content, else $MOSAIC_SERVE_TOKEN, else
// "" (none). Throws app::Error (Usage) for a token file that is unreadable or empty.
std::string control_token(const CommonOptions& o);

// Why a request got no answer, naming --url.
app::Error unreachable(const std::string& url, httplib::Error error);

}  // namespace mosaic::host::cli
