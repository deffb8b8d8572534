/* A well-formed shared library that is not a Mosaic module: it exports a function, but
 * no mosaic_entry. Built with add_library(MODULE) directly, not mosaic_add_module. */
__attribute__((visibility("default"))) int not_a_mosaic_module(int x);

int not_a_mosaic_module(int x) { return x + 1; }
