/*
 * mosaic.h: the stable C ABI between the Mosaic host and its modules.
 *
 * A module library exports exactly one symbol, `mosaic_entry`, a const struct that the
 * host can read without calling into the library. Everything a module offers hangs off
 * that struct; everything the host offers arrives through `mosaic_host`.
 *
 * Compatibility rules:
 *   - The host accepts a library whose abi_version.major equals MOSAIC_ABI_MAJOR and whose
 *     abi_version.minor is at most MOSAIC_ABI_MINOR.
 *   - Released structs are frozen. Structs that carry `struct_size` may grow at the end
 *     only; a reader checks struct_size before touching a member added later. Structs
 *     without struct_size (mosaic_version, mosaic_port, mosaic_value, mosaic_param_decl,
 *     mosaic_dependency, mosaic_sla, mosaic_port_data, mosaic_param_value) are laid out in
 *     arrays and never change within ABI major 1: anything new for them arrives as a new
 *     struct reached through an extension or a new member of a sized struct.
 *   - New capabilities arrive as extensions, looked up by string id with get_extension,
 *     for example "mosaic.ext.state/1".
 *   - Nothing C++ crosses this boundary: no exceptions, no RTTI, no std types.
 *
 * Every function carries two tags:
 *   [lifetime] who owns what it takes and returns, and for how long;
 *   [thread]   which thread may call it and what may run at the same time.
 *
 * Data crosses as Arrow C Data Interface structs (ArrowSchema / ArrowArray), as the Arrow
 * columnar format specification defines them.
 *
 * This header is C11 and C++ clean.
 */
#ifndef MOSAIC_MOSAIC_H
#define MOSAIC_MOSAIC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MOSAIC_ABI_MAJOR 1
#define MOSAIC_ABI_MINOR 1
#define MOSAIC_ABI_PATCH 0

/* The one symbol a module library exports. */
#define MOSAIC_ENTRY_SYMBOL "mosaic_entry"

#if defined(_WIN32)
#define MOSAIC_EXPORT __declspec(dllexport)
#else
#define MOSAIC_EXPORT __attribute__((visibility("default")))
#endif

/* ---------------------------------------------------------------------------------------
 * Arrow C Data Interface. The definitions are the ones the Arrow specification fixes; the
 * guard lets this header coexist with any other copy of them.
 * ------------------------------------------------------------------------------------- */
#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE

#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4

struct ArrowSchema {
  const char* format;
  const char* name;
  const char* metadata;
  int64_t flags;
  int64_t n_children;
  struct ArrowSchema** children;
  struct ArrowSchema* dictionary;
  void (*release)(struct ArrowSchema*);
  void* private_data;
};

struct ArrowArray {
  int64_t length;
  int64_t null_count;
  int64_t offset;
  int64_t n_buffers;
  int64_t n_children;
  const void** buffers;
  struct ArrowArray** children;
  struct ArrowArray* dictionary;
  void (*release)(struct ArrowArray*);
  void* private_data;
};

#endif /* ARROW_C_DATA_INTERFACE */

/* ---------------------------------------------------------------------------------------
 * Basic types
 * ------------------------------------------------------------------------------------- */

typedef struct mosaic_version {
  uint32_t major;
  uint32_t minor;
  uint32_t patch;
} mosaic_version;

/* Every call returns an int32_t status: MOSAIC_OK or one of these negative values. */
typedef enum mosaic_status {
  MOSAIC_OK = 0,
  MOSAIC_ERR_FAILED = -1,          /* generic failure; the error text says more */
  MOSAIC_ERR_INVALID_ARGUMENT = -2, /* a parameter or argument the callee cannot accept */
  MOSAIC_ERR_MISSING_INPUT = -3,   /* a required input port was absent */
  MOSAIC_ERR_BAD_INPUT = -4,       /* an input had the wrong layout or shape */
  MOSAIC_ERR_OUT_OF_MEMORY = -5,
  MOSAIC_ERR_UNSUPPORTED = -6,     /* the callee does not offer this */
  MOSAIC_ERR_SELF_TEST = -7,       /* self_test found a wrong value */
  MOSAIC_ERR_EXCEPTION = -8,       /* a C++ exception was caught at the boundary */
  MOSAIC_ERR_ABI = -9              /* version or struct_size mismatch */
} mosaic_status;

/* Error text. The caller owns the buffer and passes it in; the callee writes a
 * NUL-terminated message, truncated to fit, and only when it returns an error. */
#define MOSAIC_ERROR_MESSAGE_SIZE 1024
typedef struct mosaic_error {
  char message[MOSAIC_ERROR_MESSAGE_SIZE];
} mosaic_error;

typedef enum mosaic_log_level {
  MOSAIC_LOG_DEBUG = 0,
  MOSAIC_LOG_INFO = 1,
  MOSAIC_LOG_WARN = 2,
  MOSAIC_LOG_ERROR = 3
} mosaic_log_level;

/* ---------------------------------------------------------------------------------------
 * Host services. The host owns this table; it is valid from init until deinit returns.
 * Append-only: a module checks struct_size before using a member added after 1.0.
 * ------------------------------------------------------------------------------------- */
typedef struct mosaic_host mosaic_host;
struct mosaic_host {
  uint32_t struct_size;
  mosaic_version abi_version; /* the host's ABI version */
  void* host_data;            /* opaque to modules */

  /* Writes one line to the host's log.
   * [lifetime] module and message are borrowed until the call returns.
   * [thread]   any thread, concurrently. */
  void (*log)(const mosaic_host* host, int32_t level, const char* module, const char* message);

  /* Allocates size bytes aligned to `alignment` (a power of two; 0 means 64, Arrow's
   * recommended alignment). Returns NULL when out of memory.
   * Output buffers must come from here: their release callbacks live in the host, so they
   * stay valid after the module's library is unloaded.
   * [lifetime] the block belongs to whoever holds it until passed to free or to an Arrow
   *            struct whose release is array_release / schema_release.
   * [thread]   any thread, concurrently. */
  void* (*alloc)(const mosaic_host* host, size_t size, size_t alignment);

  /* Frees a block from alloc. NULL is ignored.
   * [lifetime] ptr must come from this host's alloc; it is invalid afterwards.
   * [thread]   any thread, concurrently. */
  void (*free)(const mosaic_host* host, void* ptr);

  /* Monotonic clock in nanoseconds.
   * [lifetime] nothing is retained.
   * [thread]   any thread, concurrently. */
  int64_t (*now_ns)(const mosaic_host* host);

  /* Looks up a host extension by id; NULL when the host does not offer it.
   * [lifetime] the returned table is owned by the host, valid until deinit.
   * [thread]   any thread, concurrently. */
  const void* (*get_extension)(const mosaic_host* host, const char* id);

  /* Release callbacks a module installs in the Arrow structs it emits. They expect every
   * block of the struct tree (the struct itself excepted for the base, as the Arrow spec
   * says: the consumer owns the base struct) to come from alloc, laid out as:
   *   array:  buffers (pointer array) and each non-NULL buffer; children (pointer array),
   *           each child struct and, recursively, its own blocks; private_data unused.
   *   schema: format, name and metadata strings; children as for arrays.
   * [lifetime] after the call the struct is marked released (release = NULL).
   * [thread]   any thread, but not concurrently on the same struct. */
  void (*array_release)(struct ArrowArray* array);
  void (*schema_release)(struct ArrowSchema* schema);
};

/* ---------------------------------------------------------------------------------------
 * The contract. Plain data, readable without calling into the module. All pointers point
 * into the module's static storage and stay valid while its library is loaded.
 * ------------------------------------------------------------------------------------- */

typedef enum mosaic_role {
  MOSAIC_ROLE_SOURCE = 1,
  MOSAIC_ROLE_SIGNAL = 2,
  MOSAIC_ROLE_REGIME = 3,
  MOSAIC_ROLE_PORTFOLIO = 4,
  MOSAIC_ROLE_RISK = 5
} mosaic_role;

/* PANEL: a struct array; child 0 is `ts` (format "tsn:UTC", int64 ns since the epoch),
 * then one float64 ("g") child per asset, named by its ticker, in universe order; NaN
 * means missing. A panel holding one figure for the whole market or portfolio has a single
 * float64 child named "market" or "portfolio" instead. TABLE: a struct array with any
 * columns. */
typedef enum mosaic_layout {
  MOSAIC_LAYOUT_PANEL = 1,
  MOSAIC_LAYOUT_TABLE = 2
} mosaic_layout;

/* A port name ending in ".*" is a pattern: as an output it declares a family the module
 * may emit (chosen by its parameters, e.g. "technical.*"); as an input it takes every
 * port of that family that upstream modules produce. */
typedef struct mosaic_port {
  const char* name;
  int32_t layout;   /* mosaic_layout */
  int32_t required; /* inputs only: 1 if the module cannot run without it */
  const char* description;
} mosaic_port;

typedef enum mosaic_param_type {
  MOSAIC_PARAM_INT = 1,
  MOSAIC_PARAM_FLOAT = 2,
  MOSAIC_PARAM_BOOL = 3,
  MOSAIC_PARAM_ENUM = 4,
  MOSAIC_PARAM_STRING = 5
} mosaic_param_type;

/* A typed value; only the member that `type` selects is meaningful.
 * ENUM and STRING use `s`. */
typedef struct mosaic_value {
  int32_t type; /* mosaic_param_type */
  int32_t b;
  int64_t i;
  double f;
  const char* s;
} mosaic_value;

/* What a parameter is to the optimizer (mosaic_param_decl.flags, ABI 1.1). A parameter
 * without flags is a tunable: a strategy knob the optimizer searches by default. */
typedef enum mosaic_param_flags {
  /* A setting (numerics, a seed, a calendar, an output choice): never searched unless the
   * config's [optimize.space.<module>] names it. */
  MOSAIC_PARAM_SETTING = 1,
  /* A STRING parameter whose comma-separated items each begin with a name N (up to an
   * optional ':'), naming the port "X.N" of one of the module's pattern inputs "X.*" (or the
   * port itself, "X.N"). The host refuses a config in which an N names no port that the
   * pipeline's modules declare, naming the ports there are: a misspelt source is an error,
   * not a silent default (ABI 1.1). */
  MOSAIC_PARAM_NAMES_PORTS = 2
} mosaic_param_flags;

typedef struct mosaic_param_decl {
  const char* name;
  const char* description;
  mosaic_value default_value;
  /* INT and FLOAT: the inclusive range and the optimizer's step (0 = continuous). */
  int32_t has_range;
  /* mosaic_param_flags, ABI 1.1. It was `reserved` in ABI 1.0, which modules left at 0
   * (a tunable), so a 1.0 module keeps its meaning and its source still compiles. */
  union {
    int32_t flags;
    int32_t reserved;
  };
  double min;
  double max;
  double step;
  /* ENUM: the allowed values. */
  const char* const* choices;
  uint32_t n_choices;
  /* The parameter's type, a mosaic_param_type, ABI 1.1. It was `reserved2` in ABI 1.0,
   * which modules left at 0: 0 still means "the type of default_value", so a 1.0 module
   * keeps its meaning. A nonzero type must equal default_value.type; the host refuses a
   * contract where they differ, which catches a default written in the wrong member. */
  union {
    uint32_t type;
    uint32_t reserved2;
  };
} mosaic_param_decl;

typedef struct mosaic_dependency {
  const char* module; /* the depended-on module's name */
  const char* range;  /* a semver range, e.g. "^1.2", ">=1.2 <2" */
} mosaic_dependency;

typedef struct mosaic_sla {
  double max_latency_ms; /* 0 = no latency limit */
  double min_confidence; /* 0 = no confidence floor */
} mosaic_sla;

typedef struct mosaic_contract {
  uint32_t struct_size;
  int32_t role; /* mosaic_role */
  const char* id;          /* stable identifier, e.g. "org.mosaic.technical" */
  const char* name;        /* unique name in a pipeline, e.g. "technical" */
  const char* version;     /* semver 2.0.0 */
  const char* description;
  const mosaic_port* inputs;
  uint32_t n_inputs;
  uint32_t n_outputs;
  const mosaic_port* outputs;
  const mosaic_param_decl* params;
  uint32_t n_params;
  uint32_t n_dependencies;
  const mosaic_dependency* dependencies;
  mosaic_sla sla;
  /* ABI 1.1; the host reads them only when struct_size covers them. Relations among this
   * module's own parameters that every valid configuration keeps, written as
   * "LEFT OP RIGHT" with OP one of <, <=, >, >= and each side a numeric parameter's name
   * or a number, e.g. "fast < slow". The optimizer never proposes a configuration that
   * breaks one. */
  const char* const* constraints;
  uint32_t n_constraints;
  uint32_t reserved2;
} mosaic_contract;

/* ---------------------------------------------------------------------------------------
 * Processing
 * ------------------------------------------------------------------------------------- */

/* One input port's data, read-only for the module. */
typedef struct mosaic_port_data {
  const char* name;
  const struct ArrowSchema* schema;
  const struct ArrowArray* array;
  double confidence; /* in [0, 1] */
} mosaic_port_data;

/* The inputs of one process call, every one the host could supply.
 * [lifetime] everything is borrowed until process returns; the module must not release
 *            or keep any of it. */
typedef struct mosaic_inputs {
  uint32_t struct_size;
  uint32_t n_ports;
  const mosaic_port_data* ports;
} mosaic_inputs;

/* Where a module puts its outputs. */
typedef struct mosaic_outputs mosaic_outputs;
struct mosaic_outputs {
  uint32_t struct_size;
  uint32_t reserved;
  void* host_data; /* opaque to modules */

  /* Hands one output port to the host. The port name must match a declared output (or a
   * declared ".*" pattern). On MOSAIC_OK the host has moved the structs: it owns them and
   * has marked the module's copies released. On an error the module still owns them.
   * [lifetime] port is borrowed until the call returns.
   * [thread]   only from inside the process call that received this table. */
  int32_t (*emit)(mosaic_outputs* self, const char* port, struct ArrowSchema* schema,
                  struct ArrowArray* array, double confidence, mosaic_error* err);
};

/* A parameter value the host has validated against the declaration of the same name.
 * Every declared parameter is present, in declaration order. */
typedef struct mosaic_param_value {
  const char* name;
  mosaic_value value;
} mosaic_param_value;

/* An instance of a module. The module allocates it in create and frees it in destroy. */
typedef struct mosaic_instance mosaic_instance;
struct mosaic_instance {
  uint32_t struct_size;
  uint32_t reserved;
  void* module_data; /* opaque to the host */

  /* Computes the outputs from the inputs, emitting each through `outputs`.
   * [lifetime] inputs borrowed until return; emitted structs move to the host.
   * [thread]   one call at a time per instance; distinct instances may run concurrently
   *            on different threads. */
  int32_t (*process)(mosaic_instance* self, const mosaic_inputs* inputs,
                     mosaic_outputs* outputs, mosaic_error* err);

  /* Checks the module's own computations against known values. MOSAIC_OK when all pass;
   * otherwise MOSAIC_ERR_SELF_TEST with the first wrong value described in err.
   * [lifetime] err is caller-owned; nothing is retained.
   * [thread]   as process. */
  int32_t (*self_test)(mosaic_instance* self, mosaic_error* err);

  /* Looks up an instance extension by id, e.g. "mosaic.ext.state/1"; NULL if absent.
   * [lifetime] the table is owned by the module, valid until destroy.
   * [thread]   as process. */
  const void* (*get_extension)(mosaic_instance* self, const char* id);

  /* Frees the instance. The pointer is invalid afterwards; outputs it emitted earlier
   * belong to the host and stay valid.
   * [lifetime] the library stays loaded until every instance is destroyed.
   * [thread]   as process; never while another call on the instance runs. */
  void (*destroy)(mosaic_instance* self);
};

/* Makes instances of one module. */
typedef struct mosaic_factory {
  uint32_t struct_size;
  uint32_t reserved;
  const mosaic_contract* contract;

  /* Creates an instance with validated parameters.
   * [lifetime] host must outlive the instance; params are borrowed until return; on
   *            MOSAIC_OK *out is owned by the caller, who frees it with destroy.
   * [thread]   any thread, concurrently (instances share no mutable state). */
  int32_t (*create)(const mosaic_host* host, const mosaic_param_value* params,
                    uint32_t n_params, mosaic_instance** out, mosaic_error* err);
} mosaic_factory;

/* The library's one export, under the symbol name MOSAIC_ENTRY_SYMBOL:
 *   MOSAIC_EXPORT const mosaic_module_entry mosaic_entry = { ... };
 * [lifetime] static storage of the library, valid while it is loaded. */
typedef struct mosaic_module_entry {
  mosaic_version abi_version; /* MOSAIC_ABI_* the library was built with; read first */
  uint32_t struct_size;

  /* Called once after the library is opened, before any factory is used.
   * [lifetime] host is valid until deinit returns.
   * [thread]   the host's loading thread; nothing else runs in the library. */
  int32_t (*init)(const mosaic_host* host, mosaic_error* err);

  /* Called once before the library is closed, after every instance is destroyed.
   * [lifetime] the host table passed to init is invalid once deinit returns.
   * [thread]   the host's loading thread. */
  void (*deinit)(void);

  uint32_t n_factories;
  uint32_t reserved;
  const mosaic_factory* factories; /* static storage of the library */
} mosaic_module_entry;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MOSAIC_MOSAIC_H */
