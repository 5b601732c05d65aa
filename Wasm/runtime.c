// The whole runtime of the MonoCloud WebAssembly module: a heap allocator and the four
// memory functions. The module imports nothing (no WASI), so everything the Embedded Swift
// runtime links against is defined here.
//
// Allocator: power-of-two size classes with one free list per class. Blocks are never split
// or merged, so a steady workload (the same validation repeated) reuses the same blocks and
// linear memory stops growing after warm-up. Fresh blocks come from a bump pointer that
// starts at __heap_base and grows memory with memory.grow when needed.
//
// Build: clang --target=wasm32 -O2 -ffreestanding -fno-builtin -nostdlib -c runtime.c

typedef __SIZE_TYPE__ size_t;
typedef __UINTPTR_TYPE__ uintptr_t;
typedef unsigned char uint8_t;
typedef unsigned int uint32_t;

extern unsigned char __heap_base;

#define PAGE_SIZE 65536u
#define MIN_CLASS 4u   // 16-byte blocks
#define MAX_CLASS 31u  // 2 GiB, more than wasm32 can ever give
#define HEADER 16u     // keeps user pointers 16-byte aligned

// Header just before every user pointer: the block's class and the distance from the block
// start to the user pointer (non-zero only for over-aligned allocations).
typedef struct {
  uint32_t offset;
  uint32_t size_class;
  uint32_t magic;
  uint32_t unused;
} header_t;

#define MAGIC 0x4d43a110u

typedef struct free_block {
  struct free_block *next;
} free_block_t;

static free_block_t *free_lists[MAX_CLASS + 1];
static uintptr_t bump_next;
static uintptr_t bump_end;
// Bytes in blocks handed out and not yet freed (whole blocks, headers included), for leak tests.
static size_t heap_in_use;
// Allocations made so far (every successful malloc, calloc, realloc, aligned allocation), for
// the benchmark's allocations per validation.
static size_t allocation_count;

static uintptr_t align_up(uintptr_t value, uintptr_t alignment) {
  return (value + alignment - 1) & ~(alignment - 1);
}

// A fresh block of 2^size_class bytes from the bump region, or 0 when memory cannot grow.
static uintptr_t bump_allocate(uint32_t size_class) {
  uintptr_t size = (uintptr_t)1 << size_class;
  if (bump_next == 0) {
    bump_next = align_up((uintptr_t)&__heap_base, HEADER);
    bump_end = (uintptr_t)__builtin_wasm_memory_size(0) * PAGE_SIZE;
  }
  if (bump_end - bump_next < size) {
    uintptr_t missing = size - (bump_end - bump_next);
    uintptr_t pages = (missing + PAGE_SIZE - 1) / PAGE_SIZE;
    if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1) return 0;
    bump_end += pages * PAGE_SIZE;
  }
  uintptr_t block = bump_next;
  bump_next += size;
  return block;
}

static void *allocate(size_t size, size_t alignment) {
  if (alignment < HEADER) alignment = HEADER;
  if ((alignment & (alignment - 1)) != 0) return 0;
  // Room for the header and, when over-aligned, for moving the user pointer forward.
  size_t extra = HEADER + (alignment > HEADER ? alignment - HEADER : 0);
  if (size > ((size_t)1 << MAX_CLASS) - extra) return 0;
  size_t needed = size + extra;
  uint32_t size_class = MIN_CLASS;
  while (((size_t)1 << size_class) < needed) size_class++;

  uintptr_t block;
  free_block_t *reused = free_lists[size_class];
  if (reused) {
    free_lists[size_class] = reused->next;
    block = (uintptr_t)reused;
  } else {
    block = bump_allocate(size_class);
    if (block == 0) return 0;
  }
  uintptr_t user = align_up(block + HEADER, alignment);
  header_t *header = (header_t *)(user - HEADER);
  header->offset = (uint32_t)(user - block);
  header->size_class = size_class;
  header->magic = MAGIC;
  heap_in_use += (size_t)1 << size_class;
  allocation_count++;
  return (void *)user;
}

void *malloc(size_t size) { return allocate(size, HEADER); }

// The allocator's bytes in use. Exported only by the test build (Scripts/build-wasm.sh
// --heap-counter), so the shipped module's exports stay exactly the C ABI.
size_t mc_heap_in_use(void) { return heap_in_use; }

// The number of allocations so far; exported only by the test build, like mc_heap_in_use.
size_t mc_heap_allocations(void) { return allocation_count; }

int posix_memalign(void **result, size_t alignment, size_t size) {
  void *pointer = allocate(size, alignment);
  if (!pointer) return 12;  // ENOMEM
  *result = pointer;
  return 0;
}

void *aligned_alloc(size_t alignment, size_t size) { return allocate(size, alignment); }

void free(void *pointer) {
  if (!pointer) return;
  header_t *header = (header_t *)((uintptr_t)pointer - HEADER);
  if (header->magic != MAGIC || header->size_class < MIN_CLASS || header->size_class > MAX_CLASS) {
    __builtin_trap();  // double free or a foreign pointer: stop rather than corrupt the heap
  }
  uint32_t size_class = header->size_class;
  header->magic = 0;
  heap_in_use -= (size_t)1 << size_class;
  free_block_t *block = (free_block_t *)((uintptr_t)pointer - header->offset);
  block->next = free_lists[size_class];
  free_lists[size_class] = block;
}

void *calloc(size_t count, size_t size) {
  if (size != 0 && count > (size_t)-1 / size) return 0;
  uint8_t *pointer = malloc(count * size);
  if (pointer) {
    for (size_t i = 0; i < count * size; i++) pointer[i] = 0;
  }
  return pointer;
}

void *realloc(void *pointer, size_t size) {
  if (!pointer) return malloc(size);
  header_t *header = (header_t *)((uintptr_t)pointer - HEADER);
  size_t capacity = ((size_t)1 << header->size_class) - header->offset;
  if (size <= capacity) return pointer;
  uint8_t *fresh = malloc(size);
  if (!fresh) return 0;
  for (size_t i = 0; i < capacity; i++) fresh[i] = ((uint8_t *)pointer)[i];
  free(pointer);
  return fresh;
}

// Memory functions. -fno-builtin keeps clang from turning these loops back into calls to
// themselves; word-sized steps when both pointers are aligned.

void *memcpy(void *destination, const void *source, size_t count) {
  uint8_t *d = destination;
  const uint8_t *s = source;
  if ((((uintptr_t)d | (uintptr_t)s) & 3) == 0) {
    for (; count >= 4; count -= 4, d += 4, s += 4) *(uint32_t *)d = *(const uint32_t *)s;
  }
  for (; count > 0; count--) *d++ = *s++;
  return destination;
}

void *memmove(void *destination, const void *source, size_t count) {
  uint8_t *d = destination;
  const uint8_t *s = source;
  if (d == s || count == 0) return destination;
  if ((uintptr_t)d < (uintptr_t)s || (uintptr_t)d >= (uintptr_t)s + count) {
    return memcpy(destination, source, count);
  }
  // Overlapping with the destination after the source: copy backwards.
  d += count;
  s += count;
  while (count--) *--d = *--s;
  return destination;
}

void *memset(void *destination, int value, size_t count) {
  uint8_t *d = destination;
  uint8_t byte = (uint8_t)value;
  if (((uintptr_t)d & 3) == 0) {
    uint32_t word = byte * 0x01010101u;
    for (; count >= 4; count -= 4, d += 4) *(uint32_t *)d = word;
  }
  for (; count > 0; count--) *d++ = byte;
  return destination;
}

int memcmp(const void *left, const void *right, size_t count) {
  const uint8_t *l = left;
  const uint8_t *r = right;
  for (size_t i = 0; i < count; i++) {
    if (l[i] != r[i]) return l[i] < r[i] ? -1 : 1;
  }
  return 0;
}

// 128-bit multiplication (compiler-rt's __multi3), used for UInt64.multipliedFullWidth: wasm32
// has a 64-bit multiply but no high half. Four 32x32->64 products, schoolbook.
typedef unsigned long long uint64_t;
typedef unsigned __int128 uint128_t;

__int128 __multi3(__int128 a, __int128 b) {
  uint64_t a_low = (uint64_t)a, a_high = (uint64_t)((uint128_t)a >> 64);
  uint64_t b_low = (uint64_t)b, b_high = (uint64_t)((uint128_t)b >> 64);
  uint64_t a0 = a_low & 0xffffffffu, a1 = a_low >> 32;
  uint64_t b0 = b_low & 0xffffffffu, b1 = b_low >> 32;
  uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  uint64_t middle = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
  uint64_t low = (p00 & 0xffffffffu) | (middle << 32);
  uint64_t high = p11 + (p01 >> 32) + (p10 >> 32) + (middle >> 32);
  high += a_low * b_high + a_high * b_low;  // the rest only reaches bits 64..127
  return (__int128)(((uint128_t)high << 64) | low);
}

size_t strlen(const char *text) {
  size_t length = 0;
  while (text[length]) length++;
  return length;
}
