#include "host/pipeline/reconfigure_in_place.hpp"

#include <mosaic/ext_reconfigure.h>

namespace mosaic::host {

bool reconfigure_in_place(mosaic_instance* instance, const std::vector<BoundParam>& params) {
  if (!instance || !instance->get_extension) return false;
  const auto* ext =
      static_cast<const mosaic_ext_reconfigure*>(instance->get_extension(instance, MOSAIC_EXT_RECONFIGURE_ID));
  if (!ext || ext->struct_size < sizeof(mosaic_ext_reconfigure) || !ext->reconfigure) return false;
  std::vector<mosaic_param_value> c_params;
  c_params.reserve(params.size());
  for (const auto& p : params) c_params.push_back({p.name.c_str(), p.value.to_c()});
  mosaic_error err{};
  return ext->reconfigure(instance, c_params.data(), static_cast<uint32_t>(c_params.size()), &err) == MOSAIC_OK;
}

}  // namespace mosaic::host
