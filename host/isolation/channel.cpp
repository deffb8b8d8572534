#include "host/isolation/channel.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>

namespace mosaic::host::isolation {

Channel::~Channel() { close(); }

Channel& Channel::operator=(Channel&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

void Channel::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool Channel::send(const MessageWriter& m) const {
  const std::string& b = m.bytes();
  for (;;) {
    const ssize_t n = ::send(fd_, b.data(), b.size(), MSG_NOSIGNAL);
    if (n >= 0) return static_cast<size_t>(n) == b.size();
    if (errno != EINTR) return false;
  }
}

Received Channel::receive(std::string& message, int timeout_ms) const {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    int wait = -1;
    if (timeout_ms >= 0) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return Received::TimedOut;
      wait = static_cast<int>(left.count());
    }
    pollfd p{fd_, POLLIN, 0};
    const int ready = poll(&p, 1, wait);
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return Received::Closed;
    if (ready == 0) continue;  // the deadline is checked at the top
    // The datagram's whole length, whatever it is, then the datagram itself.
    const ssize_t size = ::recv(fd_, nullptr, 0, MSG_PEEK | MSG_TRUNC);
    if (size < 0 && errno == EINTR) continue;
    if (size <= 0) return Received::Closed;
    message.resize(static_cast<size_t>(size));
    const ssize_t n = ::recv(fd_, message.data(), message.size(), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Received::Closed;
    message.resize(static_cast<size_t>(n));
    return Received::Message;
  }
}

}  // namespace mosaic::host::isolation
