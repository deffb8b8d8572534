/*
 * ext_state.h: the state-handover extension, "mosaic.ext.state/1".
 *
 * An instance that offers it can save what it has learned (for example a fitted model) and
 * a fresh instance, possibly of a newer build of the same module, can load it, so a hot
 * reload does not start from scratch. The host asks for it with
 *   instance->get_extension(instance, MOSAIC_EXT_STATE_ID)
 * and gets NULL when the module does not offer it.
 *
 * The byte format is the module's own business; it should carry a version tag so that a
 * newer build can refuse, with a clear error, a format it does not understand.
 *
 * C11 and C++ clean.
 */
#ifndef MOSAIC_EXT_STATE_H
#define MOSAIC_EXT_STATE_H

#include <mosaic/mosaic.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MOSAIC_EXT_STATE_ID "mosaic.ext.state/1"

typedef struct mosaic_ext_state {
  uint32_t struct_size;
  uint32_t reserved;

  /* Serialises the instance's state.
   * [lifetime] on MOSAIC_OK, *data is a block from the host's alloc service that the caller
   *            owns and frees with the host's free; *size is its length in bytes.
   * [thread]   as process: one call at a time per instance. */
  int32_t (*save)(mosaic_instance* self, void** data, size_t* size, mosaic_error* err);

  /* Restores state that save produced (possibly in another build of the module). Returns
   * MOSAIC_ERR_INVALID_ARGUMENT, with the reason, for bytes it cannot read; the instance is
   * then unchanged.
   * [lifetime] data is borrowed until the call returns.
   * [thread]   as process. */
  int32_t (*load)(mosaic_instance* self, const void* data, size_t size, mosaic_error* err);
} mosaic_ext_state;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MOSAIC_EXT_STATE_H */
