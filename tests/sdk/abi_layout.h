/*
 * abi_layout.h: the pinned x86_64 LP64 layout of every struct in mosaic.h, shared by a C11
 * translation unit (abi_layout.c) and the C++20 tests (abi_layout_test.cpp).
 *
 * Both languages static_assert their own sizeof/offsetof against the numbers below, and a
 * doctest compares the layout the C compiler computed with the one the C++ compiler
 * computed. A change here is an ABI break: bump MOSAIC_ABI_MAJOR, or append members only
 * to structs that carry struct_size (and then update the struct's size here).
 * ABI 1.1 appended mosaic_contract's constraints, n_constraints and reserved2 (its size
 * was 104 in 1.0), and named mosaic_param_decl's reserved member `flags` too (`reserved`
 * stays, the same 4 bytes through an anonymous union: both files check that apart).
 */
#ifndef MOSAIC_TESTS_ABI_LAYOUT_H
#define MOSAIC_TESTS_ABI_LAYOUT_H

#include <mosaic/ext_content_key.h>
#include <mosaic/ext_data_dir.h>
#include <mosaic/ext_library_file.h>
#include <mosaic/ext_state.h>
#include <mosaic/ext_reconfigure.h>
#include <mosaic/ext_shared_timeline.h>
#include <mosaic/ext_warmup.h>
#include <mosaic/mosaic.h>

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* X(type, size, alignment) for every ABI struct. */
#define MOSAIC_ABI_STRUCTS(X)              \
  X(mosaic_version, 12, 4)                 \
  X(mosaic_error, 1024, 1)                 \
  X(mosaic_host, 80, 8)                    \
  X(mosaic_port, 24, 8)                    \
  X(mosaic_value, 32, 8)                   \
  X(mosaic_param_decl, 96, 8)              \
  X(mosaic_dependency, 16, 8)              \
  X(mosaic_sla, 16, 8)                     \
  X(mosaic_contract, 120, 8)               \
  X(mosaic_port_data, 32, 8)               \
  X(mosaic_inputs, 16, 8)                  \
  X(mosaic_outputs, 24, 8)                 \
  X(mosaic_param_value, 40, 8)             \
  X(mosaic_instance, 48, 8)                \
  X(mosaic_factory, 24, 8)                 \
  X(mosaic_module_entry, 48, 8)            \
  X(mosaic_ext_state, 24, 8)               \
  X(mosaic_ext_data_dir, 16, 8)            \
  X(mosaic_ext_warmup, 16, 8)              \
  X(mosaic_ext_reconfigure, 16, 8)         \
  X(mosaic_ext_content_key, 16, 8)         \
  X(mosaic_ext_shared_timeline, 16, 8)     \
  X(mosaic_ext_library_file, 16, 8)        \
  X(struct ArrowSchema, 72, 8)             \
  X(struct ArrowArray, 80, 8)

/* X(type, member, offset, size) for every member of every ABI struct, in declaration
 * order. */
#define MOSAIC_ABI_MEMBERS(X)                                 \
  X(mosaic_version, major, 0, 4)                              \
  X(mosaic_version, minor, 4, 4)                              \
  X(mosaic_version, patch, 8, 4)                              \
                                                              \
  X(mosaic_error, message, 0, 1024)                           \
                                                              \
  X(mosaic_host, struct_size, 0, 4)                           \
  X(mosaic_host, abi_version, 4, 12)                          \
  X(mosaic_host, host_data, 16, 8)                            \
  X(mosaic_host, log, 24, 8)                                  \
  X(mosaic_host, alloc, 32, 8)                                \
  X(mosaic_host, free, 40, 8)                                 \
  X(mosaic_host, now_ns, 48, 8)                               \
  X(mosaic_host, get_extension, 56, 8)                        \
  X(mosaic_host, array_release, 64, 8)                        \
  X(mosaic_host, schema_release, 72, 8)                       \
                                                              \
  X(mosaic_port, name, 0, 8)                                  \
  X(mosaic_port, layout, 8, 4)                                \
  X(mosaic_port, required, 12, 4)                             \
  X(mosaic_port, description, 16, 8)                          \
                                                              \
  X(mosaic_value, type, 0, 4)                                 \
  X(mosaic_value, b, 4, 4)                                    \
  X(mosaic_value, i, 8, 8)                                    \
  X(mosaic_value, f, 16, 8)                                   \
  X(mosaic_value, s, 24, 8)                                   \
                                                              \
  X(mosaic_param_decl, name, 0, 8)                            \
  X(mosaic_param_decl, description, 8, 8)                     \
  X(mosaic_param_decl, default_value, 16, 32)                 \
  X(mosaic_param_decl, has_range, 48, 4)                      \
  X(mosaic_param_decl, flags, 52, 4)                          \
  X(mosaic_param_decl, min, 56, 8)                            \
  X(mosaic_param_decl, max, 64, 8)                            \
  X(mosaic_param_decl, step, 72, 8)                           \
  X(mosaic_param_decl, choices, 80, 8)                        \
  X(mosaic_param_decl, n_choices, 88, 4)                      \
  X(mosaic_param_decl, reserved2, 92, 4)                      \
                                                              \
  X(mosaic_dependency, module, 0, 8)                          \
  X(mosaic_dependency, range, 8, 8)                           \
                                                              \
  X(mosaic_sla, max_latency_ms, 0, 8)                         \
  X(mosaic_sla, min_confidence, 8, 8)                         \
                                                              \
  X(mosaic_contract, struct_size, 0, 4)                       \
  X(mosaic_contract, role, 4, 4)                              \
  X(mosaic_contract, id, 8, 8)                                \
  X(mosaic_contract, name, 16, 8)                             \
  X(mosaic_contract, version, 24, 8)                          \
  X(mosaic_contract, description, 32, 8)                      \
  X(mosaic_contract, inputs, 40, 8)                           \
  X(mosaic_contract, n_inputs, 48, 4)                         \
  X(mosaic_contract, n_outputs, 52, 4)                        \
  X(mosaic_contract, outputs, 56, 8)                          \
  X(mosaic_contract, params, 64, 8)                           \
  X(mosaic_contract, n_params, 72, 4)                         \
  X(mosaic_contract, n_dependencies, 76, 4)                   \
  X(mosaic_contract, dependencies, 80, 8)                     \
  X(mosaic_contract, sla, 88, 16)                             \
  X(mosaic_contract, constraints, 104, 8)                     \
  X(mosaic_contract, n_constraints, 112, 4)                   \
  X(mosaic_contract, reserved2, 116, 4)                       \
                                                              \
  X(mosaic_port_data, name, 0, 8)                             \
  X(mosaic_port_data, schema, 8, 8)                           \
  X(mosaic_port_data, array, 16, 8)                           \
  X(mosaic_port_data, confidence, 24, 8)                      \
                                                              \
  X(mosaic_inputs, struct_size, 0, 4)                         \
  X(mosaic_inputs, n_ports, 4, 4)                             \
  X(mosaic_inputs, ports, 8, 8)                               \
                                                              \
  X(mosaic_outputs, struct_size, 0, 4)                        \
  X(mosaic_outputs, reserved, 4, 4)                           \
  X(mosaic_outputs, host_data, 8, 8)                          \
  X(mosaic_outputs, emit, 16, 8)                              \
                                                              \
  X(mosaic_param_value, name, 0, 8)                           \
  X(mosaic_param_value, value, 8, 32)                         \
                                                              \
  X(mosaic_instance, struct_size, 0, 4)                       \
  X(mosaic_instance, reserved, 4, 4)                          \
  X(mosaic_instance, module_data, 8, 8)                       \
  X(mosaic_instance, process, 16, 8)                          \
  X(mosaic_instance, self_test, 24, 8)                        \
  X(mosaic_instance, get_extension, 32, 8)                    \
  X(mosaic_instance, destroy, 40, 8)                          \
                                                              \
  X(mosaic_factory, struct_size, 0, 4)                        \
  X(mosaic_factory, reserved, 4, 4)                           \
  X(mosaic_factory, contract, 8, 8)                           \
  X(mosaic_factory, create, 16, 8)                            \
                                                              \
  X(mosaic_module_entry, abi_version, 0, 12)                  \
  X(mosaic_module_entry, struct_size, 12, 4)                  \
  X(mosaic_module_entry, init, 16, 8)                         \
  X(mosaic_module_entry, deinit, 24, 8)                       \
  X(mosaic_module_entry, n_factories, 32, 4)                  \
  X(mosaic_module_entry, reserved, 36, 4)                     \
  X(mosaic_module_entry, factories, 40, 8)                    \
  X(mosaic_ext_state, struct_size, 0, 4)                      \
  X(mosaic_ext_state, reserved, 4, 4)                         \
  X(mosaic_ext_state, save, 8, 8)                             \
  X(mosaic_ext_state, load, 16, 8)                            \
  X(mosaic_ext_data_dir, struct_size, 0, 4)                   \
  X(mosaic_ext_data_dir, reserved, 4, 4)                      \
  X(mosaic_ext_data_dir, path, 8, 8)                          \
  X(mosaic_ext_warmup, struct_size, 0, 4)                     \
  X(mosaic_ext_warmup, reserved, 4, 4)                        \
  X(mosaic_ext_warmup, is_warmup, 8, 8)                       \
  X(mosaic_ext_reconfigure, struct_size, 0, 4)                \
  X(mosaic_ext_reconfigure, reserved, 4, 4)                   \
  X(mosaic_ext_reconfigure, reconfigure, 8, 8)                \
  X(mosaic_ext_content_key, struct_size, 0, 4)                \
  X(mosaic_ext_content_key, reserved, 4, 4)                   \
  X(mosaic_ext_content_key, of, 8, 8)                         \
  X(mosaic_ext_shared_timeline, struct_size, 0, 4)            \
  X(mosaic_ext_shared_timeline, reserved, 4, 4)               \
  X(mosaic_ext_shared_timeline, share, 8, 8)                  \
  X(mosaic_ext_library_file, struct_size, 0, 4)               \
  X(mosaic_ext_library_file, reserved, 4, 4)                  \
  X(mosaic_ext_library_file, path, 8, 8)                      \
                                                              \
  X(struct ArrowSchema, format, 0, 8)                         \
  X(struct ArrowSchema, name, 8, 8)                           \
  X(struct ArrowSchema, metadata, 16, 8)                      \
  X(struct ArrowSchema, flags, 24, 8)                         \
  X(struct ArrowSchema, n_children, 32, 8)                    \
  X(struct ArrowSchema, children, 40, 8)                      \
  X(struct ArrowSchema, dictionary, 48, 8)                    \
  X(struct ArrowSchema, release, 56, 8)                       \
  X(struct ArrowSchema, private_data, 64, 8)                  \
                                                              \
  X(struct ArrowArray, length, 0, 8)                          \
  X(struct ArrowArray, null_count, 8, 8)                      \
  X(struct ArrowArray, offset, 16, 8)                         \
  X(struct ArrowArray, n_buffers, 24, 8)                      \
  X(struct ArrowArray, n_children, 32, 8)                     \
  X(struct ArrowArray, buffers, 40, 8)                        \
  X(struct ArrowArray, children, 48, 8)                       \
  X(struct ArrowArray, dictionary, 56, 8)                     \
  X(struct ArrowArray, release, 64, 8)                        \
  X(struct ArrowArray, private_data, 72, 8)

/* One measured struct or member, as a compiler saw it. `member` is "" for a whole struct,
 * whose `offset` is then its alignment. */
typedef struct mosaic_abi_layout_entry {
  const char* type;
  const char* member;
  size_t offset;
  size_t size;
} mosaic_abi_layout_entry;

/* The layout as the C11 compiler computed it (abi_layout.c): the structs first, in
 * MOSAIC_ABI_STRUCTS order, then the members in MOSAIC_ABI_MEMBERS order. The table is
 * static; *count receives its length. */
const mosaic_abi_layout_entry* mosaic_abi_layout_c(size_t* count);

/* __STDC_VERSION__ as abi_layout.c saw it (201112L when compiled as C11). */
long mosaic_abi_c_standard(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MOSAIC_TESTS_ABI_LAYOUT_H */
