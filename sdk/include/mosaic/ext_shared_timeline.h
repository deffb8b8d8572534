/*
 * ext_shared_timeline.h: the host extension "mosaic.ext.shared_timeline/1".
 *
 * Lets a module build an output panel on an input panel's timeline without copying it:
 * the host hands out a 'ts' column that shares the input's buffer and keeps it alive for
 * as long as the column lives. A module that runs once per configuration of a search
 * (thousands of times over the same timeline) saves a copy of the timeline per output, and
 * the host, seeing the same buffer again, need not compare it with the run's calendar. Look
 * it up with host->get_extension(host, MOSAIC_EXT_SHARED_TIMELINE_ID); NULL when the host
 * has none, and the module copies the timeline as before. The C++ PanelWriter built on an
 * input's PanelView (Outputs::panel(name, view)) uses it by itself.
 *
 * C11 and C++ clean.
 */
#ifndef MOSAIC_EXT_SHARED_TIMELINE_H
#define MOSAIC_EXT_SHARED_TIMELINE_H

#include <mosaic/mosaic.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MOSAIC_EXT_SHARED_TIMELINE_ID "mosaic.ext.shared_timeline/1"

typedef struct mosaic_ext_shared_timeline {
  uint32_t struct_size;
  uint32_t reserved;
  /* Sets *schema and *array to a new 'ts' column, built by the host, whose rows are those
   * of `panel`'s 'ts' column (child 0) without a copy. The module puts the pair in an output
   * panel as child 0, as it would a column of its own; it owns the pair until then, and
   * frees it as any other: release, then the host's free. Returns MOSAIC_OK, or
   * MOSAIC_ERR_INVALID_ARGUMENT (the pointers untouched) when `panel` is not a panel input
   * of the process call running on this thread.
   * [lifetime] panel is an input array the host passed to the running process call; the
   *            column keeps what it shares alive, past the call and past the input.
   * [thread]   only from inside that call, on its thread. */
  int32_t (*share)(const mosaic_host* host, const struct ArrowArray* panel, struct ArrowSchema** schema,
                   struct ArrowArray** array);
} mosaic_ext_shared_timeline;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MOSAIC_EXT_SHARED_TIMELINE_H */
