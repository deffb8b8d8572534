// One port's data inside the host: an Arrow schema/array pair it owns, shared by every
// consumer of the port, released when the last one lets go.
#pragma once

#include <mosaic/mosaic.h>

#include <cstdint>
#include <memory>
#include <string>

namespace mosaic::host {

class ArrowBatch {
 public:
  ArrowBatch() = default;
  // Takes the structs over; the sources are marked released.
  ArrowBatch(ArrowSchema* schema, ArrowArray* array) : schema_(*schema), array_(*array) {
    schema->release = nullptr;
    array->release = nullptr;
  }
  ArrowBatch(const ArrowBatch&) = delete;
  ArrowBatch& operator=(const ArrowBatch&) = delete;
  ~ArrowBatch() {
    if (array_.release) array_.release(&array_);
    if (schema_.release) schema_.release(&schema_);
  }
  // Borrowed pointers for passing to a module; the module must not release them.
  ArrowSchema* schema() { return &schema_; }
  ArrowArray* array() { return &array_; }
  const ArrowSchema* schema() const { return &schema_; }
  const ArrowArray* array() const { return &array_; }

 private:
  ArrowSchema schema_{};
  ArrowArray array_{};
};

struct PortValue {
  std::string name;
  std::string producer;  // module name, or "data" for the data source
  std::shared_ptr<ArrowBatch> batch;
  double confidence = 1.0;
  uint64_t key = 0;  // identifies the content for the output cache; 0 = not computed
};

}  // namespace mosaic::host
