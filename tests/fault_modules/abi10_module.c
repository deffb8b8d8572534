/* A module as a third party built it against ABI 1.0 (abi_1_0/mosaic/mosaic.h, the header
 * as released): its parameter declarations leave `reserved` at 0 and its contract ends
 * before ABI 1.1's constraints. A host of a later 1.x must read it as it did in 1.0: every
 * parameter a tunable, no declared constraints. */
#include <mosaic/mosaic.h>

#include <stdlib.h>

#if MOSAIC_ABI_MINOR != 0
#error "abi10_module.c must be compiled against the ABI 1.0 header (tests/fault_modules/abi_1_0)"
#endif

static const mosaic_port inputs[] = {{"close", MOSAIC_LAYOUT_PANEL, 1, "closing prices"}};
static const mosaic_port outputs[] = {{"signal.abi10", MOSAIC_LAYOUT_PANEL, 0, "never emitted"}};

static const mosaic_param_decl params[] = {
    {.name = "window",
     .description = "a lookback",
     .default_value = {.type = MOSAIC_PARAM_INT, .i = 20},
     .has_range = 1,
     .reserved = 0,
     .min = 2,
     .max = 40,
     .step = 2},
    {.name = "seed",
     .description = "a seed, which ABI 1.0 could not call a setting",
     .default_value = {.type = MOSAIC_PARAM_INT, .i = 1},
     .has_range = 1,
     .reserved = 0,
     .min = 0,
     .max = 3,
     .step = 1},
};

static const mosaic_contract contract = {
    .struct_size = sizeof(mosaic_contract),
    .role = MOSAIC_ROLE_SIGNAL,
    .id = "test.mosaic.abi10",
    .name = "abi10",
    .version = "1.0.0",
    .description = "test-only module built against ABI 1.0",
    .inputs = inputs,
    .n_inputs = 1,
    .n_outputs = 1,
    .outputs = outputs,
    .params = params,
    .n_params = 2,
    .n_dependencies = 0,
    .dependencies = NULL,
    .sla = {0.0, 0.0},
};

static int32_t abi10_process(mosaic_instance* self, const mosaic_inputs* in, mosaic_outputs* out, mosaic_error* err) {
  (void)self;
  (void)in;
  (void)out;
  (void)err;
  return MOSAIC_OK;
}
static int32_t abi10_self_test(mosaic_instance* self, mosaic_error* err) {
  (void)self;
  (void)err;
  return MOSAIC_OK;
}
static const void* abi10_get_extension(mosaic_instance* self, const char* id) {
  (void)self;
  (void)id;
  return NULL;
}
static void abi10_destroy(mosaic_instance* self) { free(self); }

static int32_t abi10_create(const mosaic_host* host, const mosaic_param_value* p, uint32_t n, mosaic_instance** out,
                            mosaic_error* err) {
  (void)host;
  (void)p;
  (void)n;
  (void)err;
  mosaic_instance* inst = calloc(1, sizeof *inst);
  if (!inst) return MOSAIC_ERR_FAILED;
  inst->struct_size = sizeof *inst;
  inst->process = &abi10_process;
  inst->self_test = &abi10_self_test;
  inst->get_extension = &abi10_get_extension;
  inst->destroy = &abi10_destroy;
  *out = inst;
  return MOSAIC_OK;
}

static const mosaic_factory factories[] = {{sizeof(mosaic_factory), 0, &contract, &abi10_create}};

static int32_t abi10_init(const mosaic_host* host, mosaic_error* err) {
  (void)host;
  (void)err;
  return MOSAIC_OK;
}
static void abi10_deinit(void) {}

MOSAIC_EXPORT const mosaic_module_entry mosaic_entry = {
    .abi_version = {MOSAIC_ABI_MAJOR, MOSAIC_ABI_MINOR, MOSAIC_ABI_PATCH},
    .struct_size = sizeof(mosaic_module_entry),
    .init = &abi10_init,
    .deinit = &abi10_deinit,
    .n_factories = 1,
    .reserved = 0,
    .factories = factories,
};
