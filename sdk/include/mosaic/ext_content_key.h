/*
 * ext_content_key.h: the host extension "mosaic.ext.content_key/1".
 *
 * Lets a module tell, without reading it, whether an input holds the same data as in an
 * earlier call: a module that keeps work derived from its inputs (technical keeps its
 * moving averages through a search's configurations) compares 8 bytes instead of the whole
 * panel. Look it up with host->get_extension(host, MOSAIC_EXT_CONTENT_KEY_ID); NULL when
 * the host has none.
 *
 * C11 and C++ clean.
 */
#ifndef MOSAIC_EXT_CONTENT_KEY_H
#define MOSAIC_EXT_CONTENT_KEY_H

#include <mosaic/mosaic.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MOSAIC_EXT_CONTENT_KEY_ID "mosaic.ext.content_key/1"

typedef struct mosaic_ext_content_key {
  uint32_t struct_size;
  uint32_t reserved;
  /* The key of inputs->ports[port] of the process call running on this thread: two inputs
   * with the same non-zero key hold the same data (keys are 64-bit digests; two different
   * data collide with probability about 2^-64); different keys say nothing. 0 when the
   * host does not know the input's key, or `inputs` is not that call's.
   * [lifetime] inputs is the table the host passed to the running process call.
   * [thread]   only from inside that call, on its thread. */
  uint64_t (*of)(const mosaic_host* host, const mosaic_inputs* inputs, uint32_t port);
} mosaic_ext_content_key;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MOSAIC_EXT_CONTENT_KEY_H */
