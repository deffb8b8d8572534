/*
 * ext_reconfigure.h: the in-place reconfiguration extension, "mosaic.ext.reconfigure/1".
 *
 * A search runs one pipeline per thread and changes some modules' parameters before every
 * configuration. Without this extension the host destroys the instance and creates a new one
 * each time, so nothing the module computed survives from one configuration to the next. An
 * instance that offers it takes the new parameter values in place and may keep whatever it
 * computed that is still valid for them: indicator series keyed by their own parameters and
 * the inputs they came from, fitted models, scratch buffers.
 *
 * The memo is the instance's own, bounded by the module, and goes when the instance is
 * destroyed: a library keeps no static state for it, which would pin it against unloading.
 * A module must check that its inputs are still the ones a kept result came from; the host
 * promises nothing about inputs between calls.
 *
 * The host asks for it with
 *   instance->get_extension(instance, MOSAIC_EXT_RECONFIGURE_ID)
 * and gets NULL when the module does not offer it (every module built before it): the host
 * then destroys the instance and creates a new one, as before.
 *
 * C11 and C++ clean.
 */
#ifndef MOSAIC_EXT_RECONFIGURE_H
#define MOSAIC_EXT_RECONFIGURE_H

#include <mosaic/mosaic.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MOSAIC_EXT_RECONFIGURE_ID "mosaic.ext.reconfigure/1"

typedef struct mosaic_ext_reconfigure {
  uint32_t struct_size;
  uint32_t reserved;

  /* Takes new parameter values, validated by the host as for create (every declared
   * parameter, in declaration order). On MOSAIC_OK every later call behaves exactly as on a
   * new instance created with these values. On an error the instance must not be used
   * again: the host destroys it and creates a new one with the same values, whose create
   * reports the problem.
   * [lifetime] params are borrowed until the call returns; err is caller-owned.
   * [thread]   as process; never while another call on the instance runs. */
  int32_t (*reconfigure)(mosaic_instance* self, const mosaic_param_value* params, uint32_t n_params,
                         mosaic_error* err);
} mosaic_ext_reconfigure;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MOSAIC_EXT_RECONFIGURE_H */
