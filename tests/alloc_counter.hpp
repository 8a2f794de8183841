#pragma once
// The test binary replaces the global operator new (alloc_counter.cpp) to count allocations.
namespace bp::test {
long allocation_count();
}
