// Reads the pixels of an 8-bit RGB or RGBA PNG (what Chromium's --screenshot writes), so a
// browser test can tell a drawn page from a blank one.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace mosaic_test {

struct Pixels {
  uint32_t width = 0, height = 0;
  std::vector<uint32_t> rgb;  // 0xRRGGBB per pixel, row by row
};

inline Pixels decode_png(const std::string& file) {
  auto be32 = [&](size_t at) {
    return uint32_t(uint8_t(file[at])) << 24 | uint32_t(uint8_t(file[at + 1])) << 16 |
           uint32_t(uint8_t(file[at + 2])) << 8 | uint32_t(uint8_t(file[at + 3]));
  };
  if (file.size() < 8 || file.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) throw std::runtime_error("not a PNG");
  Pixels p;
  int channels = 0;
  std::string idat;
  for (size_t at = 8; at + 8 <= file.size();) {
    const uint32_t length = be32(at);
    const std::string type = file.substr(at + 4, 4);
    if (at + 12 + length > file.size()) throw std::runtime_error("truncated PNG");
    if (type == "IHDR") {
      p.width = be32(at + 8);
      p.height = be32(at + 12);
      const int depth = uint8_t(file[at + 16]), color = uint8_t(file[at + 17]);
      if (depth != 8 || (color != 2 && color != 6) || file[at + 20] != 0)
        throw std::runtime_error("only 8-bit, non-interlaced RGB or RGBA PNGs are read");
      channels = color == 6 ? 4 : 3;
    } else if (type == "IDAT") {
      idat += file.substr(at + 8, length);
    }
    at += 12 + length;
  }
  const size_t stride = size_t(p.width) * channels;
  std::string raw((stride + 1) * p.height, '\0');
  uLongf size = raw.size();
  if (uncompress(reinterpret_cast<Bytef*>(raw.data()), &size, reinterpret_cast<const Bytef*>(idat.data()),
                 idat.size()) != Z_OK || size != raw.size())
    throw std::runtime_error("PNG image data does not inflate to its size");
  std::vector<uint8_t> prev(stride, 0), row(stride);
  p.rgb.reserve(size_t(p.width) * p.height);
  for (uint32_t y = 0; y < p.height; ++y) {
    const uint8_t filter = uint8_t(raw[y * (stride + 1)]);
    for (size_t x = 0; x < stride; ++x) {
      const int a = x >= size_t(channels) ? row[x - channels] : 0, b = prev[x],
                c = x >= size_t(channels) ? prev[x - channels] : 0;
      int predictor = 0;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = a; break;
        case 2: predictor = b; break;
        case 3: predictor = (a + b) / 2; break;
        case 4: {
          const int pa = std::abs(b - c), pb = std::abs(a - c), pc = std::abs(a + b - 2 * c);
          predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c);
          break;
        }
        default: throw std::runtime_error("bad PNG filter");
      }
      row[x] = uint8_t(uint8_t(raw[y * (stride + 1) + 1 + x]) + predictor);
    }
    for (uint32_t x = 0; x < p.width; ++x)
      p.rgb.push_back(uint32_t(row[x * channels]) << 16 | uint32_t(row[x * channels + 1]) << 8 | row[x * channels + 2]);
    prev = row;
  }
  return p;
}

// How many different colours the image holds (a blank page has one or two).
inline size_t distinct_colours(const Pixels& p) { return std::set<uint32_t>(p.rgb.begin(), p.rgb.end()).size(); }

}  // namespace mosaic_test
