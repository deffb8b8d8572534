# mosaic_add_module(<target> <sources>... [OUTPUT_DIRECTORY dir])
#
# Builds a Mosaic module: a MODULE library named <target>.so that exports only
# `mosaic_entry`. The flags are what let the host unload and reload it safely:
#   -fvisibility=hidden    nothing leaks by accident
#   -fno-gnu-unique        a GNU-unique symbol would make dlclose a no-op, so a reload
#                          would keep running the old code
#   version script         exports mosaic_entry only (and hides GNU-unique symbols too)
#   -Wl,-z,defs            undefined symbols fail the link, not the dlopen
# Cached so that every directory of the project sees it, not only the one that included this.
set(MOSAIC_MODULE_VERSION_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/mosaic_module.map CACHE INTERNAL "")

function(mosaic_add_module target)
  cmake_parse_arguments(ARG "" "OUTPUT_DIRECTORY" "" ${ARGN})
  add_library(${target} MODULE ${ARG_UNPARSED_ARGUMENTS})
  mosaic_module_flags(${target})
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIRECTORY})
  elseif(DEFINED MOSAIC_PLUGIN_OUTPUT_DIR)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${MOSAIC_PLUGIN_OUTPUT_DIR})
  endif()
  # The host refuses a library that group or others can write to; under a umask such as
  # 002 the linker would leave it so.
  add_custom_command(TARGET ${target} POST_BUILD COMMAND chmod go-w $<TARGET_FILE:${target}> VERBATIM)
endfunction()

# The same flags, for static helper libraries that a module links in.
function(mosaic_module_flags target)
  target_link_libraries(${target} PRIVATE MosaicSDK::sdk)
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    POSITION_INDEPENDENT_CODE ON)
  target_compile_options(${target} PRIVATE $<$<COMPILE_LANG_AND_ID:CXX,GNU>:-fno-gnu-unique>)
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "MODULE_LIBRARY" OR type STREQUAL "SHARED_LIBRARY")
    target_link_options(${target} PRIVATE
      "LINKER:--version-script=${MOSAIC_MODULE_VERSION_SCRIPT}" "LINKER:-z,defs")
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${MOSAIC_MODULE_VERSION_SCRIPT})
  endif()
endfunction()
