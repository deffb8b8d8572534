// The messages between the host and an isolated module's child, one per datagram of a
// SOCK_SEQPACKET socket pair. Small and fixed-layout: the Arrow data itself travels through
// the shared regions, and a message only names offsets there.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace mosaic::host::isolation {

enum class Op : uint32_t {
  // host -> child
  Create = 1,    // params                       -> Reply
  Process = 2,   // input region size, ports     -> Reply with outputs
  SelfTest = 3,  //                              -> Reply
  Destroy = 4,   //                              -> Reply
  // child -> host
  Ready = 10,  // the library loaded and initialised, or why not (sent once, at start)
  Log = 11,    // a log line of the module, forwarded while a call runs
  Reply = 12,  // status, error text, then per op: outputs
};

class MessageWriter {
 public:
  explicit MessageWriter(Op op) { put(static_cast<uint32_t>(op)); }
  template <class T>
  MessageWriter& put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes_.append(reinterpret_cast<const char*>(&v), sizeof v);
    return *this;
  }
  MessageWriter& put_text(std::string_view s) {
    put(static_cast<uint64_t>(s.size()));
    bytes_.append(s);
    return *this;
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::string bytes_;
};

// Reads what a MessageWriter wrote; every get fails (and stays failed) past the end.
class MessageReader {
 public:
  explicit MessageReader(std::string_view bytes) : bytes_(bytes) {
    uint32_t op = 0;
    get(op);
    op_ = static_cast<Op>(op);
  }
  Op op() const { return op_; }
  bool ok() const { return ok_; }
  template <class T>
  bool get(T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (!ok_ || bytes_.size() - at_ < sizeof v) return ok_ = false;
    std::memcpy(&v, bytes_.data() + at_, sizeof v);
    at_ += sizeof v;
    return true;
  }
  bool get_text(std::string& s) {
    uint64_t n = 0;
    if (!get(n) || bytes_.size() - at_ < n) return ok_ = false;
    s.assign(bytes_.data() + at_, n);
    at_ += n;
    return true;
  }

 private:
  std::string_view bytes_;
  size_t at_ = 0;
  Op op_{};
  bool ok_ = true;
};

}  // namespace mosaic::host::isolation
