# find_package(MosaicSDK) entry point for module authors.
include(${CMAKE_CURRENT_LIST_DIR}/MosaicSDKTargets.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/MosaicModule.cmake)
