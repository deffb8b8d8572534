#include "host/data/text_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "host/data/data_error.hpp"

namespace mosaic::host {

std::string read_text_file(const std::filesystem::path& file) {
  const std::string label = file.string();
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec))
    throw DataError(label, 0, "is a directory, not a file");

  std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(label.c_str(), "rb"), &std::fclose);
  if (!in) throw DataError(label, 0, std::string("cannot open: ") + std::strerror(errno));

  std::string text;
  char buffer[1 << 16];
  size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, in.get())) > 0) text.append(buffer, got);
  if (std::ferror(in.get()))
    throw DataError(label, 0, std::string("cannot read: ") + std::strerror(errno));
  return text;
}

}  // namespace mosaic::host
