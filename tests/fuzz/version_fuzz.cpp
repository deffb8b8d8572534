// Semver 2.0.0 versions and the dependency ranges of contracts: a version read prints as
// text that reads back equal, a range either reads or throws std::invalid_argument, and
// matching never fails. The input is "VERSION\nRANGE".
#include "host/registry/semver.hpp"
#include "host/registry/version_range.hpp"

#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mosaic::host;
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  const size_t cut = all.find('\n');
  const std::string_view version_text = all.substr(0, cut);
  const std::string_view range_text = cut == std::string_view::npos ? std::string_view() : all.substr(cut + 1);
  std::string why;
  const auto v = Version::parse(version_text, &why);
  if (v) {
    const auto again = Version::parse(v->str());
    if (!again || compare(*again, *v) != 0 || again->build != v->build) std::abort();
  } else if (why.empty()) {
    std::abort();  // a refusal says why
  }
  try {
    const VersionRange r = VersionRange::parse(range_text);
    if (v) (void)r.matches(*v);
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
