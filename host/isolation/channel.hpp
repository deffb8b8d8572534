// One end of the SOCK_SEQPACKET socket pair between the host and a module's child: whole
// messages, never a SIGPIPE when the other end is gone.
#pragma once

#include "host/isolation/message.hpp"

#include <string>

namespace mosaic::host::isolation {

enum class Received { Message, Closed, TimedOut };

class Channel {
 public:
  explicit Channel(int fd = -1) : fd_(fd) {}
  ~Channel();
  Channel(Channel&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Channel& operator=(Channel&& other) noexcept;
  Channel(const Channel&) = delete;

  int fd() const { return fd_; }
  // False when the other end is gone.
  bool send(const MessageWriter& m) const;
  // Waits up to timeout_ms (negative: for ever) for the next message.
  Received receive(std::string& message, int timeout_ms) const;
  void close();

 private:
  int fd_;
};

}  // namespace mosaic::host::isolation
