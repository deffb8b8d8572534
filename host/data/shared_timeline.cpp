#include "host/data/shared_timeline.hpp"

#include "host/data/arrow_memory.hpp"

#include <cstring>
#include <new>
#include <string_view>

namespace mosaic::host {
namespace {

using Hold = std::shared_ptr<ArrowBatch>;

char* copy_string(std::string_view s) {
  auto* p = static_cast<char*>(arrow_alloc(s.size() + 1, 0));
  if (!p) throw std::bad_alloc();
  std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  return p;
}

template <class T>
T* zeroed() {
  auto* p = static_cast<T*>(arrow_alloc(sizeof(T), 0));
  if (!p) throw std::bad_alloc();
  std::memset(static_cast<void*>(p), 0, sizeof(T));
  return p;
}

}  // namespace

bool share_timeline(const std::shared_ptr<ArrowBatch>& panel, ArrowSchema** schema, ArrowArray** array) {
  const ArrowSchema* s = panel ? panel->schema() : nullptr;
  const ArrowArray* a = panel ? panel->array() : nullptr;
  if (!s || !a || !s->format || std::string_view(s->format) != "+s" || s->n_children < 1 || a->n_children < 1)
    return false;
  const ArrowSchema* ts_schema = s->children[0];
  const ArrowArray* ts = a->children[0];
  if (!ts_schema || !ts || !ts_schema->format || std::strncmp(ts_schema->format, "tsn:", 4) != 0 ||
      ts->n_buffers != 2 || !ts->buffers || !ts->buffers[1])
    return false;

  // Each block hangs from a struct whose release frees it as soon as it exists.
  ArrowSchema* out_schema = zeroed<ArrowSchema>();
  out_schema->release = &release_schema;
  ArrowArray* out = nullptr;
  try {
    out_schema->format = copy_string(ts_schema->format);
    out_schema->name = copy_string("ts");
    out = zeroed<ArrowArray>();
    out->release = &release_shared_column;
    auto** buffers = static_cast<const void**>(arrow_alloc(2 * sizeof(void*), 0));
    if (!buffers) throw std::bad_alloc();
    buffers[0] = ts->buffers[0];
    buffers[1] = ts->buffers[1];
    out->buffers = buffers;
    out->n_buffers = 2;
    out->private_data = new Hold(panel);
  } catch (...) {
    if (out) {
      out->release(out);
      arrow_free(out);
    }
    out_schema->release(out_schema);
    arrow_free(out_schema);
    throw;
  }
  out->length = a->length;
  out->offset = ts->offset + a->offset;  // the panel's rows are its ts column's from there
  out->null_count = ts->null_count == 0 ? 0 : -1;  // a slice's count is not known
  *schema = out_schema;
  *array = out;
  return true;
}

void release_shared_column(ArrowArray* array) {
  if (!array || !array->release) return;
  arrow_free(static_cast<void*>(array->buffers));
  delete static_cast<Hold*>(array->private_data);
  array->release = nullptr;
}

}  // namespace mosaic::host
