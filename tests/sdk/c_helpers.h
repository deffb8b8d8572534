/* c_helpers.c's functions: mosaic/c_module.h used from strict C11, called by c_module_test.cpp. */
#ifndef MOSAIC_TEST_C_HELPERS_H
#define MOSAIC_TEST_C_HELPERS_H

#include <mosaic/mosaic.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Reads `close`, emits `signal.double` = 2 x close with confidence 0.5. */
int32_t c_helpers_double_close(const mosaic_host* host, const mosaic_inputs* in, mosaic_outputs* out,
                               mosaic_error* err);
/* The lookups of mosaic/c_module.h, each with its fallback. */
int64_t c_helpers_param_int(const mosaic_param_value* params, uint32_t n, const char* name);
double c_helpers_param_float(const mosaic_param_value* params, uint32_t n, const char* name);
int c_helpers_param_bool(const mosaic_param_value* params, uint32_t n, const char* name);
const char* c_helpers_param_text(const mosaic_param_value* params, uint32_t n, const char* name);
/* A MOSAIC_C_PARAM_INT declaration, to compare with what the C++ helpers declare. */
const mosaic_param_decl* c_helpers_int_decl(void);

#ifdef __cplusplus
}
#endif

#endif
