/*
 * ext_library_file.h: the host extension "mosaic.ext.library_file/1".
 *
 * The host loads a copy of each library (so that a new build can replace the file while
 * the old one runs); this tells a library, during its init, the file it was copied from.
 * A bridge library uses it to find the files next to it in the plugin folder: the Python
 * bridge offers every *.py module there. Look it up with
 * host->get_extension(host, MOSAIC_EXT_LIBRARY_FILE_ID); NULL when the host has none.
 *
 * C11 and C++ clean.
 */
#ifndef MOSAIC_EXT_LIBRARY_FILE_H
#define MOSAIC_EXT_LIBRARY_FILE_H

#include <mosaic/mosaic.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MOSAIC_EXT_LIBRARY_FILE_ID "mosaic.ext.library_file/1"

typedef struct mosaic_ext_library_file {
  uint32_t struct_size;
  uint32_t reserved;
  /* The absolute path of the library file being initialised, as it lies in the plugin
   * folder; NULL outside a library's init.
   * [lifetime] owned by the host, valid until init returns.
   * [thread]   only from inside init, on the thread that called it. */
  const char* (*path)(const mosaic_host* host);
} mosaic_ext_library_file;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MOSAIC_EXT_LIBRARY_FILE_H */
