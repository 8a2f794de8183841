/* Empty stand-in for the x86 MMX header, used only by the SIMD wasm build.
 * Eigen's SSE path includes <mmintrin.h>; Emscripten 3.1.6 translates SSE..SSE4.1 (xmmintrin.h ..
 * smmintrin.h) to wasm SIMD128 but ships no mmintrin.h, so clang's own x86 header would be found and
 * fail. Eigen uses nothing from it. This directory goes on the include path with -isystem, ahead of
 * clang's resource directory (wasm/CMakeLists.txt). */
#pragma once
