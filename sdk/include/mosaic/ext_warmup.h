/*
 * ext_warmup.h: the warm-up extension, "mosaic.ext.warmup/1".
 *
 * A module that needs history before it can estimate anything (a model before its first
 * fit, an indicator inside its lookback) outputs NaN at the bars it cannot compute. When
 * the run's last bar is such a bar, the output's confidence (which is about the last bar)
 * says nothing about the module's quality: the module is warming up. An instance that
 * offers this extension tells the host which of the outputs of its last process call are
 * warm-up, and the host does not judge those against the SLA's min_confidence; it counts
 * the call as warm-up instead.
 *
 * The host honours the claim only for a PANEL output whose last row holds no finite value:
 * a module cannot hide a low confidence behind it while publishing numbers. A module that
 * does not offer the extension (every module built before it) is judged as before.
 *
 * The host asks for it with
 *   instance->get_extension(instance, MOSAIC_EXT_WARMUP_ID)
 * and gets NULL when the module does not offer it.
 *
 * C11 and C++ clean.
 */
#ifndef MOSAIC_EXT_WARMUP_H
#define MOSAIC_EXT_WARMUP_H

#include <mosaic/mosaic.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MOSAIC_EXT_WARMUP_ID "mosaic.ext.warmup/1"

typedef struct mosaic_ext_warmup {
  uint32_t struct_size;
  uint32_t reserved;

  /* 1 when the output `port` emitted by the last process call is warm-up (NaN at the last
   * bar for lack of history), 0 when it is not or the last call did not emit it.
   * [lifetime] port is borrowed until the call returns.
   * [thread]   as process; the host calls it after process returns, before the next call. */
  int32_t (*is_warmup)(mosaic_instance* self, const char* port);
} mosaic_ext_warmup;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MOSAIC_EXT_WARMUP_H */
