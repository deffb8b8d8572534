#include "host/cli/commands.hpp"

int main(int argc, char** argv) { return mosaic::host::cli::run_cli(argc, argv); }
