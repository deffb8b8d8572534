/* A module in plain C11 against mosaic.h alone: no SDK helpers, no C++.
 * Compiled per target with:
 *   C_MODULE_NAME   the module's name (a string literal)
 *   C_ABI_MAJOR     the ABI major its entry claims (default MOSAIC_ABI_MAJOR)
 *   C_ABI_MINOR     the ABI minor its entry claims (default MOSAIC_ABI_MINOR)
 *   C_PROCESS_MODE  what process does (default 0):
 *                     0  emits nothing and returns MOSAIC_OK
 *                     1  returns MOSAIC_ERR_FAILED with a message (an error status, no
 *                        exception anywhere)
 *                     2  emits a struct whose release callback is the module's own, which
 *                        the host must refuse: it would outlive the library
 *                     3  emits a struct from the host's allocator that claims children but
 *                        has a NULL children list, which the host must refuse unread
 *                     4  emits structs whose release is NULL (a C author's slip: released
 *                        structs), which the host must refuse naming the fix
 *                     5  emits a tree with the host's release callbacks whose one child
 *                        array struct comes from calloc: host-owned at the root only, which
 *                        mosaic modules check must find
 * With the defaults it is a valid module that reads `close` and emits nothing; the
 * wrong_abi and wrong_minor targets claim ABI versions the host must refuse. */
#include <mosaic/mosaic.h>

#include <stdlib.h>

#ifndef C_MODULE_NAME
#error "compile with -DC_MODULE_NAME=\"<name>\""
#endif
#ifndef C_ABI_MAJOR
#define C_ABI_MAJOR MOSAIC_ABI_MAJOR
#endif
#ifndef C_ABI_MINOR
#define C_ABI_MINOR MOSAIC_ABI_MINOR
#endif
#ifndef C_PROCESS_MODE
#define C_PROCESS_MODE 0
#endif

#include <stdio.h>
#include <string.h>

static const mosaic_port inputs[] = {
    {"close", MOSAIC_LAYOUT_PANEL, 1, "closing prices"},
};
static const mosaic_port outputs[] = {
    {"signal." C_MODULE_NAME, MOSAIC_LAYOUT_PANEL, 0, "emitted only by the faulty modes"},
};

static const mosaic_contract contract = {
    .struct_size = sizeof(mosaic_contract),
    .role = MOSAIC_ROLE_SIGNAL,
    .id = "test.mosaic." C_MODULE_NAME,
    .name = C_MODULE_NAME,
    .version = "1.0.0",
    .description = "test-only module written in C",
    .inputs = inputs,
    .n_inputs = 1,
    .n_outputs = 1,
    .outputs = outputs,
    .params = NULL,
    .n_params = 0,
    .n_dependencies = 0,
    .dependencies = NULL,
    .sla = {0.0, 0.0},
};

static const mosaic_host* g_host = NULL;

static void own_schema_release(struct ArrowSchema* s) { s->release = NULL; }
static void own_array_release(struct ArrowArray* a) { a->release = NULL; }

static int32_t c_process(mosaic_instance* self, const mosaic_inputs* in, mosaic_outputs* out, mosaic_error* err) {
  (void)self;
  (void)in;
  const char* port = "signal." C_MODULE_NAME;
  struct ArrowSchema schema;
  struct ArrowArray array;
  memset(&schema, 0, sizeof schema);
  memset(&array, 0, sizeof array);
  switch (C_PROCESS_MODE) {
    case 1:
      snprintf(err->message, sizeof err->message, "%s", C_MODULE_NAME ": cannot compute (error status)");
      return MOSAIC_ERR_FAILED;
    case 2: {
      schema.format = "+s";
      schema.release = &own_schema_release;
      array.release = &own_array_release;
      int32_t status = out->emit(out, port, &schema, &array, 1.0, err);
      if (status != MOSAIC_OK) {  /* refused: still ours to release */
        if (array.release) array.release(&array);
        if (schema.release) schema.release(&schema);
      }
      return status;
    }
    case 3: {
      char* format = (char*)g_host->alloc(g_host, 3, 0);
      memcpy(format, "+s", 3);
      schema.format = format;
      schema.n_children = 2; /* but no children list */
      schema.release = g_host->schema_release;
      array.n_children = 2;
      array.release = g_host->array_release;
      int32_t status = out->emit(out, port, &schema, &array, 1.0, err);
      if (status != MOSAIC_OK) g_host->free(g_host, format); /* refused: free by hand, the tree is bogus */
      return status;
    }
    case 4: {
      schema.format = "+s";
      return out->emit(out, port, &schema, &array, 1.0, err);
    }
    case 5: {
      const mosaic_host* h = g_host;
      char* format = (char*)h->alloc(h, 3, 0);
      memcpy(format, "+s", 3);
      struct ArrowSchema** schema_children = (struct ArrowSchema**)h->alloc(h, sizeof(void*), 0);
      struct ArrowArray** array_children = (struct ArrowArray**)h->alloc(h, sizeof(void*), 0);
      struct ArrowSchema* child_schema = (struct ArrowSchema*)h->alloc(h, sizeof(struct ArrowSchema), 0);
      struct ArrowArray* child_array = (struct ArrowArray*)calloc(1, sizeof(struct ArrowArray)); /* the fault */
      char* child_format = (char*)h->alloc(h, 2, 0);
      memcpy(child_format, "n", 2); /* a null-type child: no buffers */
      memset(child_schema, 0, sizeof *child_schema);
      child_schema->format = child_format;
      child_schema->release = h->schema_release;
      child_array->release = h->array_release;
      schema_children[0] = child_schema;
      array_children[0] = child_array;
      schema.format = format;
      schema.n_children = 1;
      schema.children = schema_children;
      schema.release = h->schema_release;
      array.n_children = 1;
      array.children = array_children;
      array.release = h->array_release;
      int32_t status = out->emit(out, port, &schema, &array, 1.0, err);
      if (status != MOSAIC_OK) { /* refused: still ours; the host's callbacks free the tree */
        array.release(&array);
        schema.release(&schema);
      }
      return status;
    }
    default:
      return MOSAIC_OK;
  }
}

static int32_t c_self_test(mosaic_instance* self, mosaic_error* err) {
  (void)self;
  (void)err;
  return MOSAIC_OK;
}

static const void* c_get_extension(mosaic_instance* self, const char* id) {
  (void)self;
  (void)id;
  return NULL;
}

static void c_destroy(mosaic_instance* self) { free(self); }

static int32_t c_create(const mosaic_host* host, const mosaic_param_value* params, uint32_t n_params,
                        mosaic_instance** out, mosaic_error* err) {
  (void)host;
  (void)params;
  (void)n_params;
  (void)err;
  mosaic_instance* inst = (mosaic_instance*)calloc(1, sizeof(mosaic_instance));
  if (!inst) return MOSAIC_ERR_OUT_OF_MEMORY;
  inst->struct_size = sizeof(mosaic_instance);
  inst->process = &c_process;
  inst->self_test = &c_self_test;
  inst->get_extension = &c_get_extension;
  inst->destroy = &c_destroy;
  *out = inst;
  return MOSAIC_OK;
}

static const mosaic_factory factories[] = {
    {sizeof(mosaic_factory), 0, &contract, &c_create},
};

static int32_t c_init(const mosaic_host* host, mosaic_error* err) {
  (void)err;
  g_host = host;
  return MOSAIC_OK;
}

static void c_deinit(void) {}

MOSAIC_EXPORT const mosaic_module_entry mosaic_entry = {
    .abi_version = {C_ABI_MAJOR, C_ABI_MINOR, MOSAIC_ABI_PATCH},
    .struct_size = sizeof(mosaic_module_entry),
    .init = &c_init,
    .deinit = &c_deinit,
    .n_factories = 1,
    .reserved = 0,
    .factories = factories,
};
