/* mosaic/c_module.h compiled as strict C11 (-pedantic-errors -Werror), and exercised from
 * c_module_test.cpp through these functions. */
#include <mosaic/c_module.h>

#include "c_helpers.h"

int32_t c_helpers_double_close(const mosaic_host* host, const mosaic_inputs* in, mosaic_outputs* out,
                               mosaic_error* err) {
  mosaic_c_panel close;
  mosaic_c_out_panel doubled;
  int32_t status = mosaic_c_read_panel(in, "close", &close, err);
  if (status != MOSAIC_OK) return status;
  status = mosaic_c_new_panel(host, &close, &doubled, err);
  if (status != MOSAIC_OK) return status;
  for (int64_t a = 0; a < close.assets; ++a) {
    const double* x = mosaic_c_column(&close, a);
    double* y = mosaic_c_out_column(&doubled, a);
    for (int64_t t = 0; t < close.rows; ++t) y[t] = 2.0 * x[t];
  }
  return mosaic_c_emit(out, "signal.double", &doubled, 0.5, err);
}

int64_t c_helpers_param_int(const mosaic_param_value* params, uint32_t n, const char* name) {
  return mosaic_c_param_int(params, n, name, -1);
}
double c_helpers_param_float(const mosaic_param_value* params, uint32_t n, const char* name) {
  return mosaic_c_param_float(params, n, name, -1.0);
}
int c_helpers_param_bool(const mosaic_param_value* params, uint32_t n, const char* name) {
  return mosaic_c_param_bool(params, n, name, -1);
}
const char* c_helpers_param_text(const mosaic_param_value* params, uint32_t n, const char* name) {
  return mosaic_c_param_text(params, n, name, "fallback");
}

static const mosaic_param_decl int_decl = MOSAIC_C_PARAM_INT("lookback", 20, 2, 250, "bars");
const mosaic_param_decl* c_helpers_int_decl(void) { return &int_decl; }
