// sha256_hex and sha256_file against the FIPS 180-2 test vectors.
#include "host/loader/sha256.hpp"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "support/plugin_fixture.hpp"

using mosaic::host::sha256_file;
using mosaic::host::sha256_hex;
using mosaic_test::TempDir;

TEST_CASE("sha256: known digests") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("sha256_file: the digest of the file's bytes, across read chunks") {
  TempDir dir("sha");
  CHECK(sha256_file(dir.write("abc", "abc")) == sha256_hex("abc"));
  // A million 'a's: longer than one read buffer.
  CHECK(sha256_file(dir.write("million", std::string(1000000, 'a'))) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256_file: a missing file is an error naming it") {
  TempDir dir("sha");
  const auto missing = dir / "absent.so";
  try {
    sha256_file(missing);
    FAIL("hashed a missing file");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()).rfind(missing.string() + ": cannot read", 0) == 0);
  }
}
