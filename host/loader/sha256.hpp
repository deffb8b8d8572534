// SHA-256 digests (OpenSSL's EVP API), as lowercase hex like sha256sum prints them.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace mosaic::host {

std::string sha256_hex(std::string_view bytes);
// The digest of the file's bytes. Throws std::runtime_error naming the file when it
// cannot be read.
std::string sha256_file(const std::filesystem::path& file);

}  // namespace mosaic::host
