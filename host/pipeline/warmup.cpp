#include "host/pipeline/warmup.hpp"

#include <mosaic/arrow.hpp>
#include <mosaic/ext_warmup.h>

#include <cmath>

namespace mosaic::host {

bool last_row_empty(const ArrowSchema* schema, const ArrowArray* array) {
  const PanelView view(schema, array);
  if (view.rows() == 0) return false;
  for (size_t a = 0; a < view.assets(); ++a)
    if (std::isfinite(view.column(a)[view.rows() - 1])) return false;
  return true;
}

std::vector<bool> warmup_outputs(mosaic_instance* instance, const std::vector<PortValue>& emitted,
                                 const ContractInfo& contract) {
  std::vector<bool> warm(emitted.size(), false);
  if (emitted.empty() || !instance->get_extension) return warm;
  const auto* ext = static_cast<const mosaic_ext_warmup*>(instance->get_extension(instance, MOSAIC_EXT_WARMUP_ID));
  if (!ext || ext->struct_size < sizeof(mosaic_ext_warmup) || !ext->is_warmup) return warm;
  for (size_t i = 0; i < emitted.size(); ++i) {
    const PortValue& v = emitted[i];
    const PortInfo* decl = contract.output_for(v.name);
    if (!decl || decl->layout != MOSAIC_LAYOUT_PANEL) continue;
    if (ext->is_warmup(instance, v.name.c_str()) != 1) continue;
    warm[i] = last_row_empty(v.batch->schema(), v.batch->array());
  }
  return warm;
}

}  // namespace mosaic::host
