// The few C library calls of the command-line front end, behind plain C signatures.
//
// Why a shim: the fully static offline validator is Embedded Swift, which cannot import
// Glibc (nor call the variadic open(2)); the normal build uses the same functions, so both
// builds run one code path. This header includes no system header on purpose, so that it
// imports the same way for every target (Linux glibc, musl, bare-metal triples).
#ifndef CMONOCLOUD_SHIM_H
#define CMONOCLOUD_SHIM_H

#ifdef __cplusplus
extern "C" {
#endif

/// Opens `path` read-only (close-on-exec); the descriptor, or -1.
int monocloud_open_read(const char *path);

/// read(2) that retries after signals: the byte count, 0 at the end, -1 on an error.
long monocloud_read(int descriptor, void *buffer, unsigned long count);

/// write(2) that retries after signals: the byte count (> 0), or -1 when nothing more can be
/// written (a closed pipe, a full disk).
long monocloud_write(int descriptor, const void *buffer, unsigned long count);

/// close(2), its result ignored (the descriptors are read-only).
void monocloud_close(int descriptor);

/// The system clock (CLOCK_REALTIME) in whole Unix seconds.
long long monocloud_unix_seconds(void);

/// getenv(3): the variable's value, or NULL.
const char *monocloud_getenv(const char *name);

/// exit(3).
_Noreturn void monocloud_exit(int status);

/// The command line of the fully static build (set by its C `main`); 0 and NULL elsewhere.
int monocloud_argument_count(void);
const char *monocloud_argument(int index);

#ifdef __cplusplus
}
#endif

#endif
