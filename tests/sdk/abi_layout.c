/* abi_layout.c: mosaic.h compiled as strict C11 (-std=c11 -pedantic -Werror). Pins the
 * layout of every ABI struct with _Static_assert, and exports the layout this compiler
 * computed so the C++ tests can check that both languages agree. */
#include <mosaic/mosaic.h>

#include "abi_layout.h"

#include <stdalign.h>

#if !defined(__STDC_VERSION__) || __STDC_VERSION__ < 201112L
#error "abi_layout.c must be compiled as C11"
#endif

#if !defined(__x86_64__) || !defined(__LP64__)
#error "the pinned layout is for x86_64 LP64"
#endif

#define MOSAIC_MEMBER_SIZE(type, member) sizeof(((type*)0)->member)

#define CHECK_STRUCT(type, size, align)                                  \
  _Static_assert(sizeof(type) == (size), "sizeof(" #type ") changed");   \
  _Static_assert(alignof(type) == (align), "alignof(" #type ") changed");
MOSAIC_ABI_STRUCTS(CHECK_STRUCT)

#define CHECK_MEMBER(type, member, offset, size)                                                 \
  _Static_assert(offsetof(type, member) == (offset), "offsetof(" #type ", " #member ") changed"); \
  _Static_assert(MOSAIC_MEMBER_SIZE(type, member) == (size), "size of " #type "." #member " changed");
MOSAIC_ABI_MEMBERS(CHECK_MEMBER)

#define STRUCT_ENTRY(type, size, align) {#type, "", alignof(type), sizeof(type)},
#define MEMBER_ENTRY(type, member, offset, size) \
  {#type, #member, offsetof(type, member), MOSAIC_MEMBER_SIZE(type, member)},

static const mosaic_abi_layout_entry kLayout[] = {
    MOSAIC_ABI_STRUCTS(STRUCT_ENTRY) MOSAIC_ABI_MEMBERS(MEMBER_ENTRY)};

const mosaic_abi_layout_entry* mosaic_abi_layout_c(size_t* count) {
  *count = sizeof(kLayout) / sizeof(kLayout[0]);
  return kLayout;
}

long mosaic_abi_c_standard(void) { return __STDC_VERSION__; }

/* The constants and enums are usable from C too. */
_Static_assert(MOSAIC_ERROR_MESSAGE_SIZE == 1024, "error buffer size changed");
_Static_assert(MOSAIC_OK == 0 && MOSAIC_ERR_ABI == -9, "status values changed");
_Static_assert(sizeof(mosaic_status) == 4 && sizeof(mosaic_layout) == 4, "enums are int-sized");

/* ABI 1.1's flags are 1.0's reserved member under a second name: the same bytes. */
_Static_assert(offsetof(mosaic_param_decl, reserved) == offsetof(mosaic_param_decl, flags), "flags moved");
_Static_assert(MOSAIC_MEMBER_SIZE(mosaic_param_decl, reserved) == 4, "reserved resized");
_Static_assert(MOSAIC_PARAM_SETTING == 1 && MOSAIC_PARAM_NAMES_PORTS == 2, "param flag values changed");
/* ABI 1.1's explicit type is 1.0's reserved2 under a second name: the same bytes. */
_Static_assert(offsetof(mosaic_param_decl, reserved2) == offsetof(mosaic_param_decl, type), "type moved");
_Static_assert(MOSAIC_MEMBER_SIZE(mosaic_param_decl, type) == 4, "type resized");
