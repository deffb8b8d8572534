/*
 * ext_data_dir.h: the host extension "mosaic.ext.data_dir/1".
 *
 * Tells a module where the host's bundled data lives (lexicons, sample files), so a module
 * can default a file parameter to a shipped resource instead of requiring a path. Look it
 * up with host->get_extension(host, MOSAIC_EXT_DATA_DIR_ID); NULL when the host has none.
 *
 * C11 and C++ clean.
 */
#ifndef MOSAIC_EXT_DATA_DIR_H
#define MOSAIC_EXT_DATA_DIR_H

#include <mosaic/mosaic.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MOSAIC_EXT_DATA_DIR_ID "mosaic.ext.data_dir/1"

typedef struct mosaic_ext_data_dir {
  uint32_t struct_size;
  uint32_t reserved;
  /* An absolute folder path, NUL-terminated.
   * [lifetime] owned by the host, valid until the library's deinit returns.
   * [thread]   read-only; any thread. */
  const char* path;
} mosaic_ext_data_dir;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MOSAIC_EXT_DATA_DIR_H */
