/* A Mosaic module in plain C11, built out of tree against the installed SDK (README.md):
 * the sign of each asset's return over `lookback` bars, +1, 0 or -1, NaN until there is
 * enough history or where a price is missing. */
#include <mosaic/c_module.h>

static const mosaic_port inputs[] = {{"close", MOSAIC_LAYOUT_PANEL, 1, "closing prices"}};
static const mosaic_port outputs[] = {
    {"signal.c_momentum", MOSAIC_LAYOUT_PANEL, 0, "sign of the return over lookback bars: +1, 0 or -1"}};
static const mosaic_param_decl params[] = {
    MOSAIC_C_PARAM_INT("lookback", 20, 1, 250, "bars the return is measured over"),
};
static const mosaic_contract contract = {
    .struct_size = sizeof(mosaic_contract),
    .role = MOSAIC_ROLE_SIGNAL,
    .id = "com.example.c_momentum",
    .name = "c_momentum",
    .version = "1.0.0",
    .description = "time-series momentum: the sign of the return over a lookback, in C",
    .inputs = inputs,
    .n_inputs = 1,
    .outputs = outputs,
    .n_outputs = 1,
    .params = params,
    .n_params = 1,
    .sla = {.max_latency_ms = 5.0, .min_confidence = 0.0},
};

typedef struct {
  const mosaic_host* host;
  int64_t lookback;
} momentum;

static int32_t process(mosaic_instance* self, const mosaic_inputs* in, mosaic_outputs* out, mosaic_error* err) {
  const momentum* m = (const momentum*)self->module_data;
  mosaic_c_panel close;
  mosaic_c_out_panel signal;
  int32_t status = mosaic_c_read_panel(in, "close", &close, err);
  if (status != MOSAIC_OK) return status;
  status = mosaic_c_new_panel(m->host, &close, &signal, err);
  if (status != MOSAIC_OK) return status;
  for (int64_t a = 0; a < close.assets; ++a) {
    const double* x = mosaic_c_column(&close, a);
    double* y = mosaic_c_out_column(&signal, a);
    for (int64_t t = m->lookback; t < close.rows; ++t) {
      const double r = x[t] / x[t - m->lookback] - 1.0; /* NaN when either price is */
      y[t] = r > 0 ? 1.0 : r < 0 ? -1.0 : r;
    }
  }
  return mosaic_c_emit(out, "signal.c_momentum", &signal, 1.0, err);
}

static int32_t create(const mosaic_host* host, const mosaic_param_value* values, uint32_t n, mosaic_instance** out,
                      mosaic_error* err) {
  mosaic_instance* inst = mosaic_c_new_instance(sizeof(momentum), &process);
  if (!inst) return mosaic_c_fail(err, MOSAIC_ERR_OUT_OF_MEMORY, "c_momentum: out of memory", NULL);
  momentum* m = (momentum*)inst->module_data;
  m->host = host;
  m->lookback = mosaic_c_param_int(values, n, "lookback", 20);
  *out = inst;
  return MOSAIC_OK;
}

static const mosaic_factory factories[] = {{sizeof(mosaic_factory), 0, &contract, &create}};

static int32_t init(const mosaic_host* host, mosaic_error* err) {
  (void)host, (void)err;
  return MOSAIC_OK;
}
static void deinit(void) {}

MOSAIC_EXPORT const mosaic_module_entry mosaic_entry = {
    .abi_version = {MOSAIC_ABI_MAJOR, MOSAIC_ABI_MINOR, MOSAIC_ABI_PATCH},
    .struct_size = sizeof(mosaic_module_entry),
    .init = &init,
    .deinit = &deinit,
    .n_factories = 1,
    .factories = factories,
};
