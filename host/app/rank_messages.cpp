#include "host/app/rank_messages.hpp"

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <type_traits>

namespace mosaic::host::app {
namespace {

template <class T>
void put(std::string& out, const T& v) {
  static_assert(std::is_trivially_copyable_v<T>);
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

void put_doubles(std::string& out, const std::vector<double>& v) {
  put(out, static_cast<uint64_t>(v.size()));
  if (!v.empty()) out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(double));
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  template <class T>
  T get() {
    T v;
    need(sizeof v);
    std::memcpy(&v, bytes_.data() + at_, sizeof v);
    at_ += sizeof v;
    return v;
  }
  std::vector<double> doubles() {
    const auto n = get<uint64_t>();
    if (n > (bytes_.size() - at_) / sizeof(double)) fail();
    std::vector<double> v(n);
    if (n > 0) std::memcpy(v.data(), bytes_.data() + at_, n * sizeof(double));  // an empty vector's data() may be null
    at_ += n * sizeof(double);
    return v;
  }
  std::string text() {
    const auto n = get<uint64_t>();
    need(n);
    std::string s(bytes_.substr(at_, n));
    at_ += n;
    return s;
  }
  void done() const {
    if (at_ != bytes_.size()) fail();
  }

 private:
  void need(uint64_t n) const {
    if (n > bytes_.size() - at_) fail();
  }
  [[noreturn]] static void fail() { throw std::runtime_error("a malformed message between ranks"); }
  std::string_view bytes_;
  size_t at_ = 0;
};

}  // namespace

std::string encode_points(const std::vector<std::vector<double>>& points) {
  std::string out;
  put(out, static_cast<uint64_t>(points.size()));
  for (const auto& p : points) put_doubles(out, p);
  return out;
}

std::vector<std::vector<double>> decode_points(std::string_view bytes) {
  Reader r(bytes);
  const auto n = r.get<uint64_t>();
  if (n > bytes.size()) throw std::runtime_error("a malformed message between ranks");
  std::vector<std::vector<double>> points;
  points.reserve(n);
  for (uint64_t i = 0; i < n; ++i) points.push_back(r.doubles());
  r.done();
  return points;
}

std::string encode_results(const std::vector<research::RecordedTrial>& results) {
  std::string out;
  put(out, static_cast<uint64_t>(results.size()));
  for (const auto& t : results) {
    put(out, static_cast<uint8_t>(t.ok));
    put(out, static_cast<uint64_t>(t.error.size()));
    out += t.error;
    put(out, t.metrics);  // every figure, periods and sharpe_per_period included
    put(out, t.returns_hash);
    put_doubles(out, t.moments.rows);
    put_doubles(out, t.moments.sum);
    put_doubles(out, t.moments.sumsq);
  }
  return out;
}

std::vector<research::RecordedTrial> decode_results(std::string_view bytes) {
  Reader r(bytes);
  const auto n = r.get<uint64_t>();
  if (n > bytes.size()) throw std::runtime_error("a malformed message between ranks");
  std::vector<research::RecordedTrial> results(n);
  for (auto& t : results) {
    t.ok = r.get<uint8_t>() != 0;
    t.error = r.text();
    t.metrics = r.get<Metrics>();
    t.returns_hash = r.get<uint64_t>();
    t.moments.rows = r.doubles();
    t.moments.sum = r.doubles();
    t.moments.sumsq = r.doubles();
  }
  r.done();
  return results;
}

std::string encode_island_trials(const std::vector<std::vector<double>>& points, const std::vector<uint64_t>& orders,
                                 const std::vector<research::RecordedTrial>& results) {
  std::string out;
  const std::string p = encode_points(points), r = encode_results(results);
  put(out, static_cast<uint64_t>(p.size()));
  out += p;
  put(out, static_cast<uint64_t>(orders.size()));
  if (!orders.empty()) out.append(reinterpret_cast<const char*>(orders.data()), orders.size() * sizeof(uint64_t));
  out += r;
  return out;
}

void decode_island_trials(std::string_view bytes, std::vector<std::vector<double>>& points,
                          std::vector<uint64_t>& orders, std::vector<research::RecordedTrial>& results) {
  Reader r(bytes);
  const auto p = r.get<uint64_t>();
  if (p > bytes.size() - sizeof(uint64_t)) throw std::runtime_error("a malformed message between ranks");
  points = decode_points(bytes.substr(sizeof(uint64_t), p));
  Reader rest(bytes.substr(sizeof(uint64_t) + p));
  const auto n = rest.get<uint64_t>();
  const size_t at = 2 * sizeof(uint64_t) + p;
  if (n > (bytes.size() - at) / sizeof(uint64_t)) throw std::runtime_error("a malformed message between ranks");
  orders.resize(n);
  if (n > 0) std::memcpy(orders.data(), bytes.data() + at, n * sizeof(uint64_t));
  results = decode_results(bytes.substr(at + n * sizeof(uint64_t)));
  if (points.size() != n || results.size() != n) throw std::runtime_error("a malformed message between ranks");
}

namespace {

void put_text(std::string& out, const std::string& s) {
  put(out, static_cast<uint64_t>(s.size()));
  out += s;
}

}  // namespace

std::string encode_session(const SessionBytes& b) {
  std::string out;
  for (const std::string* s : {&b.config_text, &b.config_path, &b.prices, &b.prices_name, &b.plugin_dir}) put_text(out, *s);
  put(out, static_cast<uint8_t>(b.news.has_value()));
  if (b.news) put_text(out, *b.news);
  return out;
}

SessionBytes decode_session(std::string_view bytes) {
  Reader r(bytes);
  SessionBytes b;
  for (std::string* s : {&b.config_text, &b.config_path, &b.prices, &b.prices_name, &b.plugin_dir}) *s = r.text();
  if (r.get<uint8_t>()) b.news = r.text();
  r.done();
  return b;
}

std::string encode_identities(const std::vector<PluginIdentity>& ids) {
  std::string out;
  put(out, static_cast<uint64_t>(ids.size()));
  for (const auto& id : ids) {
    put_text(out, id.name);
    put_text(out, id.sha256);
    put_text(out, id.abi);
  }
  return out;
}

std::vector<PluginIdentity> decode_identities(std::string_view bytes) {
  Reader r(bytes);
  const auto n = r.get<uint64_t>();
  if (n > bytes.size()) throw std::runtime_error("a malformed message between ranks");
  std::vector<PluginIdentity> ids(n);
  for (auto& id : ids) {
    id.name = r.text();
    id.sha256 = r.text();
    id.abi = r.text();
  }
  r.done();
  return ids;
}

}  // namespace mosaic::host::app
