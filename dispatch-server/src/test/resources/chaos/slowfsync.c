/*
 * A slow disk for chaos/SlowDiskTest: preloaded into a server process (LD_PRELOAD), every fsync and
 * fdatasync waits SLOW_FSYNC_MS milliseconds (default 50) before it syncs, as on a disk whose
 * flushes are slow. SQLite in WAL mode with synchronous=FULL syncs on every commit.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
static void pause_(void) {
  const char *ms = getenv("SLOW_FSYNC_MS");
  long n = ms ? atol(ms) : 50;
  struct timespec t = { n / 1000, (n % 1000) * 1000000L };
  nanosleep(&t, NULL);
}
int fsync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int)) dlsym(RTLD_NEXT, "fsync");
  pause_();
  return real(fd);
}
int fdatasync(int fd) {
  static int (*real)(int);
  if (!real) real = (int (*)(int)) dlsym(RTLD_NEXT, "fdatasync");
  pause_();
  return real(fd);
}
