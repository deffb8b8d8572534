/* c_module.h: helpers for modules written in plain C11, on mosaic.h alone.
 *
 * What the C++ SDK's Inputs, PanelWriter and Params do, for C: read a panel, make an output
 * panel from the host's allocator and emit it with its confidence, look up a parameter by
 * name and type, and fill in an instance. Header-only (static inline), no allocation of its
 * own except through the host, so a module needs nothing but this header and mosaic.h.
 *
 *   mosaic_c_panel close;
 *   if (mosaic_c_read_panel(in, "close", &close, err) != MOSAIC_OK) return MOSAIC_ERR_MISSING_INPUT;
 *   mosaic_c_out_panel sig;
 *   if (mosaic_c_new_panel(host, &close, &sig, err) != MOSAIC_OK) return MOSAIC_ERR_OUT_OF_MEMORY;
 *   for (int64_t a = 0; a < close.assets; ++a) {
 *     const double* x = mosaic_c_column(&close, a);
 *     double* y = mosaic_c_out_column(&sig, a);   // NaN-filled
 *     ...
 *   }
 *   return mosaic_c_emit(out, "signal.mine", &sig, 1.0, err);  // releases it if refused
 *
 * A panel is what the host passes and expects (mosaic.h): a struct array ('+s') whose child
 * 0 is `ts` (tsn:UTC, int64 nanoseconds) and whose other children are float64 columns, one
 * per asset, named by ticker; a missing value is NaN, never an Arrow null. */
#ifndef MOSAIC_C_MODULE_H
#define MOSAIC_C_MODULE_H

#include <mosaic/mosaic.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- errors ------------------------------------------------------------------------- */

/* Writes a message into err (when given) and returns status, for `return mosaic_c_fail(...)`. */
static inline int32_t mosaic_c_fail(mosaic_error* err, int32_t status, const char* message, const char* detail) {
  if (err) snprintf(err->message, sizeof err->message, "%s%s%s", message, detail ? ": " : "", detail ? detail : "");
  return status;
}

/* ---- reading a panel ---------------------------------------------------------------- */

typedef struct mosaic_c_panel {
  int64_t rows;
  int64_t assets;
  const int64_t* ts; /* rows timestamps, nanoseconds since the epoch, UTC */
  const struct ArrowSchema* schema;
  const struct ArrowArray* array;
} mosaic_c_panel;

/* The port named `name`, or NULL when the host did not pass it (an optional input). */
static inline const mosaic_port_data* mosaic_c_port(const mosaic_inputs* in, const char* name) {
  for (uint32_t i = 0; in && i < in->n_ports; ++i)
    if (in->ports[i].name && strcmp(in->ports[i].name, name) == 0) return &in->ports[i];
  return NULL;
}

/* Reads the panel `name`: MOSAIC_ERR_MISSING_INPUT when it is absent, MOSAIC_ERR_BAD_INPUT
 * when it is not a panel, each with the reason in err. */
static inline int32_t mosaic_c_read_panel(const mosaic_inputs* in, const char* name, mosaic_c_panel* out,
                                          mosaic_error* err) {
  const mosaic_port_data* p = mosaic_c_port(in, name);
  if (!p) return mosaic_c_fail(err, MOSAIC_ERR_MISSING_INPUT, "no input port", name);
  const struct ArrowSchema* s = p->schema;
  const struct ArrowArray* a = p->array;
  if (!s || !a || !s->format || strcmp(s->format, "+s") != 0 || s->n_children < 1 || a->n_children != s->n_children)
    return mosaic_c_fail(err, MOSAIC_ERR_BAD_INPUT, "not a panel (a struct array with ts and one column per asset)", name);
  if (strncmp(s->children[0]->format, "tsn:", 4) != 0 || a->children[0]->n_buffers < 2)
    return mosaic_c_fail(err, MOSAIC_ERR_BAD_INPUT, "child 0 of the panel is not the ts column", name);
  for (int64_t c = 1; c < s->n_children; ++c)
    if (strcmp(s->children[c]->format, "g") != 0 || a->children[c]->null_count != 0)
      return mosaic_c_fail(err, MOSAIC_ERR_BAD_INPUT, "a panel column is not float64 without nulls", name);
  out->rows = a->length;
  out->assets = s->n_children - 1;
  out->ts = (const int64_t*)a->children[0]->buffers[1] + a->children[0]->offset;
  out->schema = s;
  out->array = a;
  return MOSAIC_OK;
}

/* Asset a's values (rows of them) and its ticker. */
static inline const double* mosaic_c_column(const mosaic_c_panel* p, int64_t a) {
  const struct ArrowArray* c = p->array->children[a + 1];
  return (const double*)c->buffers[1] + c->offset;
}
static inline const char* mosaic_c_ticker(const mosaic_c_panel* p, int64_t a) { return p->schema->children[a + 1]->name; }

/* ---- making and emitting a panel ------------------------------------------------------ */

typedef struct mosaic_c_out_panel {
  struct ArrowSchema schema;
  struct ArrowArray array;
} mosaic_c_out_panel;

/* A copy of text in host memory, or NULL. */
static inline char* mosaic_c_host_strdup(const mosaic_host* host, const char* text) {
  const size_t n = strlen(text) + 1;
  char* s = (char*)host->alloc(host, n, 0);
  if (s) memcpy(s, text, n);
  return s;
}

/* One column (child) of a panel: its schema and array in host memory, values uninitialised. */
static inline int mosaic_c_new_column(const mosaic_host* host, const char* format, const char* name, int64_t rows,
                                      size_t width, struct ArrowSchema** s, struct ArrowArray** a) {
  *s = (struct ArrowSchema*)host->alloc(host, sizeof(struct ArrowSchema), 0);
  *a = (struct ArrowArray*)host->alloc(host, sizeof(struct ArrowArray), 0);
  const void** buffers = (const void**)host->alloc(host, 2 * sizeof(void*), 0);
  void* values = host->alloc(host, rows > 0 ? (size_t)rows * width : 1, 0);
  char* f = mosaic_c_host_strdup(host, format);
  char* n = mosaic_c_host_strdup(host, name);
  if (!*s || !*a || !buffers || !values || !f || !n) {
    host->free(host, *s), host->free(host, *a), host->free(host, (void*)buffers), host->free(host, values);
    host->free(host, f), host->free(host, n);
    *s = NULL, *a = NULL;
    return 0;
  }
  memset(*s, 0, sizeof **s);
  memset(*a, 0, sizeof **a);
  (*s)->format = f, (*s)->name = n, (*s)->flags = 0, (*s)->release = host->schema_release;
  buffers[0] = NULL, buffers[1] = values;
  (*a)->length = rows, (*a)->n_buffers = 2, (*a)->buffers = buffers, (*a)->release = host->array_release;
  return 1;
}

/* A panel with `like`'s rows, timestamps and tickers, every value NaN, all in host memory.
 * MOSAIC_ERR_OUT_OF_MEMORY (nothing left allocated) when the host cannot supply it. */
static inline int32_t mosaic_c_new_panel(const mosaic_host* host, const mosaic_c_panel* like, mosaic_c_out_panel* out,
                                         mosaic_error* err) {
  const int64_t n = like->rows, k = like->assets + 1;
  memset(out, 0, sizeof *out);
  out->schema.format = mosaic_c_host_strdup(host, "+s");
  out->schema.name = mosaic_c_host_strdup(host, "");
  out->schema.children = (struct ArrowSchema**)host->alloc(host, (size_t)k * sizeof(void*), 0);
  out->array.children = (struct ArrowArray**)host->alloc(host, (size_t)k * sizeof(void*), 0);
  out->array.buffers = (const void**)host->alloc(host, sizeof(void*), 0);
  out->schema.release = host->schema_release;
  out->array.release = host->array_release;
  out->array.length = n;
  out->array.n_buffers = 1;
  if (out->array.buffers) out->array.buffers[0] = NULL;
  int ok = out->schema.format && out->schema.name && out->schema.children && out->array.children && out->array.buffers;
  for (int64_t c = 0; ok && c < k; ++c) {
    ok = c == 0 ? mosaic_c_new_column(host, "tsn:UTC", "ts", n, sizeof(int64_t), &out->schema.children[0],
                                      &out->array.children[0])
                : mosaic_c_new_column(host, "g", mosaic_c_ticker(like, c - 1), n, sizeof(double),
                                      &out->schema.children[c], &out->array.children[c]);
    if (!ok) break;
    out->schema.n_children = out->array.n_children = c + 1;
    void* values = (void*)out->array.children[c]->buffers[1];
    if (c == 0) memcpy(values, like->ts, (size_t)n * sizeof(int64_t));
    else
      for (int64_t t = 0; t < n; ++t) ((double*)values)[t] = NAN;
  }
  if (!ok) {
    /* The host's release callbacks free whatever part of the tree was built. */
    if (!out->schema.children) out->schema.n_children = 0;
    if (!out->array.children) out->array.n_children = 0;
    out->array.release(&out->array);
    out->schema.release(&out->schema);
    return mosaic_c_fail(err, MOSAIC_ERR_OUT_OF_MEMORY, "the host could not allocate an output panel", NULL);
  }
  return MOSAIC_OK;
}

/* Asset a's values, to write. */
static inline double* mosaic_c_out_column(mosaic_c_out_panel* p, int64_t a) {
  return (double*)p->array.children[a + 1]->buffers[1];
}

/* Hands the panel to the host as `port` with its confidence in [0, 1]. On a refusal the
 * panel is released here and the host's reason is in err; either way it is no longer the
 * caller's. */
static inline int32_t mosaic_c_emit(mosaic_outputs* out, const char* port, mosaic_c_out_panel* p, double confidence,
                                    mosaic_error* err) {
  const int32_t status = out->emit(out, port, &p->schema, &p->array, confidence, err);
  if (status != MOSAIC_OK) {
    if (p->array.release) p->array.release(&p->array);
    if (p->schema.release) p->schema.release(&p->schema);
  }
  return status;
}

/* ---- parameters --------------------------------------------------------------------- */

/* The value of the parameter `name` if it has that type, else NULL. The host passes every
 * declared parameter, validated against its declaration. */
static inline const mosaic_value* mosaic_c_param(const mosaic_param_value* params, uint32_t n, const char* name,
                                                 int32_t type) {
  for (uint32_t i = 0; i < n; ++i)
    if (params[i].name && strcmp(params[i].name, name) == 0)
      return params[i].value.type == type ? &params[i].value : NULL;
  return NULL;
}
static inline int64_t mosaic_c_param_int(const mosaic_param_value* params, uint32_t n, const char* name,
                                         int64_t fallback) {
  const mosaic_value* v = mosaic_c_param(params, n, name, MOSAIC_PARAM_INT);
  return v ? v->i : fallback;
}
static inline double mosaic_c_param_float(const mosaic_param_value* params, uint32_t n, const char* name,
                                          double fallback) {
  const mosaic_value* v = mosaic_c_param(params, n, name, MOSAIC_PARAM_FLOAT);
  return v ? v->f : fallback;
}
static inline int mosaic_c_param_bool(const mosaic_param_value* params, uint32_t n, const char* name, int fallback) {
  const mosaic_value* v = mosaic_c_param(params, n, name, MOSAIC_PARAM_BOOL);
  return v ? v->b != 0 : fallback;
}
/* ENUM and STRING values; borrowed until create returns, so copy what you keep. */
static inline const char* mosaic_c_param_text(const mosaic_param_value* params, uint32_t n, const char* name,
                                              const char* fallback) {
  const mosaic_value* v = mosaic_c_param(params, n, name, MOSAIC_PARAM_ENUM);
  if (!v) v = mosaic_c_param(params, n, name, MOSAIC_PARAM_STRING);
  return v && v->s ? v->s : fallback;
}

/* ---- declarations ------------------------------------------------------------------- */

/* Initialisers for mosaic_param_decl, so a contract's table reads like the C++ one's. */
#define MOSAIC_C_PARAM_INT(name, def, lo, hi, description)                                                        \
  {(name), (description), {MOSAIC_PARAM_INT, 0, (def), 0.0, NULL}, 1, {0}, (lo), (hi), 1.0, NULL, 0, \
   {MOSAIC_PARAM_INT}}
#define MOSAIC_C_PARAM_FLOAT(name, def, lo, hi, step, description)                                                 \
  {(name), (description), {MOSAIC_PARAM_FLOAT, 0, 0, (def), NULL}, 1, {0}, (lo), (hi), (step), NULL, 0, \
   {MOSAIC_PARAM_FLOAT}}
#define MOSAIC_C_PARAM_BOOL(name, def, description) \
  {(name), (description), {MOSAIC_PARAM_BOOL, (def), 0, 0.0, NULL}, 0, {0}, 0.0, 0.0, 0.0, NULL, 0, {MOSAIC_PARAM_BOOL}}

/* ---- instances ---------------------------------------------------------------------- */

static inline int32_t mosaic_c_no_self_test(mosaic_instance* self, mosaic_error* err) {
  (void)self, (void)err;
  return MOSAIC_OK;
}
static inline const void* mosaic_c_no_extension(mosaic_instance* self, const char* id) {
  (void)self, (void)id;
  return NULL;
}
/* Frees the instance and its module_data, both from malloc (mosaic_c_new_instance). */
static inline void mosaic_c_free_instance(mosaic_instance* self) {
  free(self->module_data);
  free(self);
}

/* An instance whose module_data is `state_size` zeroed bytes from malloc (module memory:
 * only outputs must come from the host), with no self-test, no extensions, and a destroy
 * that frees both. NULL when out of memory. */
static inline mosaic_instance* mosaic_c_new_instance(size_t state_size,
                                                     int32_t (*process)(mosaic_instance*, const mosaic_inputs*,
                                                                        mosaic_outputs*, mosaic_error*)) {
  mosaic_instance* inst = (mosaic_instance*)calloc(1, sizeof(mosaic_instance));
  void* state = calloc(1, state_size > 0 ? state_size : 1);
  if (!inst || !state) {
    free(inst), free(state);
    return NULL;
  }
  inst->struct_size = sizeof(mosaic_instance);
  inst->module_data = state;
  inst->process = process;
  inst->self_test = &mosaic_c_no_self_test;
  inst->get_extension = &mosaic_c_no_extension;
  inst->destroy = &mosaic_c_free_instance;
  return inst;
}

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MOSAIC_C_MODULE_H */
