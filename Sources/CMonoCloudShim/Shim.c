// The C library calls of CMonoCloudShim.h. Built by SwiftPM (glibc) and by
// Scripts/build-static.sh (musl, with MONOCLOUD_STATIC_ENTRY, which adds the process entry
// point and the runtime hooks that Embedded Swift needs).
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "CMonoCloudShim.h"

int monocloud_open_read(const char *path) {
  int descriptor;
  do {
    descriptor = open(path, O_RDONLY | O_CLOEXEC);
  } while (descriptor < 0 && errno == EINTR);
  return descriptor;
}

long monocloud_read(int descriptor, void *buffer, unsigned long count) {
  ssize_t result;
  do {
    result = read(descriptor, buffer, count);
  } while (result < 0 && errno == EINTR);
  return (long)result;
}

long monocloud_write(int descriptor, const void *buffer, unsigned long count) {
  ssize_t result;
  do {
    result = write(descriptor, buffer, count);
  } while (result < 0 && errno == EINTR);
  return result > 0 ? (long)result : -1;
}

void monocloud_close(int descriptor) { (void)close(descriptor); }

long long monocloud_unix_seconds(void) {
  struct timespec now = {0, 0};
  (void)clock_gettime(CLOCK_REALTIME, &now);
  return (long long)now.tv_sec;
}

const char *monocloud_getenv(const char *name) { return getenv(name); }

_Noreturn void monocloud_exit(int status) { exit(status); }

static int argument_count;
static char **arguments;

int monocloud_argument_count(void) { return argument_count; }

const char *monocloud_argument(int index) {
  return index >= 0 && index < argument_count ? arguments[index] : NULL;
}

#ifdef MONOCLOUD_STATIC_ENTRY
#include <stddef.h>
#include <stdio.h>
#include <sys/random.h>

// The Swift top-level code of main.swift, renamed by the build (-entry-point-function-name)
// so that this C entry point can keep the command line: Embedded Swift has no CommandLine.
int monocloud_swift_main(int argc, char **argv);

int main(int argc, char **argv) {
  argument_count = argc;
  arguments = argv;
  return monocloud_swift_main(argc, argv);
}

// The stdlib's readLine() calls this runtime function (the Swift runtime implements it with
// getline; Embedded Swift leaves it to the platform). The caller frees the line.
ptrdiff_t swift_stdlib_readLine_stdin(char **line) {
  size_t capacity = 0;
  *line = NULL;
  ssize_t count = getline(line, &capacity, stdin);
  return count < 0 ? 0 : (ptrdiff_t)count;
}

// Embedded Swift seeds its hashing (and SystemRandomNumberGenerator) with arc4random_buf,
// which musl lacks: the kernel's getrandom(2) fills it (no /dev/urandom, so an empty root
// works). Without randomness the process stops rather than run with predictable seeds.
void arc4random_buf(void *buffer, size_t count) {
  unsigned char *bytes = buffer;
  while (count > 0) {
    ssize_t filled = getrandom(bytes, count, 0);
    if (filled < 0) {
      if (errno == EINTR) continue;
      abort();
    }
    bytes += filled;
    count -= (size_t)filled;
  }
}
#endif
