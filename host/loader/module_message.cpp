#include "host/loader/module_message.hpp"

#include "host/data/utf8.hpp"

#include <cstring>
#include <string_view>

namespace mosaic::host {

std::string module_message(const mosaic_error& err) {
  return to_valid_utf8(std::string_view(err.message, strnlen(err.message, sizeof err.message)));
}

}  // namespace mosaic::host
