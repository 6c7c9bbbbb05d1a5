#ifndef REMINDD_FUZZ_DRIVER_H
#define REMINDD_FUZZ_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (in the runtime that -sanitize=fuzzer links): parses the libFuzzer flags in
/// argv and calls `callback` once per input. Each fuzz target's `main` hands over to it.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
