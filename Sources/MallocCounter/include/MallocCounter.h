#ifndef MONOCLOUD_MALLOC_COUNTER_H
#define MONOCLOUD_MALLOC_COUNTER_H

/// Number of heap allocations (malloc, calloc, realloc, aligned allocations) made by this
/// process so far, counted by interposing the allocator. Only the benchmark links this.
/// Returns 0 forever where interposition is not supported (non-glibc platforms).
unsigned long monocloud_allocation_count(void);

/// 1 when allocations are really being counted on this platform, else 0.
int monocloud_allocation_counting_supported(void);

#endif
