#include "host/cli/server_client.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace mosaic::host::cli {
namespace {

// scheme://host:port of a URL, without a path or trailing slash, which httplib refuses.
std::string server_of(const std::string& url) {
  const auto scheme = url.find("://");
  const auto path = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return path == std::string::npos ? url : url.substr(0, path);
}

}  // namespace

app::Error url_error(const std::string& message) { return app::Error(app::ErrorKind::Usage, message, {.key = "url"}); }

std::unique_ptr<httplib::Client> server_client(const std::string& url) {
  std::unique_ptr<httplib::Client> client;
  try {
    client = std::make_unique<httplib::Client>(server_of(url));
  } catch (const std::invalid_argument& e) {
    throw url_error(fmt::format("--url {}: expected http://HOST:PORT ({})", url, e.what()));
  }
  if (!client->is_valid()) throw url_error(fmt::format("--url {}: expected http://HOST:PORT", url));
  client->set_connection_timeout(std::chrono::seconds(5));
  client->set_read_timeout(std::chrono::seconds(90));
  return client;
}

std::string control_token(const CommonOptions& o) {
  std::string token;
  if (o.token_file) {
    std::ifstream in(*o.token_file, std::ios::binary);
    if (!in)
      throw app::Error(app::ErrorKind::Usage, fmt::format("--token-file: {}: cannot open the file", o.token_file->string()),
                       {.file = o.token_file->string()});
    std::stringstream text;
    text << in.rdbuf();
    token = text.str();
  } else if (const char* env = std::getenv("MOSAIC_SERVE_TOKEN")) {
    token = env;
  }
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) token.pop_back();
  if (o.token_file && token.empty())
    throw app::Error(app::ErrorKind::Usage, fmt::format("{}: the token file is empty", o.token_file->string()),
                     {.file = o.token_file->string()});
  return token;
}

app::Error unreachable(const std::string& url, httplib::Error error) {
  return url_error(fmt::format("--url {}: cannot reach the server ({})", url, httplib::to_string(error)));
}

}  // namespace mosaic::host::cli
