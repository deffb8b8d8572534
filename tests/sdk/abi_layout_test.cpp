// mosaic.h compiled as C++20 (it is included first, so it must stand alone), with the same
// layout pins as the C11 translation unit, and a check that both compilers agree.
#include <mosaic/mosaic.h>

#include "abi_layout.h"

#include <doctest/doctest.h>

#include <cstddef>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

static_assert(sizeof(void*) == 8 && sizeof(long) == 8, "the pinned layout is for x86_64 LP64");

#define MOSAIC_CXX_MEMBER_SIZE(type, member) sizeof(std::declval<type&>().member)

#define CHECK_STRUCT(type, size, align)                                                   \
  static_assert(sizeof(type) == (size), "sizeof(" #type ") changed");                    \
  static_assert(alignof(type) == (align), "alignof(" #type ") changed");                 \
  static_assert(std::is_standard_layout_v<type>, #type " must be standard-layout");     \
  static_assert(std::is_trivially_copyable_v<type>, #type " must be trivially copyable");
MOSAIC_ABI_STRUCTS(CHECK_STRUCT)
#undef CHECK_STRUCT

#define CHECK_MEMBER(type, member, offset, size)                                                  \
  static_assert(offsetof(type, member) == (offset), "offsetof(" #type ", " #member ") changed"); \
  static_assert(MOSAIC_CXX_MEMBER_SIZE(type, member) == (size), "size of " #type "." #member " changed");
MOSAIC_ABI_MEMBERS(CHECK_MEMBER)
#undef CHECK_MEMBER

// Every member listed, and no padding hidden between or after them: the pinned member
// sizes add up to each struct's size. (Catches a member added to mosaic.h but not here.)
template <class T>
constexpr size_t listed_bytes() {
  size_t total = 0;
#define ADD_MEMBER(type, member, offset, size) \
  if constexpr (std::is_same_v<T, type>) total += (size);
  MOSAIC_ABI_MEMBERS(ADD_MEMBER)
#undef ADD_MEMBER
  return total;
}
#define CHECK_COVERED(type, size, align) \
  static_assert(listed_bytes<type>() == sizeof(type), "members of " #type " are missing from abi_layout.h");
MOSAIC_ABI_STRUCTS(CHECK_COVERED)
#undef CHECK_COVERED

// Enumerators travel as int32_t fields; their values are part of the ABI too.
static_assert(MOSAIC_OK == 0 && MOSAIC_ERR_FAILED == -1 && MOSAIC_ERR_INVALID_ARGUMENT == -2 &&
              MOSAIC_ERR_MISSING_INPUT == -3 && MOSAIC_ERR_BAD_INPUT == -4 && MOSAIC_ERR_OUT_OF_MEMORY == -5 &&
              MOSAIC_ERR_UNSUPPORTED == -6 && MOSAIC_ERR_SELF_TEST == -7 && MOSAIC_ERR_EXCEPTION == -8 &&
              MOSAIC_ERR_ABI == -9);
static_assert(MOSAIC_ROLE_SOURCE == 1 && MOSAIC_ROLE_SIGNAL == 2 && MOSAIC_ROLE_REGIME == 3 &&
              MOSAIC_ROLE_PORTFOLIO == 4 && MOSAIC_ROLE_RISK == 5);
static_assert(MOSAIC_LAYOUT_PANEL == 1 && MOSAIC_LAYOUT_TABLE == 2);
static_assert(MOSAIC_PARAM_SETTING == 1 && MOSAIC_PARAM_NAMES_PORTS == 2);
// ABI 1.1's flags are 1.0's reserved member under a second name: the same bytes.
static_assert(offsetof(mosaic_param_decl, reserved) == offsetof(mosaic_param_decl, flags));
static_assert(offsetof(mosaic_param_decl, reserved2) == offsetof(mosaic_param_decl, type));
static_assert(MOSAIC_PARAM_INT == 1 && MOSAIC_PARAM_FLOAT == 2 && MOSAIC_PARAM_BOOL == 3 && MOSAIC_PARAM_ENUM == 4 &&
              MOSAIC_PARAM_STRING == 5);
static_assert(MOSAIC_LOG_DEBUG == 0 && MOSAIC_LOG_INFO == 1 && MOSAIC_LOG_WARN == 2 && MOSAIC_LOG_ERROR == 3);
static_assert(ARROW_FLAG_DICTIONARY_ORDERED == 1 && ARROW_FLAG_NULLABLE == 2 && ARROW_FLAG_MAP_KEYS_SORTED == 4);

std::vector<mosaic_abi_layout_entry> layout_cxx() {
  std::vector<mosaic_abi_layout_entry> v;
#define STRUCT_ENTRY(type, size, align) v.push_back({#type, "", alignof(type), sizeof(type)});
#define MEMBER_ENTRY(type, member, offset, size) \
  v.push_back({#type, #member, offsetof(type, member), MOSAIC_CXX_MEMBER_SIZE(type, member)});
  MOSAIC_ABI_STRUCTS(STRUCT_ENTRY)
  MOSAIC_ABI_MEMBERS(MEMBER_ENTRY)
#undef STRUCT_ENTRY
#undef MEMBER_ENTRY
  return v;
}

}  // namespace

TEST_CASE("abi layout: abi_layout.c was compiled as C11") {
  CHECK(mosaic_abi_c_standard() == 201112L);
}

TEST_CASE("abi layout: the C11 and C++20 compilers agree on every struct and member") {
  size_t n = 0;
  const mosaic_abi_layout_entry* c = mosaic_abi_layout_c(&n);
  const std::vector<mosaic_abi_layout_entry> cxx = layout_cxx();
  REQUIRE(n == cxx.size());
  CHECK(n == 25 + 128);  // every struct, then every member
  for (size_t i = 0; i < n; ++i) {
    const std::string what = std::string(cxx[i].type) + (*cxx[i].member ? "." + std::string(cxx[i].member) : "");
    CAPTURE(what);
    CHECK(std::string(c[i].type) == cxx[i].type);
    CHECK(std::string(c[i].member) == cxx[i].member);
    CHECK(c[i].offset == cxx[i].offset);  // alignment for a whole struct
    CHECK(c[i].size == cxx[i].size);
  }
}

TEST_CASE("abi layout: members are listed in declaration order without overlap") {
  const std::vector<mosaic_abi_layout_entry> cxx = layout_cxx();
  for (size_t i = 1; i < cxx.size(); ++i) {
    if (*cxx[i].member == '\0' || *cxx[i - 1].member == '\0') continue;
    if (std::string(cxx[i].type) != cxx[i - 1].type) continue;
    CAPTURE(std::string(cxx[i].type) + "." + cxx[i].member);
    CHECK(cxx[i].offset >= cxx[i - 1].offset + cxx[i - 1].size);
  }
}
