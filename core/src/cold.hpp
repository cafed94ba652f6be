// Function attributes for code size in the wasm build.
#pragma once

// Marks a function that runs only when something is wrong (a diagnostic, a
// refusal): kept out of line and out of the hot paths, and compiled for size
// (clang), so building its message costs the common case neither time nor
// code size.
#if defined(__clang__)
#define NW_COLD [[gnu::noinline, gnu::cold, clang::minsize]]
#else
#define NW_COLD [[gnu::noinline, gnu::cold]]
#endif
