// Force-included (-include) into every translation unit of the SIMD wasm build, before anything else.
//
// With -fgnuc-version=6.3 (needed so Eigen's pmin/pmax for Packet4f/Packet2d take the intrinsic
// path instead of x86 inline asm), Eigen's GEBP kernel enables register-allocation hints of the form
// `__asm__("" : "+x,m"(A0))` (EIGEN_GNUC_AT_LEAST(6,0) && EIGEN_VECTORIZE_SSE). They are empty
// statements that wasm cannot compile, so they are removed here, for Eigen/Core only.
//
// Do not extend this to the pmin/pmax asm by lowering the GNUC version instead: that asm pre-loads
// its result register, so an emptied statement silently returns the wrong operand (wrong ReLU).
// Consequence of including Eigen/Core first: Eigen configuration macros (EIGEN_*) must be given as
// compile definitions, not #defined in a source file.
#pragma once
#define __asm__(...)
#include <Eigen/Core>
#undef __asm__
